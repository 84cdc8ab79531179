// Component tests of a chat whose thread the server cannot find, in the real app bundle: a
// persisted (or restored editor-tab) thread whose history is gone becomes a new chat with a short
// notice and no internal ids, sending then starts a new thread, and the notice clears on the next
// action (send, "+", opening another chat); a thread that vanishes mid-session does the same and
// keeps the message; a thread the server only unloaded is re-opened and the message sent again.
import { strict as assert } from 'node:assert';
import type { Page } from 'playwright-core';
import { type WebviewHarness, startWebviewHarness } from './harness';
import { NEW_THREAD_ID, THREAD_ID, makeThread, makeTurn, openApp, session } from './ui-helpers';
import { agentMessage, userMessage } from './fixtures';

/** A handler failing like the server does for a thread it does not know (JSON-RPC -32600). */
const unknownThread = (message: string) => (): never => {
  throw Object.assign(new Error(message), { code: -32600 });
};
const NO_ROLLOUT = `no rollout found for thread id ${THREAD_ID}`;
const NOT_FOUND = `thread not found: ${THREAD_ID}`;
const stored = makeThread([makeTurn('t1', [userMessage('u1', 'an old question'), agentMessage('a1', 'an old answer')])]);

async function assertNoIds(page: Page): Promise<void> {
  const text = await page.locator('body').innerText();
  assert.ok(!text.includes(THREAD_ID), `the page shows the thread id: ${text}`);
}

async function sendText(page: Page, text: string): Promise<void> {
  await page.getByTestId('composer-input').fill(text);
  await page.getByTestId('composer-input').press('Enter');
}

