// Interrupting a turn while tools run: the process trees of the thread's commands are killed (the
// commands write their pids; afterwards none of them exists), their items complete before
// turn/completed (interrupted), a pending approval is resolved, and the next request tells the
// model the call was aborted.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { functionCall, respond, startMockModel, textReply, type MockModel } from '../support/mock-model';
import { textInput, type AppServerClient } from '../support/app-server-client';
import { completedItem, itemEvents, makeWorkspace, startThread, startToolServer, toolOutputs, waitUntil, type Workspace } from '../support/tool-turns';
import { closeAfterEach } from '../support/server-fixture';
import { processGone } from '../support/process-state';

type Json = Record<string, unknown>;

function pidIn(file: string): number | null {
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

describe('tools: interrupting a turn that runs commands', function () {
  this.timeout(60_000);
  let mock: MockModel;
  let client: AppServerClient;
  let ws: Workspace;

  closeAfterEach(() => [client, mock, { close: () => ws.remove() }]);

  it('kills every process tree of the thread, ends the items, and tells the model next time', async () => {
    ws = makeWorkspace();
    mock = await startMockModel({
      replies: [
        // A background session (returns after 300 ms, keeps running) …
        respond([functionCall('exec_command', { cmd: 'echo $$ > bg.pid; exec sleep 60', yield_time_ms: 300 }, { callId: 'call_bg' })]),
        // … then a command in the foreground with a child of its own.
        respond([functionCall('exec_command', { cmd: 'echo $$ > fg.pid; sleep 60 & echo $! > child.pid; wait', yield_time_ms: 30000 }, { callId: 'call_fg' })]),
        textReply('after the interrupt'),
      ],
    });
    client = await startToolServer(mock.baseUrl, ws);
    const threadId = await startThread(client, ws.dir);
    const from = client.notifications.length;
    const { turn } = await client.request<{ turn: { id: string } }>('turn/start', { threadId, input: [textInput('run things')] });
    const files = ['bg.pid', 'fg.pid', 'child.pid'].map((f) => join(ws.dir, f));
    await waitUntil(() => files.every((f) => pidIn(f) !== null), 15_000, 'all pid files');
    const pids = files.map((f) => pidIn(f) as number);
    assert.ok(pids.every((pid) => !processGone(pid)), 'all running before the interrupt');

    const t0 = Date.now();
    assert.deepEqual(await client.request('turn/interrupt', { threadId, turnId: turn.id }), {});
    const done = await client.waitForNotification('turn/completed', (p) => (p.turn as Json).id === turn.id, 15_000);
    assert.equal((done.turn as Json).status, 'interrupted');
    // The commands sleep for 60 s; the kill takes SIGTERM (plus at most 1 s before SIGKILL). Loose
    // bound: a loaded 2-core machine can be slow.
    assert.ok(Date.now() - t0 < 15_000, `the interrupt does not wait for the commands (${Date.now() - t0} ms)`);
    await waitUntil(() => pids.every(processGone), 5000, 'every process to be gone');

    // Both items completed (killed: failed, with a signal exit code) before turn/completed.
    const events = itemEvents(client, from);
    for (const id of ['call_bg', 'call_fg']) {
      const item = completedItem(client, id, from);
      assert.equal(item.status, 'failed', id);
      assert.ok(typeof item.exitCode === 'number' && item.exitCode > 128, `${id} exit ${String(item.exitCode)}`);
    }
    const notes = client.notifications.slice(from).map((n) => n.method);
    const lastItem = notes.lastIndexOf('item/completed');
    assert.ok(lastItem < notes.indexOf('turn/completed'));
    assert.equal(events.filter((e) => e.method === 'item/completed' && e.item.type === 'commandExecution').length, 2);

    // The next turn's request: the background call kept its real output, the interrupted one says aborted.
    const next = await client.request<{ turn: { id: string } }>('turn/start', { threadId, input: [textInput('go on')] });
    await client.waitForNotification('turn/completed', (p) => (p.turn as Json).id === next.turn.id, 15_000);
    const outputs = toolOutputs(mock.lastRequest('responses'));
    assert.match(String(outputs.get('call_bg')), /Process running with session ID \d+/);
    assert.equal(outputs.get('call_fg'), 'aborted');
    assert.match(JSON.stringify((mock.lastRequest('responses').body.input as Json[]).at(-2)), /turn_aborted/);
  });

  it('resolves a pending approval when the turn is interrupted', async () => {
    ws = makeWorkspace();
    mock = await startMockModel({ replies: [respond([functionCall('exec_command', { cmd: 'printf waiting' }, { callId: 'call_wait' })])] });
    client = await startToolServer(mock.baseUrl, ws);
    const asked: number[] = [];
    client.onServerRequest((_method, _params, id) => {
      asked.push(Number(id));
      return new Promise(() => undefined); // the user never answers
    });
    const threadId = await startThread(client, ws.dir, { approvalPolicy: 'untrusted' });
    const from = client.notifications.length;
    const { turn } = await client.request<{ turn: { id: string } }>('turn/start', { threadId, input: [textInput('wait')] });
    await client.waitForNotification('thread/status/changed', (p) => JSON.stringify(p.status) === JSON.stringify({ type: 'active', activeFlags: ['waitingOnApproval'] }), 15_000);
    await client.request('turn/interrupt', { threadId, turnId: turn.id });
    const done = await client.waitForNotification('turn/completed', (p) => (p.turn as Json).id === turn.id, 15_000);
    assert.equal((done.turn as Json).status, 'interrupted');
    const resolved = client.notifications.slice(from).find((n) => n.method === 'serverRequest/resolved');
    assert.deepEqual(resolved?.params, { threadId, requestId: asked[0] });
    assert.equal(completedItem(client, 'call_wait', from).status, 'declined');
    const statuses = client.notifications.slice(from).filter((n) => n.method === 'thread/status/changed').map((n) => n.params.status);
    assert.deepEqual(statuses.at(-1), { type: 'idle' });
  });

  it('kills the commands a thread left running when the thread is unloaded', async () => {
    ws = makeWorkspace();
    mock = await startMockModel({
      replies: [respond([functionCall('exec_command', { cmd: 'echo $$ > bg.pid; exec sleep 60', yield_time_ms: 300 }, { callId: 'call_bg' })]), textReply('left it running')],
    });
    client = await startToolServer(mock.baseUrl, ws, { env: { CODEX_TS_UNLOAD_GRACE_MS: '100' } });
    const threadId = await startThread(client, ws.dir);
    const from = client.notifications.length;
    const { turn } = await client.request<{ turn: { id: string } }>('turn/start', { threadId, input: [textInput('start it')] });
    await client.waitForNotification('turn/completed', (p) => (p.turn as Json).id === turn.id, 15_000);
    const pid = pidIn(join(ws.dir, 'bg.pid')) as number;
    assert.ok(pid && !processGone(pid), 'still running after the turn');
    assert.deepEqual(await client.request('thread/unsubscribe', { threadId }), { status: 'unsubscribed' });
    await client.waitForNotification('thread/closed', (p) => p.threadId === threadId, 15_000);
    await waitUntil(() => processGone(pid), 5000, 'the session to be killed');
    assert.equal(completedItem(client, 'call_bg', from).status, 'failed');
  });
});
