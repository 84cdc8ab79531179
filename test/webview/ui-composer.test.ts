// Component tests of the composer in the real app bundle (headless Chromium, fake host): Enter
// behaviours, starting a thread and a turn with the mode's policies, follow-ups queued (editable,
// drained when the turn ends) or steered, stop, @file mentions over fuzzy search sessions, images
// and context chips as inputs, modes constrained by the requirements, the model list read again
// for a new chat.
import { strict as assert } from 'node:assert';
import type { UserInput } from '@protocol';
import { type WebviewHarness, startWebviewHarness } from './harness';
import { THREAD_ID, makeThread, makeTurn, model, openApp, NEW_THREAD_ID } from './ui-helpers';
import { note, userMessage } from './fixtures';

type TurnStart = { threadId: string; input: UserInput[]; sandboxPolicy: { type: string }; approvalPolicy: string; model: string | null; collaborationMode: { mode: string } };

describe('webview UI: composer', function () {
  this.timeout(60_000);
  let harness: WebviewHarness;
  before(async () => {
    harness = await startWebviewHarness();
  });
  after(async () => harness?.close());

  it('Enter sends: a new chat starts a thread in the workspace, then a turn with the picked Agent mode policies', async () => {
    const app = await openApp(harness);
    try {
      await app.view.page.getByTestId('mode-picker').selectOption('agent');
      const input = app.view.page.getByTestId('composer-input');
      await input.fill('hello there');
      await input.press('Enter');
      const start = (await app.waitForRequest('thread/start')) as { cwd: string; sandbox: string; approvalPolicy: string };
      assert.equal(start.cwd, '/work/ws');
      assert.equal(start.sandbox, 'workspace-write');
      assert.equal(start.approvalPolicy, 'on-request');
      const turn = (await app.waitForRequest('turn/start')) as TurnStart;
      assert.equal(turn.threadId, NEW_THREAD_ID);
      assert.deepEqual(turn.input, [{ type: 'text', text: 'hello there', text_elements: [] }]);
      assert.equal(turn.sandboxPolicy.type, 'workspaceWrite');
      assert.equal(turn.collaborationMode.mode, 'default');
      assert.equal(await input.inputValue(), '');
      await app.view.waitForPosted((m) => m.type === 'thread/active' && m.threadId === NEW_THREAD_ID);
      assert.deepEqual(app.view.errors, []);
    } finally {
      await app.view.close();
    }
  });

  it('cmdAlways: Enter is a new line and Ctrl+Enter sends; the Chat mode sends read-only', async () => {
    const app = await openApp(harness, { hostInfo: { settings: { followUpQueueMode: 'queue', composerEnterBehavior: 'cmdAlways', reviewDelivery: 'inline', autoContext: false } } });
    try {
      const page = app.view.page;
      await page.getByTestId('mode-picker').selectOption('chat');
      const input = page.getByTestId('composer-input');
      await input.fill('line one');
      await input.press('Enter');
      await input.pressSequentially('line two');
      assert.equal(await input.inputValue(), 'line one\nline two');
      assert.equal(app.requests('turn/start').length, 0);
      await input.press('Control+Enter');
      const turn = (await app.waitForRequest('turn/start')) as TurnStart;
      assert.equal(turn.input[0]?.type === 'text' && turn.input[0].text, 'line one\nline two');
      assert.equal(turn.sandboxPolicy.type, 'readOnly');
      assert.equal(turn.approvalPolicy, 'on-request');
    } finally {
      await app.view.close();
    }
  });

  it('while a turn runs: queues follow-ups (editable), steers with Ctrl+Shift+Enter, stops, and drains the queue when the turn ends', async () => {
    const running = makeTurn('t-run', [userMessage('u1', 'first')], 'inProgress');
    const app = await openApp(harness, { thread: { ...makeThread([running]), name: 'Busy thread' } });
    try {
      const page = app.view.page;
      const input = page.getByTestId('composer-input');
      await page.locator('[data-testid="composer"][data-running="true"]').waitFor();
      await input.fill('queued one');
      await input.press('Enter');
      await page.getByTestId('queue-row').waitFor();
      assert.equal(app.requests('turn/start').length, 0, 'queued, not sent');
      // Edit the queued message in place.
      await page.getByTestId('queue-row').locator('[data-action="edit"]').click();
      await page.getByTestId('queue-edit').fill('queued, edited');
      await page.getByTestId('queue-edit').press('Enter');
      assert.equal(await page.getByTestId('queue-text').innerText(), 'queued, edited');
      // The reversed mode for one message: steer.
      await input.fill('steer this');
      await input.press('Control+Shift+Enter');
      const steer = (await app.waitForRequest('turn/steer')) as { expectedTurnId: string; input: UserInput[] };
      assert.equal(steer.expectedTurnId, 't-run');
      assert.deepEqual(steer.input, [{ type: 'text', text: 'steer this', text_elements: [] }]);
      // Stop.
      await page.locator('[data-action="stop"]').click();
      assert.deepEqual(await app.waitForRequest('turn/interrupt'), { threadId: THREAD_ID, turnId: 't-run' });
      // The turn ends: the queue drains into a new turn.
      await app.view.notify(note('turn/completed', { threadId: THREAD_ID, turn: { ...running, status: 'interrupted' } }));
      const turn = (await app.waitForRequest('turn/start')) as TurnStart;
      assert.deepEqual(turn.input, [{ type: 'text', text: 'queued, edited', text_elements: [] }]);
      await page.getByTestId('queue').waitFor({ state: 'detached' });
      await app.view.screenshot('ui-composer-running');
    } finally {
      await app.view.close();
    }
  });

  it('"Send now" on a queued message steers the running turn with it; removing drops it', async () => {
    const running = makeTurn('t-run', [userMessage('u1', 'first')], 'inProgress');
    const app = await openApp(harness, { thread: { ...makeThread([running]), name: 'Queue thread' } });
    try {
      const page = app.view.page;
      const input = page.getByTestId('composer-input');
      await page.locator('[data-testid="composer"][data-running="true"]').waitFor();
      await input.fill('one');
      await input.press('Enter');
      await input.fill('two');
      await input.press('Enter');
      await page.getByTestId('queue-row').nth(1).waitFor();
      await page.getByTestId('queue-row').first().locator('[data-action="steer"]').click();
      const steer = (await app.waitForRequest('turn/steer')) as { input: UserInput[] };
      assert.deepEqual(steer.input, [{ type: 'text', text: 'one', text_elements: [] }]);
      await page.getByTestId('queue-row').first().locator('[data-action="remove"]').click();
      await page.getByTestId('queue').waitFor({ state: 'detached' });
      await app.view.notify(note('turn/completed', { threadId: THREAD_ID, turn: { ...running, status: 'completed' } }));
      await page.locator('[data-testid="composer"][data-running="false"]').waitFor();
      assert.equal(app.requests('turn/start').length, 0, 'nothing left to drain');
    } finally {
      await app.view.close();
    }
  });

  it('a chat left while its turn runs still sends its queued follow-ups when the turn ends', async () => {
    const running = makeTurn('t-run', [userMessage('u1', 'first')], 'inProgress');
    const app = await openApp(harness, { thread: { ...makeThread([running]), name: 'Left behind' } });
    try {
      const page = app.view.page;
      const input = page.getByTestId('composer-input');
      await page.locator('[data-testid="composer"][data-running="true"]').waitFor();
      await input.fill('follow-up one');
      await input.press('Enter');
      await input.fill('follow-up two');
      await input.press('Enter');
      await page.getByTestId('queue-row').nth(1).waitFor();
      await page.locator('[data-action="new-chat"]').click();
      await page.getByTestId('chat-title').getByText('New chat').waitFor();
      await app.view.notify(note('turn/completed', { threadId: THREAD_ID, turn: { ...running, status: 'completed' } }));
      const turn = (await app.waitForRequest('turn/start')) as TurnStart;
      assert.equal(turn.threadId, THREAD_ID);
      assert.deepEqual(turn.input, [{ type: 'text', text: 'follow-up one', text_elements: [] }]);
      await page.waitForTimeout(300);
      assert.equal(app.requests('turn/start').length, 1, 'one message per turn: the second waits for the next turn to end');
    } finally {
      await app.view.close();
    }
  });

  it('steer mode: Enter steers the running turn and Ctrl+Shift+Enter queues', async () => {
    const running = makeTurn('t-run', [userMessage('u1', 'first')], 'inProgress');
    const app = await openApp(harness, {
      thread: { ...makeThread([running]), name: 'Steer thread' },
      hostInfo: { settings: { followUpQueueMode: 'steer', composerEnterBehavior: 'enter', reviewDelivery: 'inline', autoContext: true } },
    });
    try {
      const page = app.view.page;
      const input = page.getByTestId('composer-input');
      await page.locator('[data-testid="composer"][data-running="true"]').waitFor();
      await input.fill('go left');
      await input.press('Enter');
      await app.waitForRequest('turn/steer');
      await input.fill('later');
      await input.press('Control+Shift+Enter');
      await page.getByTestId('queue-row').waitFor();
      assert.equal(app.requests('turn/steer').length, 1);
    } finally {
      await app.view.close();
    }
  });

  it('@ opens an incremental file search and inserts a mention sent as a mention input', async () => {
    const app = await openApp(harness);
    try {
      const page = app.view.page;
      const input = page.getByTestId('composer-input');
      await input.fill('look at ');
      await input.pressSequentially('@ma');
      const started = (await app.waitForRequest('fuzzyFileSearch/sessionStart')) as { sessionId: string; roots: string[] };
      assert.deepEqual(started.roots, ['/work/ws']);
      await app.waitForRequest('fuzzyFileSearch/sessionUpdate', (p) => (p as { query: string }).query === 'ma');
      await app.view.notify(
        note('fuzzyFileSearch/sessionUpdated', {
          sessionId: started.sessionId,
          query: 'ma',
          files: [
            { root: '/work/ws', path: 'src/main.ts', match_type: 'file', file_name: 'main.ts', score: 10, indices: null },
            { root: '/work/ws', path: 'src/map.ts', match_type: 'file', file_name: 'map.ts', score: 5, indices: null },
          ],
        }),
      );
      await page.getByTestId('mention-menu').getByRole('option').nth(1).waitFor();
      await input.press('ArrowDown');
      await input.press('ArrowUp');
      await input.press('Enter');
      assert.equal(await input.inputValue(), 'look at @src/main.ts ');
      await page.getByTestId('mention-menu').waitFor({ state: 'detached' });
      await app.waitForRequest('fuzzyFileSearch/sessionStop', (p) => (p as { sessionId: string }).sessionId === started.sessionId);
      await input.pressSequentially('please');
      await input.press('Enter');
      const turn = (await app.waitForRequest('turn/start')) as TurnStart;
      assert.deepEqual(turn.input, [
        { type: 'text', text: 'look at @src/main.ts please', text_elements: [] },
        { type: 'mention', name: 'src/main.ts', path: '/work/ws/src/main.ts' },
      ]);
    } finally {
      await app.view.close();
    }
  });

  it('sends picked images as image inputs and context chips as one IDE-context block; chips are removable', async () => {
    const app = await openApp(harness);
    try {
      const page = app.view.page;
      await page.locator('[data-action="pick-images"]').click();
      await app.view.waitForPosted((m) => m.type === 'ui/pickImages');
      const dataUrl = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
      await app.view.push({ type: 'images/picked', images: [{ name: 'dot.png', dataUrl }] });
      await page.getByTestId('image-chip').waitFor();
      await app.view.push({ type: 'composer/addContext', chip: { type: 'file', path: '/work/ws/README.md' } });
      await app.view.push({ type: 'composer/addContext', chip: { type: 'selection', path: '/work/ws/src/a.ts', startLine: 3, endLine: 4, text: 'const a = 1;\nconst b = 2;', languageId: 'typescript' } });
      await page.getByTestId('context-chip').nth(1).waitFor();
      await page.getByTestId('context-chip').first().getByRole('button').click();
      assert.equal(await page.getByTestId('context-chip').count(), 1);
      assert.match(await page.getByTestId('context-chip').innerText(), /a\.ts:3-4/);
      await page.getByTestId('composer-input').fill('what is this?');
      await page.getByTestId('composer-input').press('Enter');
      const turn = (await app.waitForRequest('turn/start')) as TurnStart;
      assert.equal(turn.input.length, 3);
      assert.deepEqual(turn.input[1], { type: 'image', url: dataUrl });
      const block = turn.input[2];
      assert.ok(block?.type === 'text' && block.text.startsWith('# Context from my IDE setup:'));
      assert.match(block.text, /Selection from \/work\/ws\/src\/a\.ts \(lines 3-4\)/);
      assert.doesNotMatch(block.text, /README/);
      assert.equal(await page.getByTestId('attachments').count(), 0, 'attachments cleared after sending');
    } finally {
      await app.view.close();
    }
  });

  it('offers only the modes the config requirements allow, and model/effort from model/list', async () => {
    const app = await openApp(harness, {
      handlers: {
        'configRequirements/read': () => ({
          requirements: {
            allowedApprovalPolicies: ['on-request', 'untrusted'],
            allowedSandboxModes: ['read-only', 'workspace-write'],
            allowedWebSearchModes: null,
            enforceResidency: null,
            allowLoginShell: null,
            network: null,
          },
        }),
      },
    });
    try {
      const page = app.view.page;
      await page.getByTestId('model-picker').waitFor();
      await page.waitForFunction(() => document.querySelector<HTMLOptionElement>('[data-testid="mode-picker"] option[value="agentFull"]')?.disabled === true);
      assert.equal(await page.locator('[data-testid="mode-picker"] option[value="chat"]').isDisabled(), false);
      await page.getByTestId('model-picker').selectOption('gpt-5-mini');
      await page.getByTestId('effort-picker').selectOption('high');
      await page.getByTestId('composer-input').fill('go');
      await page.getByTestId('composer-input').press('Enter');
      const turn = (await app.waitForRequest('turn/start')) as TurnStart & { effort: string };
      assert.equal(turn.model, 'gpt-5-mini');
      assert.equal(turn.effort, 'high');
      await app.view.screenshot('ui-composer-footer');
    } finally {
      await app.view.close();
    }
  });

  it('a new chat reads the model list again and drops a model it no longer offers', async () => {
    let provider: 'openai' | 'local' = 'openai';
    const app = await openApp(harness, {
      thread: { ...makeThread([makeTurn('t1', [userMessage('u1', 'hi')])]), model: 'gpt-5-mini' },
      handlers: {
        'model/list': () => ({
          data: provider === 'openai' ? [model('gpt-5', true), model('gpt-5-mini', false)] : [model('local-coder', true), model('local-small', false)],
          nextCursor: null,
        }),
      },
    });
    try {
      const page = app.view.page;
      const picker = page.getByTestId('model-picker');
      await page.waitForFunction(() => document.querySelector<HTMLSelectElement>('[data-testid="model-picker"]')?.value === 'gpt-5-mini');
      // config.toml names another provider meanwhile (edited, or the sign-in card's local choice).
      provider = 'local';
      const listed = app.requests('model/list').length;
      await page.locator('[data-action="new-chat"]').click();
      await app.view.waitForPosted(() => app.requests('model/list').length > listed);
      await page.waitForFunction(() => document.querySelector<HTMLSelectElement>('[data-testid="model-picker"]')?.value === 'local-coder');
      assert.deepEqual(await picker.locator('option').allInnerTexts(), ['LOCAL-CODER', 'LOCAL-SMALL']);
      await page.getByTestId('composer-input').fill('go');
      await page.getByTestId('composer-input').press('Enter');
      assert.equal(((await app.waitForRequest('turn/start')) as TurnStart).model, null, 'the configured model, not the old chat\'s');
    } finally {
      await app.view.close();
    }
  });
});

