// Component tests of the header and the history panel in the real app bundle: history scoped to
// the workspace folder by default (thread/list cwd), all workspaces and archived on toggles,
// search, open (thread/resume + newest turns), archive; rename (thread/name/set); context usage;
// and the connection banner and sign-in card of the chrome.
import { strict as assert } from 'node:assert';
import type { Thread } from '@protocol';
import { type WebviewHarness, startWebviewHarness } from './harness';
import { THREAD_ID, makeThread, makeTurn, openApp, session } from './ui-helpers';
import { agentMessage, note, userMessage } from './fixtures';

type ListParams = { cwd?: string; searchTerm?: string; archived?: boolean };

function listed(id: string, name: string | null, cwd: string, preview = 'preview'): Thread {
  return { ...makeThread([], id), name, cwd, preview, updatedAt: Math.floor(Date.now() / 1000) - 120 };
}

describe('webview UI: threads and chrome', function () {
  this.timeout(60_000);
  let harness: WebviewHarness;
  before(async () => {
    harness = await startWebviewHarness();
  });
  after(async () => harness?.close());

  it('history is scoped to the workspace by default; all workspaces, search and archived are toggles; a row opens its thread', async () => {
    const here = listed('t-here', 'Fix the parser', '/work/ws');
    const there = listed('t-there', 'Other project chat', '/work/other');
    const opened = { ...makeThread([makeTurn('t1', [userMessage('u1', 'hi'), agentMessage('a1', 'hello from the past')])], 't-here'), name: 'Fix the parser' };
    const app = await openApp(harness, {
      handlers: {
        'thread/list': (p) => {
          const params = (p ?? {}) as ListParams;
          const all = params.archived ? [] : [here, there];
          const scoped = params.cwd ? all.filter((t) => t.cwd === params.cwd) : all;
          const found = params.searchTerm ? scoped.filter((t) => (t.name ?? '').toLowerCase().includes(params.searchTerm!.toLowerCase())) : scoped;
          return { data: found, nextCursor: null, backwardsCursor: null };
        },
        'thread/resume': () => session({ ...opened, turns: [] }),
        'thread/turns/list': () => ({ data: [...opened.turns].reverse(), nextCursor: null, backwardsCursor: null }),
        'thread/archive': () => ({}),
      },
    });
    try {
      const page = app.view.page;
      await page.locator('[data-action="history"]').click();
      const panel = page.getByTestId('history-panel');
      await panel.waitFor();
      const first = (await app.waitForRequest('thread/list')) as ListParams;
      assert.equal(first.cwd, '/work/ws');
      await panel.getByTestId('history-row').first().waitFor();
      assert.deepEqual(await panel.getByTestId('history-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-thread-id'))), ['t-here']);
      assert.match(await panel.getByTestId('history-scope').innerText(), /Chats in \/work\/ws/);
      await app.view.screenshot('ui-history-workspace');

      await panel.getByTestId('history-all').check();
      await app.waitForRequest('thread/list', (p) => (p as ListParams).cwd === undefined);
      await panel.locator('[data-thread-id="t-there"]').waitFor();
      assert.match(await panel.locator('[data-thread-id="t-there"]').innerText(), /\/work\/other/);

      await panel.getByTestId('history-search').fill('other');
      await app.waitForRequest('thread/list', (p) => (p as ListParams).searchTerm === 'other');
      await panel.locator('[data-thread-id="t-here"]').waitFor({ state: 'detached' });

      await panel.getByTestId('history-search').fill('');
      await panel.getByTestId('history-all').uncheck();
      await panel.locator('[data-thread-id="t-there"]').waitFor({ state: 'detached' });
      await panel.getByTestId('history-archived').check();
      await app.waitForRequest('thread/list', (p) => (p as ListParams).archived === true);
      await panel.getByTestId('history-empty').waitFor();
      await panel.getByTestId('history-archived').uncheck();

      await panel.locator('[data-thread-id="t-here"] .codex-history-open').click();
      assert.deepEqual(await app.waitForRequest('thread/resume'), { threadId: 't-here', excludeTurns: true });
      await panel.waitFor({ state: 'detached' });
      await page.getByTestId('chat-title').getByText('Fix the parser').waitFor();
      await page.getByText('hello from the past').waitFor();
      await app.view.waitForPosted((m) => m.type === 'thread/active' && m.threadId === 't-here');

      await page.locator('[data-action="history"]').click();
      await panel.locator('[data-thread-id="t-here"] [data-action="archive"]').click();
      assert.deepEqual(await app.waitForRequest('thread/archive'), { threadId: 't-here' });
      await page.getByTestId('chat-title').getByText('New chat').waitFor();
    } finally {
      await app.view.close();
    }
  });

  it('archived chats can be unarchived; a row forks into a new chat', async () => {
    const archived = listed('t-arch', 'Archived chat', '/work/ws');
    const active = listed('t-act', 'Active chat', '/work/ws');
    const app = await openApp(harness, {
      handlers: {
        'thread/list': (p) => ({ data: (p as ListParams).archived ? [archived] : [active], nextCursor: null, backwardsCursor: null }),
        'thread/unarchive': () => ({ thread: archived }),
        'thread/fork': () => session({ ...makeThread([], 't-forked'), name: 'Forked from active' }),
      },
    });
    try {
      const page = app.view.page;
      await page.locator('[data-action="history"]').click();
      const panel = page.getByTestId('history-panel');
      await panel.getByTestId('history-archived').check();
      await panel.locator('[data-thread-id="t-arch"] [data-action="unarchive"]').click();
      assert.deepEqual(await app.waitForRequest('thread/unarchive'), { threadId: 't-arch' });
      await panel.getByTestId('history-archived').uncheck();
      await panel.locator('[data-thread-id="t-act"] [data-action="fork"]').click();
      assert.deepEqual(await app.waitForRequest('thread/fork'), { threadId: 't-act' });
      await page.getByTestId('chat-title').getByText('Forked from active').waitFor();
      await panel.waitFor({ state: 'detached' });
    } finally {
      await app.view.close();
    }
  });

  it('renames the thread from the header, shows the context usage, and the model picker follows the thread', async () => {
    const app = await openApp(harness, {
      thread: { ...makeThread([makeTurn('t1', [userMessage('u1', 'hi')])]), name: 'Old name', model: 'gpt-5-mini', reasoningEffort: 'high' },
      handlers: { 'thread/name/set': () => ({}) },
    });
    try {
      const page = app.view.page;
      await page.waitForFunction(() => document.querySelector<HTMLSelectElement>('[data-testid="effort-picker"]')?.value === 'high');
      assert.equal(await page.getByTestId('model-picker').inputValue(), 'gpt-5-mini');
      await page.locator('[data-action="rename"]').click();
      await page.getByTestId('title-input').fill('New name');
      await page.getByTestId('title-input').press('Enter');
      assert.deepEqual(await app.waitForRequest('thread/name/set'), { threadId: THREAD_ID, name: 'New name' });
      await page.getByTestId('chat-title').getByText('New name').waitFor();
      const breakdown = { totalTokens: 64_000, inputTokens: 60_000, cachedInputTokens: 10_000, cacheWriteInputTokens: 0, outputTokens: 4000, reasoningOutputTokens: 0 };
      await app.view.notify(note('thread/tokenUsage/updated', { threadId: THREAD_ID, turnId: 't1', tokenUsage: { total: breakdown, last: breakdown, modelContextWindow: 256_000 } }));
      await page.getByTestId('token-usage').getByText('25% context').waitFor();
      assert.match((await page.getByTestId('token-usage').getAttribute('title')) ?? '', /64\.0k of 256\.0k tokens/);
    } finally {
      await app.view.close();
    }
  });

  it('shows server notices (a config warning opens its file) and points to a request waiting in another chat', async () => {
    const app = await openApp(harness, { thread: { ...makeThread([makeTurn('t1', [userMessage('u1', 'hi')])]), name: 'Here' } });
    try {
      const page = app.view.page;
      await app.view.notify(note('configWarning', { summary: 'Unknown key `modle` in config.toml', details: null, path: '/home/u/.codex/config.toml' }));
      const notice = page.getByTestId('notices').locator('[data-kind="config"]');
      await notice.getByText('Unknown key `modle` in config.toml').waitFor();
      await notice.getByRole('link', { name: '/home/u/.codex/config.toml' }).click();
      assert.deepEqual(await app.view.waitForPosted((m) => m.type === 'ui/openFile'), { type: 'ui/openFile', path: '/home/u/.codex/config.toml' });
      await notice.locator('vscode-toolbar-button').click();
      await page.getByTestId('notices').waitFor({ state: 'detached' });

      await app.view.push({
        type: 'server/request', requestId: 40, method: 'item/fileChange/requestApproval',
        params: { threadId: 'other-thread', turnId: 'x', itemId: 'y', startedAtMs: 0, reason: null, grantRoot: null },
      });
      await page.getByTestId('waiting-elsewhere').click();
      await app.view.waitForPosted((m) => m.type === 'thread/active' && m.threadId === 'other-thread');
      await app.waitForRequest('thread/resume', (p) => (p as { threadId: string }).threadId === 'other-thread');
    } finally {
      await app.view.close();
    }
  });

  it('banner: restarting with its attempt, failed with Restart, then "Reconnected" when ready again', async () => {
    const app = await openApp(harness);
    try {
      const page = app.view.page;
      await app.view.push({ type: 'server/state', server: { state: 'restarting', attempt: 2, delayMs: 3000, reason: 'exited with code 1' } });
      const banner = page.getByTestId('server-banner');
      await banner.and(page.locator('[data-state="restarting"]')).waitFor();
      assert.match(await banner.innerText(), /Restarting in \ds \(attempt 2\)/);
      assert.match(await banner.innerText(), /exited with code 1/);
      await app.view.push({ type: 'server/state', server: { state: 'failed', reason: 'gave up after 5 attempts' } });
      await banner.and(page.locator('[data-state="failed"]')).waitFor();
      await app.view.screenshot('ui-banner-failed');
      await banner.locator('[data-action="restart"]').click();
      await app.view.waitForPosted((m) => m.type === 'ui/restartServer');
      await app.view.push({ type: 'server/state', server: { state: 'ready', userAgent: 'codex-ts/0.1.0', codexHome: '/h' } });
      await banner.and(page.locator('[data-state="reconnected"]')).waitFor();
      await banner.waitFor({ state: 'detached', timeout: 8000 });
    } finally {
      await app.view.close();
    }
  });

  it('signed out: the sign-in card takes an API key (account/login/start) and gives way to the composer', async () => {
    let signedIn = false;
    const app = await openApp(harness, {
      handlers: {
        'account/read': () => ({ account: signedIn ? { type: 'apiKey' } : null, userId: null, requiresOpenaiAuth: true }),
        'account/login/start': () => {
          signedIn = true;
          return { type: 'apiKey' };
        },
      },
    });
    try {
      const page = app.view.page;
      const card = page.getByTestId('signin-card');
      await card.waitFor();
      assert.equal(await page.getByTestId('composer').count(), 0);
      assert.equal(await card.getByTestId('signin-apikey').getAttribute('type'), 'password');
      await card.getByTestId('signin-apikey').fill('sk-test-123');
      await card.locator('[data-action="signin"]').click();
      assert.deepEqual(await app.waitForRequest('account/login/start'), { type: 'apiKey', apiKey: 'sk-test-123' });
      await page.getByTestId('composer').waitFor();
      await card.waitFor({ state: 'detached' });
    } finally {
      await app.view.close();
    }
  });
});
