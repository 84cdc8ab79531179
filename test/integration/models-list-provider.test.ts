// model/list through the built server follows config.toml's provider: a local provider (the mock
// model standing in for LM Studio or Ollama on 127.0.0.1) offers config.toml's model as the
// default and the models the server lists, never the OpenAI catalog; one that is not running
// offers only config.toml's model; OpenAI offers the catalog with config.toml's model as default.
import { strict as assert } from 'node:assert';
import { createServer } from 'node:net';
import { startMockModel, textReply, type MockModel } from '../support/mock-model';
import { type AppServerClient, startAppServer } from '../support/app-server-client';
import { closeAfterEach } from '../support/server-fixture';

interface ListedModel {
  readonly model: string;
  readonly isDefault: boolean;
  readonly hidden: boolean;
  readonly supportedReasoningEfforts: readonly unknown[];
}

/** config.toml as the sign-in card writes it for a local server at `baseUrl`. */
function localProviderConfig(baseUrl: string, model: string): string {
  return [
    'model_provider = "lmstudio-local"',
    `model = "${model}"`,
    '[model_providers.lmstudio-local]',
    'name = "LM Studio"',
    `base_url = "${baseUrl}"`,
    'wire_api = "responses"',
    'request_max_retries = 0',
    'stream_max_retries = 0',
    '',
  ].join('\n');
}

async function listModels(client: AppServerClient, params: Record<string, unknown> = {}): Promise<{ data: ListedModel[]; nextCursor: string | null }> {
  return client.request('model/list', params);
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise<void>((done) => server.close(() => done()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('model/list and the configured provider (built server)', function () {
  this.timeout(30_000);
  let mock: MockModel | undefined;
  let client: AppServerClient | undefined;
  closeAfterEach(
    () => [client, mock],
    () => {
      client = mock = undefined;
    },
  );

  it('a local provider offers config.toml\'s model as default and what the server lists, not the OpenAI catalog', async () => {
    mock = await startMockModel({ models: ['local-coder', 'qwen2.5-coder:7b', 'text-embedding-small'], replies: [textReply('from qwen')] });
    client = await startAppServer({ extraConfig: localProviderConfig(mock.baseUrl, 'local-coder'), env: { OPENAI_API_KEY: '' } });
    const { data, nextCursor } = await listModels(client);
    assert.equal(nextCursor, null);
    assert.deepEqual(
      data.map((m) => [m.model, m.isDefault, m.hidden]),
      [
        ['local-coder', true, false],
        ['qwen2.5-coder:7b', false, false],
      ],
      'embedding models are left out; no catalog model is offered',
    );
    assert.deepEqual(data[0]?.supportedReasoningEfforts, [], 'no reasoning efforts for a model the catalog does not know');
    assert.equal(mock.requestsTo('models').length, 1, 'the local server was asked for its models');

    // Paged like the catalog.
    const first = await listModels(client, { limit: 1 });
    assert.deepEqual([first.data.map((m) => m.model), first.nextCursor], [['local-coder'], '1']);

    // A listed model is one the provider serves: a turn with it goes there.
    const { thread } = await client.request<{ thread: { id: string } }>('thread/start', { cwd: client.codexHome });
    await client.request('turn/start', { threadId: thread.id, model: 'qwen2.5-coder:7b', input: [{ type: 'text', text: 'hi', text_elements: [] }] });
    await client.waitForNotification('turn/completed');
    assert.equal((mock.lastRequest('responses').body as { model?: string }).model, 'qwen2.5-coder:7b');
  });

  it('Ollama\'s `name:latest` is config.toml\'s `name`, listed once', async () => {
    mock = await startMockModel({ models: ['llama3.2:latest', 'gpt-oss:20b'] });
    client = await startAppServer({ extraConfig: localProviderConfig(mock.baseUrl, 'llama3.2'), env: { OPENAI_API_KEY: '' } });
    assert.deepEqual(
      (await listModels(client)).data.map((m) => [m.model, m.isDefault]),
      [
        ['llama3.2', true],
        ['gpt-oss:20b', false],
      ],
    );
  });

  it('a local provider that is not running offers only config.toml\'s model', async () => {
    const port = await closedPort();
    client = await startAppServer({ extraConfig: localProviderConfig(`http://127.0.0.1:${port}/v1`, 'local-coder'), env: { OPENAI_API_KEY: '' } });
    assert.deepEqual(
      (await listModels(client)).data.map((m) => [m.model, m.isDefault]),
      [['local-coder', true]],
    );
  });

  it('OpenAI offers the catalog with config.toml\'s model as the default', async () => {
    client = await startAppServer({ extraConfig: 'model = "gpt-5.4-mini"\n' });
    const { data } = await listModels(client);
    assert.deepEqual(data.filter((m) => m.isDefault).map((m) => m.model), ['gpt-5.4-mini']);
    assert.ok(data.some((m) => m.model === 'gpt-5.5'), 'the rest of the catalog is still offered');
  });
});
