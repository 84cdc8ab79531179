// Component tests of the mode picker against config.toml in the real app bundle: it starts as the
// mode config.toml's approval_policy and sandbox_mode amount to (config/read), sends neither
// setting until the user picks another mode, then says that the mode overrides config.toml — and
// picking config.toml's mode again stops overriding. Settings that match no mode show "As configured".
// When config.toml sets neither key the chat starts in Agent (as the IDE extension) and sends it.
import { strict as assert } from 'node:assert';
import { type WebviewHarness, startWebviewHarness } from './harness';
import { type AppView, NEW_THREAD_ID, THREAD_ID, makeThread, makeTurn, openApp } from './ui-helpers';
import { note } from './fixtures';

type Params = Record<string, unknown>;

/** A config/read answer with these two keys (the real one has every key, null when unset). */
const configRead = (approval: string | null, sandbox: string | null) => (): unknown => ({
  config: { model: null, approval_policy: approval, sandbox_mode: sandbox, profiles: {} },
  origins: {},
  layers: null,
});

/** Sends a message and finishes the turn it starts (the fake server's turns are `turn-<n>`); its turn/start params. */
async function sendAndGetTurn(app: AppView, text: string): Promise<Params> {
  const page = app.view.page;
  const before = app.requests('turn/start').length;
  await page.getByTestId('composer-input').fill(text);
  await page.getByTestId('composer-input').press('Enter');
  await app.view.waitForPosted(() => app.requests('turn/start').length > before);
  const params = app.requests('turn/start')[before] as Params;
  await page.locator('[data-testid="composer"][data-running="true"]').waitFor();
  await app.view.notify(note('turn/completed', { threadId: String(params.threadId), turn: makeTurn(`turn-${before + 1}`, [], 'completed') }));
  await page.locator('[data-testid="composer"][data-running="false"]').waitFor();
  return params;
}

