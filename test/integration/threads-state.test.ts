// Thread bookkeeping: unsubscribing and unloading after the grace period, goals, paging through
// turns and threads (with the cwd and modelProviders filters), and ephemeral threads.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hang, message, startMockModel, textReply, type MockModel } from '../support/mock-model';
import { runTurn, startAppServer, textInput, type AppServerClient } from '../support/app-server-client';
import { closeAfterEach } from '../support/server-fixture';

type Json = Record<string, unknown>;
interface ThreadJson {
  id: string;
  path: string | null;
  ephemeral: boolean;
  cwd: string;
  modelProvider: string;
  status: Json;
}
interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** Every rollout file name under CODEX_HOME/sessions. */
function rolloutFiles(codexHome: string): string[] {
  try {
    return readdirSync(join(codexHome, 'sessions'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.jsonl'));
  } catch {
    return [];
  }
}

describe('threads: subscriptions, goals, paging, ephemeral', function () {
  this.timeout(20000);
  let mock: MockModel;
  let client: AppServerClient | undefined;

  closeAfterEach(() => [client, mock], () => (client = undefined));

  async function start(replies: Parameters<typeof startMockModel>[0] = {}, graceMs = 50): Promise<AppServerClient> {
    mock = await startMockModel(replies);
    client = await startAppServer({ mockBaseUrl: mock.baseUrl, env: { CODEX_TS_UNLOAD_GRACE_MS: String(graceMs) } });
    return client;
  }

  const newThread = async (c: AppServerClient, params: Json = { cwd: '/tmp' }): Promise<ThreadJson> =>
    (await c.request<{ thread: ThreadJson }>('thread/start', params)).thread;

  it('unloads an unsubscribed thread after the grace period', async () => {
    const c = await start({ replies: [textReply('one'), textReply('two')] });
    const thread = await newThread(c);
    await runTurn(c, thread.id, 'first');
    const from = c.lines.length;
    assert.deepEqual(await c.request('thread/unsubscribe', { threadId: thread.id }), { status: 'unsubscribed' });
    const closed = await c.waitForNotification('thread/closed', (p) => p.threadId === thread.id, 5000, from);
    assert.deepEqual({ ...closed }, { threadId: thread.id });
    const statusAt = c.lines.findIndex((m, i) => i >= from && m.method === 'thread/status/changed');
    assert.deepEqual((c.lines[statusAt]?.params as Json).status, { type: 'notLoaded' });
    assert.ok(statusAt < c.lines.findIndex((m, i) => i >= from && m.method === 'thread/closed'), 'notLoaded before thread/closed');

    assert.deepEqual(await c.request('thread/unsubscribe', { threadId: thread.id }), { status: 'notLoaded' });
    assert.deepEqual((await c.request<Page<string>>('thread/loaded/list', {})).data, []);
    const listed = await c.request<Page<ThreadJson>>('thread/list', {});
    assert.deepEqual(listed.data.map((t) => t.status), [{ type: 'notLoaded' }]);
    // Still readable, pageable and resumable from disk.
    const turns = await c.request<Page<{ items: Json[] }>>('thread/turns/list', { threadId: thread.id });
    assert.equal(turns.data.length, 1);
    await c.request('thread/resume', { threadId: thread.id });
    assert.equal((await runTurn(c, thread.id, 'second')).completed.status, 'completed');
  });

  it('keeps a thread loaded while its turn runs, and answers notSubscribed meanwhile', async () => {
    const c = await start({ replies: [hang([message('Thinking...')])] });
    const thread = await newThread(c);
    const { turn } = await c.request<{ turn: { id: string } }>('turn/start', { threadId: thread.id, input: [textInput('long job')] });
    await c.waitForNotification('item/agentMessage/delta');
    assert.deepEqual(await c.request('thread/unsubscribe', { threadId: thread.id }), { status: 'unsubscribed' });
    await new Promise((resolve) => setTimeout(resolve, 200)); // well past the 50 ms grace period
    assert.deepEqual(await c.request('thread/unsubscribe', { threadId: thread.id }), { status: 'notSubscribed' });
    assert.deepEqual((await c.request<Page<string>>('thread/loaded/list', {})).data, [thread.id]);
    assert.equal(c.notifications.filter((n) => n.method === 'thread/closed').length, 0);

    await c.request('turn/interrupt', { threadId: thread.id, turnId: turn.id });
    await c.waitForNotification('thread/closed', (p) => p.threadId === thread.id);
    const methods = c.notifications.map((n) => n.method);
    assert.ok(methods.indexOf('turn/completed') < methods.indexOf('thread/closed'), 'unloaded only after the turn finished');
    assert.deepEqual((await c.request<Page<string>>('thread/loaded/list', {})).data, []);
  });

  it('cancels the unload when the thread is resumed within the grace period', async () => {
    const c = await start({}, 400);
    const thread = await newThread(c);
    await c.request('thread/unsubscribe', { threadId: thread.id });
    await c.request('thread/resume', { threadId: thread.id });
    await new Promise((resolve) => setTimeout(resolve, 700));
    assert.equal(c.notifications.filter((n) => n.method === 'thread/closed').length, 0);
    assert.deepEqual((await c.request<Page<string>>('thread/loaded/list', {})).data, [thread.id]);
  });

  it('sets, reads, updates and clears a goal', async () => {
    const c = await start();
    const thread = await newThread(c);
    assert.deepEqual(await c.request('thread/goal/get', { threadId: thread.id }), { goal: null });

    let from = c.lines.length;
    const { goal } = await c.request<{ goal: Json }>('thread/goal/set', { threadId: thread.id, objective: 'Ship 1.0', tokenBudget: 5000 });
    assert.equal(goal.threadId, thread.id);
    assert.equal(goal.objective, 'Ship 1.0');
    assert.equal(goal.status, 'active');
    assert.equal(goal.tokenBudget, 5000);
    assert.equal(goal.tokensUsed, 0);
    const updated = await c.waitForNotification('thread/goal/updated', () => true, 5000, from);
    assert.deepEqual(updated.goal, goal);
    assert.equal(updated.turnId, null);
    assert.deepEqual(await c.request('thread/goal/get', { threadId: thread.id }), { goal });

    const paused = await c.request<{ goal: Json }>('thread/goal/set', { threadId: thread.id, status: 'paused' });
    assert.equal(paused.goal.objective, 'Ship 1.0', 'the objective is kept');
    assert.equal(paused.goal.status, 'paused');
    assert.equal(paused.goal.tokenBudget, 5000);

    // The goal is in the rollout: unloading and resuming the thread restores it.
    const closing = c.lines.length;
    await c.request('thread/unsubscribe', { threadId: thread.id });
    await c.waitForNotification('thread/closed', () => true, 5000, closing);
    await c.request('thread/resume', { threadId: thread.id });
    assert.deepEqual(await c.request('thread/goal/get', { threadId: thread.id }), { goal: paused.goal });

    from = c.lines.length;
    assert.deepEqual(await c.request('thread/goal/clear', { threadId: thread.id }), { cleared: true });
    const cleared = await c.waitForNotification('thread/goal/cleared', () => true, 5000, from);
    assert.deepEqual({ ...cleared }, { threadId: thread.id });
    assert.deepEqual(await c.request('thread/goal/clear', { threadId: thread.id }), { cleared: false });
    assert.deepEqual(await c.request('thread/goal/get', { threadId: thread.id }), { goal: null });
    assert.equal(c.notifications.filter((n) => n.method === 'thread/goal/cleared').length, 1, 'nothing to clear, nothing announced');
  });

  it('pages through turns newest first, or oldest first', async () => {
    const c = await start({ replies: [textReply('a'), textReply('b'), textReply('c')] });
    const thread = await newThread(c);
    const ids: string[] = [];
    for (const text of ['1', '2', '3']) ids.push((await runTurn(c, thread.id, text)).turn.id);

    const first = await c.request<Page<{ id: string; items: Json[] }>>('thread/turns/list', { threadId: thread.id, limit: 2 });
    assert.deepEqual(first.data.map((t) => t.id), [ids[2], ids[1]]);
    assert.equal(first.data[0]?.items.length, 2);
    assert.ok(first.nextCursor);
    const second = await c.request<Page<{ id: string }>>('thread/turns/list', { threadId: thread.id, limit: 2, cursor: first.nextCursor });
    assert.deepEqual(second.data.map((t) => t.id), [ids[0]]);
    assert.equal(second.nextCursor, null);

    const asc = await c.request<Page<{ id: string }>>('thread/turns/list', { threadId: thread.id, limit: 2, sortDirection: 'asc' });
    assert.deepEqual(asc.data.map((t) => t.id), [ids[0], ids[1]]);
  });

  it('pages through threads with a cursor and filters by cwd and model provider', async () => {
    const c = await start();
    const [dirA, dirB] = [mkdtempSync(join(tmpdir(), 'codex-ts-cwd-a-')), mkdtempSync(join(tmpdir(), 'codex-ts-cwd-b-'))];
    try {
      const a = await newThread(c, { cwd: dirA });
      const b = await newThread(c, { cwd: dirB });
      const other = await newThread(c, { cwd: dirB, modelProvider: 'openai' });
      assert.equal(a.cwd, dirA);
      assert.equal(other.modelProvider, 'openai');

      const page1 = await c.request<Page<ThreadJson>>('thread/list', { limit: 2 });
      assert.equal(page1.data.length, 2);
      assert.ok(page1.nextCursor, 'a cursor to the next page');
      const page2 = await c.request<Page<ThreadJson>>('thread/list', { limit: 2, cursor: page1.nextCursor });
      assert.equal(page2.nextCursor, null);
      assert.deepEqual([...page1.data, ...page2.data].map((t) => t.id), [other.id, b.id, a.id], 'newest first, each once');

      assert.deepEqual((await c.request<Page<ThreadJson>>('thread/list', { cwd: dirA })).data.map((t) => t.id), [a.id]);
      assert.deepEqual((await c.request<Page<ThreadJson>>('thread/list', { cwd: [dirA, dirB] })).data.length, 3);
      assert.deepEqual((await c.request<Page<ThreadJson>>('thread/list', { modelProviders: ['openai'] })).data.map((t) => t.id), [other.id]);
      assert.deepEqual((await c.request<Page<ThreadJson>>('thread/list', { modelProviders: ['mock'], cwd: dirB })).data.map((t) => t.id), [b.id]);
    } finally {
      for (const dir of [dirA, dirB]) rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps an ephemeral thread off disk and out of thread/list', async () => {
    const c = await start({ replies: [textReply('only in memory')] });
    const thread = await newThread(c, { cwd: '/tmp', ephemeral: true });
    assert.equal(thread.path, null);
    assert.equal(thread.ephemeral, true);
    const { completed } = await runTurn(c, thread.id, 'remember nothing');
    assert.deepEqual(completed.items.map((i) => i.text), ['only in memory']);
    assert.deepEqual((await c.request<Page<ThreadJson>>('thread/list', {})).data, []);
    assert.deepEqual((await c.request<Page<string>>('thread/loaded/list', {})).data, [thread.id]);
    const read = await c.request<{ thread: ThreadJson & { turns: unknown[] } }>('thread/read', { threadId: thread.id, includeTurns: true });
    assert.equal(read.thread.turns.length, 1);
    assert.equal(read.thread.path, null);
    assert.deepEqual(rolloutFiles(c.codexHome).filter((f) => f.includes(thread.id)), []);
  });
});
