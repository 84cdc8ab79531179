// thread/* methods: start, resume, fork, read, list, loaded/list, turns/list, archive, unarchive,
// unsubscribe, name/set, rollback, goal/set|get|clear.
import type { ClientRequestResults } from '../protocol/clientRequests';
import type { ThreadSessionResult } from '../protocol/threadMethods';
import type { ThreadGoal } from '../protocol/thread';
import { CancellationToken } from 'vscode-jsonrpc/node';
import type { HandlerMap, MethodRouter } from '../rpc/methodRouter';
import { invalidRequest } from '../rpc/rpcError';
import type { EffectiveSettings } from '../config/effectiveConfig';
import type { ThreadConfigContext } from '../config/configService';
import { InvalidCursorError, ThreadNotFoundError, type ThreadStore } from './store';
import type { LoadedThread } from './loadedThread';
import type { Notify } from '../protocol/senders';
import { summaryToThread } from './loadedThread';
import { checkThreadId, type ThreadManager } from './threadManager';
import { resolveThreadSettings, type SettingsRequest, type ThreadSettings } from './threadSettings';

export interface ThreadHandlerDeps {
  readonly threads: ThreadManager;
  readonly store: ThreadStore;
  readonly notify: Notify;
  /** Effective config for a request: files for its cwd, its `config` map, fields and previous settings. */
  readonly settingsFor: (overrides: Record<string, unknown> | null | undefined, context?: ThreadConfigContext) => EffectiveSettings;
  /** Runs when a thread is started, resumed or forked (starts its MCP servers); a rejection fails the request. */
  readonly onThreadLoaded?: (thread: LoadedThread) => Promise<void>;
}

function sessionResult(thread: LoadedThread, includeTurns: boolean): ThreadSessionResult {
  const s = thread.settings;
  return {
    thread: thread.toThread(includeTurns),
    model: s.model,
    modelProvider: s.modelProvider,
    serviceTier: null,
    disabledPluginIds: [],
    cwd: s.cwd,
    instructionSources: [],
    approvalPolicy: s.approvalPolicy,
    approvalsReviewer: 'user',
    sandbox: s.sandbox,
    reasoningEffort: s.reasoningEffort,
  };
}

function pageOf<T>(items: readonly T[], cursor: string | null | undefined, limit: number): { data: T[]; nextCursor: string | null } {
  const start = cursor ? Number.parseInt(cursor, 10) : 0;
  if (!Number.isSafeInteger(start) || start < 0) throw invalidRequest(`invalid cursor: ${cursor}`);
  const data = items.slice(start, start + limit);
  return { data, nextCursor: start + limit < items.length ? String(start + limit) : null };
}