describe('webview UI: the mode picker and config.toml', function () {
  this.timeout(60_000);
  let harness: WebviewHarness;
  before(async () => {
    harness = await startWebviewHarness();
  });
  after(async () => harness?.close());

  it('starts as config.toml says and sends no override until the user picks another mode', async () => {
    const app = await openApp(harness, { handlers: { 'config/read': configRead('never', 'danger-full-access') } });
    try {
      const page = app.view.page;
      assert.deepEqual(await app.waitForRequest('config/read'), { cwd: '/work/ws' });
      await page.waitForFunction(() => document.querySelector<HTMLSelectElement>('[data-testid="mode-picker"]')?.value === 'agentFull');
      assert.equal(await page.getByTestId('mode-override').count(), 0);
      const turn = await sendAndGetTurn(app, 'hello');
      const start = app.requests('thread/start')[0] as Params;
      assert.ok(!('sandbox' in start) && !('approvalPolicy' in start), `thread/start overrides nothing: ${JSON.stringify(start)}`);
      assert.equal(turn.threadId, NEW_THREAD_ID);
      assert.ok(!('sandboxPolicy' in turn) && !('approvalPolicy' in turn), `turn/start overrides nothing: ${JSON.stringify(turn)}`);
    } finally {
      await app.view.close();
    }
  });

  it('an opened chat shows config.toml\'s mode too, and its turns override nothing', async () => {
    const app = await openApp(harness, { thread: makeThread([]), handlers: { 'config/read': configRead('never', 'danger-full-access') } });
    try {
      await app.view.page.waitForFunction(() => document.querySelector<HTMLSelectElement>('[data-testid="mode-picker"]')?.value === 'agentFull');
      const turn = await sendAndGetTurn(app, 'continue');
      assert.equal(turn.threadId, THREAD_ID);
      assert.ok(!('sandboxPolicy' in turn) && !('approvalPolicy' in turn), JSON.stringify(turn));
    } finally {
      await app.view.close();
    }
  });

  it('a picked mode says it overrides config.toml and sends its settings; picking config.toml\'s mode again stops that', async () => {
    const app = await openApp(harness, { handlers: { 'config/read': configRead('never', 'danger-full-access') } });
    try {
      const page = app.view.page;
      const picker = page.getByTestId('mode-picker');
      await page.waitForFunction(() => document.querySelector<HTMLSelectElement>('[data-testid="mode-picker"]')?.value === 'agentFull');
      await picker.selectOption('agent');
      const hint = page.getByTestId('mode-override');
      await hint.getByText('overrides config.toml').waitFor();
      assert.match((await hint.getAttribute('title')) ?? '', /approval_policy = "never", sandbox_mode = "danger-full-access"/);
      const turn = await sendAndGetTurn(app, 'careful now');
      const start = app.requests('thread/start')[0] as Params;
      assert.equal(start.sandbox, 'workspace-write');
      assert.equal(start.approvalPolicy, 'on-request');
      assert.equal((turn.sandboxPolicy as { type: string }).type, 'workspaceWrite');
      assert.equal(turn.approvalPolicy, 'on-request');

      await picker.selectOption('agentFull');
      await hint.waitFor({ state: 'detached' });
      const next = await sendAndGetTurn(app, 'as configured again');
      assert.ok(!('sandboxPolicy' in next) && !('approvalPolicy' in next), `back to config.toml: ${JSON.stringify(next)}`);
    } finally {
      await app.view.close();
    }
  });

  it('settings that match no mode show "As configured"; a mode overrides them until "As configured" is picked again', async () => {
    const app = await openApp(harness, { handlers: { 'config/read': configRead('untrusted', null) } });
    try {
      const page = app.view.page;
      const picker = page.getByTestId('mode-picker');
      await page.locator('[data-testid="mode-picker"] option[value="config"]').waitFor({ state: 'attached' });
      assert.equal(await picker.inputValue(), 'config');
      assert.match((await picker.getAttribute('title')) ?? '', /approval_policy = "untrusted"/);
      await picker.selectOption('chat');
      await page.getByTestId('mode-override').waitFor();
      assert.equal((await sendAndGetTurn(app, 'read only please')).approvalPolicy, 'on-request');
      await picker.selectOption('config');
      await page.getByTestId('mode-override').waitFor({ state: 'detached' });
      assert.ok(!('approvalPolicy' in (await sendAndGetTurn(app, 'as configured'))));
    } finally {
      await app.view.close();
    }
  });

  it('with nothing in config.toml the chat starts in Agent and sends it, overriding no setting; Chat is one pick away', async () => {
    const app = await openApp(harness, { handlers: { 'config/read': configRead(null, null) } });
    try {
      const page = app.view.page;
      const picker = page.getByTestId('mode-picker');
      await page.waitForFunction(() => document.querySelector<HTMLSelectElement>('[data-testid="mode-picker"]')?.value === 'agent');
      assert.equal(await page.locator('[data-testid="mode-picker"] option[value="config"]').count(), 0, 'no "As configured" entry');
      assert.equal(await page.getByTestId('mode-override').count(), 0, 'config.toml sets nothing to override');
      const turn = await sendAndGetTurn(app, 'go');
      const start = app.requests('thread/start')[0] as Params;
      assert.deepEqual([start.sandbox, start.approvalPolicy], ['workspace-write', 'on-request'], JSON.stringify(start));
      assert.deepEqual([(turn.sandboxPolicy as { type: string }).type, turn.approvalPolicy], ['workspaceWrite', 'on-request'], JSON.stringify(turn));

      await picker.selectOption('chat');
      assert.equal(await page.getByTestId('mode-override').count(), 0);
      const chat = await sendAndGetTurn(app, 'just read');
      assert.deepEqual([(chat.sandboxPolicy as { type: string }).type, chat.approvalPolicy], ['readOnly', 'on-request']);
      await picker.selectOption('agent');
      assert.equal(((await sendAndGetTurn(app, 'edit again')).sandboxPolicy as { type: string }).type, 'workspaceWrite');
    } finally {
      await app.view.close();
    }
  });

  it('with nothing in config.toml but requirements that forbid Agent, the chat starts in the first allowed mode', async () => {
    const app = await openApp(harness, {
      handlers: {
        'config/read': configRead(null, null),
        'configRequirements/read': () => ({
          requirements: {
            allowedApprovalPolicies: null,
            allowedSandboxModes: ['read-only'],
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
      await page.waitForFunction(() => document.querySelector<HTMLOptionElement>('[data-testid="mode-picker"] option[value="agent"]')?.disabled === true);
      await page.waitForFunction(() => document.querySelector<HTMLSelectElement>('[data-testid="mode-picker"]')?.value === 'chat');
      const turn = await sendAndGetTurn(app, 'look only');
      assert.deepEqual([(turn.sandboxPolicy as { type: string }).type, turn.approvalPolicy], ['readOnly', 'on-request'], JSON.stringify(turn));
    } finally {
      await app.view.close();
    }
  });
});
