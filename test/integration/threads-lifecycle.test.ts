// What a client does to a thread besides chatting: fork it, roll turns back, archive and
// unarchive it, name it — each checked in the results, the notifications, the files on disk and
// what the model is sent afterwards, including after a restart.
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { startMockModel, textReply, type MockModel } from '../support/mock-model';
import { RpcCallError, runTurn, type AppServerClient } from '../support/app-server-client';
import { useAppServers } from '../support/server-fixture';

type Json = Record<string, unknown>;
interface ThreadJson {
  id: string;
  path: string | null;
  name: string | null;
  forkedFromId: string | null;
  status: Json;
  turns: { id: string; items: Json[] }[];
}

/** The user and assistant texts the model was sent in a request (after the opening context). */
function sentTexts(body: Json): string[] {
  return (body.input as Json[])
    .slice(2)
    .filter((e) => e.type === 'message')
    .map((e) => (e.content as Json[]).map((p) => String(p.text)).join(''));
}

/** The text of every item of every turn, in order. */
function turnTexts(thread: ThreadJson): string[][] {
  return thread.turns.map((t) => t.items.map((i) => String(i.text ?? (i.content as Json[])[0]?.text)));
}

describe('threads: fork, rollback, archive, name', function () {
  this.timeout(30000);
  let mock: MockModel;
  const servers = useAppServers(() => mock.baseUrl, () => [mock]);
  const start = servers.start;

  async function stop(client: AppServerClient): Promise<void> {
    assert.equal(await servers.stop(client), 0);
  }

  async function newThread(client: AppServerClient): Promise<ThreadJson> {
    return (await client.request<{ thread: ThreadJson }>('thread/start', { cwd: '/tmp' })).thread;
  }

  const read = async (client: AppServerClient, threadId: string): Promise<ThreadJson> =>
    (await client.request<{ thread: ThreadJson }>('thread/read', { threadId, includeTurns: true })).thread;

  it('forks a thread into an independent copy', async () => {
    mock = await startMockModel({ replies: [textReply('A1'), textReply('F2'), textReply('A2')] });
    const client = await start();
    const original = await newThread(client);
    await runTurn(client, original.id, 'one');

    const from = client.lines.length;
    const forked = await client.request<{ thread: ThreadJson; model: string }>('thread/fork', { threadId: original.id });
    const fork = forked.thread;
    assert.notEqual(fork.id, original.id);
    assert.equal(fork.forkedFromId, original.id);
    assert.ok(fork.path && fork.path !== original.path && existsSync(fork.path));
    assert.deepEqual(turnTexts(fork), [['one', 'A1']]);
    const started = await client.waitForNotification('thread/started', (p) => (p.thread as Json).id === fork.id, 5000, from);
    assert.equal((started.thread as Json).forkedFromId, original.id);

    await runTurn(client, fork.id, 'fork two');
    assert.deepEqual(sentTexts(mock.lastRequest('responses').body), ['one', 'A1', 'fork two']);
    await runTurn(client, original.id, 'original two');
    assert.deepEqual(sentTexts(mock.lastRequest('responses').body), ['one', 'A1', 'original two']);
    assert.deepEqual(turnTexts(await read(client, fork.id)), [['one', 'A1'], ['fork two', 'F2']]);
    assert.deepEqual(turnTexts(await read(client, original.id)), [['one', 'A1'], ['original two', 'A2']]);
    const listed = await client.request<{ data: ThreadJson[] }>('thread/list', {});
    assert.deepEqual(new Set(listed.data.map((t) => t.id)), new Set([original.id, fork.id]));
    assert.deepEqual(new Set((await client.request<{ data: string[] }>('thread/loaded/list', {})).data), new Set([original.id, fork.id]));
  });

  it('rolls back the last turn: gone from the thread, the model and a restarted server', async () => {
    mock = await startMockModel({ replies: [textReply('r1'), textReply('r2'), textReply('r3'), textReply('r4')] });
    const client = await start();
    const thread = await newThread(client);
    await runTurn(client, thread.id, 'one');
    await runTurn(client, thread.id, 'two');

    await assert.rejects(client.request('thread/rollback', { threadId: thread.id, numTurns: 3 }), (e: unknown) => e instanceof RpcCallError && /has 2/.test(e.message));
    const rolled = await client.request<{ thread: ThreadJson }>('thread/rollback', { threadId: thread.id, numTurns: 1 });
    assert.deepEqual(turnTexts(rolled.thread), [['one', 'r1']]);
    assert.deepEqual(turnTexts(await read(client, thread.id)), [['one', 'r1']]);

    await runTurn(client, thread.id, 'three');
    assert.deepEqual(sentTexts(mock.lastRequest('responses').body), ['one', 'r1', 'three']);
    await stop(client);

    const again = await start(client.codexHome);
    assert.deepEqual(turnTexts(await read(again, thread.id)), [['one', 'r1'], ['three', 'r3']]);
    await again.request('thread/resume', { threadId: thread.id });
    await runTurn(again, thread.id, 'four');
    assert.deepEqual(sentTexts(mock.lastRequest('responses').body), ['one', 'r1', 'three', 'r3', 'four']);
  });

  it('archives and unarchives: notifications, the file moves, and the archived filter', async () => {
    mock = await startMockModel({ replies: [textReply('kept')] });
    const client = await start();
    const thread = await newThread(client);
    await runTurn(client, thread.id, 'archive me');
    const activePath = thread.path as string;
    const archivedPath = join(client.codexHome, 'archived_sessions', basename(activePath));

    let from = client.lines.length;
    assert.deepEqual(await client.request('thread/archive', { threadId: thread.id }), {});
    await client.waitForNotification('thread/archived', (p) => p.threadId === thread.id, 5000, from);
    assert.ok(!existsSync(activePath), 'moved out of sessions/');
    assert.ok(existsSync(archivedPath), 'into archived_sessions/');
    assert.deepEqual((await client.request<{ data: ThreadJson[] }>('thread/list', {})).data, []);
    const archived = await client.request<{ data: ThreadJson[] }>('thread/list', { archived: true });
    assert.deepEqual(archived.data.map((t) => [t.id, t.path]), [[thread.id, archivedPath]]);

    from = client.lines.length;
    const restored = await client.request<{ thread: ThreadJson }>('thread/unarchive', { threadId: thread.id });
    assert.equal(restored.thread.id, thread.id);
    await client.waitForNotification('thread/unarchived', (p) => p.threadId === thread.id, 5000, from);
    assert.ok(existsSync(activePath), 'back under sessions/YYYY/MM/DD');
    assert.ok(!existsSync(archivedPath));
    assert.match(relative(client.codexHome, dirname(activePath)), /^sessions\/\d{4}\/\d{2}\/\d{2}$/);
    assert.equal(restored.thread.path, activePath);
    assert.deepEqual((await client.request<{ data: ThreadJson[] }>('thread/list', {})).data.map((t) => t.id), [thread.id]);
    assert.deepEqual((await client.request<{ data: ThreadJson[] }>('thread/list', { archived: true })).data, []);

    // Archiving a thread that is not loaded (after a restart) works the same way.
    await stop(client);
    const again = await start(client.codexHome);
    await again.request('thread/archive', { threadId: thread.id });
    assert.ok(existsSync(archivedPath));
    assert.deepEqual((await again.request<{ data: ThreadJson[] }>('thread/list', { archived: true })).data.map((t) => [t.id, t.status]), [
      [thread.id, { type: 'notLoaded' }],
    ]);
    assert.deepEqual(turnTexts(await read(again, thread.id)), [['archive me', 'kept']]);
  });

  it('names a thread: notification, thread/list and after a restart', async () => {
    mock = await startMockModel({ replies: [textReply('hi')] });
    const client = await start();
    const thread = await newThread(client);
    assert.equal(thread.name, null);
    await runTurn(client, thread.id, 'hello');
    const from = client.lines.length;
    assert.deepEqual(await client.request('thread/name/set', { threadId: thread.id, name: '  Release plan ' }), {});
    const updated = await client.waitForNotification('thread/name/updated', () => true, 5000, from);
    assert.deepEqual({ ...updated }, { threadId: thread.id, threadName: 'Release plan' });
    assert.equal((await client.request<{ data: ThreadJson[] }>('thread/list', {})).data[0]?.name, 'Release plan');
    await stop(client);

    const again = await start(client.codexHome);
    assert.equal((await again.request<{ data: ThreadJson[] }>('thread/list', {})).data[0]?.name, 'Release plan');
    assert.equal((await again.request<{ thread: ThreadJson }>('thread/read', { threadId: thread.id })).thread.name, 'Release plan');
    const resumed = await again.request<{ thread: ThreadJson }>('thread/resume', { threadId: thread.id });
    assert.equal(resumed.thread.name, 'Release plan');
  });
});
