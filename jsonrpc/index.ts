// The one JSON-RPC connection of Codex TS to an app-server: JSONL framing (framing.ts, also the
// server's), transports (stdio, in-process), the typed client validating what it receives, and
// the one error class. Imports only vscode-jsonrpc, zod, node built-ins and the protocol tables.
export { AppServerConnection, connectAppServer, describeProblem } from './client';
export type { ClientOptions, OtherServerRequest, ReceivedProblem, RequestId, RequestOptions, ServerRequestHandler, TraceLevel } from './client';
export { RpcError, RpcErrorCode, asRpcError } from './errors';
export { inProcessTransport, stdioTransport, streamTransport } from './transport';
export type { InvalidInput, MessageTransport, ServerStreams } from './transport';
export type { TapDirection, TapEvent, TapListener } from './tap';
export { describeIssues } from './validation';
