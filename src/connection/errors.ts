// Errors the connection rejects requests with, all RpcErrors (jsonrpc/'s one class): the server's
// own JSON-RPC error (what the bridge passes on to the webview), the connection's own (timeout,
// server gone, not running), and withTimeout() that makes the timeout errors.
import { RpcError, RpcErrorCode } from '@jsonrpc';

export { RpcError, RpcErrorCode } from '@jsonrpc';

/** The connection's own codes (the extension's names for the shared ones of jsonrpc/). */
export const ConnectionErrorCode = {
  /** The request got no answer within its timeout. */
  Timeout: RpcErrorCode.Timeout,
  /** The server exited or was restarted while the request was in flight. */
  ServerGone: RpcErrorCode.ConnectionClosed,
  /** The server is not running (failed, stopped or disposed). */
  NotRunning: RpcErrorCode.NotRunning,
} as const;

export function timeoutError(method: string, timeoutMs: number): RpcError {
  return new RpcError(
    ConnectionErrorCode.Timeout,
    `The Codex server did not answer "${method}" within ${Math.round(timeoutMs / 1000)} s`,
  );
}

export function serverGoneError(method: string, reason: string): RpcError {
  return new RpcError(
    ConnectionErrorCode.ServerGone,
    `The Codex server stopped before answering "${method}" (${reason})`,
  );
}

export function notRunningError(method: string, reason: string): RpcError {
  return new RpcError(ConnectionErrorCode.NotRunning, `Cannot send "${method}": ${reason}`);
}

/** `promise`, or the error `onTimeout()` makes when it has not settled within `timeoutMs`. */
export function withTimeout<T>(promise: Promise<T>, timeoutMs: number, onTimeout: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(onTimeout()), timeoutMs);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error)),
    );
  });
}
