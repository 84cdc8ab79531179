// Component tests of the sign-in card's ways in, in the real app bundle with a fake host: the
// detected local servers with their models (and why the others are missing), a typed
// OpenAI-compatible server, ChatGPT only when the host says the server has it (login waiting,
// failing, cancelled, succeeding), and the composer taking over once a choice is made, its model
// picker offering the local server's models instead of the OpenAI ones.
import { strict as assert } from 'node:assert';
import type { WebviewToHostMessage } from '../../bridge/messages';
import type { LocalServerProbe, SignInRequest, SignInResult } from '../../bridge/signInMessages';
import { type WebviewHarness, type WebviewPage, startWebviewHarness } from './harness';
import { agentMessage, userMessage } from './fixtures';
import { makeThread, makeTurn, model, openApp } from './ui-helpers';

type SignInMessage = Extract<WebviewToHostMessage, { type: 'signIn/request' }>;
type Answers = { [K in SignInRequest['type']]?: (request: Extract<SignInRequest, { type: K }>) => SignInResult | Promise<SignInResult> };

/**
 * A fake host side of the card: answers every `signIn/request` (the dev bundle's StrictMode asks
 * twice on mount) with the test's current answer for its type; `asked(type)` lists what was asked.
 */
function fakeSignInHost(view: WebviewPage, answers: Answers): { asked(type: SignInRequest['type']): SignInRequest[]; stop(): void } {
  const answered = new Set<number>();
  let stopped = false;
  const pending = (m: WebviewToHostMessage): m is SignInMessage => m.type === 'signIn/request' && !answered.has(m.requestId);
  void (async () => {
    while (!stopped) {
      const message = await view.waitForPosted(pending, 60_000).catch(() => null);
      if (message === null || stopped || !pending(message)) continue;
      answered.add(message.requestId);
      const answer = answers[message.request.type] as ((request: SignInRequest) => SignInResult | Promise<SignInResult>) | undefined;
      if (!answer) continue;
      const requestId = message.requestId;
      void Promise.resolve(answer(message.request)).then((result) => view.push({ type: 'signIn/response', requestId, result }).catch(() => undefined));
    }
  })();
  return {
    asked: (type) => view.posted.flatMap((m) => (m.type === 'signIn/request' && m.request.type === type ? [m.request] : [])),
    stop: () => {
      stopped = true;
    },
  };
}

const OLLAMA: Extract<LocalServerProbe, { type: 'found' }> = { type: 'found', server: 'ollama', baseUrl: 'http://127.0.0.1:11434/v1', models: ['llama3.2:latest', 'qwen2.5-coder:7b'] };
const NO_LMSTUDIO: LocalServerProbe = { type: 'absent', server: 'lmstudio', baseUrl: 'http://127.0.0.1:1234/v1', reason: 'unreachable' };

