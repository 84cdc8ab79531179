// Typed dispatch of client requests: validates params against the protocol table, then calls the
// handler registered for the method. Knows nothing about threads, models or tools.
import type { CancellationToken } from 'vscode-jsonrpc/node';
import {
  clientRequests,
  isClientRequestMethod,
  type ClientRequestMethod,
  type ClientRequestParams,
  type ClientRequestResult,
} from '../protocol/clientRequests';
import { JsonRpcErrorCode } from '../protocol/jsonrpc';
import { invalidParams, RpcError } from './rpcError';

export interface RequestContext {
  readonly method: string;
  readonly token: CancellationToken;
}

export type RequestHandler<M extends ClientRequestMethod> = (
  params: ClientRequestParams<M>,
  ctx: RequestContext,
) => ClientRequestResult<M> | Promise<ClientRequestResult<M>>;

type AnyHandler = (params: unknown, ctx: RequestContext) => unknown;

export class MethodRouter {
  private readonly handlers = new Map<ClientRequestMethod, AnyHandler>();

  on<M extends ClientRequestMethod>(method: M, handler: RequestHandler<M>): this {
    if (this.handlers.has(method)) throw new Error(`handler for ${method} registered twice`);
    this.handlers.set(method, handler as AnyHandler);
    return this;
  }

  has(method: string): boolean {
    return isClientRequestMethod(method) && this.handlers.has(method);
  }

  /** Validates and dispatches; throws RpcError for unknown methods and bad params. */
  async dispatch(method: string, rawParams: unknown, ctx: RequestContext): Promise<unknown> {
    const handler = isClientRequestMethod(method) ? this.handlers.get(method) : undefined;
    if (!isClientRequestMethod(method) || handler === undefined) {
      throw new RpcError(JsonRpcErrorCode.MethodNotFound, `Method not found: ${method}`);
    }
    const parsed = clientRequests[method].params.safeParse(rawParams);
    if (!parsed.success) throw invalidParams(parsed.error);
    return await handler(parsed.data, ctx);
  }
}
