// Loading older turns of a long thread page by page (`thread/turns/list`, newest first) as the
// transcript scrolls to its top. The store tracks the cursor (ThreadView.olderTurns).
import type { HostClient } from '../bridge/hostClient';
import type { WebviewStore } from './store';

export const OLDER_TURNS_PAGE = 20;

/** Loads the next page of older turns; does nothing when none is left or one is loading. */
export async function loadOlderTurns(store: WebviewStore, client: HostClient, threadId: string, limit = OLDER_TURNS_PAGE): Promise<void> {
  const older = store.thread(threadId)?.olderTurns;
  if (older?.state !== 'idle') return;
  store.updateThread(threadId, { olderTurns: { state: 'loading', cursor: older.cursor } });
  try {
    const page = await client.rpc('thread/turns/list', { threadId, cursor: older.cursor, limit, sortDirection: 'desc' });
    store.applyOlderTurns(threadId, page.data, page.nextCursor);
  } catch (error) {
    store.updateThread(threadId, { olderTurns: { state: 'idle', cursor: older.cursor } });
    throw error;
  }
}

/**
 * Opens a thread showing only its latest turns: the thread without turns (`thread/read`) and the
 * newest page of turns; older ones load on scroll. For threads too long to load at once.
 */
export async function loadLatestTurns(store: WebviewStore, client: HostClient, threadId: string, limit = OLDER_TURNS_PAGE): Promise<void> {
  const [{ thread }, page] = await Promise.all([
    client.rpc('thread/read', { threadId, includeTurns: false }),
    client.rpc('thread/turns/list', { threadId, limit, sortDirection: 'desc' }),
  ]);
  store.batch(() => {
    store.applyThreadSnapshot({ ...thread, turns: [] }, { olderTurnsCursor: page.nextCursor });
    store.applyOlderTurns(threadId, page.data, page.nextCursor);
  });
}
