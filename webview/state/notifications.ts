// Applies one server notification to the store: lifecycle (turn/item started and completed —
// `item/completed` is authoritative), deltas in place (agent text, reasoning summary and text,
// command output with a cap, MCP progress), and the thread, account and session facts. Every
// method of the protocol's ServerNotification union is handled; unknown ones are ignored.
import type { ServerNotification, ThreadItem, Turn } from '@protocol';
import type { WebviewStore } from './store';
import { OUTPUT_CAP_CHARS } from './store';
import type { ItemView } from './types';

export function applyNotification(store: WebviewStore, notification: ServerNotification): void {
  switch (notification.method) {
    case 'error': {
      const { threadId, turnId, error, willRetry } = notification.params;
      const turn = store.ensureTurn(threadId, turnId);
      const errors = [...turn.errors, { error, willRetry, seq: turn.errors.length }];
      store.updateTurn(threadId, turnId, willRetry ? { errors } : { errors, error });
      return;
    }
    case 'warning':
      store.addNotice({ kind: 'warning', threadId: notification.params.threadId, summary: notification.params.message, details: null, path: null });
      return;
    case 'deprecationNotice':
      store.addNotice({ kind: 'deprecation', threadId: null, summary: notification.params.summary, details: notification.params.details, path: null });
      return;
    case 'configWarning':
      store.addNotice({
        kind: 'config',
        threadId: null,
        summary: notification.params.summary,
        details: notification.params.details,
        path: notification.params.path ?? null,
      });
      return;
    case 'thread/started': {
      const { turns, ...meta } = notification.params.thread;
      store.updateThread(meta.id, { meta, status: meta.status, name: meta.name, closed: false });
      for (const turn of turns) upsertTurn(store, meta.id, turn);
      return;
    }
    case 'thread/status/changed':
      store.updateThread(notification.params.threadId, { status: notification.params.status });
      return;
    case 'thread/readState/changed':
      store.updateThread(notification.params.threadId, { readState: notification.params.readState });
      return;
    case 'thread/archived':
      store.updateThread(notification.params.threadId, { archived: true });
      return;
    case 'thread/unarchived':
      store.updateThread(notification.params.threadId, { archived: false });
      return;
    case 'thread/closed':
      store.updateThread(notification.params.threadId, { closed: true, status: { type: 'notLoaded' } });
      return;
    case 'thread/name/updated':
      store.updateThread(notification.params.threadId, { name: notification.params.threadName ?? null });
      return;
    case 'thread/goal/updated':
      store.updateThread(notification.params.threadId, { goal: notification.params.goal });
      return;
    case 'thread/goal/cleared':
      store.updateThread(notification.params.threadId, { goal: null });
      return;
    case 'thread/compacted':
      store.updateTurn(notification.params.threadId, notification.params.turnId, { compacted: true });
      return;
    case 'thread/tokenUsage/updated':
      store.updateThread(notification.params.threadId, { tokenUsage: notification.params.tokenUsage });
      return;
    case 'turn/started':
    case 'turn/completed':
      upsertTurn(store, notification.params.threadId, notification.params.turn);
      return;
    case 'turn/diff/updated':
      store.updateTurn(notification.params.threadId, notification.params.turnId, { diff: notification.params.diff });
      return;
    case 'turn/plan/updated':
      store.updateTurn(notification.params.threadId, notification.params.turnId, {
        plan: { explanation: notification.params.explanation, steps: notification.params.plan },
      });
      return;
    case 'item/started': {
      const { threadId, turnId, item, startedAtMs } = notification.params;
      const existing = store.item(threadId, item.id);
      // A late item/started must not undo a completion that already arrived.
      if (existing && isFinished(existing.item)) return;
      store.putItem(threadId, turnId, { ...item, startedAtMs: item.startedAtMs ?? startedAtMs });
      return;
    }
    case 'item/completed': {
      const { threadId, turnId, item, completedAtMs } = notification.params;
      const started = store.item(threadId, item.id)?.item.startedAtMs ?? null;
      store.putItem(threadId, turnId, {
        ...item,
        startedAtMs: item.startedAtMs ?? started,
        completedAtMs: item.completedAtMs ?? completedAtMs,
      });
      return;
    }
    case 'item/agentMessage/delta': {
      const { threadId, turnId, itemId, delta } = notification.params;
      ensureItem(store, threadId, turnId, itemId, () => ({
        type: 'agentMessage',
        id: itemId,
        text: '',
        phase: null,
        moderation: null,
        memoryCitation: null,
        delivery: null,
        questions: null,
      }));
      store.updateItem(threadId, itemId, (view) =>
        view.item.type === 'agentMessage' ? { ...view, item: { ...view.item, text: view.item.text + delta } } : view,
      );
      return;
    }
    case 'item/reasoning/summaryTextDelta':
    case 'item/reasoning/summaryPartAdded':
    case 'item/reasoning/textDelta': {
      const p = notification.params;
      ensureItem(store, p.threadId, p.turnId, p.itemId, () => ({ type: 'reasoning', id: p.itemId, summary: [], content: [] }));
      store.updateItem(p.threadId, p.itemId, (view) => {
        if (view.item.type !== 'reasoning') return view;
        const item = view.item;
        if (notification.method === 'item/reasoning/textDelta') {
          const n = notification.params;
          return { ...view, item: { ...item, content: appendAt(item.content, n.contentIndex, n.delta) } };
        }
        const delta = notification.method === 'item/reasoning/summaryTextDelta' ? notification.params.delta : '';
        return { ...view, item: { ...item, summary: appendAt(item.summary, notification.params.summaryIndex, delta) } };
      });
      return;
    }
    case 'item/commandExecution/outputDelta': {
      const { threadId, itemId, delta } = notification.params;
      store.updateItem(threadId, itemId, (view) => appendOutput(view, delta));
      return;
    }
    case 'item/commandExecution/terminalInteraction': {
      const { threadId, itemId, stdin } = notification.params;
      store.updateItem(threadId, itemId, (view) => ({ ...view, stdin: [...view.stdin, stdin] }));
      return;
    }
    case 'item/mcpToolCall/progress': {
      const { threadId, itemId, message } = notification.params;
      store.updateItem(threadId, itemId, (view) => ({ ...view, progress: [...view.progress, message] }));
      return;
    }
    case 'serverRequest/resolved':
      store.removeServerRequest(notification.params.requestId);
      return;
    case 'account/rateLimits/updated':
      store.setRateLimits(notification.params.rateLimits);
      return;
    case 'account/updated':
      store.setAccount(notification.params);
      return;
    case 'account/login/completed':
      store.setLastLogin(notification.params);
      return;
    case 'fuzzyFileSearch/sessionUpdated': {
      const { sessionId, query, files } = notification.params;
      store.setFuzzySearch({ sessionId, query, files, completed: false });
      return;
    }
    case 'fuzzyFileSearch/sessionCompleted': {
      const previous = store.fuzzySearch(notification.params.sessionId);
      store.setFuzzySearch({
        sessionId: notification.params.sessionId,
        query: previous?.query ?? '',
        files: previous?.files ?? [],
        completed: true,
      });
      return;
    }
    case 'windowsSandbox/setupCompleted':
      store.setWindowsSandbox(notification.params);
      return;
    case 'mcpServer/startupStatus/updated': {
      const { name, ...status } = notification.params;
      store.setMcpServer(name, status);
      return;
    }
    default:
      applyOtherNotification(store, notification as { method: string; params: unknown });
  }
}

