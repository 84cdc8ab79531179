// The error table for thread and turn methods (reference §6): the same messages as Codex, with
// the connection usable afterwards; the lenient cases that must succeed; and a broken config.toml
// that is reported instead of stopping the server.
import { strict as assert } from 'node:assert';
import { join, resolve } from 'node:path';
import { hang, message, startMockModel, type MockModel } from '../support/mock-model';
import { RpcCallError, runTurn, startAppServer, textInput, type AppServerClient } from '../support/app-server-client';
import { closeAfterEach } from '../support/server-fixture';

type Json = Record<string, unknown>;

const UNKNOWN = '01a1fc73-0000-7000-8000-00000000abcd';

async function expectError(promise: Promise<unknown>, pattern: RegExp, code = -32600): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof RpcCallError, `expected an RPC error, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    assert.match(error.message, pattern);
    return true;
  });
}

describe('threads: error table', function () {
  this.timeout(20000);
  let mock: MockModel;
  let client: AppServerClient | undefined;

  closeAfterEach(() => [client, mock], () => (client = undefined));

  async function start(replies: Parameters<typeof startMockModel>[0] = {}): Promise<AppServerClient> {
    mock = await startMockModel(replies);
    client = await startAppServer({ mockBaseUrl: mock.baseUrl });
    return client;
  }

  it('answers unknown and malformed thread ids like the reference', async () => {
    const c = await start();
    await expectError(c.request('turn/start', { threadId: UNKNOWN, input: [textInput('hi')] }), new RegExp(`^thread not found: ${UNKNOWN}$`));
    await expectError(c.request('thread/read', { threadId: UNKNOWN }), new RegExp(`^thread not loaded: ${UNKNOWN}$`));
    await expectError(c.request('thread/read', { threadId: 'not-a-uuid' }), /^invalid thread id: /);
    await expectError(c.request('thread/resume', { threadId: UNKNOWN }), new RegExp(`^no rollout found for thread id ${UNKNOWN}$`));
    await expectError(c.request('thread/fork', { threadId: UNKNOWN }), new RegExp(`^no rollout found for thread id ${UNKNOWN}$`));
    await expectError(c.request('thread/archive', { threadId: UNKNOWN }), new RegExp(`^no rollout found for thread id ${UNKNOWN}$`));
    await expectError(c.request('thread/turns/list', { threadId: UNKNOWN }), new RegExp(`^thread not loaded: ${UNKNOWN}$`));
    await expectError(c.request('thread/name/set', { threadId: UNKNOWN, name: 'x' }), new RegExp(`^thread not found: ${UNKNOWN}$`));
    await expectError(c.request('turn/interrupt', { threadId: 'xyz', turnId: 't' }), /^invalid thread id: /);
    // Still usable.
    const { thread } = await c.request<{ thread: { id: string } }>('thread/start', {});
    assert.equal((await c.request<{ thread: { id: string } }>('thread/read', { threadId: thread.id.toUpperCase() })).thread.id, thread.id);
  });

  it('refuses to interrupt an idle thread and to start a second turn on a busy one', async () => {
    const c = await start({ replies: [hang([message('busy')])] });
    const { thread } = await c.request<{ thread: { id: string } }>('thread/start', { cwd: '/tmp' });
    await expectError(c.request('turn/interrupt', { threadId: thread.id, turnId: 'anything' }), /^no active turn to interrupt$/);
    const { turn } = await c.request<{ turn: { id: string } }>('turn/start', { threadId: thread.id, input: [textInput('one')] });
    await expectError(c.request('turn/start', { threadId: thread.id, input: [textInput('two')] }), /already running/);
    await expectError(c.request('thread/rollback', { threadId: thread.id, numTurns: 1 }), /while a turn is running/);
    await c.request('turn/interrupt', { threadId: thread.id, turnId: turn.id });
    await c.waitForNotification('turn/completed');
    await expectError(c.request('turn/interrupt', { threadId: thread.id, turnId: turn.id }), /^no active turn to interrupt$/);
  });

  it('accepts a relative cwd (resolved against the server cwd), a missing cwd and an empty input', async () => {
    const c = await start({ replies: [{ kind: 'response', items: [message('nothing to say')] }] });
    const relative = await c.request<{ cwd: string; thread: { cwd: string } }>('thread/start', { cwd: 'relative/dir' });
    assert.equal(relative.cwd, resolve(process.cwd(), 'relative/dir'), 'the test spawns the server in its own cwd');
    assert.equal(relative.thread.cwd, relative.cwd);
    const missing = await c.request<{ cwd: string; thread: { id: string } }>('thread/start', { cwd: '/nonexistent/dir' });
    assert.equal(missing.cwd, '/nonexistent/dir');

    const from = c.notifications.length;
    const { turn } = await c.request<{ turn: { id: string } }>('turn/start', { threadId: missing.thread.id, input: [] });
    const completed = await c.waitForNotification('turn/completed', (p) => (p.turn as Json).id === turn.id);
    assert.equal((completed.turn as Json).status, 'completed');
    const items = c.notifications.slice(from).filter((n) => n.method === 'item/completed').map((n) => (n.params.item as Json).type);
    assert.deepEqual(items, ['agentMessage'], 'no userMessage item for an empty input');
    const sent = (mock.lastRequest('responses').body.input as Json[]).map((e) => e.role);
    assert.deepEqual(sent, ['developer', 'user'], 'the model gets the opening context only');
  });
});

describe('threads: a broken config.toml', function () {
  this.timeout(20000);
  let client: AppServerClient | undefined;

  closeAfterEach(() => [client], () => (client = undefined));

  it('still starts and answers, and names the file and line in a configWarning', async () => {
    client = await startAppServer({ extraConfig: 'model = "gpt-5.5"\napproval_policy = "never"\nthis line is not toml\n' });
    const warning = await client.waitForNotification('configWarning');
    const file = join(client.codexHome, 'config.toml');
    assert.equal(warning.path, file);
    assert.match(String(warning.summary), new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:\\d+: `));
    const started = await client.request<{ thread: { id: string }; model: string }>('thread/start', { cwd: '/tmp' });
    assert.equal(started.model, 'gpt-5.5', 'built-in defaults stand in for the broken file');
    assert.ok((await client.request<{ data: unknown[] }>('model/list', {})).data.length > 0);
    assert.match(client.stderr, /config: .*config\.toml:3:/, 'and it is logged');
  });

  it('runs a turn after a config error in an override, reporting it', async () => {
    const mock = await startMockModel({ replies: [{ kind: 'response', items: [message('fine')] }] });
    try {
      client = await startAppServer({ mockBaseUrl: mock.baseUrl, args: ['-c', 'not-an-override'] });
      const warning = await client.waitForNotification('configWarning');
      assert.match(String(warning.summary), /not-an-override/);
      const { thread } = await client.request<{ thread: { id: string } }>('thread/start', { cwd: '/tmp' });
      assert.equal((await runTurn(client, thread.id, 'hi')).completed.status, 'completed');
    } finally {
      await client?.close();
      client = undefined;
      await mock.close();
    }
  });
});
