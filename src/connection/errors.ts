// Errors the connection rejects requests with: the server's own JSON-RPC error (ServerRequestError,
// what the bridge passes on to the webview), the connection's own (timeout, server gone, not running),
// and withTimeout() that makes the timeout errors.

/** A JSON-RPC error: either the server's reply, or one of the connection's own (negative codes below). */
export class ServerRequestError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
    this.name = 'ServerRequestError';
  }
}

/** Connection-side error codes (in the JSON-RPC "server error" range, distinct from the server's). */
export const ConnectionErrorCode = {
  /** The request got no answer within its timeout. */
  Timeout: -32050,
  /** The server exited or was restarted while the request was in flight. */
  ServerGone: -32051,
  /** The server is not running (failed, stopped or disposed). */
  NotRunning: -32052,
} as const;

export function timeoutError(method: string, timeoutMs: number): ServerRequestError {
  return new ServerRequestError(
    ConnectionErrorCode.Timeout,
    `The Codex server did not answer "${method}" within ${Math.round(timeoutMs / 1000)} s`,
  );
}

export function serverGoneError(method: string, reason: string): ServerRequestError {
  return new ServerRequestError(
    ConnectionErrorCode.ServerGone,
    `The Codex server stopped before answering "${method}" (${reason})`,
  );
}

export function notRunningError(method: string, reason: string): ServerRequestError {
  return new ServerRequestError(ConnectionErrorCode.NotRunning, `Cannot send "${method}": ${reason}`);
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
