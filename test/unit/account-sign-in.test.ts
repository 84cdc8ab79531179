// The host side of the sign-in card without a server: which config edits a choice makes (the
// built-in Ollama/LM Studio provider where it reaches the server, else an own table), and the
// SignInService's answers — ChatGPT offered only when the server answers account/login/cancel,
// the auth URL checked before the browser opens it, the config write and its failures.
import { strict as assert } from 'node:assert';
import { builtInFits, providerWrite } from '../../src/account/providerConfig';
import { SignInService, type SignInDeps } from '../../src/account/signInService';

type Call = { method: string; params: unknown };

function service(answers: Record<string, (params: unknown) => unknown>, over: Partial<SignInDeps> = {}) {
  const calls: Call[] = [];
  const opened: string[] = [];
  const deps: SignInDeps = {
    request: async (method, params) => {
      calls.push({ method, params });
      const answer = answers[method];
      if (!answer) throw Object.assign(new Error(`Method not found: ${method}`), { code: -32601 });
      return answer(params);
    },
    openExternal: async (url) => {
      opened.push(url);
      return true;
    },
    targets: () => [],
    env: {},
    ...over,
  };
  return { signIn: new SignInService(deps), calls, opened };
}

describe('sign-in: provider config edits', () => {
  it('uses the built-in provider when it reaches the detected server (default port, no CODEX_OSS_*)', () => {
    assert.deepEqual(providerWrite({ type: 'local', server: 'ollama', baseUrl: 'http://127.0.0.1:11434/v1', model: 'llama3.2' }, {}), {
      provider: 'ollama',
      model: 'llama3.2',
      edits: [
        { keyPath: 'model_provider', value: 'ollama', mergeStrategy: 'replace' },
        { keyPath: 'model', value: 'llama3.2', mergeStrategy: 'replace' },
      ],
    });
    assert.equal(providerWrite({ type: 'local', server: 'lmstudio', baseUrl: 'http://localhost:1234/v1/', model: 'q' }, {}).provider, 'lmstudio');
    assert.equal(builtInFits('ollama', 'http://127.0.0.1:11434/v1', { CODEX_OSS_PORT: '9000' }), false);
    assert.equal(builtInFits('ollama', 'http://127.0.0.1:11434/v1', { CODEX_OSS_BASE_URL: 'http://x/v1' }), false);
    assert.equal(builtInFits('lmstudio', 'http://127.0.0.1:11434/v1', {}), false);
    assert.equal(builtInFits('ollama', 'http://10.0.0.2:11434/v1', {}), false);
  });

  it('writes an own provider table (never a built-in id, which Codex refuses) for any other address', () => {
    assert.deepEqual(providerWrite({ type: 'local', server: 'ollama', baseUrl: 'http://127.0.0.1:40001/v1/', model: ' llama3.2 ' }, {}), {
      provider: 'ollama-local',
      model: 'llama3.2',
      edits: [
        { keyPath: 'model_providers.ollama-local', value: { name: 'Ollama', base_url: 'http://127.0.0.1:40001/v1', wire_api: 'responses' }, mergeStrategy: 'replace' },
        { keyPath: 'model_provider', value: 'ollama-local', mergeStrategy: 'replace' },
        { keyPath: 'model', value: 'llama3.2', mergeStrategy: 'replace' },
      ],
    });
    const custom = providerWrite({ type: 'custom', baseUrl: 'https://llm.example.com/v1', model: 'coder', wireApi: 'chat' }, {});
    assert.equal(custom.provider, 'openai-compatible');
    assert.deepEqual(custom.edits[0], {
      keyPath: 'model_providers.openai-compatible',
      value: { name: 'OpenAI-compatible server', base_url: 'https://llm.example.com/v1', wire_api: 'chat' },
      mergeStrategy: 'replace',
    });
  });
});

