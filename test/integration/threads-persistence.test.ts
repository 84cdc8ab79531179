// Threads survive a restart: the rollout file on disk, thread/list and thread/read of a thread
// that is not loaded, thread/resume replaying the history to the model (reference §5 (e)), and a
// rollout torn by a crash mid-write.
import { strict as assert } from 'node:assert';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { hang, message, startMockModel, textReply, type MockModel } from '../support/mock-model';
import { runTurn, textInput } from '../support/app-server-client';
import { useAppServers } from '../support/server-fixture';
import { waitUntil } from '../support/tool-turns';

type Json = Record<string, unknown>;
interface ThreadJson {
  id: string;
  path: string | null;
  preview: string;
  status: Json;
  turns: { id: string; status: string; items: Json[] }[];
}

function textOf(entry: Json): string {
  return (entry.content as Json[]).map((p) => String(p.text ?? '')).join('\n');
}

/** Whether a complete line of the rollout at `path` has a payload matching `match`. */
function rolloutHas(path: string, match: (payload: Json) => boolean): boolean {
  return readFileSync(path, 'utf8')
    .split('\n')
    .some((line) => {
      try {
        const parsed = JSON.parse(line) as { payload?: unknown };
        return typeof parsed.payload === 'object' && parsed.payload !== null && match(parsed.payload as Json);
      } catch {
        return false; // empty, or still being written
      }
    });
}