export function threadHandlers(deps: ThreadHandlerDeps) {
  const { threads, notify } = deps;
  const settingsFrom = (params: SettingsRequest & { config?: Record<string, unknown> | null }, previous?: Partial<ThreadSettings>): ThreadSettings =>
    resolveThreadSettings(deps.settingsFor(params.config, { cwd: params.cwd ?? previous?.cwd ?? null, request: params, ...(previous ? { previous } : {}) }), params, previous);

  const move = async (threadId: string, archive: boolean): Promise<void> => {
    const id = checkThreadId(threadId);
    try {
      const moved = await (archive ? deps.store.archiveThread(id) : deps.store.unarchiveThread(id));
      // A loaded thread keeps running; its listing must show where its rollout now is.
      const loaded = threads.get(id);
      if (loaded) Object.assign(loaded.summary, { path: moved.path, archived: moved.archived });
    } catch (error) {
      if (error instanceof ThreadNotFoundError) throw invalidRequest(`no rollout found for thread id ${threadId}`);
      throw error;
    }
  };

  return {
    'thread/start': async (params) => {
      const request = params ?? {};
      const thread = await threads.create(settingsFrom(request), request.ephemeral ?? false);
      await deps.onThreadLoaded?.(thread);
      setImmediate(() => notify('thread/started', { thread: thread.toThread(false) }));
      return sessionResult(thread, false);
    },

    'thread/resume': async (params) => {
      const { thread } = await threads.resume(params.threadId, (previous) => settingsFrom(params, previous));
      await deps.onThreadLoaded?.(thread);
      // As in the reference: thread/status/changed (notLoaded → idle) comes before the result.
      thread.setStatus(thread.active ? thread.status : { type: 'idle' });
      setImmediate(() => {
        if (thread.tokenUsage) notify('thread/tokenUsage/updated', { threadId: thread.id, turnId: thread.turns.at(-1)?.id ?? '', tokenUsage: thread.tokenUsage });
      });
      return { ...sessionResult(thread, !params.excludeTurns), collaborationMode: null, turnsBackwardsCursor: null, itemsBackwardsCursor: null };
    },

    'thread/fork': async (params) => {
      const thread = await threads.fork(params.threadId, (previous) => settingsFrom(params, previous));
      await deps.onThreadLoaded?.(thread);
      setImmediate(() => notify('thread/started', { thread: thread.toThread(false) }));
      return sessionResult(thread, !params.excludeTurns);
    },

    'thread/read': async (params) => ({ thread: await threads.read(params.threadId, params.includeTurns ?? false) }),

    'thread/list': async (params) => {
      const query = params ?? {};
      try {
        const page = await deps.store.listThreads({ ...query, sortKey: query.sortKey === 'recency_at' ? 'updated_at' : query.sortKey });
        return {
          data: page.data.map((summary) => {
            const loaded = threads.get(summary.id);
            return loaded ? loaded.toThread(false) : summaryToThread(summary, { type: 'notLoaded' }, []);
          }),
          nextCursor: page.nextCursor,
          backwardsCursor: page.backwardsCursor,
        };
      } catch (error) {
        if (error instanceof InvalidCursorError) throw invalidRequest(error.message);
        throw error;
      }
    },

    'thread/loaded/list': (params) => pageOf([...threads.loaded.keys()], params?.cursor, params?.limit ?? 100),

    'thread/turns/list': async (params) => {
      const id = checkThreadId(params.threadId);
      const turns = threads.get(id)?.turns ?? (await threads.replayStored(id, params.threadId)).turns;
      const ordered = params.sortDirection === 'asc' ? turns : [...turns].reverse();
      const page = pageOf(ordered, params.cursor, params.limit ?? 25);
      return { ...page, backwardsCursor: null };
    },
    'thread/archive': async (params) => {
      await move(params.threadId, true);
      setImmediate(() => notify('thread/archived', { threadId: checkThreadId(params.threadId) }));
      return {};
    },
    'thread/unarchive': async (params) => {
      await move(params.threadId, false);
      setImmediate(() => notify('thread/unarchived', { threadId: checkThreadId(params.threadId) }));
      return { thread: await threads.read(params.threadId, false) };
    },

    'thread/unsubscribe': (params): ClientRequestResults['thread/unsubscribe'] => {
      const thread = threads.get(checkThreadId(params.threadId));
      if (!thread) return { status: 'notLoaded' };
      if (!thread.subscribed) return { status: 'notSubscribed' };
      thread.subscribed = false;
      threads.scheduleUnload(thread);
      return { status: 'unsubscribed' };
    },

    'thread/name/set': (params) => {
      const thread = threads.require(params.threadId);
      const name = params.name.trim();
      thread.record({ type: 'thread_name_updated', name });
      thread.summary.name = name || null;
      setImmediate(() => notify('thread/name/updated', name ? { threadId: thread.id, threadName: name } : { threadId: thread.id }));
      return {};
    },

    'thread/rollback': (params) => {
      const thread = threads.require(params.threadId);
      if (thread.active) throw invalidRequest('cannot roll back while a turn is running; interrupt it first');
      if (params.numTurns > thread.turns.length) throw invalidRequest(`cannot roll back ${params.numTurns} turns: the thread has ${thread.turns.length}`);
      const dropped = new Set(thread.turns.splice(thread.turns.length - params.numTurns).map((turn) => turn.id));
      thread.history = thread.history.filter((entry) => entry.turnId === null || !dropped.has(entry.turnId));
      thread.record({ type: 'thread_rolled_back', num_turns: params.numTurns });
      return { thread: thread.toThread(true) };
    },

    'thread/goal/get': (params) => ({ goal: threads.require(params.threadId).goal }),
    'thread/goal/set': (params) => {
      const thread = threads.require(params.threadId);
      const now = Math.floor(Date.now() / 1000);
      const previous = thread.goal;
      const objective = params.objective ?? previous?.objective;
      if (!objective) throw invalidRequest('a goal needs an objective');
      const goal: ThreadGoal = {
        threadId: thread.id,
        objective,
        status: params.status ?? previous?.status ?? 'active',
        tokenBudget: params.tokenBudget !== undefined ? params.tokenBudget : (previous?.tokenBudget ?? null),
        tokensUsed: previous?.tokensUsed ?? 0,
        timeUsedSeconds: previous?.timeUsedSeconds ?? 0,
        createdAt: previous?.createdAt ?? now,
        updatedAt: now,
      };
      thread.goal = goal;
      thread.record({ type: 'goal_updated', goal });
      setImmediate(() => notify('thread/goal/updated', { threadId: thread.id, turnId: thread.active?.turn.id ?? null, goal }));
      return { goal };
    },
    'thread/goal/clear': (params) => {
      const thread = threads.require(params.threadId);
      const cleared = thread.goal !== null;
      if (cleared) {
        thread.goal = null;
        thread.record({ type: 'goal_cleared' });
        setImmediate(() => notify('thread/goal/cleared', { threadId: thread.id }));
      }
      return { cleared };
    },
  } satisfies Partial<HandlerMap>;
}

/**
 * thread/list through the router as a client request would go (params validation, the index query,
 * the Thread mapping, the JSON text), for idle time after initialize: the first pages a client asks
 * for then find that code compiled, zod's fast path for the params built and the index warm.
 */
export async function warmThreadList(router: MethodRouter): Promise<void> {
  const ctx = { method: 'thread/list', token: CancellationToken.None, experimentalApi: false };
  const first = (await router.dispatch('thread/list', { limit: 25 }, ctx)) as { nextCursor: string | null };
  JSON.stringify(first);
  if (first.nextCursor !== null) JSON.stringify(await router.dispatch('thread/list', { limit: 25, cursor: first.nextCursor }, ctx));
  JSON.stringify(await router.dispatch('thread/list', { limit: 50, sortKey: 'updated_at', cursor: null }, ctx));
}
