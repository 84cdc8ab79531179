// Component tests of the slash menu in the real app bundle: `/` lists only the commands that work
// (thread commands need a thread), typing filters, the keyboard picks; /status, /review (base
// branch → review/start), /auto-context, /goal with an argument, /compact, /init, /mcp, /fork, /plan.
import { strict as assert } from 'node:assert';
import { type WebviewHarness, startWebviewHarness } from './harness';
import { NEW_THREAD_ID, THREAD_ID, makeThread, makeTurn, openApp, session } from './ui-helpers';
import { agentMessage, note, userMessage } from './fixtures';

const doneThread = () => ({ ...makeThread([makeTurn('t1', [userMessage('u1', 'hi'), agentMessage('a1', 'hello')])]), name: 'Slash thread' });

describe('webview UI: slash menu', function () {
  this.timeout(60_000);
  let harness: WebviewHarness;
  before(async () => {
    harness = await startWebviewHarness();
  });
  after(async () => harness?.close());

  it('lists the working commands, filters as you type, and runs /status with the keyboard', async () => {
    const app = await openApp(harness);
    try {
      const page = app.view.page;
      const input = page.getByTestId('composer-input');
      await input.pressSequentially('/');
      const menu = page.getByTestId('slash-menu');
      await menu.waitFor();
      const keys = await menu.getByRole('option').evaluateAll((els) => els.map((e) => e.getAttribute('data-key')));
      assert.deepEqual(keys, ['local', 'review', 'status', 'feedback', 'auto-context', 'init', 'model', 'plan', 'mcp'], 'no thread yet: no /goal, /compact, /fork');
      await app.view.screenshot('ui-slash-menu');
      await input.pressSequentially('sta');
      const filtered = await menu.getByRole('option').evaluateAll((els) => els.map((e) => e.getAttribute('data-key')));
      assert.equal(filtered[0], 'status', 'the name match comes first (then description matches)');
      assert.ok(!filtered.includes('review'));
      await input.press('Enter');
      const panel = page.getByTestId('slash-panel-status');
      await panel.waitFor();
      assert.equal(await input.inputValue(), '');
      await app.waitForRequest('account/rateLimits/read');
      await panel.getByText('42% used of the 300-minute window').waitFor();
      assert.match(await panel.innerText(), /new chat, not started/);
      await page.keyboard.press('Escape');
      await input.pressSequentially('/zzz');
      assert.match(await menu.innerText(), /No matching command/);
      await input.press('Escape');
      await menu.waitFor({ state: 'detached' });
    } finally {
      await app.view.close();
    }
  });

  it('/review against a base branch starts a review on a new thread; /auto-context, /init post to the host', async () => {
    const app = await openApp(harness, { handlers: { 'review/start': () => ({ turn: makeTurn('rt', [], 'inProgress'), reviewThreadId: NEW_THREAD_ID }) } });
    try {
      const page = app.view.page;
      const input = page.getByTestId('composer-input');
      await input.fill('/review');
      await input.press('Enter');
      const panel = page.getByTestId('slash-panel-review');
      await panel.waitFor();
      await panel.getByTestId('review-branch').check();
      await panel.getByTestId('review-branch-name').fill('develop');
      await panel.locator('[data-action="start-review"]').click();
      const review = (await app.waitForRequest('review/start')) as { threadId: string; target: unknown; delivery: string };
      assert.deepEqual(review, { threadId: NEW_THREAD_ID, target: { type: 'baseBranch', branch: 'develop' }, delivery: 'inline' });
      await panel.waitFor({ state: 'detached' });

      await input.fill('/auto-context');
      await input.press('Enter');
      const toggle = await app.view.waitForPosted((m) => m.type === 'ui/setAutoContext');
      assert.deepEqual(toggle, { type: 'ui/setAutoContext', enabled: false }, 'hostInfo had autoContext on');
      await input.fill('/init');
      await input.press('Enter');
      await app.view.waitForPosted((m) => m.type === 'ui/createAgentsMd');
    } finally {
      await app.view.close();
    }
  });

  it('thread commands: /goal with an argument, /compact, /fork; /mcp lists servers and reloads', async () => {
    const app = await openApp(harness, {
      thread: doneThread(),
      handlers: {
        'thread/goal/set': (p) => ({ goal: { threadId: THREAD_ID, objective: (p as { objective: string }).objective, status: 'active', tokenBudget: null, tokensUsed: 0, timeUsedSeconds: 0, createdAt: 1, updatedAt: 1 } }),
        'thread/compact/start': () => ({}),
        'thread/fork': () => session({ ...makeThread([], NEW_THREAD_ID), name: 'Forked chat' }),
        'mcpServerStatus/list': () => ({
          data: [{ name: 'everything', authStatus: 'unsupported', tools: { echo: { name: 'echo', inputSchema: {} } }, resources: [], resourceTemplates: [], runtimeStatus: 'connected', serverInfo: null, httpOrigin: null, pluginId: null, toolsError: null }],
          nextCursor: null,
        }),
        'config/mcpServer/reload': () => ({}),
      },
    });
    try {
      const page = app.view.page;
      const input = page.getByTestId('composer-input');
      await input.pressSequentially('/');
      const keys = await page.getByTestId('slash-menu').getByRole('option').evaluateAll((els) => els.map((e) => e.getAttribute('data-key')));
      assert.ok(keys.includes('goal') && keys.includes('compact') && keys.includes('fork'));
      await input.fill('/goal make the tests pass');
      await input.press('Enter');
      assert.deepEqual(await app.waitForRequest('thread/goal/set'), { threadId: THREAD_ID, objective: 'make the tests pass', status: 'active' });
      await page.getByTestId('composer-notice').getByText('Goal set: make the tests pass').waitFor();
      assert.equal(app.requests('turn/start').length, 0, 'a command is not sent as a message');

      await input.fill('/compact');
      await input.press('Enter');
      assert.deepEqual(await app.waitForRequest('thread/compact/start'), { threadId: THREAD_ID });

      await input.fill('/mcp');
      await input.press('Enter');
      const mcp = page.getByTestId('slash-panel-mcp');
      await mcp.getByTestId('mcp-list').waitFor();
      assert.match(await mcp.innerText(), /everything\s+connected\s+· 1 tools/);
      const listed = app.requests('mcpServerStatus/list').length;
      await mcp.locator('[data-action="mcp-reload"]').click();
      await app.waitForRequest('config/mcpServer/reload');
      await app.view.waitForPosted(() => app.requests('mcpServerStatus/list').length > listed);

      await input.fill('/fork');
      await input.press('Enter');
      assert.deepEqual(await app.waitForRequest('thread/fork'), { threadId: THREAD_ID });
      await page.getByTestId('chat-title').getByText('Forked chat').waitFor();
      await app.view.waitForPosted((m) => m.type === 'thread/active' && m.threadId === NEW_THREAD_ID);
    } finally {
      await app.view.close();
    }
  });

  it('/plan toggles plan mode (turns go in the plan collaboration mode); /plan <prompt> sends in plan mode', async () => {
    const app = await openApp(harness);
    try {
      const page = app.view.page;
      const input = page.getByTestId('composer-input');
      await input.fill('/plan');
      await input.press('Enter');
      await page.getByTestId('plan-chip').waitFor();
      await input.fill('design the cache');
      await input.press('Enter');
      const turn = (await app.waitForRequest('turn/start')) as { collaborationMode: { mode: string } };
      assert.equal(turn.collaborationMode.mode, 'plan');
      await app.view.notify(note('turn/completed', { threadId: NEW_THREAD_ID, turn: makeTurn('turn-1', [], 'completed') }));
      await page.getByTestId('plan-chip').click();
      await page.getByTestId('plan-chip').waitFor({ state: 'detached' });
      await input.fill('/plan write a migration plan');
      await input.press('Enter');
      const second = (await app.waitForRequest('turn/start', (p) => (p as { input: { text?: string }[] }).input[0]?.text === 'write a migration plan')) as { collaborationMode: { mode: string } };
      assert.equal(second.collaborationMode.mode, 'plan');
    } finally {
      await app.view.close();
    }
  });
});

