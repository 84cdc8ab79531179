// The one error class of JSON-RPC failures, on both ends: a peer's error reply (its code, message
// and data), the errors a connection makes itself (timeout, closed, protocol violation), and what a
// handler throws to answer with a specific error. Extends vscode-jsonrpc's ResponseError, so a
// handler that throws one answers with exactly its code and message.
import { ResponseError } from 'vscode-jsonrpc/node';
import { JsonRpcErrorCode } from '@protocol/jsonrpc';

/** The standard codes, plus the ones a connection makes itself (in the implementation-defined range). */
export const RpcErrorCode = {
  ...JsonRpcErrorCode,
  /** The request got no answer within its timeout. */
  Timeout: -32050,
  /** The connection closed (the peer exited or was replaced) while the request was in flight. */
  ConnectionClosed: -32051,
  /** The peer cannot be reached: not started, failed, or given up on (a supervisor's, the extension's). */
  NotRunning: -32052,
  /** What the peer answered breaks the protocol table (names the method and the field). */
  ProtocolViolation: -32053,
} as const;

export class RpcError extends ResponseError<unknown> {
  constructor(code: number, message: string, data?: unknown) {
    super(code, message, data);
    // ResponseError pins its own prototype; keep this class's (instanceof RpcError must hold).
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

/** Any rejection of vscode-jsonrpc as an RpcError (its ResponseErrors keep their code and data). */
export function asRpcError(error: unknown, method: string): RpcError {
  if (error instanceof RpcError) return error;
  if (error instanceof ResponseError) return new RpcError(error.code, error.message, error.data);
  const message = error instanceof Error ? error.message : String(error);
  return new RpcError(RpcErrorCode.InternalError, `"${method}" failed: ${message}`);
}
