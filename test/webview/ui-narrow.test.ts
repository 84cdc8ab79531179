// Component test of the chat at the default sidebar width (300 px) in the real app bundle: long
// titles, commands, tool names, file names, queued messages, history rows, menu entries and the
// composer hint either wrap or, when cut off with an ellipsis, carry their full text in `title`;
// nothing else overflows its box (scrolling code and inputs aside) or the page.
import { strict as assert } from 'node:assert';
import type { Page } from 'playwright-core';
import type { ThreadItem } from '@protocol';
import { type WebviewHarness, startWebviewHarness } from './harness';
import { makeThread, makeTurn, openApp } from './ui-helpers';
import { command, mcpCall, note, reasoning, userMessage } from './fixtures';

const LONG_PATH = '/work/ws/packages/frontend/src/components/settings/advanced/NotificationPreferencesPanel.tsx';
const LONG_COMMAND = 'npx vitest run --reporter=verbose --coverage packages/frontend/src/components/settings/advanced';

/** What at 300 px is cut off without a way to read it, or sticks out of its box. */
async function unreadable(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    // No named helpers in here: the page runs this function's source as it is.
    const problems: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth) problems.push(`the page scrolls sideways (${document.documentElement.scrollWidth}px)`);
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('#root *'))) {
      if (el.getClientRects().length === 0) continue; // not rendered
      if (el.closest('pre, textarea, select, input')) continue; // code scrolls; inputs scroll their text
      const style = getComputedStyle(el);
      if (style.overflowX === 'visible' || el.scrollWidth <= el.clientWidth + 1) continue;
      const text = (el.textContent ?? '').trim();
      if (style.textOverflow === 'ellipsis' && text !== '' && el.title.includes(text)) continue;
      const what = `${el.tagName.toLowerCase()}.${Array.from(el.classList).join('.')} "${text.slice(0, 60)}"`;
      problems.push(`${what} is cut off (${el.scrollWidth}px in ${el.clientWidth}px)${el.title ? ` with the title "${el.title}"` : ', no title'}`);
    }
    return problems;
  });
}

describe('webview UI: a 300 px sidebar', function () {
  this.timeout(60_000);
  let harness: WebviewHarness;
  before(async () => {
    harness = await startWebviewHarness();
  });
  after(async () => harness?.close());

  it('every cut-off text can be read in full (title) or wraps; nothing overflows', async () => {
    const items: ThreadItem[] = [
      userMessage('u1', 'Please make the notification preferences panel remember its state between sessions'),
      reasoning('r1', ['**Looking at how the notification preferences panel stores its state today**']),
      command('c1', LONG_COMMAND),
      command('c2', `cat ${LONG_PATH}`, { commandActions: [{ type: 'read', command: `cat ${LONG_PATH}`, name: 'NotificationPreferencesPanel.tsx', path: LONG_PATH }] }),
      mcpCall('m1', { server: 'company-internal-documentation-server', tool: 'search_architecture_decision_records' }),
      {
        type: 'fileChange',
        id: 'p1',
        status: 'completed',
        changes: [{ path: LONG_PATH, kind: { type: 'update', move_path: `${LONG_PATH}.bak` }, diff: '@@ -1 +1 @@\n-export const panel = 1;\n+export const panel = 2;\n' }],
      },
      { type: 'webSearch', id: 'w1', query: 'x', action: { type: 'openPage', url: 'https://developer.mozilla.org/en-US/docs/Web/API/Window/localStorage#examples-and-more' }, results: null },
    ];
    const thread = {
      ...makeThread([makeTurn('t1', items), makeTurn('t2', [userMessage('u2', 'and now the tests')], 'inProgress')]),
      name: 'Remember the notification preferences panel state between sessions',
    };
    const listed = { ...thread, id: 'other', turns: [], name: 'A chat about the build pipeline of the documentation website', gitInfo: { sha: null, branch: 'feature/very-long-branch-name-for-the-pipeline', originUrl: null } };
    const app = await openApp(harness, {
      thread,
      viewport: { width: 300, height: 1600 },
      handlers: { 'thread/list': () => ({ data: [listed], nextCursor: null, backwardsCursor: null }) },
    });
    try {
      const page = app.view.page;
      await page.getByTestId('item-fileChange').waitFor();
      const input = page.getByTestId('composer-input');
      await input.fill('Afterwards please also update the changelog entry for the notification preferences panel');
      await input.press('Enter');
      await page.getByTestId('queue-text').waitFor();
      await app.view.screenshot('ui-narrow-300');
      assert.deepEqual(await unreadable(page), [], 'the transcript, queue, header and composer');

      // The full texts are there to read.
      assert.equal(await page.getByTestId('chat-title').getAttribute('title'), thread.name);
      assert.equal(await page.locator('.tx-file-name').getAttribute('title'), `${LONG_PATH} → ${LONG_PATH}.bak`);
      assert.equal(await page.locator('[data-testid="item-commandExecution"] .tx-card-title').first().getAttribute('title'), LONG_COMMAND);
      const hint = page.getByTestId('composer-hint');
      assert.ok((await hint.evaluate((el) => el.scrollWidth <= el.clientWidth)), 'the composer hint wraps');

      await input.fill('/');
      await page.getByTestId('slash-menu').waitFor();
      assert.deepEqual(await unreadable(page), [], 'the command menu');
      await input.fill('');

      await page.locator('[data-action="history"]').click();
      await page.locator('[data-thread-id="other"]').waitFor();
      await page.getByTestId('history-all').check();
      await page.locator('[data-thread-id="other"] .codex-history-meta', { hasText: 'feature/' }).waitFor();
      assert.deepEqual(await unreadable(page), [], 'the history panel');
      assert.equal(await page.locator('[data-thread-id="other"] .codex-history-title').getAttribute('title'), listed.name);
    } finally {
      await app.view.close();
    }
  });

  it('a long @file result in the mention menu can be read in full', async () => {
    const app = await openApp(harness, { viewport: { width: 300, height: 800 } });
    try {
      const page = app.view.page;
      await page.getByTestId('composer-input').pressSequentially('@Notif');
      const started = (await app.waitForRequest('fuzzyFileSearch/sessionStart')) as { sessionId: string };
      await app.waitForRequest('fuzzyFileSearch/sessionUpdate', (p) => (p as { query: string }).query === 'Notif');
      const path = LONG_PATH.replace('/work/ws/', '');
      await app.view.notify(
        note('fuzzyFileSearch/sessionUpdated', {
          sessionId: started.sessionId,
          query: 'Notif',
          files: [{ root: '/work/other-root-folder-with-a-long-name', path, match_type: 'file', file_name: 'NotificationPreferencesPanel.tsx', score: 10, indices: null }],
        }),
      );
      await page.getByTestId('mention-menu').getByRole('option').waitFor();
      assert.deepEqual(await unreadable(page), []);
      assert.equal(await page.locator('.codex-picker-label').getAttribute('title'), path);
    } finally {
      await app.view.close();
    }
  });
});