describe('webview UI: slash panels with forms', function () {
  this.timeout(60_000);
  let harness: WebviewHarness;
  before(async () => {
    harness = await startWebviewHarness();
  });
  after(async () => harness?.close());

  it('/feedback sends the classification, comment and logs choice; /goal shows, sets and clears the goal', async () => {
    let goal: unknown = null;
    const app = await openApp(harness, {
      thread: doneThread(),
      handlers: {
        'feedback/upload': () => ({ threadId: 'fb-123', promptHash: null }),
        'thread/goal/get': () => ({ goal }),
        'thread/goal/set': (p) => {
          goal = { threadId: THREAD_ID, objective: (p as { objective: string }).objective, status: 'active', tokenBudget: null, tokensUsed: 0, timeUsedSeconds: 0, createdAt: 1, updatedAt: 1 };
          return { goal };
        },
        'thread/goal/clear': () => {
          goal = null;
          return { cleared: true };
        },
      },
    });
    try {
      const page = app.view.page;
      const input = page.getByTestId('composer-input');
      await input.fill('/feedback');
      await input.press('Enter');
      const feedback = page.getByTestId('slash-panel-feedback');
      await feedback.getByRole('combobox').selectOption('bad_result');
      await feedback.getByTestId('feedback-reason').fill('It edited the wrong file');
      await feedback.getByTestId('feedback-logs').check();
      await feedback.locator('[data-action="send-feedback"]').click();
      assert.deepEqual(await app.waitForRequest('feedback/upload'), { classification: 'bad_result', reason: 'It edited the wrong file', threadId: THREAD_ID, includeLogs: true });
      await feedback.getByTestId('feedback-sent').getByText(/fb-123/).waitFor();

      await input.fill('/goal');
      await input.press('Enter');
      const panel = page.getByTestId('slash-panel-goal');
      await panel.getByTestId('goal-current').getByText('No goal is set for this thread.').waitFor();
      await panel.getByTestId('goal-input').fill('ship the release');
      await panel.locator('[data-action="set-goal"]').click();
      await panel.getByTestId('goal-current').getByText('Goal: ship the release (active)').waitFor();
      await panel.locator('[data-action="clear-goal"]').click();
      assert.deepEqual(await app.waitForRequest('thread/goal/clear'), { threadId: THREAD_ID });
      await panel.getByTestId('goal-current').getByText('No goal is set for this thread.').waitFor();
    } finally {
      await app.view.close();
    }
  });

  it('/review with reviewDelivery "detached" opens the review chat', async () => {
    const app = await openApp(harness, {
      thread: doneThread(),
      hostInfo: { settings: { followUpQueueMode: 'queue', composerEnterBehavior: 'enter', reviewDelivery: 'detached', autoContext: true } },
      handlers: {
        'review/start': () => ({ turn: makeTurn('rt', [], 'inProgress'), reviewThreadId: 'review-thread' }),
        'thread/resume': (p) => session({ ...makeThread([], (p as { threadId: string }).threadId), name: (p as { threadId: string }).threadId === 'review-thread' ? 'Review' : 'Slash thread' }),
      },
    });
    try {
      const page = app.view.page;
      const input = page.getByTestId('composer-input');
      await input.fill('/review');
      await input.press('Enter');
      await page.getByTestId('slash-panel-review').locator('[data-action="start-review"]').click();
      assert.deepEqual(await app.waitForRequest('review/start'), { threadId: THREAD_ID, target: { type: 'uncommittedChanges' }, delivery: 'detached' });
      await app.view.waitForPosted((m) => m.type === 'thread/active' && m.threadId === 'review-thread');
      await page.getByTestId('chat-title').getByText('Review').waitFor();
    } finally {
      await app.view.close();
    }
  });

  it('a message that fails to send stays in the composer with the error shown', async () => {
    const app = await openApp(harness, {
      handlers: {
        'thread/start': () => {
          throw Object.assign(new Error('the server is restarting'), { code: -32603 });
        },
      },
    });
    try {
      const page = app.view.page;
      const input = page.getByTestId('composer-input');
      await input.fill('do not lose me');
      await input.press('Enter');
      await page.getByTestId('composer-error').getByText('the server is restarting').waitFor();
      assert.equal(await input.inputValue(), 'do not lose me');
      assert.equal(app.requests('turn/start').length, 0);
    } finally {
      await app.view.close();
    }
  });
});
