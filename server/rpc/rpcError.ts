// Errors a handler can throw to answer a request with a specific JSON-RPC error.
import { ResponseError } from 'vscode-jsonrpc/node';
import type { ZodError } from 'zod';
import { JsonRpcErrorCode } from '../protocol/jsonrpc';

export class RpcError extends ResponseError<undefined> {
  constructor(code: number, message: string) {
    super(code, message);
  }
}

/** A request that is well-formed but not acceptable in the current state (unknown thread, …). */
export function invalidRequest(message: string): RpcError {
  return new RpcError(JsonRpcErrorCode.InvalidRequest, message);
}

/** "Invalid params: threadId: expected string, received number" — names every offending field. */
export function invalidParams(error: ZodError): RpcError {
  const details = error.issues
    .slice(0, 5)
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
  return new RpcError(JsonRpcErrorCode.InvalidParams, `Invalid params: ${details}`);
}
