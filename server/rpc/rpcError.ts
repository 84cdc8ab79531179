// Errors a handler can throw to answer a request with a specific JSON-RPC error.
import { ResponseError } from 'vscode-jsonrpc/node';
import type { ZodError } from 'zod';
import { describeIssues } from '@jsonrpc/validation';
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

/** "Invalid params: threadId: expected string, received number" — names every offending field, worded as the
 * client side of the connection words what it receives (describeIssues). */
export function invalidParams(error: ZodError): RpcError {
  return new RpcError(JsonRpcErrorCode.InvalidParams, `Invalid params: ${describeIssues(error)}`);
}
