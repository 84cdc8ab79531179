// Helpers for the transcript component tests: open the test entry on a thread served by a fake
// paging server (thread/read + thread/turns/list), read the virtualised list's scroll state.
import type { Thread } from '@protocol';
import type { WebviewHarness, WebviewPage } from './harness';
import { thread as makeThread } from './fixtures';

export const TRANSCRIPT_ENTRY = 'test/webview/entries/transcript.tsx';

/** Opens the transcript entry on `thread`, answering thread/read and thread/turns/list like the server. */
export async function openThread(
  harness: WebviewHarness,
  thread: Thread = makeThread([]),
  options: { viewport?: { width: number; height: number } } = {},
): Promise<WebviewPage> {
  const view = await harness.open({ autoHostInfo: { openThreadId: thread.id }, rpc: threadRpc(thread), ...(options.viewport ? { viewport: options.viewport } : {}) });
  await view.page.getByTestId(thread.turns.length === 0 ? 'transcript-empty' : 'transcript').first().waitFor();
  return view;
}

/** rpc handlers serving `thread` like the server: thread/read, thread/turns/list (newest first, paged). */
export function threadRpc(thread: Thread): Record<string, (params: unknown) => unknown> {
  return {
    'thread/read': () => ({ thread: { ...thread, turns: [] } }),
    'thread/turns/list': (params) => {
      const p = params as { cursor?: string | null; limit?: number | null };
      const newestFirst = [...thread.turns].reverse();
      const start = p.cursor ? Number(p.cursor) : 0;
      const end = start + (p.limit ?? 25);
      return { data: newestFirst.slice(start, end), nextCursor: end < newestFirst.length ? String(end) : null, backwardsCursor: null };
    },
  };
}

export interface ScrollState {
  readonly top: number;
  readonly height: number;
  readonly client: number;
  readonly fromBottom: number;
}

export async function scrollState(view: WebviewPage): Promise<ScrollState> {
  return view.page.locator('[data-testid="virtuoso-scroller"]').evaluate((el) => ({
    top: el.scrollTop,
    height: el.scrollHeight,
    client: el.clientHeight,
    fromBottom: el.scrollHeight - el.scrollTop - el.clientHeight,
  }));
}

/** Resolves after `frames` animation frames in the page (lets Virtuoso measure and scroll). */
export async function frames(view: WebviewPage, count = 3): Promise<void> {
  // A string, so the test runner's transpiler adds no helpers (__name) the page does not have.
  await view.page.evaluate(`new Promise((done) => { let left = ${count}; const tick = () => (--left <= 0 ? done() : requestAnimationFrame(tick)); requestAnimationFrame(tick); })`);
}
