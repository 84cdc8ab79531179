// What model/list offers per provider (providerModels.ts, localModels.ts) with a fake fetch: only
// loopback providers are asked, with their key and headers; odd answers (an error status, not a
// model list, an oversized body) leave just config.toml's model; OpenAI gets the catalog.
import { strict as assert } from 'node:assert';
import { type Fetch } from '../../server/models/httpFetch';
import { fetchLocalModels, providerModels, resolveProvider } from '../../server/models';

interface Asked {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly redirect: RequestInit['redirect'];
}

/** A fetch answering every request with `body` (and `status`), recording what was asked. */
function fakeFetch(body: string, status = 200): { fetch: Fetch; asked: Asked[] } {
  const asked: Asked[] = [];
  const fetch: Fetch = async (input, init) => {
    asked.push({ url: String(input), headers: (init?.headers ?? {}) as Record<string, string>, redirect: init?.redirect });
    return new Response(body, { status, headers: { 'content-type': 'application/json' } });
  };
  return { fetch, asked };
}

const list = (...ids: string[]): string => JSON.stringify({ object: 'list', data: ids.map((id) => ({ id, object: 'model' })) });

function provider(baseUrl: string, extra: Record<string, unknown> = {}): ReturnType<typeof resolveProvider> {
  return resolveProvider('local', { local: { name: 'Local', base_url: baseUrl, ...extra } }, {});
}

describe('models: the list per provider', () => {
  it('asks a loopback provider for its chat models, with its key and headers, without following redirects', async () => {
    const { fetch, asked } = fakeFetch(list('coder', 'nomic-embed-text', 'coder', 'qwen'));
    const local = provider('http://localhost:1234/v1/', { experimental_bearer_token: 'sk-local', http_headers: { 'X-Team': 'a' }, query_params: { v: '2' } });
    assert.deepEqual(await fetchLocalModels(local, { fetch }), ['coder', 'qwen']);
    assert.equal(asked.length, 1);
    assert.equal(asked[0]?.url, 'http://localhost:1234/v1/models?v=2');
    assert.equal(asked[0]?.headers['authorization'], 'Bearer sk-local');
    assert.equal(asked[0]?.headers['X-Team'], 'a');
    assert.equal(asked[0]?.redirect, 'error');
  });

  it('never asks a provider that is not on this machine', async () => {
    const { fetch, asked } = fakeFetch(list('served'));
    const remote = provider('https://llm.example.com/v1');
    assert.equal(await fetchLocalModels(remote, { fetch }), null);
    const models = await providerModels({ provider: remote, configuredModel: 'team-model', includeHidden: false }, { fetch });
    assert.deepEqual(models.map((m) => [m.slug, m.isDefault, m.hidden]), [['team-model', true, false]]);
    assert.match(models[0]?.description ?? '', /config\.toml sets for Local/);
    assert.deepEqual(asked, []);
  });

  it('offers only config.toml\'s model when the answer is no model list', async () => {
    const local = provider('http://127.0.0.1:11434/v1');
    for (const [body, status] of [
      [list('a'), 500],
      ['{"models":[{"name":"a"}]}', 200],
      ['not json', 200],
      // A valid list, but over the 1 MiB cap.
      [JSON.stringify({ data: [{ id: 'a', notes: 'x'.repeat(1024 * 1024) }] }), 200],
    ] as const) {
      const { fetch } = fakeFetch(body, status);
      const models = await providerModels({ provider: local, configuredModel: 'llama3.2', includeHidden: false }, { fetch });
      assert.deepEqual(models.map((m) => m.slug), ['llama3.2'], `${status} ${body.slice(0, 40)}`);
    }
  });

  it('a catalog slug served locally keeps its catalog metadata', async () => {
    const { fetch } = fakeFetch(list('gpt-5.5', 'other'));
    const models = await providerModels({ provider: provider('http://127.0.0.1:8000/v1'), configuredModel: 'other', includeHidden: false }, { fetch });
    assert.deepEqual(models.map((m) => [m.slug, m.isDefault]), [['other', true], ['gpt-5.5', false]]);
    assert.equal(models[1]?.displayName, 'GPT-5.5');
    assert.deepEqual(models[0]?.supportedReasoningEfforts, []);
  });

  it('OpenAI gets the catalog with config.toml\'s model as default, added when the catalog lacks it', async () => {
    const { fetch, asked } = fakeFetch(list('never-asked'));
    const openai = resolveProvider('openai', {}, {});
    const mini = await providerModels({ provider: openai, configuredModel: 'gpt-5.4-mini', includeHidden: false }, { fetch });
    assert.deepEqual(mini.filter((m) => m.isDefault).map((m) => m.slug), ['gpt-5.4-mini']);
    assert.ok(mini.some((m) => m.slug === 'gpt-5.5' && !m.isDefault));
    const other = await providerModels({ provider: openai, configuredModel: 'o3-pro', includeHidden: false }, { fetch });
    assert.deepEqual([other[0]?.slug, other[0]?.isDefault, other[0]?.hidden], ['o3-pro', true, false]);
    assert.equal(other.filter((m) => m.isDefault).length, 1);
    assert.deepEqual(asked, []);
  });
});
