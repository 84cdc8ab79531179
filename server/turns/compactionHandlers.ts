// thread/compact/start: compaction as a turn of its own (turn/started, a contextCompaction item,
// thread/compacted, turn/completed). The request answers {} at once; the work streams.
import type { HandlerMap } from '../rpc/methodRouter';
import { invalidRequest } from '../rpc/rpcError';
import type { ThreadManager } from '../threads/threadManager';
import { compactThread, DEFAULT_COMPACT_CONFIG } from './compaction';
import { startTaskTurn, type TurnDeps } from './turnRunner';

export function compactionHandlers(threads: ThreadManager, deps: TurnDeps) {
  return {
    'thread/compact/start': (params) => {
      const thread = threads.require(params.threadId);
      if (thread.active) throw invalidRequest(`a turn is already running on thread ${thread.id} (turn ${thread.active.turn.id}); wait for it or interrupt it`);
      startTaskTurn(thread, deps, 'compact', async (turn, signal) => {
        const client = deps.createClient(thread);
        await compactThread(thread, turn, client, signal, deps.notify, deps.compactConfig?.(thread) ?? DEFAULT_COMPACT_CONFIG);
      });
      return {};
    },
  } satisfies Partial<HandlerMap>;
}
