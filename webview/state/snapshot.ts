// Merges whole threads and pages of turns into the store: `thread/read` / `thread/resume` results,
// `thread/resynced` after a server restart, and older turns from `thread/turns/list`. A snapshot
// never loses what the webview already has: turns and items it does not mention stay in place,
// a finished item is not replaced by an unfinished copy, and a turn whose items were not loaded
// keeps its items.
import type { Thread, Turn } from '@protocol';
import { isFinished } from './notifications';
import type { WebviewStore } from './store';

export interface SnapshotOptions {
  /**
   * Paging of older turns: a `thread/turns/list` cursor, null when the snapshot holds the first
   * turn; leave undefined when the snapshot says nothing about paging (all turns, or unknown).
   */
  readonly olderTurnsCursor?: string | null;
}

export function applyThreadSnapshot(store: WebviewStore, thread: Thread, options: SnapshotOptions = {}): void {
  const { turns, ...meta } = thread;
  const existing = store.ensureThread(thread.id);
  const olderTurns =
    options.olderTurnsCursor === undefined
      ? existing.olderTurns.state === 'unknown'
        ? ({ state: 'done' } as const)
        : existing.olderTurns
      : options.olderTurnsCursor === null
        ? ({ state: 'done' } as const)
        : ({ state: 'idle', cursor: options.olderTurnsCursor } as const);
  store.updateThread(thread.id, {
    meta,
    status: meta.status,
    name: meta.name,
    olderTurns,
    turnIds: mergeOrder(existing.turnIds, turns.map((t) => t.id)),
  });
  for (const turn of turns) mergeTurn(store, thread.id, turn);
}

/**
 * Prepends a page of older turns (as `thread/turns/list` returns them: newest first). `cursor` is
 * the page's nextCursor: null when the thread's first turn is in it.
 */
export function applyOlderTurns(store: WebviewStore, threadId: string, page: readonly Turn[], cursor: string | null): void {
  const thread = store.ensureThread(threadId);
  const known = new Set(thread.turnIds);
  const older = [...page].reverse().filter((t) => !known.has(t.id));
  store.updateThread(threadId, {
    turnIds: [...older.map((t) => t.id), ...thread.turnIds],
    olderTurns: cursor === null ? { state: 'done' } : { state: 'idle', cursor },
  });
  for (const turn of page) mergeTurn(store, threadId, turn);
}

function mergeTurn(store: WebviewStore, threadId: string, turn: Turn): void {
  const current = store.ensureTurn(threadId, turn.id);
  const itemsLoaded = turn.itemsView !== 'notLoaded';
  store.updateTurn(threadId, turn.id, {
    status: turn.status,
    error: turn.error ?? current.error,
    startedAt: turn.startedAt,
    completedAt: turn.completedAt,
    durationMs: turn.durationMs,
    itemsView: itemsLoaded || current.itemIds.length === 0 ? turn.itemsView : current.itemsView,
    itemIds: itemsLoaded ? mergeOrder(current.itemIds, turn.items.map((i) => i.id)) : current.itemIds,
  });
  if (!itemsLoaded) return;
  for (const item of turn.items) {
    const existing = store.item(threadId, item.id);
    if (existing && isFinished(existing.item) && !isFinished(item)) continue;
    store.putItem(threadId, turn.id, item);
  }
}

/**
 * The snapshot's order, with ids only the current list has kept after the id that preceded them
 * there (or at the front). Both lists are in chronological order.
 */
export function mergeOrder(current: readonly string[], snapshot: readonly string[]): string[] {
  if (current.length === 0) return [...snapshot];
  const inSnapshot = new Set(snapshot);
  const after = new Map<string | null, string[]>();
  let previous: string | null = null;
  for (const id of current) {
    if (inSnapshot.has(id)) {
      previous = id;
      continue;
    }
    const list = after.get(previous) ?? [];
    list.push(id);
    after.set(previous, list);
  }
  const result: string[] = [...(after.get(null) ?? [])];
  for (const id of snapshot) {
    result.push(id);
    const extra = after.get(id);
    if (extra) result.push(...extra);
  }
  return result;
}
