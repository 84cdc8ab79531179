// <Transcript> in Chromium (test/webview/harness.ts + entries/transcript.tsx): a streamed turn
// from server notifications, every item type, editor actions, markdown code copy, approval card
// placement, sticky-to-bottom with jump-to-latest, and paging older turns without a scroll jump.
import { strict as assert } from 'node:assert';
import { type WebviewHarness, startWebviewHarness } from './harness';
import { THREAD_ID as T, agentMessage, command, everyItem, fileChange, longThread, mcpCall, note, thread, turn, userMessage } from './fixtures';
import { TRANSCRIPT_ENTRY, openThread, rowTop, scrollState, threadRpc, turnsPage, waitForBottom, waitForMeasured, waitForRowTop } from './transcript-helpers';

describe('webview transcript (chromium)', function () {
  this.timeout(90_000);
  let harness: WebviewHarness;
  before(async () => {
    harness = await startWebviewHarness({ entry: TRANSCRIPT_ENTRY });
  });
  after(async () => harness?.close());

  it('renders a turn streamed from server notifications', async () => {
    const view = await openThread(harness);
    try {
      const { page } = view;
      await view.notify(
        note('turn/started', { threadId: T, turn: turn('t1', [], 'inProgress') }),
        note('item/completed', { threadId: T, turnId: 't1', item: userMessage('u1', 'Explain the build'), completedAtMs: 1 }),
        note('item/started', { threadId: T, turnId: 't1', item: agentMessage('a1', ''), startedAtMs: 2 }),
      );
      await page.getByTestId('item-userMessage').getByText('Explain the build').waitFor();
      for (const delta of ['The build ', 'uses **esbuild**', '.\n\n```js\nbuild()', '\n```\n']) {
        await view.notify(note('item/agentMessage/delta', { threadId: T, turnId: 't1', itemId: 'a1', delta }));
      }
      const message = page.getByTestId('item-agentMessage');
      await message.locator('strong', { hasText: 'esbuild' }).waitFor();
      // A delta changes the DOM of its own row only.
      await page.evaluate(() => {
        const w = window as unknown as { __mutatedRows: Set<string> };
        w.__mutatedRows = new Set();
        new MutationObserver((records) => {
          for (const r of records) {
            const node = r.target instanceof Element ? r.target : r.target.parentElement;
            const row = node?.closest('[data-row]')?.getAttribute('data-row');
            if (row) w.__mutatedRows.add(row);
          }
        }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      });
      await view.notify(note('item/agentMessage/delta', { threadId: T, turnId: 't1', itemId: 'a1', delta: ' More.' }));
      await message.getByText('More.').waitFor();
      await waitForMeasured(view, 'item:a1');
      assert.deepEqual(await page.evaluate(() => [...(window as unknown as { __mutatedRows: Set<string> }).__mutatedRows]), ['item:a1']);
      assert.equal(await message.getAttribute('data-streaming'), 'true');
      assert.equal(await message.locator('.md-code code').textContent(), 'build()');
      await view.notify(
        note('item/completed', { threadId: T, turnId: 't1', item: agentMessage('a1', 'The build uses **esbuild**.'), completedAtMs: 3 }),
        note('turn/completed', { threadId: T, turn: turn('t1', [], 'completed') }),
      );
      await page.locator('[data-testid="item-agentMessage"][data-streaming="false"]').waitFor();
      assert.equal(await message.locator('.md-code').count(), 0, 'item/completed replaced the streamed text');
      await page.getByTestId('turn-end').waitFor();
      // The codicon font loads under the CSP (font-src is the webview's own origin).
      const codicon = await page.evaluate(() => document.fonts.ready.then(() => {
        let loaded = false;
        document.fonts.forEach((f) => (loaded ||= f.family.replace(/"/g, '') === 'codicon' && f.status === 'loaded'));
        return loaded;
      }));
      assert.equal(codicon, true);
      assert.deepEqual(await view.cspViolations(), []);
      assert.deepEqual(view.errors, []);
    } finally {
      await view.close();
    }
  });

  it('re-opens the active thread from the persisted webview state, also after a reload', async () => {
    const view = await harness.open({ state: { activeThreadId: T, drafts: {} }, rpc: threadRpc(thread([turn('t1', [userMessage('u1', 'hello'), agentMessage('a1', 'hi')])])) });
    try {
      const { page } = view;
      await page.locator('[data-row="item:u1"]').waitFor();
      await page.reload();
      await page.locator('[data-row="item:u1"]').waitFor();
      assert.equal(JSON.parse((await page.evaluate(() => sessionStorage.getItem('vscodeState'))) ?? 'null').activeThreadId, T);
      assert.deepEqual(view.posted.filter((m) => m.type === 'thread/active'), [{ type: 'thread/active', threadId: T }, { type: 'thread/active', threadId: T }]);
    } finally {
      await view.close();
    }
  });

  it('streams command output live, then shows the exit code; shows MCP progress while the call runs', async () => {
    const view = await openThread(harness);
    try {
      const { page } = view;
      const running = command('c1', 'npm test', { status: 'inProgress', aggregatedOutput: null, exitCode: null, durationMs: null });
      await view.notify(
        note('turn/started', { threadId: T, turn: turn('t1', [], 'inProgress') }),
        note('item/started', { threadId: T, turnId: 't1', item: running, startedAtMs: 1 }),
      );
      const card = page.getByTestId('item-commandExecution');
      await card.getByText('Waiting for output…').waitFor();
      await view.notify(
        note('item/commandExecution/outputDelta', { threadId: T, turnId: 't1', itemId: 'c1', delta: 'PASS a.test.ts\n' }),
        note('item/commandExecution/outputDelta', { threadId: T, turnId: 't1', itemId: 'c1', delta: 'FAIL b.test.ts\n' }),
      );
      await card.getByTestId('command-output').getByText('FAIL b.test.ts').waitFor();
      await view.notify(note('item/completed', { threadId: T, turnId: 't1', item: command('c1', 'npm test', { status: 'failed', aggregatedOutput: 'PASS a.test.ts\nFAIL b.test.ts\n', exitCode: 1, durationMs: 2500 }), completedAtMs: 3 }));
      assert.equal(await card.getByTestId('exit-code').textContent(), 'exit 1');
      assert.equal(await card.getByTestId('command-output').count(), 0, 'collapsed once finished');
      await card.locator('.tx-card-header').click();
      assert.equal(await card.getByTestId('command-output').textContent(), 'PASS a.test.ts\nFAIL b.test.ts\n');
      await view.notify(
        note('item/started', { threadId: T, turnId: 't1', item: mcpCall('m1', { status: 'inProgress', result: null, durationMs: null }), startedAtMs: 4 }),
        note('item/mcpToolCall/progress', { threadId: T, turnId: 't1', itemId: 'm1', message: 'step 2 of 3' }),
      );
      await page.getByTestId('mcp-progress').getByText('step 2 of 3').waitFor();
    } finally {
      await view.close();
    }
  });

  it('renders every item type, the plan, errors and approval slots in place', async () => {
    const items = everyItem('x');
    const error = { message: 'The model is overloaded', codexErrorInfo: 'serverOverloaded' as const, additionalDetails: null, misalignment: null };
    const view = await openThread(harness, thread([turn('t1', items, 'inProgress')]), { viewport: { width: 600, height: 4000 } });
    try {
      const { page } = view;
      await view.notify(
        note('turn/plan/updated', { threadId: T, turnId: 't1', explanation: 'Two steps', plan: [{ step: 'Read the code', status: 'completed' }, { step: 'Fix the loop', status: 'inProgress' }] }),
        note('error', { threadId: T, turnId: 't1', error, willRetry: true }),
      );
      await view.push({ type: 'server/request', requestId: 7, method: 'item/commandExecution/requestApproval', params: { threadId: T, turnId: 't1', itemId: 'x-cmd' } });
      for (const type of ['userMessage', 'reasoning', 'agentMessage', 'commandExecution', 'fileChange', 'mcpToolCall', 'plan', 'webSearch', 'contextCompaction', 'enteredReviewMode', 'exitedReviewMode', 'imageView']) {
        await page.getByTestId(`item-${type}`).first().waitFor({ timeout: 5000 });
      }
      await page.getByTestId('turn-plan').getByText('Fix the loop').waitFor();
      await page.getByTestId('turn-retry').getByText('The model is overloaded').waitFor();
      // The approval slot follows the command it is about.
      const order = await page.locator('[data-row]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row')));
      assert.equal(order[order.indexOf('item:x-cmd') + 1], 'request:7');
      assert.equal(await page.locator('[data-testid="item-agentMessage"][data-phase="commentary"]').count(), 1);
      assert.equal(await page.locator('[data-testid="item-agentMessage"][data-phase="answer"]').count(), 1);
      // Expandable command: exit code and output.
      await page.getByTestId('item-commandExecution').locator('.tx-card-header').click();
      assert.equal(await page.getByTestId('command-output').textContent(), 'ok\n');
      assert.equal(await page.getByTestId('exit-code').textContent(), 'exit 0');
      // MCP call: arguments and result.
      await page.getByTestId('item-mcpToolCall').locator('.tx-card-header').click();
      await page.getByTestId('item-mcpToolCall').getByText('Echo: hi').waitFor();
      // File change: counts per file (one file: singular) and editor actions.
      await page.getByTestId('item-fileChange').getByText('Edited 2 files', { exact: true }).waitFor();
      const diff = page.locator('[data-testid="file-diff"][data-path="/work/ws/src/a.ts"]');
      assert.equal(await diff.getByTestId('added').textContent(), '+1');
      assert.equal(await diff.getByTestId('removed').textContent(), '−1');
      await diff.getByRole('button', { name: 'Open diff' }).click();
      await diff.getByRole('button', { name: 'Revert file' }).click();
      await view.waitForPosted((m) => m.type === 'ui/revertFile');
      const target = { threadId: T, turnId: 't1', itemId: 'x-patch', path: '/work/ws/src/a.ts' };
      assert.deepEqual(view.posted.filter((m) => m.type === 'ui/openDiff' || m.type === 'ui/revertFile'), [{ type: 'ui/openDiff', ...target }, { type: 'ui/revertFile', ...target }]);
      // Final error and the turn end with Undo.
      await view.notify(
        note('error', { threadId: T, turnId: 't1', error, willRetry: false }),
        note('turn/completed', { threadId: T, turn: { ...turn('t1', [], 'failed'), error } }),
      );
      await page.getByTestId('turn-error').waitFor();
      assert.equal(await page.getByTestId('turn-retry').count(), 0);
      await page.getByTestId('undo-turn').click();
      // A one-file patch reads in the singular.
      const single = { ...fileChange('x-one'), changes: [{ path: '/work/ws/src/one.ts', kind: { type: 'add' as const }, diff: 'x\n' }] };
      await view.notify(note('item/completed', { threadId: T, turnId: 't1', item: single, completedAtMs: 9 }));
      await page.locator('[data-testid="item-fileChange"]').getByText('Edited 1 file', { exact: true }).waitFor();
      await view.waitForPosted((m) => m.type === 'ui/undoTurn');
      // The request resolves: its slot goes.
      await view.notify(note('serverRequest/resolved', { threadId: T, requestId: 7 }));
      await page.getByTestId('request-slot').waitFor({ state: 'detached' });
      await view.screenshot('transcript-every-item');
      assert.deepEqual(await view.cspViolations(), []);
    } finally {
      await view.close();
    }
  });

  it('shows IDE context as chips, opens file links at their line, copies code blocks', async () => {
    const context = '# Context from my IDE setup:\n\n## Active file: /work/ws/src/a.ts (line 3)\n';
    const user = { type: 'userMessage' as const, id: 'u1', clientId: null, content: [{ type: 'text' as const, text: 'Why?', text_elements: [] }, { type: 'text' as const, text: context, text_elements: [] }] };
    const view = await openThread(harness, thread([turn('t1', [user, agentMessage('a1', 'Like this in [a.ts](src/a.ts#L4) (see [docs](https://example.com/d)):\n\n```ts\nconst x: number = 1;\n```\n')])]));
    try {
      const { page } = view;
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: harness.url });
      const chip = page.getByTestId('context-chip').first();
      await chip.waitFor();
      assert.match((await chip.textContent()) ?? '', /a\.ts:3/);
      await chip.click();
      const opened = await view.waitForPosted((m) => m.type === 'ui/openFile');
      assert.deepEqual(opened, { type: 'ui/openFile', path: '/work/ws/src/a.ts', line: 3 });
      assert.equal(await page.getByTestId('item-userMessage').getByText('# Context').count(), 0, 'the raw block is not shown');
      // A relative file link opens the file (resolved against the thread's cwd) at its line.
      await page.locator('.md-file-link', { hasText: 'a.ts' }).click();
      await view.waitForPosted((m) => m.type === 'ui/openFile' && m.line === 4);
      assert.deepEqual(view.posted.filter((m) => m.type === 'ui/openFile').at(-1), { type: 'ui/openFile', path: '/work/ws/src/a.ts', line: 4 });
      assert.equal(await page.getByRole('link', { name: 'docs' }).getAttribute('href'), 'https://example.com/d');
      const code = page.locator('.md-code');
      assert.ok((await code.locator('.hljs-keyword').count()) > 0, 'the code is highlighted');
      await code.getByRole('button', { name: 'Copy code' }).click();
      await code.getByText('Copied').waitFor();
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'const x: number = 1;');
    } finally {
      await view.close();
    }
  });

  it('sticks to the bottom while streaming, and offers jump-to-latest after scrolling up', async () => {
    const long = longThread(20);
    const view = await openThread(harness, { ...long, turns: [...long.turns, turn('live', [userMessage('lu', 'go on')], 'inProgress')] });
    try {
      const { page } = view;
      await page.locator('[data-row="item:lu"]').waitFor();
      await waitForBottom(view, 'starts at the latest item');
      await view.notify(note('item/started', { threadId: T, turnId: 'live', item: agentMessage('la', ''), startedAtMs: 1 }));
      for (let i = 0; i < 40; i++) await view.notify(note('item/agentMessage/delta', { threadId: T, turnId: 'live', itemId: 'la', delta: `line ${i} of the streamed answer\n\n` }));
      await page.getByText('line 39 of the streamed answer').waitFor();
      await waitForMeasured(view, 'item:la');
      await waitForBottom(view, 'followed the stream');
      assert.equal(await page.getByTestId('jump-to-latest').count(), 0);
      // The user scrolls up: the view stays where they are while output arrives.
      await page.locator('[data-testid="virtuoso-scroller"]').hover();
      await page.mouse.wheel(0, -600);
      await page.getByTestId('jump-to-latest').waitFor();
      const before = await scrollState(view);
      for (let i = 0; i < 10; i++) await view.notify(note('item/agentMessage/delta', { threadId: T, turnId: 'live', itemId: 'la', delta: `more ${i}\n\n` }));
      await page.getByText('more 9').waitFor({ state: 'attached' });
      await waitForMeasured(view, 'item:la');
      const state = await scrollState(view);
      assert.ok(Math.abs(state.top - before.top) < 2, `did not follow while scrolled up (${before.top} → ${state.top})`);
      assert.ok(state.fromBottom > 100);
      await page.getByTestId('jump-to-latest').click();
      await page.getByTestId('jump-to-latest').waitFor({ state: 'detached' });
      await waitForBottom(view, 'jumped to the latest item');
      await view.notify(note('item/agentMessage/delta', { threadId: T, turnId: 'live', itemId: 'la', delta: 'the end\n\n'.repeat(5) }));
      await page.getByText('the end').last().waitFor();
      await waitForMeasured(view, 'item:la');
      await waitForBottom(view, 'sticks again after jumping');
    } finally {
      await view.close();
    }
  });

  // Virtuoso shifts by estimated heights and corrects them itself only right after an upward scroll:
  // reaching the top and waiting covers that; scrolling down a little while the page loads (or a
  // slow machine) leaves the correction to the transcript.
  for (const nudge of [0, 20]) {
    it(`loads older turns at the top without moving what is on screen${nudge ? ', also after scrolling down while they load' : ''}`, async () => {
      const long = longThread(60);
      const view = await openThread(harness, long);
      try {
        const { page } = view;
        await page.locator('[data-row="item:u59"]').waitFor();
        assert.equal(await page.locator('[data-row="item:u39"]').count(), 0, 'only the newest page is loaded');
        // Hold the next page until the position on screen was measured.
        let release: () => void = () => undefined;
        const gate = new Promise<void>((done) => (release = done));
        view.onRpc('thread/turns/list', async (params) => {
          await gate;
          return turnsPage(long, params);
        });
        const scroller = page.locator('[data-testid="virtuoso-scroller"]');
        // Scrolling away from the bottom stops following it at once: one scroll reaches the top.
        await scroller.evaluate((el) => el.scrollTo(0, 0));
        await page.getByTestId('older-loading').waitFor();
        assert.equal(view.posted.filter((m) => m.type === 'rpc/request' && m.method === 'thread/turns/list').length, 2, 'reaching the top asked for older turns');
        if (nudge) {
          // Resolves after the scroll event, which Virtuoso saw first (it listened first).
          await scroller.evaluate((el, by) => new Promise<void>((done) => {
            el.addEventListener('scroll', () => done(), { once: true });
            el.scrollBy(0, by);
          }), nudge);
        }
        const before = await rowTop(view, 'item:u40');
        release();
        await page.locator('[data-row="item:u39"]').waitFor({ state: 'attached' });
        await waitForMeasured(view, 'item:u39');
        await waitForRowTop(view, 'item:u40', before, 'the first loaded turn stayed in place');
        assert.ok((await scrollState(view)).top > 0, 'the older turns are above the viewport');
      } finally {
        await view.close();
      }
    });
  }
});
