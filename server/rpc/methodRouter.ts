// Typed dispatch of client requests: one handler per method of the protocol table (the compiler
// checks the map is complete), the experimental gate, params validation, then the handler. Knows
// nothing about threads, models or tools.
import type { CancellationToken } from 'vscode-jsonrpc/node';
import { clientRequests, isClientRequestMethod, type ClientRequestMethod, type ClientRequestParams, type ClientRequestResult } from '../protocol/clientRequests';
import { JsonRpcErrorCode } from '../protocol/jsonrpc';
import { invalidParams, invalidRequest, RpcError } from './rpcError';

export interface RequestContext {
  readonly method: string;
  readonly token: CancellationToken;
  /** Whether the client opted in to experimental methods (`capabilities.experimentalApi`). */
  readonly experimentalApi: boolean;
}

export type RequestHandler<M extends ClientRequestMethod> = (
  params: ClientRequestParams<M>,
  ctx: RequestContext,
) => ClientRequestResult<M> | Promise<ClientRequestResult<M>>;

/**
 * One handler per method of the table. Each area exports its part `satisfies Partial<HandlerMap>`
 * (a handler for a method the table lacks does not compile) and the assembled map `satisfies
 * HandlerMap` (a method without a handler does not compile).
 */
export type HandlerMap = { readonly [M in ClientRequestMethod]: RequestHandler<M> };

/** Joins the areas' handlers; two areas answering the same method is a wiring bug, found at start. */
export function mergeHandlers<const P extends readonly Partial<HandlerMap>[]>(...parts: P): UnionToIntersection<P[number]> {
  const merged: Record<string, unknown> = {};
  for (const part of parts) {
    for (const [method, handler] of Object.entries(part)) {
      if (method in merged) throw new Error(`two handlers for ${method}`);
      merged[method] = handler;
    }
  }
  return merged as UnionToIntersection<P[number]>;
}

type UnionToIntersection<U> = (U extends unknown ? (part: U) => void : never) extends (part: infer I) => void ? I : never;

type AnyHandler = (params: unknown, ctx: RequestContext) => unknown;

export class MethodRouter {
  private handlers: ReadonlyMap<string, AnyHandler> = new Map();

  /**
   * Serves every method of the table (once; the connection holds the router before the services
   * behind the handlers exist, and reads no request before the server has called this).
   */
  serve(handlers: HandlerMap): void {
    if (this.handlers.size > 0) throw new Error('the router already serves its handlers');
    this.handlers = new Map(Object.entries(handlers as Record<ClientRequestMethod, AnyHandler>));
  }

  /** The methods this router serves. */
  methods(): string[] {
    return [...this.handlers.keys()];
  }

  /** Validates and dispatches; throws RpcError for unknown or gated methods and bad params. */
  async dispatch(method: string, rawParams: unknown, ctx: RequestContext): Promise<unknown> {
    const handler = isClientRequestMethod(method) ? this.handlers.get(method) : undefined;
    if (!isClientRequestMethod(method) || handler === undefined) {
      throw new RpcError(JsonRpcErrorCode.MethodNotFound, `Method not found: ${method}`);
    }
    const entry = clientRequests[method];
    // As Codex: an experimental method is refused (before its params are looked at) unless opted in.
    if (entry.experimental && !ctx.experimentalApi) throw invalidRequest(`${method} requires experimentalApi capability`);
    const parsed = entry.params.safeParse(rawParams);
    if (!parsed.success) throw invalidParams(parsed.error);
    return await handler(parsed.data, ctx);
  }
}
