// Provider resolution: built-ins and their env overrides, user [model_providers] entries validated with
// errors that name the key, API-key and header resolution, and the missing-key error.

import { strict as assert } from 'node:assert';
import {
  ChatCompletionsClient,
  createModelClient,
  ProviderConfigError,
  providerIds,
  resolveProvider,
  ResponsesClient,
} from '../../server/models';

function configError(message: string | RegExp, key?: string) {
  return (e: unknown): boolean => {
    if (!(e instanceof ProviderConfigError)) return false;
    assert.ok(typeof message === 'string' ? e.message === message : message.test(e.message), e.message);
    if (key !== undefined) assert.equal(e.key, key);
    return true;
  };
}

describe('models: providers', () => {
  it('has openai, ollama and lmstudio built in with Codex defaults', () => {
    const openai = resolveProvider('openai', undefined, {});
    assert.equal(openai.baseUrl, 'https://api.openai.com/v1');
    assert.equal(openai.wireApi, 'responses');
    assert.equal(openai.envKey, 'OPENAI_API_KEY');
    assert.equal(openai.requiresOpenaiAuth, true);
    assert.equal(openai.requestMaxRetries, 4);
    assert.equal(openai.streamMaxRetries, 5);
    assert.equal(openai.streamIdleTimeoutMs, 300_000);
    assert.equal(openai.apiKey, undefined);
    const ollama = resolveProvider('ollama', {}, {});
    assert.equal(ollama.baseUrl, 'http://localhost:11434/v1');
    assert.equal(ollama.wireApi, 'responses');
    assert.equal(resolveProvider('ollama-chat', {}, {}).wireApi, 'chat');
    assert.equal(resolveProvider('lmstudio', {}, {}).baseUrl, 'http://localhost:1234/v1');
  });

  it('honours OPENAI_BASE_URL, OPENAI_API_KEY, org/project headers and the CODEX_OSS_* variables', () => {
    const env = { OPENAI_BASE_URL: 'https://proxy.example/v1', OPENAI_API_KEY: ' sk-1 ', OPENAI_ORGANIZATION: 'org-1', OPENAI_PROJECT: '' };
    const openai = resolveProvider('openai', undefined, env);
    assert.equal(openai.baseUrl, 'https://proxy.example/v1');
    assert.equal(openai.apiKey, 'sk-1');
    assert.deepEqual(openai.requestHeaders, { 'OpenAI-Organization': 'org-1' });
    assert.equal(resolveProvider('lmstudio', undefined, { CODEX_OSS_PORT: '9999' }).baseUrl, 'http://localhost:9999/v1');
    assert.equal(resolveProvider('ollama', undefined, { CODEX_OSS_BASE_URL: 'http://gpu:11434/v1' }).baseUrl, 'http://gpu:11434/v1');
  });

  it('resolves a user entry', () => {
    const table = {
      mock: {
        name: 'Mock',
        base_url: 'http://127.0.0.1:5555/v1',
        wire_api: 'chat',
        env_key: 'MOCK_API_KEY',
        http_headers: { 'x-a': '1' },
        env_http_headers: { 'x-b': 'B_VAR', 'x-c': 'UNSET_VAR' },
        query_params: { 'api-version': '1' },
        request_max_retries: 0,
        stream_max_retries: 1000n,
        stream_idle_timeout_ms: 1000,
      },
    };
    const mock = resolveProvider('mock', table, { MOCK_API_KEY: 'k', B_VAR: 'b' });
    assert.equal(mock.name, 'Mock');
    assert.equal(mock.wireApi, 'chat');
    assert.equal(mock.apiKey, 'k');
    assert.deepEqual(mock.requestHeaders, { 'x-a': '1', 'x-b': 'b' });
    assert.deepEqual(mock.queryParams, { 'api-version': '1' });
    assert.equal(mock.requestMaxRetries, 0);
    assert.equal(mock.streamMaxRetries, 100, 'clamped like Codex');
    assert.equal(mock.streamIdleTimeoutMs, 1000);
  });

  it('lets a user entry override fields of a built-in', () => {
    const openai = resolveProvider('openai', { openai: { base_url: 'https://gw.example/v1', request_max_retries: 1 } }, {});
    assert.equal(openai.baseUrl, 'https://gw.example/v1');
    assert.equal(openai.requestMaxRetries, 1);
    assert.equal(openai.envKey, 'OPENAI_API_KEY');
  });

  it('prefers experimental_bearer_token over the env key', () => {
    const table = { p: { base_url: 'http://x/v1', env_key: 'K', experimental_bearer_token: 'tok' } };
    assert.equal(resolveProvider('p', table, { K: 'env' }).apiKey, 'tok');
  });

  it('names the offending key in validation errors', () => {
    assert.throws(
      () => resolveProvider('mock', { mock: { base_url: 'http://x/v1', wire_api: 'grpc' } }, {}),
      configError('model_providers.mock.wire_api: expected "responses" or "chat"', 'model_providers.mock.wire_api'),
    );
    assert.throws(() => resolveProvider('mock', { mock: { base_url: 'ftp://x' } }, {}), configError('model_providers.mock.base_url: expected an http(s) URL'));
    assert.throws(() => resolveProvider('mock', { mock: {} }, {}), configError(/^model_providers\.mock\.base_url: required/));
    assert.throws(
      () => resolveProvider('mock', { mock: { base_url: 'http://x', request_max_retries: -1 } }, {}),
      configError('model_providers.mock.request_max_retries: expected a non-negative integer'),
    );
    assert.throws(
      () => resolveProvider('mock', { mock: { base_url: 'http://x', http_headers: { a: 1 } } }, {}),
      configError('model_providers.mock.http_headers.a: expected a string value'),
    );
    assert.throws(() => resolveProvider('mock', { mock: 'x' }, {}), configError('model_providers.mock: expected a table'));
    assert.throws(() => resolveProvider('mock', [1], {}), configError(/^model_providers: expected a table/));
    assert.throws(() => resolveProvider('nope', { mine: { base_url: 'http://x' } }, {}), configError(/"nope" is not defined.*openai, ollama, ollama-chat, lmstudio, mine/));
  });

  it('lists built-in and user provider ids', () => {
    assert.deepEqual(providerIds({ mine: {}, openai: {} }, {}), ['openai', 'ollama', 'ollama-chat', 'lmstudio', 'mine']);
  });

  it('createModelClient picks the wire API and names a missing key variable', () => {
    assert.ok(createModelClient(resolveProvider('ollama', undefined, {})) instanceof ResponsesClient);
    assert.ok(createModelClient(resolveProvider('ollama-chat', undefined, {})) instanceof ChatCompletionsClient);
    assert.throws(
      () => createModelClient(resolveProvider('openai', undefined, {})),
      configError(/^Missing environment variable: `OPENAI_API_KEY`.*platform\.openai\.com/),
    );
  });
});