describe('webview UI: the sign-in card', function () {
  this.timeout(60_000);
  let harness: WebviewHarness;
  before(async () => {
    harness = await startWebviewHarness();
  });
  after(async () => harness?.close());

  it('offers the detected Ollama models, says LM Studio is not running, and a chosen model gives way to a new chat', async () => {
    let chosen = false;
    const thread = makeThread([makeTurn('t1', [userMessage('u1', 'hello'), agentMessage('a1', 'an old answer')])]);
    const app = await openApp(harness, {
      thread,
      handlers: { 'account/read': () => ({ account: null, userId: null, requiresOpenaiAuth: !chosen }) },
    });
    const host = fakeSignInHost(app.view, {
      detect: () => ({ type: 'detected', chatgpt: false, local: [OLLAMA, NO_LMSTUDIO] }),
      useProvider: (request) => {
        chosen = true;
        return { type: 'providerSaved', provider: 'ollama', model: request.choice.model };
      },
    });
    try {
      const page = app.view.page;
      const card = page.getByTestId('signin-card');
      await card.getByTestId('local-server').waitFor();
      assert.equal(await card.getByTestId('signin-chatgpt').count(), 0, 'no ChatGPT button when the server cannot do it');
      assert.equal(await card.getByTestId('signin-apikey').count(), 1, 'the API key stays a way in');
      assert.match(await card.getByTestId('local-server').innerText(), /Ollama on 127\.0\.0\.1:11434/);
      assert.deepEqual(await card.getByTestId('local-model').locator('option').allInnerTexts(), ['llama3.2:latest', 'qwen2.5-coder:7b']);
      assert.match(await card.getByTestId('local-absent').innerText(), /LM Studio on 127\.0\.0\.1:1234: not running/);
      assert.deepEqual(await app.view.cspViolations(), []);
      await app.view.screenshot('ui-signin-card');

      await card.getByTestId('local-model').selectOption('qwen2.5-coder:7b');
      await card.locator('[data-action="use-local"]').click();
      await page.getByTestId('composer').waitFor();
      await card.waitFor({ state: 'detached' });
      assert.deepEqual(host.asked('useProvider'), [
        { type: 'useProvider', choice: { type: 'local', server: 'ollama', baseUrl: OLLAMA.baseUrl, model: 'qwen2.5-coder:7b' } },
      ]);
      // The old chat keeps its provider; the next message starts a new chat on the chosen model.
      await page.getByTestId('chat-title').filter({ hasText: 'New chat' }).waitFor();
    } finally {
      host.stop();
      await app.view.close();
    }
  });

  it('takes any OpenAI-compatible server, shows why writing it failed, and detects again on request', async () => {
    const app = await openApp(harness, { handlers: { 'account/read': () => ({ account: null, userId: null, requiresOpenaiAuth: true }) } });
    let detected: SignInResult = { type: 'detected', chatgpt: false, local: [{ type: 'absent', server: 'ollama', baseUrl: 'http://127.0.0.1:11434/v1', reason: 'invalid' }] };
    let release: (() => void) | null = null;
    const host = fakeSignInHost(app.view, {
      detect: () => (release === null ? detected : new Promise<SignInResult>((done) => (release = () => done(detected)))),
      useProvider: () => ({ type: 'failed', message: 'model_provider is overridden by profile `work`' }),
    });
    try {
      const card = app.view.page.getByTestId('signin-card');
      await card.getByTestId('local-absent').filter({ hasText: 'did not answer with a model list' }).waitFor();
      assert.match(await card.getByTestId('local-none').innerText(), /Install Ollama/);
      const use = card.locator('[data-action="use-custom"]');
      assert.equal(await use.getAttribute('disabled'), '', 'nothing to use before a URL and a model are typed');
      await card.getByTestId('custom-baseurl').fill('http://127.0.0.1:8000/v1');
      await card.getByTestId('custom-model').fill('coder-7b');
      await card.getByTestId('custom-wireapi').selectOption('chat');
      await use.click();
      await card.getByTestId('local-error').filter({ hasText: 'overridden by profile `work`' }).waitFor();
      assert.deepEqual(host.asked('useProvider'), [
        { type: 'useProvider', choice: { type: 'custom', baseUrl: 'http://127.0.0.1:8000/v1', model: 'coder-7b', wireApi: 'chat' } },
      ]);
      assert.equal(await app.view.page.getByTestId('composer').count(), 0);

      // "Detect again" waits for the host's answer, then shows it (here: Ollama without models).
      detected = { type: 'detected', chatgpt: false, local: [{ ...OLLAMA, models: [] }] };
      release = () => undefined;
      await card.locator('[data-action="redetect"]').click();
      await card.getByTestId('local-detecting').waitFor();
      (release as () => void)();
      await card.getByTestId('local-server').filter({ hasText: 'ollama pull' }).waitFor();
      assert.equal(await card.getByTestId('local-model').count(), 0);
      assert.equal(await card.getByTestId('local-none').count(), 0);
    } finally {
      host.stop();
      await app.view.close();
    }
  });

  it('signs in with ChatGPT when the server can: waits for the browser, shows a failed login, cancels, then succeeds', async () => {
    let signedIn = false;
    let logins = 0;
    const app = await openApp(harness, {
      handlers: { 'account/read': () => ({ account: signedIn ? { type: 'apiKey' } : null, userId: null, requiresOpenaiAuth: true }) },
    });
    const host = fakeSignInHost(app.view, {
      detect: () => ({ type: 'detected', chatgpt: true, local: [NO_LMSTUDIO] }),
      'chatgpt/start': () => ({ type: 'chatgptStarted', loginId: `login-${++logins}` }),
      'chatgpt/cancel': () => ({ type: 'chatgptCanceled' }),
    });
    try {
      const page = app.view.page;
      const card = page.getByTestId('signin-card');
      const button = card.locator('[data-action="signin-chatgpt"]');
      const waiting = card.getByTestId('signin-chatgpt-waiting');
      await button.waitFor();
      await app.view.screenshot('ui-signin-card-chatgpt');
      await button.click();
      await waiting.waitFor();
      await app.view.notify({ method: 'account/login/completed', params: { loginId: 'login-1', success: false, error: 'access denied', onboardingEntrypoint: null } });
      await card.getByTestId('signin-chatgpt').filter({ hasText: 'ChatGPT sign-in failed: access denied' }).waitFor();

      await button.click();
      await waiting.waitFor();
      await card.locator('[data-action="signin-chatgpt-cancel"]').click();
      await button.waitFor();
      assert.deepEqual(host.asked('chatgpt/cancel'), [{ type: 'chatgpt/cancel', loginId: 'login-2' }]);

      await button.click();
      await waiting.waitFor();
      signedIn = true;
      await app.view.notify({ method: 'account/login/completed', params: { loginId: 'login-3', success: true, error: null, onboardingEntrypoint: null } });
      await page.getByTestId('composer').waitFor();
      await card.waitFor({ state: 'detached' });
      assert.equal(host.asked('chatgpt/start').length, 3);
    } finally {
      host.stop();
      await app.view.close();
    }
  });

  it('after a local model is chosen the model picker offers only what the server lists, config.toml\'s model selected', async () => {
    let chosen = false;
    /** A model the catalog does not know, as model/list gives it for a local provider. */
    const local = (id: string, isDefault: boolean) => ({ ...model(id, isDefault), displayName: id, supportedReasoningEfforts: [], defaultReasoningEffort: 'none' });
    // The opened chat ran on an OpenAI model: the composer follows it until the choice starts a new chat.
    const thread = { ...makeThread([makeTurn('t1', [userMessage('u1', 'hello'), agentMessage('a1', 'an old answer')])]), model: 'gpt-5-mini' };
    const app = await openApp(harness, {
      thread,
      handlers: {
        'account/read': () => ({ account: null, userId: null, requiresOpenaiAuth: !chosen }),
        'model/list': () => ({
          data: chosen ? [local('qwen2.5-coder:7b', true), local('llama3.2:latest', false)] : [model('gpt-5', true), model('gpt-5-mini', false)],
          nextCursor: null,
        }),
      },
    });
    const host = fakeSignInHost(app.view, {
      detect: () => ({ type: 'detected', chatgpt: false, local: [OLLAMA, NO_LMSTUDIO] }),
      useProvider: (request) => {
        chosen = true;
        return { type: 'providerSaved', provider: 'ollama', model: request.choice.model };
      },
    });
    try {
      const page = app.view.page;
      const card = page.getByTestId('signin-card');
      await card.getByTestId('local-model').selectOption('qwen2.5-coder:7b');
      const listed = app.requests('model/list').length;
      await card.locator('[data-action="use-local"]').click();
      await page.getByTestId('chat-title').filter({ hasText: 'New chat' }).waitFor();
      await app.view.waitForPosted(() => app.requests('model/list').length > listed);

      const picker = page.getByTestId('model-picker');
      await page.waitForFunction(() => document.querySelector<HTMLSelectElement>('[data-testid="model-picker"]')?.value === 'qwen2.5-coder:7b');
      assert.deepEqual(await picker.locator('option').allInnerTexts(), ['qwen2.5-coder:7b', 'llama3.2:latest'], 'no OpenAI model is offered');
      assert.equal(await page.getByTestId('effort-picker').count(), 0, 'no reasoning efforts for a local model');

      await page.getByTestId('composer-input').fill('hello local');
      await page.getByTestId('composer-input').press('Enter');
      const turn = (await app.waitForRequest('turn/start')) as { model: string | null };
      const start = app.requests('thread/start')[0] as { model: string | null };
      assert.deepEqual([start.model, turn.model], [null, null], 'config.toml\'s model is used, not the old chat\'s gpt-5-mini');
    } finally {
      host.stop();
      await app.view.close();
    }
  });
});