/**
 * Methods added to the protocol after this reducer was written, read by name and shape (so a new
 * protocol method never breaks this file's build); anything else (a newer server) is ignored.
 */
function applyOtherNotification(store: WebviewStore, notification: { method: string; params: unknown }): void {
  const params = (typeof notification.params === 'object' && notification.params !== null ? notification.params : {}) as Record<string, unknown>;
  if (notification.method === 'mcpServer/oauthLogin/completed' && typeof params.name === 'string') {
    store.setMcpLogin(params.name, {
      success: params.success === true,
      error: typeof params.error === 'string' ? params.error : null,
      loginId: typeof params.loginId === 'string' ? params.loginId : null,
    });
  }
}

/** Applies a turn from turn/started, turn/completed or thread/started: status, times and its items. */
export function upsertTurn(store: WebviewStore, threadId: string, turn: Turn): void {
  store.updateTurn(threadId, turn.id, {
    status: turn.status,
    error: turn.error,
    startedAt: turn.startedAt,
    completedAt: turn.completedAt,
    durationMs: turn.durationMs,
    itemsView: turn.itemsView,
  });
  for (const item of turn.items) {
    const existing = store.item(threadId, item.id);
    if (existing && isFinished(existing.item) && !isFinished(item)) continue;
    store.putItem(threadId, turn.id, item);
  }
}

/** Whether an item reached its end (completed, failed, declined, or a kind that never streams). */
export function isFinished(item: ThreadItem): boolean {
  if (item.completedAtMs !== undefined && item.completedAtMs !== null) return true;
  switch (item.type) {
    case 'commandExecution':
    case 'fileChange':
    case 'mcpToolCall':
      return item.status !== 'inProgress';
    default:
      return false;
  }
}

function ensureItem(store: WebviewStore, threadId: string, turnId: string, itemId: string, create: () => ThreadItem): void {
  if (!store.item(threadId, itemId)) store.putItem(threadId, turnId, create());
}

function appendAt(parts: readonly string[], index: number, delta: string): string[] {
  const next = [...parts];
  while (next.length <= index) next.push('');
  next[index] = (next[index] ?? '') + delta;
  return next;
}

function appendOutput(view: ItemView, delta: string): ItemView {
  if (view.item.type !== 'commandExecution') return view;
  let output = (view.item.aggregatedOutput ?? '') + delta;
  let dropped = view.outputDroppedChars;
  if (output.length > OUTPUT_CAP_CHARS) {
    const cut = output.length - OUTPUT_CAP_CHARS;
    output = output.slice(cut);
    dropped += cut;
  }
  return { ...view, outputDroppedChars: dropped, item: { ...view.item, aggregatedOutput: output } };
}