describe('threads: persistence across restarts', function () {
  this.timeout(30000);
  let mock: MockModel;
  const servers = useAppServers(() => mock.baseUrl, () => [mock]);
  const start = servers.start;

  /** Runs one turn on a fresh server, stops it (stdin EOF) and returns the thread and CODEX_HOME. */
  async function threadOnDisk(): Promise<{ thread: ThreadJson; codexHome: string }> {
    const first = await start();
    const { thread } = await first.request<{ thread: ThreadJson }>('thread/start', { cwd: '/tmp' });
    const { completed } = await runTurn(first, thread.id, 'Remember the number 7');
    assert.equal(completed.status, 'completed');
    assert.equal(await servers.stop(first), 0);
    return { thread, codexHome: first.codexHome };
  }

  it('writes the rollout under sessions/YYYY/MM/DD and lists, reads and resumes it after a restart', async () => {
    mock = await startMockModel({
      replies: [textReply('Got it', { usage: { inputTokens: 50, outputTokens: 5 } }), textReply('It was 7', { usage: { inputTokens: 70, outputTokens: 3 } })],
    });
    const { thread, codexHome } = await threadOnDisk();

    assert.ok(thread.path, 'a persisted thread has a path');
    const rel = relative(codexHome, thread.path);
    assert.match(rel, new RegExp(`^sessions/\\d{4}/\\d{2}/\\d{2}/rollout-\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}-${thread.id}\\.jsonl$`));
    const lines = readFileSync(thread.path, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Json);
    assert.equal(lines[0]?.type, 'session_meta');
    assert.equal((lines[0]?.payload as Json).id, thread.id);
    const types = lines.map((l) => (l.type === 'event_msg' ? `event:${String((l.payload as Json).type)}` : l.type));
    assert.ok(types.includes('event:task_started') && types.includes('event:task_complete'), types.join(','));
    assert.ok(types.includes('response_item'));

    const second = await start(codexHome);
    const list = await second.request<{ data: ThreadJson[]; nextCursor: string | null }>('thread/list', {});
    assert.deepEqual(list.data.map((t) => t.id), [thread.id]);
    assert.deepEqual(list.data[0]?.status, { type: 'notLoaded' });
    assert.equal(list.data[0]?.preview, 'Remember the number 7');
    assert.equal(list.data[0]?.path, thread.path);
    assert.equal(list.nextCursor, null);
    assert.deepEqual((await second.request<{ data: string[] }>('thread/loaded/list', {})).data, []);

    const read = await second.request<{ thread: ThreadJson }>('thread/read', { threadId: thread.id, includeTurns: true });
    assert.deepEqual(read.thread.status, { type: 'notLoaded' });
    assert.equal(read.thread.turns.length, 1);
    assert.deepEqual(read.thread.turns[0]?.items.map((i) => [i.type, i.text ?? (i.content as Json[])[0]?.text]), [
      ['userMessage', 'Remember the number 7'],
      ['agentMessage', 'Got it'],
    ]);
    assert.equal(read.thread.turns[0]?.status, 'completed');
    assert.deepEqual((await second.request<{ data: string[] }>('thread/loaded/list', {})).data, [], 'thread/read does not load');

    const from = second.lines.length;
    const resumed = await second.request<{ thread: ThreadJson; model: string }>('thread/resume', { threadId: thread.id });
    assert.deepEqual(resumed.thread.status, { type: 'idle' });
    assert.equal(resumed.model, 'gpt-5.5');
    assert.deepEqual(resumed.thread.turns.map((t) => t.id), read.thread.turns.map((t) => t.id));
    await second.waitForNotification('thread/status/changed', (p) => p.threadId === thread.id && (p.status as Json).type === 'idle', 5000, from);
    const statusLine = second.lines.findIndex((m, i) => i >= from && m.method === 'thread/status/changed');
    const resultLine = second.lines.findIndex((m, i) => i >= from && (m.result as Json | undefined)?.thread !== undefined);
    assert.ok(statusLine < resultLine, 'thread/status/changed idle comes before the resume result (reference §5 (e))');
    assert.deepEqual((await second.request<{ data: string[] }>('thread/loaded/list', {})).data, [thread.id]);
    const restored = await second.waitForNotification('thread/tokenUsage/updated', (p) => p.threadId === thread.id, 5000, from);
    assert.equal(((restored.tokenUsage as Json).total as Json).totalTokens, 55, 'usage totals are restored');

    const { completed, from: turnFrom } = await runTurn(second, thread.id, 'Which number?');
    const usage = second.notifications.slice(turnFrom).find((n) => n.method === 'thread/tokenUsage/updated')?.params.tokenUsage as Json;
    assert.equal((usage.total as Json).totalTokens, 55 + 73, 'and keep accumulating');
    assert.equal((usage.last as Json).totalTokens, 73);
    assert.deepEqual(completed.items.map((i) => i.text), ['It was 7']);
    const input = mock.lastRequest('responses').body.input as Json[];
    assert.deepEqual(input.slice(2).map((e) => [e.role, textOf(e)]), [
      ['user', 'Remember the number 7'],
      ['assistant', 'Got it'],
      ['user', 'Which number?'],
    ]);
    assert.equal(input.filter((e) => e.role === 'developer').length, 1, 'the opening context is not sent twice');
  });

  it('skips a torn last line: resume, read and new turns still work, and later lines stay intact', async () => {
    mock = await startMockModel({ replies: [textReply('Got it'), textReply('Still here')] });
    const { thread, codexHome } = await threadOnDisk();
    const path = thread.path as string;
    appendFileSync(path, '{"timestamp":"2026-01-01T00:00:00.000Z","ordinal":99,"type":"event_m');

    const second = await start(codexHome);
    const read = await second.request<{ thread: ThreadJson }>('thread/read', { threadId: thread.id, includeTurns: true });
    assert.deepEqual(read.thread.turns.map((t) => t.status), ['completed']);
    const resumed = await second.request<{ thread: ThreadJson }>('thread/resume', { threadId: thread.id });
    assert.equal(resumed.thread.turns.length, 1);
    const { completed } = await runTurn(second, thread.id, 'Are you there?');
    assert.deepEqual(completed.items.map((i) => i.text), ['Still here']);
    assert.equal(await servers.stop(second), 0);
    assert.doesNotMatch(second.stderr, /uncaught|unhandled/i);
    assert.match(readFileSync(join(codexHome, 'log', 'codex-ts-app-server.log'), 'utf8'), /WARN.*torn/, 'the torn line is logged as a warning');

    // A third start reads both turns: the torn fragment did not swallow the next appended line.
    const third = await start(codexHome);
    const after = await third.request<{ thread: ThreadJson }>('thread/read', { threadId: thread.id, includeTurns: true });
    assert.deepEqual(after.thread.turns.map((t) => [t.status, t.items.length]), [
      ['completed', 2],
      ['completed', 2],
    ]);
    assert.ok(existsSync(path));
    assert.equal(basename(path).endsWith(`${thread.id}.jsonl`), true);
    assert.ok(!existsSync(join(codexHome, 'archived_sessions', basename(path))));
  });

  it('ends a running turn as interrupted on stdin EOF, and after a crash (SIGKILL) on the next start', async () => {
    mock = await startMockModel({ replies: [hang([message('Long answer')]), hang([message('Another long answer')]), textReply('Back again')] });
    const first = await start();
    const { thread } = await first.request<{ thread: ThreadJson }>('thread/start', { cwd: '/tmp' });
    await first.request('turn/start', { threadId: thread.id, input: [textInput('one')] });
    await first.waitForNotification('item/agentMessage/delta');
    assert.equal(await servers.stop(first), 0, 'EOF with a turn running still exits 0');
    assert.equal(await mock.requests[0]?.finished, 'client-disconnected');

    const second = await start(first.codexHome);
    const afterEof = await second.request<{ thread: ThreadJson }>('thread/read', { threadId: thread.id, includeTurns: true });
    assert.deepEqual(afterEof.thread.turns.map((t) => t.status), ['interrupted']);
    await second.request('thread/resume', { threadId: thread.id });
    const { turn: two } = await second.request<{ turn: { id: string } }>('turn/start', { threadId: thread.id, input: [textInput('two')] });
    await second.waitForNotification('item/agentMessage/delta');
    // The writer appends asynchronously: the kill comes once the turn's start and its user message are on disk.
    const path = thread.path as string;
    await waitUntil(
      () => rolloutHas(path, (p) => p.type === 'task_started' && p.turn_id === two.id) && rolloutHas(path, (p) => p.role === 'user' && textOf(p) === 'two'),
      10_000,
      'the second turn in the rollout',
    );
    servers.untrack(second);
    await second.kill('SIGKILL');

    const third = await start(first.codexHome);
    const afterKill = await third.request<{ thread: ThreadJson }>('thread/read', { threadId: thread.id, includeTurns: true });
    assert.deepEqual(afterKill.thread.turns.map((t) => t.status), ['interrupted', 'interrupted'], 'a turn cut off by a crash reads as interrupted');
    await third.request('thread/resume', { threadId: thread.id });
    const { completed } = await runTurn(third, thread.id, 'three');
    assert.deepEqual(completed.items.map((i) => i.text), ['Back again']);
    const sent = (mock.lastRequest('responses').body.input as Json[]).filter((e) => e.role === 'user').map(textOf);
    assert.deepEqual(sent.filter((t) => !t.startsWith('<')), ['one', 'two', 'three']);
  });

  it('resumes an unknown thread with the reference error', async () => {
    mock = await startMockModel();
    const client = await start();
    const unknown = '01a1fc73-0000-7000-8000-000000000000';
    await assert.rejects(client.request('thread/resume', { threadId: unknown }), new RegExp(`^Error: no rollout found for thread id ${unknown}$`));
  });
});

describe('threads: a server killed right after turn/completed', function () {
  this.timeout(30000);
  let mock: MockModel;
  const servers = useAppServers(() => mock.baseUrl, () => [mock]);

  it('has the completed turn on disk (kill -9 the moment turn/completed arrives)', async () => {
    mock = await startMockModel({ replies: [textReply('Durable answer')] });
    const first = await servers.start();
    const { thread } = await first.request<{ thread: ThreadJson }>('thread/start', { cwd: '/tmp' });
    const { completed } = await runTurn(first, thread.id, 'Say something durable');
    assert.equal(completed.status, 'completed');
    await first.kill('SIGKILL');

    const second = await servers.start(first.codexHome);
    const { thread: read } = await second.request<{ thread: ThreadJson }>('thread/read', { threadId: thread.id, includeTurns: true });
    assert.equal(read.turns.length, 1);
    assert.equal(read.turns[0]?.status, 'completed');
    const texts = read.turns[0]?.items.filter((i) => i.type === 'agentMessage').map((i) => i.text);
    assert.deepEqual(texts, ['Durable answer']);
  });
});
