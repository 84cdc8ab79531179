// Helpers for the transcript component tests: open the test entry on a thread served by a fake
// paging server (thread/read + thread/turns/list), read the virtualised list's scroll state and wait
// for conditions on it (measured, at the bottom, a row back in place) rather than for frames.
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
    'thread/turns/list': (params) => turnsPage(thread, params),
  };
}

/** A thread/turns/list answer: the page of `thread`'s turns (newest first) that `params` asks for. */
export function turnsPage(thread: Thread, params: unknown): { data: Thread['turns']; nextCursor: string | null; backwardsCursor: null } {
  const p = params as { cursor?: string | null; limit?: number | null };
  const newestFirst = [...thread.turns].reverse();
  const start = p.cursor ? Number(p.cursor) : 0;
  const end = start + (p.limit ?? 25);
  return { data: newestFirst.slice(start, end), nextCursor: end < newestFirst.length ? String(end) : null, backwardsCursor: null };
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

/**
 * Resolves once Virtuoso has measured row `key` at its current height (its item's data-known-size):
 * by then it has reacted to the row's last change (followed the output, corrected the position).
 */
export async function waitForMeasured(view: WebviewPage, key: string): Promise<void> {
  await view.page.waitForFunction(
    (rowKey) => {
      const item = document.querySelector(`[data-row="${rowKey}"]`)?.closest<HTMLElement>('[data-known-size]');
      return item !== null && item !== undefined && Number(item.dataset.knownSize) === item.offsetHeight;
    },
    key,
    { polling: 'raf', timeout: 10_000 },
  );
}

/** Resolves once the transcript is scrolled to its bottom (within 5 px); fails with the state it saw. */
export async function waitForBottom(view: WebviewPage, what: string): Promise<void> {
  try {
    await view.page.waitForFunction(
      () => {
        const el = document.querySelector('[data-testid="virtuoso-scroller"]');
        return el !== null && el.scrollHeight - el.scrollTop - el.clientHeight < 5;
      },
      undefined,
      { polling: 'raf', timeout: 10_000 },
    );
  } catch (error) {
    throw new Error(`${what}: not at the bottom (${JSON.stringify(await scrollState(view))})`, { cause: error });
  }
}

/** The top edge (viewport px) of row `key`. */
export function rowTop(view: WebviewPage, key: string): Promise<number> {
  return view.page.locator(`[data-row="${key}"]`).evaluate((row) => row.getBoundingClientRect().top);
}

/** Resolves once row `key` is within `tolerance` px of `top`; fails with where it was instead. */
export async function waitForRowTop(view: WebviewPage, key: string, top: number, what: string, tolerance = 4): Promise<void> {
  try {
    await view.page.waitForFunction(
      ({ rowKey, expected, px }) => {
        const row = document.querySelector(`[data-row="${rowKey}"]`);
        return row !== null && Math.abs(row.getBoundingClientRect().top - expected) < px;
      },
      { rowKey: key, expected: top, px: tolerance },
      { polling: 'raf', timeout: 10_000 },
    );
  } catch (error) {
    throw new Error(`${what} (${top} → ${await rowTop(view, key)})`, { cause: error });
  }
}
