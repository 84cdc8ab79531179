// One round trip to the client for a running turn (an approval or a question): the thread shows
// the matching active flag while it is pending, the answer is validated with the method's result
// schema from the server-request table, `serverRequest/resolved` follows it, and an interrupted
// turn stops waiting at once (the request counts as resolved).
import type { ThreadActiveFlag } from '../../protocol/thread';
import type { Notify, ServerRequester } from '../../protocol/senders';
import { serverRequests, type ServerRequestMethod, type ServerRequestParams, type ServerRequestResult } from '../../protocol/serverRequests';
import type { Logger } from '../../util/log';

/** What a round trip needs of the tool context (the tools' ToolContext satisfies it). */
export interface ClientRequestContext {
  readonly thread: { readonly id: string; setWaiting(flag: ThreadActiveFlag, delta: 1 | -1): void };
  /** Aborted when the turn is interrupted. */
  readonly signal: AbortSignal;
  readonly request: ServerRequester;
  readonly notify: Notify;
  readonly log: Logger;
}

export type ClientAnswer<T> = { ok: true; value: T } | { ok: false; reason: 'aborted' | 'error'; message: string };

export async function askClient<M extends ServerRequestMethod>(
  ctx: ClientRequestContext,
  method: M,
  params: ServerRequestParams<M>,
  flag: ThreadActiveFlag,
): Promise<ClientAnswer<ServerRequestResult<M>>> {
  if (ctx.signal.aborted) return { ok: false, reason: 'aborted', message: 'the turn was interrupted' };
  ctx.thread.setWaiting(flag, 1);
  const { id, response } = ctx.request(method, params);
  let onAbort: () => void = () => undefined;
  const aborted = new Promise<{ kind: 'aborted' }>((resolve) => {
    onAbort = () => resolve({ kind: 'aborted' });
    ctx.signal.addEventListener('abort', onAbort, { once: true });
  });
  const answered = response.then(
    (value): { kind: 'value'; value: unknown } => ({ kind: 'value', value }),
    (error: unknown): { kind: 'error'; message: string } => ({ kind: 'error', message: error instanceof Error ? error.message : String(error) }),
  );
  try {
    const outcome = await Promise.race([answered, aborted]);
    if (outcome.kind === 'aborted') return { ok: false, reason: 'aborted', message: 'the turn was interrupted' };
    if (outcome.kind === 'error') {
      ctx.log.warn(`${method} request ${id} failed: ${outcome.message}`);
      return { ok: false, reason: 'error', message: outcome.message };
    }
    const parsed = serverRequests[method].result.safeParse(outcome.value);
    if (!parsed.success) {
      ctx.log.warn(`${method} request ${id}: unusable answer ${JSON.stringify(outcome.value)?.slice(0, 200)}`);
      return { ok: false, reason: 'error', message: 'the client sent an answer that does not fit the request' };
    }
    // The table's result schema of M: TypeScript cannot tie the indexed schema's output back to M.
    return { ok: true, value: parsed.data as ServerRequestResult<M> };
  } finally {
    ctx.signal.removeEventListener('abort', onAbort);
    ctx.notify('serverRequest/resolved', { threadId: ctx.thread.id, requestId: id });
    ctx.thread.setWaiting(flag, -1);
  }
}