describe('webview UI: a chat whose thread is gone', function () {
  this.timeout(60_000);
  let harness: WebviewHarness;
  before(async () => {
    harness = await startWebviewHarness();
  });
  after(async () => harness?.close());

  it('falls back to a new chat with a short notice; sending starts a new thread and clears the notice', async () => {
    const app = await openApp(harness, { thread: stored, waitForThread: false, handlers: { 'thread/resume': unknownThread(NO_ROLLOUT) } });
    try {
      const page = app.view.page;
      const notice = page.locator('[data-testid="chat-notice"][data-kind="threadGone"]');
      await notice.waitFor();
      assert.match(await notice.innerText(), /no longer available/);
      await app.view.waitForPosted((m) => m.type === 'thread/active' && m.threadId === null);
      assert.equal(await page.getByTestId('chat-title').innerText(), 'New chat');
      assert.equal(await page.locator('.codex-error').count(), 0, 'no red error line');
      await assertNoIds(page);
      const persisted = (await page.evaluate(() => sessionStorage.getItem('vscodeState'))) ?? '';
      assert.ok(!persisted.includes(THREAD_ID), 'a reload does not try the gone thread again');

      await sendText(page, 'start over');
      await app.waitForRequest('thread/start');
      const turn = (await app.waitForRequest('turn/start')) as { threadId: string };
      assert.equal(turn.threadId, NEW_THREAD_ID);
      await notice.waitFor({ state: 'detached' });
      assert.equal(await page.getByTestId('composer-error').count(), 0);
    } finally {
      await app.view.close();
    }
  });

  it('"+" clears the notice', async () => {
    const app = await openApp(harness, { thread: stored, waitForThread: false, handlers: { 'thread/resume': unknownThread(NO_ROLLOUT) } });
    try {
      const page = app.view.page;
      const notice = page.getByTestId('chat-notice');
      await notice.waitFor();
      await page.locator('[data-action="new-chat"]').click();
      await notice.waitFor({ state: 'detached' });
    } finally {
      await app.view.close();
    }
  });

  it('another failure to reopen says so without the id, and opening another chat clears it', async () => {
    const other = { ...makeThread([makeTurn('t9', [agentMessage('a9', 'the other chat')])], 'other-thread'), name: 'Other chat' };
    const app = await openApp(harness, {
      thread: stored,
      waitForThread: false,
      handlers: {
        'thread/resume': (p) => {
          if ((p as { threadId: string }).threadId === THREAD_ID) throw Object.assign(new Error(`database is locked while reading ${THREAD_ID}`), { code: -32603 });
          return session({ ...other, turns: [] });
        },
        'thread/turns/list': (p) => ({ data: (p as { threadId: string }).threadId === 'other-thread' ? other.turns : [], nextCursor: null, backwardsCursor: null }),
        'thread/list': () => ({ data: [other], nextCursor: null, backwardsCursor: null }),
      },
    });
    try {
      const page = app.view.page;
      const notice = page.locator('[data-testid="chat-notice"][data-kind="reopenFailed"]');
      await notice.waitFor();
      assert.equal((await notice.innerText()).trim(), 'Could not reopen the chat: database is locked while reading');
      await assertNoIds(page);
      await page.locator('[data-action="history"]').click();
      await page.locator('[data-thread-id="other-thread"] .codex-history-open').click();
      await page.getByText('the other chat').waitFor();
      await notice.waitFor({ state: 'detached' });
    } finally {
      await app.view.close();
    }
  });

  it('a thread that vanishes mid-session: sending falls back to a new chat, keeps the message, and sends on a new thread', async () => {
    let gone = false;
    const app = await openApp(harness, {
      thread: stored,
      handlers: {
        'thread/resume': () => {
          if (gone) unknownThread(NO_ROLLOUT)();
          return session({ ...stored, turns: [] });
        },
        'turn/start': (p) => {
          if ((p as { threadId: string }).threadId === THREAD_ID) unknownThread(NOT_FOUND)();
          return { turn: makeTurn('t-new', [], 'inProgress') };
        },
      },
    });
    try {
      const page = app.view.page;
      gone = true;
      await sendText(page, 'please continue');
      const notice = page.locator('[data-testid="chat-notice"][data-kind="threadGone"]');
      await notice.waitFor();
      assert.equal(await page.getByTestId('chat-title').innerText(), 'New chat');
      assert.equal(await page.getByTestId('composer-input').inputValue(), 'please continue', 'the message is kept');
      assert.equal(await page.getByTestId('composer-error').count(), 0);
      await assertNoIds(page);

      await page.getByTestId('composer-input').press('Enter');
      await app.waitForRequest('turn/start', (p) => (p as { threadId: string }).threadId === NEW_THREAD_ID);
      await notice.waitFor({ state: 'detached' });
    } finally {
      await app.view.close();
    }
  });

  it('a thread the server only unloaded is re-opened and the message sent again', async () => {
    let refusals = 1;
    const app = await openApp(harness, {
      thread: stored,
      handlers: {
        'turn/start': () => {
          if (refusals-- > 0) unknownThread(NOT_FOUND)();
          return { turn: makeTurn('t-new', [], 'inProgress') };
        },
      },
    });
    try {
      const page = app.view.page;
      await sendText(page, 'still there?');
      await page.locator('[data-testid="composer"][data-running="true"]').waitFor();
      assert.equal(app.requests('turn/start').length, 2);
      assert.equal(app.requests('thread/resume').length, 2, 'opened at start, re-opened after the refusal');
      assert.equal(app.requests('thread/start').length, 0);
      assert.equal(await page.getByTestId('chat-notice').count(), 0);
      assert.equal(await page.getByTestId('composer-error').count(), 0);
    } finally {
      await app.view.close();
    }
  });

  it('an editor-tab chat restored on a vanished thread opens as a new chat', async () => {
    const app = await openApp(harness, {
      hostInfo: { surface: 'panel', openThreadId: THREAD_ID },
      handlers: { 'thread/resume': unknownThread(NO_ROLLOUT) },
    });
    try {
      const page = app.view.page;
      await page.locator('[data-testid="chat-notice"][data-kind="threadGone"]').waitFor();
      await app.view.waitForPosted((m) => m.type === 'thread/active' && m.threadId === null);
      assert.equal(await page.getByTestId('chat-title').innerText(), 'New chat');
      await assertNoIds(page);
      await sendText(page, 'new start');
      await app.waitForRequest('turn/start', (p) => (p as { threadId: string }).threadId === NEW_THREAD_ID);
    } finally {
      await app.view.close();
    }
  });
});