describe('sign-in: the host service', () => {
  it('offers ChatGPT only when the server answers account/login/cancel with a cancel status', async () => {
    const withLogin = service({ 'account/login/cancel': () => ({ status: 'notFound' }) });
    assert.deepEqual(await withLogin.signIn.handle({ type: 'detect' }), { type: 'detected', chatgpt: true, local: [] });
    assert.deepEqual((withLogin.calls[0]?.params as { loginId: string }).loginId.length, 36, 'a well-formed id no login has');
    const without = service({});
    assert.deepEqual(await without.signIn.handle({ type: 'detect' }), { type: 'detected', chatgpt: false, local: [] });
    const odd = service({ 'account/login/cancel': () => ({ ok: true }) });
    assert.deepEqual(await odd.signIn.handle({ type: 'detect' }), { type: 'detected', chatgpt: false, local: [] });
  });

  it('starts a ChatGPT login and opens its https auth URL; refuses another scheme; cancels when no browser opened', async () => {
    const authUrl = 'https://auth.openai.com/oauth/authorize?response_type=code&scope=openid+profile';
    const good = service({ 'account/login/start': () => ({ type: 'chatgpt', loginId: 'login-1', authUrl }) });
    assert.deepEqual(await good.signIn.handle({ type: 'chatgpt/start' }), { type: 'chatgptStarted', loginId: 'login-1' });
    assert.deepEqual(good.calls, [{ method: 'account/login/start', params: { type: 'chatgpt' } }]);
    assert.deepEqual(good.opened, [authUrl]);

    const bad = service({ 'account/login/start': () => ({ type: 'chatgpt', loginId: 'login-2', authUrl: 'file:///etc/passwd' }) });
    const refused = await bad.signIn.handle({ type: 'chatgpt/start' });
    assert.equal(refused.type, 'failed');
    assert.deepEqual(bad.opened, []);

    const noBrowser = service(
      { 'account/login/start': () => ({ type: 'chatgpt', loginId: 'login-3', authUrl }), 'account/login/cancel': () => ({ status: 'canceled' }) },
      { openExternal: async () => false },
    );
    assert.equal((await noBrowser.signIn.handle({ type: 'chatgpt/start' })).type, 'failed');
    assert.deepEqual(noBrowser.calls.at(-1), { method: 'account/login/cancel', params: { loginId: 'login-3' } });

    const cancel = service({ 'account/login/cancel': () => ({ status: 'canceled' }) });
    assert.deepEqual(await cancel.signIn.handle({ type: 'chatgpt/cancel', loginId: 'login-1' }), { type: 'chatgptCanceled' });
  });

  it('writes the choice with config/batchWrite and fails when a higher layer overrides it or the server refuses', async () => {
    const ok = service({ 'config/batchWrite': () => ({ status: 'ok', version: 'v', filePath: '/c', overriddenMetadata: null }) });
    const choice = { type: 'local', server: 'lmstudio', baseUrl: 'http://127.0.0.1:5555/v1', model: 'qwen' } as const;
    assert.deepEqual(await ok.signIn.handle({ type: 'useProvider', choice }), { type: 'providerSaved', provider: 'lmstudio-local', model: 'qwen' });
    const params = ok.calls[0]?.params as { edits: unknown[]; reloadUserConfig: boolean };
    assert.equal(ok.calls[0]?.method, 'config/batchWrite');
    assert.deepEqual(params.edits, providerWrite(choice, {}).edits);
    assert.equal(params.reloadUserConfig, true);

    const overridden = service({
      'config/batchWrite': () => ({ status: 'okOverridden', overriddenMetadata: { message: 'model_provider is overridden by profile `work`' } }),
    });
    assert.deepEqual(await overridden.signIn.handle({ type: 'useProvider', choice }), { type: 'failed', message: 'model_provider is overridden by profile `work`' });

    const refused = service({
      'config/batchWrite': () => {
        throw new Error('Invalid configuration: model_providers.lmstudio-local.base_url: expected an http(s) URL');
      },
    });
    assert.deepEqual(await refused.signIn.handle({ type: 'useProvider', choice }), {
      type: 'failed',
      message: 'Invalid configuration: model_providers.lmstudio-local.base_url: expected an http(s) URL',
    });
  });
});
