// The bridge's protocol passthrough: a webview's `rpc/request` becomes a server request (every
// client method except `initialize`, which only the connection sends), `turn/start` gets the IDE
// context block when auto context is on, and the answer or the error goes back as `rpc/response`.
import type { HostToWebviewMessage } from '../../bridge/messages';
import { RpcError, type ServerConnection } from '../connection';

/** Methods the host never passes through. */
const FORBIDDEN_METHODS: ReadonlySet<string> = new Set(['initialize']);

/** JSON-RPC "method not found" / "invalid request". */
const METHOD_NOT_FOUND = -32601;
const INTERNAL_ERROR = -32603;

/** Adds to `turn/start` params (the IDE context block); returns them unchanged when it has nothing. */
export type TurnStartAugmenter = (params: unknown) => Promise<unknown>;

export type RpcResponse = Extract<HostToWebviewMessage, { type: 'rpc/response' }>;

export interface RpcRequest {
  readonly requestId: number;
  readonly method: string;
  readonly params: unknown;
}

export async function answerRpc(
  connection: ServerConnection,
  request: RpcRequest,
  augmentTurnStart: TurnStartAugmenter,
): Promise<RpcResponse> {
  const { requestId, method } = request;
  if (FORBIDDEN_METHODS.has(method)) {
    return { type: 'rpc/response', requestId, ok: false, error: { code: METHOD_NOT_FOUND, message: `${method} is not available to the chat` } };
  }
  try {
    const params = method === 'turn/start' ? await augmentTurnStart(request.params) : request.params;
    const result = await connection.requestUnchecked(method, params);
    return { type: 'rpc/response', requestId, ok: true, result };
  } catch (error) {
    if (error instanceof RpcError) {
      return { type: 'rpc/response', requestId, ok: false, error: { code: error.code, message: error.message } };
    }
    const message = error instanceof Error ? error.message : String(error);
    return { type: 'rpc/response', requestId, ok: false, error: { code: INTERNAL_ERROR, message } };
  }
}
