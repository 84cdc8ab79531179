// Crash recovery inside the real extension host: `kill -9` of the server mid-turn → the connection
// restarts it, re-resumes the thread the webview shows (thread/resynced with every completed item),
// the webviews get the server/state sequence for the banner, and the chat works again.
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import type { CodexTsTestHooks } from '../../../src/extension';
import type { ServerConnectionState } from '../../../bridge/messages';
import { functionCall, hang, respond, textReply, type MockModel } from '../../support/mock-model';
import { eventually, ScriptedWebview, SERVER_KIND, runTurn, startThread, testHooks, text, useMockModel, waitForServerState } from './support';

function serverPid(hooks: CodexTsTestHooks): number | undefined {
  return (hooks.connection as unknown as { serverPid?: number }).serverPid;
}

interface ResyncedThread {
  thread: { id: string; turns: { id: string; status: string; items: { type: string; id: string; text?: string; status?: string }[] }[] };
}

(SERVER_KIND === 'bundled' ? describe : describe.skip)('Server crash and restart', function () {
  this.timeout(120_000);
  let hooks: CodexTsTestHooks;
  let mock: MockModel;
  const webviews: ScriptedWebview[] = [];

  before(async () => {
    hooks = await testHooks();
    mock = await useMockModel(hooks);
  });

  afterEach(() => {
    for (const webview of webviews.splice(0)) webview.dispose();
  });

  after(async () => {
    await mock?.close();
  });

  it('codex.restartServer starts a new server process and tells the webviews', async () => {
    const webview = new ScriptedWebview(hooks);
    webviews.push(webview);
    await webview.ready();
    const before = serverPid(hooks);
    assert.ok(before, 'a server runs');
    const from = webview.received.length;
    await vscode.commands.executeCommand('codex.restartServer');
    await waitForServerState(hooks, 'ready');
    const after = serverPid(hooks);
    assert.ok(after && after !== before, `a new process (${String(before)} → ${String(after)})`);
    const states = webview.received.slice(from).flatMap((m) => (m.type === 'server/state' ? [m.server.state] : []));
    assert.equal(states[0], 'restarting');
    assert.equal(states.at(-1), 'ready');
  });

  it('kill -9 mid-turn: restarted, thread resumed, banner states posted, nothing completed lost', async () => {
    const webview = new ScriptedWebview(hooks);
    webviews.push(webview);
    await webview.ready();
    const threadId = await startThread(webview);
    mock.enqueue(textReply('The first answer'));
    const first = await runTurn(webview, threadId, [text('first question')]);
    assert.equal(first.turn.status, 'completed');

    // Second turn: a command runs and completes, then the model hangs — the server dies there.
    mock.enqueue(respond([functionCall('exec_command', { cmd: 'echo before-the-crash', yield_time_ms: 10000 }, { callId: 'call_echo' })]), hang());
    const from = webview.received.length;
    await webview.rpc('turn/start', { threadId, input: [text('second question')] });
    await webview.waitFor(
      (m) => m.type === 'server/notification' && m.notification.method === 'item/completed' &&
        (m.notification.params as { item: { type: string } }).item.type === 'commandExecution',
      from,
      60_000,
    );
    await mock.waitForRequests(3, { endpoint: 'responses', timeoutMs: 30_000 }); // the hanging request
    const pid = serverPid(hooks);
    assert.ok(pid);
    process.kill(pid, 'SIGKILL');

    const restarting = (await webview.waitFor((m) => m.type === 'server/state' && m.server.state === 'restarting', from)) as {
      server: Extract<ServerConnectionState, { state: 'restarting' }>;
    };
    assert.match(restarting.server.reason, /\S/);
    await webview.waitFor((m) => m.type === 'server/state' && m.server.state === 'ready', from, 60_000);
    assert.notEqual(serverPid(hooks), pid);
    assert.equal(existsSync(`/proc/${pid}`), false, 'the killed server is gone');

    const resynced = (await webview.waitFor((m) => m.type === 'thread/resynced' && m.threadId === threadId, from, 60_000)) as {
      result: ResyncedThread;
    };
    const turns = resynced.result.thread.turns;
    assert.equal(turns.length, 2);
    const firstItems = turns[0]?.items ?? [];
    assert.ok(firstItems.some((i) => i.type === 'agentMessage' && i.text === 'The first answer'), 'turn 1 answer kept');
    assert.ok(
      (turns[1]?.items ?? []).some((i) => i.type === 'commandExecution' && i.status === 'completed'),
      'the command completed before the crash is kept',
    );
    assert.notEqual(turns[1]?.status, 'inProgress', 'the interrupted turn is not shown as running');

    // The chat works again on the resumed thread.
    mock.enqueue(textReply('After the restart'));
    const third = await runTurn(webview, threadId, [text('third question')]);
    assert.equal(third.turn.status, 'completed');
    await eventually('server ready', () => hooks.connection.state.state === 'ready');
  });

  it('kill -9 while an approval waits: the card is resolved in the chat and the badge clears', async () => {
    const webview = new ScriptedWebview(hooks);
    webviews.push(webview);
    await webview.ready();
    const threadId = await startThread(webview, { approvalPolicy: 'untrusted', sandbox: 'workspace-write' });
    mock.enqueue(respond([functionCall('exec_command', { cmd: 'touch never-run', yield_time_ms: 10000 }, { callId: 'call_never' })]));
    const from = webview.received.length;
    await webview.rpc('turn/start', { threadId, input: [text('touch')] });
    const request = (await webview.waitFor((m) => m.type === 'server/request', from)) as { requestId: string | number };
    await eventually('the badge', () => webview.pendingCounts.at(-1) === 1);
    const pid = serverPid(hooks);
    assert.ok(pid);
    process.kill(pid, 'SIGKILL');
    await webview.waitFor(
      (m) => m.type === 'server/notification' && m.notification.method === 'serverRequest/resolved' &&
        (m.notification.params as { requestId: unknown }).requestId === request.requestId,
      from,
    );
    await eventually('the badge cleared', () => webview.pendingCounts.at(-1) === 0);
    await waitForServerState(hooks, 'ready', 60_000);
    const resynced = (await webview.waitFor((m) => m.type === 'thread/resynced' && m.threadId === threadId, from, 60_000)) as {
      result: ResyncedThread;
    };
    assert.notEqual(resynced.result.thread.turns.at(-1)?.status, 'inProgress');
  });
});
