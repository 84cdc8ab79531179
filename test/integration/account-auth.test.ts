// Accounts with an API key (stored in $CODEX_HOME/auth.json, mode 0600, and used for OpenAI-auth
// providers), rate limits, the model catalog and local feedback bundles.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { startMockModel, textReply, type MockModel } from '../support/mock-model';
import { runTurn, startAppServer, type AppServerClient } from '../support/app-server-client';

type Json = Record<string, unknown>;

/** A provider that authenticates with OPENAI_API_KEY but talks to the mock. */
const keyedProvider = (baseUrl: string): string =>
  ['[model_providers.keyed]', 'name = "Keyed"', `base_url = "${baseUrl}"`, 'env_key = "OPENAI_API_KEY"', 'requires_openai_auth = true', ''].join('\n');

describe('accounts, rate limits, models, feedback', function () {
  this.timeout(20000);
  let mock: MockModel | undefined;
  let client: AppServerClient | undefined;

  afterEach(async () => {
    // Close everything even when a close() reports schema violations, so nothing keeps mocha alive.
    try {
      await client?.close();
    } finally {
      client = undefined;
      await mock?.close();
      mock = undefined;
    }
  });

  it('logs in with an API key, stores it 0600, uses it, and logs out', async () => {
    mock = await startMockModel({ replies: [textReply('authorised')] });
    // An empty variable in the environment must not count as a key (nor hide the stored one).
    client = await startAppServer({ mockBaseUrl: mock.baseUrl, extraConfig: keyedProvider(mock.baseUrl), env: { OPENAI_API_KEY: '' } });
    const authFile = join(client.codexHome, 'auth.json');
    const before = await client.request<Json>('account/read', {});
    assert.equal(before.account, null);
    assert.equal(before.requiresOpenaiAuth, false, 'the configured mock provider has its own env_key');
    assert.ok(!existsSync(authFile));

    const from = client.lines.length;
    assert.deepEqual(await client.request('account/login/start', { type: 'apiKey', apiKey: 'sk-test-123' }), { type: 'apiKey' });
    const completed = await client.waitForNotification('account/login/completed', () => true, 5000, from);
    assert.equal(completed.success, true);
    assert.equal(completed.error, null);
    const updated = await client.waitForNotification('account/updated', () => true, 5000, from);
    assert.equal(updated.authMode, 'apikey');
    const loginAt = client.lines.findIndex((m, i) => i >= from && 'result' in m);
    assert.ok(loginAt < client.lines.findIndex((m) => m.method === 'account/login/completed'), 'the result comes first');

    assert.equal(statSync(authFile).mode & 0o777, 0o600);
    assert.equal((JSON.parse(readFileSync(authFile, 'utf8')) as Json).OPENAI_API_KEY, 'sk-test-123');
    assert.deepEqual((await client.request<Json>('account/read', {})).account, { type: 'apiKey' });

    // The stored key authenticates a provider that uses OPENAI_API_KEY.
    const { thread } = await client.request<{ thread: { id: string } }>('thread/start', { cwd: '/tmp', modelProvider: 'keyed' });
    assert.equal((await runTurn(client, thread.id, 'hi')).completed.status, 'completed');
    assert.equal(mock.lastRequest('responses').headers.authorization, 'Bearer sk-test-123');

    const logoutFrom = client.lines.length;
    assert.deepEqual(await client.request('account/logout'), {});
    const loggedOut = await client.waitForNotification('account/updated', () => true, 5000, logoutFrom);
    assert.equal(loggedOut.authMode, null);
    assert.ok(!existsSync(authFile));
    assert.equal((await client.request<Json>('account/read', {})).account, null);
  });

  it('keeps the key across a restart and requires OpenAI auth for the default provider', async () => {
    client = await startAppServer({ env: { OPENAI_API_KEY: '' } });
    assert.deepEqual(await client.request('account/read', {}), { account: null, userId: null, requiresOpenaiAuth: true });
    await client.request('account/login/start', { type: 'apiKey', apiKey: 'sk-persist' });
    await client.close();
    client = await startAppServer({ codexHome: client.codexHome, env: { OPENAI_API_KEY: '' } });
    assert.deepEqual((await client.request<Json>('account/read', {})).account, { type: 'apiKey' });
  });

  it('reads rate limits: none to report for an API key', async () => {
    client = await startAppServer();
    const limits = await client.request<Json>('account/rateLimits/read');
    const snapshot = limits.rateLimits as Json;
    assert.equal(snapshot.primary, null);
    assert.equal(snapshot.secondary, null);
    assert.equal(snapshot.credits, null);
    assert.equal(limits.rateLimitsByLimitId, null);
  });

  it('lists the model catalog with gpt-5.5 as the default, in pages', async () => {
    client = await startAppServer();
    const all = await client.request<{ data: Json[]; nextCursor: string | null }>('model/list', {});
    assert.equal(all.nextCursor, null);
    const defaults = all.data.filter((m) => m.isDefault);
    assert.deepEqual(defaults.map((m) => m.id), ['gpt-5.5']);
    const gpt55 = defaults[0] as Json;
    assert.equal(gpt55.model, 'gpt-5.5');
    assert.equal(gpt55.defaultReasoningEffort, 'medium');
    assert.ok((gpt55.supportedReasoningEfforts as Json[]).some((e) => e.reasoningEffort === 'high'));

    const paged: Json[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 20; pages++) {
      const page: { data: Json[]; nextCursor: string | null } = await client.request('model/list', { limit: 2, ...(cursor ? { cursor } : {}) });
      assert.ok(page.data.length <= 2);
      paged.push(...page.data);
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    assert.equal(cursor, null);
    assert.deepEqual(paged.map((m) => m.id), all.data.map((m) => m.id));
    assert.ok(all.data.length > 2, 'paging was exercised');
  });

  it("writes a local feedback bundle with the report, the thread's rollout and the log", async () => {
    mock = await startMockModel({ replies: [textReply('something odd')] });
    client = await startAppServer({ mockBaseUrl: mock.baseUrl });
    const { thread } = await client.request<{ thread: { id: string; path: string } }>('thread/start', { cwd: '/tmp' });
    await runTurn(client, thread.id, 'do the thing');

    const result = await client.request<Json>('feedback/upload', { classification: 'bug', reason: 'It answered oddly', threadId: thread.id, includeLogs: true, tags: { area: 'chat' } });
    assert.equal(result.threadId, thread.id);
    const root = join(client.codexHome, 'feedback');
    const bundles = readdirSync(root).filter((d) => d.endsWith(thread.id));
    assert.equal(bundles.length, 1);
    const dir = join(root, bundles[0] as string);
    const report = JSON.parse(readFileSync(join(dir, 'feedback.json'), 'utf8')) as Json;
    assert.equal(report.classification, 'bug');
    assert.equal(report.reason, 'It answered oddly');
    assert.equal(report.threadId, thread.id);
    assert.deepEqual(report.tags, { area: 'chat' });
    assert.deepEqual(new Set(report.files as string[]), new Set(['app-server.log', basename(thread.path)]));
    const copied = readFileSync(join(dir, basename(thread.path)), 'utf8');
    assert.equal(copied, readFileSync(thread.path, 'utf8'), 'the whole rollout, as on disk');
    assert.match(copied, /"task_complete"/);
    assert.match(readFileSync(join(dir, 'app-server.log'), 'utf8'), /starting/);

    const anonymous = await client.request<Json>('feedback/upload', { classification: 'idea', includeLogs: false });
    assert.match(String(anonymous.threadId), /^[0-9a-f-]{36}$/);
    const other = readdirSync(root).find((d) => d.endsWith(String(anonymous.threadId))) as string;
    assert.deepEqual(readdirSync(join(root, other)), ['feedback.json']);
  });
});