describe('webview UI: composer host events and clipboard', function () {
  this.timeout(60_000);
  let harness: WebviewHarness;
  before(async () => {
    harness = await startWebviewHarness();
  });
  after(async () => harness?.close());

  it('pastes and drops images as attachments; a dropped file URI becomes a file chip', async () => {
    const app = await openApp(harness);
    try {
      const page = app.view.page;
      const input = page.getByTestId('composer-input');
      await input.focus();
      // A string, so the test runner's transpiler adds no helpers (__name) the page does not have.
      await page.evaluate(`(() => {
        const bytes = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));
        const file = (name) => new File([bytes], name, { type: 'image/png' });
        const paste = new DataTransfer();
        paste.items.add(file('pasted.png'));
        document.querySelector('[data-testid="composer-input"]').dispatchEvent(new ClipboardEvent('paste', { clipboardData: paste, bubbles: true, cancelable: true }));
        const drop = new DataTransfer();
        drop.items.add(file('dropped.png'));
        document.querySelector('.codex-input-box').dispatchEvent(new DragEvent('drop', { dataTransfer: drop, bubbles: true, cancelable: true }));
        const uris = new DataTransfer();
        uris.setData('text/uri-list', 'file:///work/ws/src/greet.js');
        document.querySelector('.codex-input-box').dispatchEvent(new DragEvent('drop', { dataTransfer: uris, bubbles: true, cancelable: true }));
      })()`);
      await page.getByTestId('image-chip').nth(1).waitFor();
      assert.deepEqual((await page.getByTestId('image-chip').evaluateAll((els) => els.map((e) => e.getAttribute('title')))).sort(), ['dropped.png', 'pasted.png']);
      assert.equal(await page.getByTestId('context-chip').getAttribute('title'), '/work/ws/src/greet.js');
      await page.getByTestId('image-chip').first().getByRole('button').click();
      await input.fill('see these');
      await input.press('Enter');
      const turn = (await app.waitForRequest('turn/start')) as TurnStart;
      assert.deepEqual(turn.input.map((i) => i.type), ['text', 'image', 'text']);
      assert.match(turn.input[1]?.type === 'image' ? turn.input[1].url : '', /^data:image\/png;base64,/);
    } finally {
      await app.view.close();
    }
  });

  it('composer/startTask starts a new chat with the TODO chip; chat/new leaves the thread; Escape closes a panel', async () => {
    const app = await openApp(harness, { thread: { ...makeThread([makeTurn('t1', [userMessage('u1', 'old')])]), name: 'Old chat' } });
    try {
      const page = app.view.page;
      await app.view.push({ type: 'composer/startTask', text: 'Implement this TODO', chips: [{ type: 'todo', path: '/work/ws/src/greet.js', line: 1, comment: 'TODO: more languages' }] });
      const start = (await app.waitForRequest('thread/start')) as { cwd: string };
      assert.equal(start.cwd, '/work/ws');
      const turn = (await app.waitForRequest('turn/start')) as TurnStart;
      assert.equal(turn.threadId, NEW_THREAD_ID);
      assert.equal(turn.input[0]?.type === 'text' && turn.input[0].text, 'Implement this TODO');
      assert.match(turn.input[1]?.type === 'text' ? turn.input[1].text : '', /TODO in \/work\/ws\/src\/greet\.js \(line 1\)/);
      await app.view.push({ type: 'chat/new' });
      await page.getByTestId('chat-title').getByText('New chat').waitFor();
      await app.view.waitForPosted((m) => m.type === 'thread/active' && m.threadId === null);
      const input = page.getByTestId('composer-input');
      await input.fill('/local');
      await input.press('Enter');
      await page.getByTestId('slash-panel-local').getByText(/Codex runs locally, on this machine, in \/work\/ws/).waitFor();
      await input.press('Escape');
      await page.getByTestId('slash-panel-local').waitFor({ state: 'detached' });
    } finally {
      await app.view.close();
    }
  });
});
