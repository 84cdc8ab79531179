// The connection core against the real built server (`npm run build` first): the handshake with
// our clientInfo, typed requests and notifications, server requests with their ids, traffic
// tracing, kill -9 mid-request (clear rejection, restart with backoff, tracked threads re-resumed
// with their completed turns), a server that stops answering (heartbeat), restart on demand,
// request timeouts, and giving up on a server that keeps failing.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConnectionCore } from '../../src/connection/connectionCore';
import { ConnectionErrorCode, RpcError } from '../../src/connection/errors';
import { processGone, waitFor } from '../support/process-state';
import { functionCall, hang, respond, startMockModel, textReply, type MockModel } from '../support/mock-model';
import { makeTempSetup, nextEvent, SERVER_SCRIPT, startCore, stateIs, type TempSetup, releaseCore } from '../support/connection-harness';

/** Every rollout file under CODEX_HOME/sessions, concatenated. */
function rolloutText(codexHome: string): string {
  const dir = join(codexHome, 'sessions');
  if (!existsSync(dir)) return '';
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.jsonl'))
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('');
}

const text = (t: string): { type: 'text'; text: string; text_elements: never[] } => ({ type: 'text', text: t, text_elements: [] });

async function rejection(promise: Promise<unknown>): Promise<RpcError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof RpcError, `expected an RpcError, got ${String(error)}`);
    return error;
  }
  throw new Error('expected the request to fail');
}

describe('connection core on the real server', function () {
  this.timeout(60_000);
  let mock: MockModel | undefined;
  let setup: TempSetup | undefined;
  let core: ConnectionCore | undefined;

  before(() => assert.ok(existsSync(SERVER_SCRIPT), `${SERVER_SCRIPT} is missing: run \`npm run build\` first`));

  afterEach(async () => {
    await releaseCore(core, mock, setup, 5000);
    core = mock = setup = undefined;
  });

  async function begin(replies: NonNullable<Parameters<typeof startMockModel>[0]>['replies'] = [], extraConfig = '', options: Parameters<typeof startCore>[1] = {}) {
    mock = await startMockModel({ replies });
    setup = makeTempSetup(mock.baseUrl, extraConfig);
    const started = startCore(setup, options);
    core = started.core;
    return started;
  }

  it('initializes, answers typed requests and passes notifications', async () => {
    const { states, log } = await begin([textReply('Hello there')], '', { settings: { trace: 'verbose' } });
    await core!.start();
    assert.deepEqual(states.map((s) => s.state), ['starting', 'ready']);
    const ready = core!.state;
    assert.ok(ready.state === 'ready');
    assert.equal(ready.codexHome, setup!.codexHome);
    assert.match(ready.userAgent, /codex_ts_vscode/);

    const { thread } = await core!.request('thread/start', { cwd: setup!.workspace });
    assert.equal(thread.cwd, setup!.workspace);
    const completed = nextEvent(core!.onNotification, (n) => n.method === 'turn/completed');
    const agentMessage = nextEvent(core!.onNotification, (n) => n.method === 'item/completed' && n.params.item.type === 'agentMessage');
    await core!.request('turn/start', { threadId: thread.id, input: [text('hi')] });
    const done = await completed;
    assert.ok(done.method === 'turn/completed' && done.params.turn.status === 'completed');
    const item = await agentMessage;
    assert.ok(item.method === 'item/completed' && item.params.item.type === 'agentMessage' && item.params.item.text === 'Hello there');

    const error = await rejection(core!.requestUnchecked('thread/read', { threadId: 'no-such-thread' }));
    assert.ok(error.code < 0 && error.code !== ConnectionErrorCode.ServerGone, `server error code ${error.code}`);
    assert.match(log.text(), /\[trace\] Sending request 'thread\/start - \(\d+\)'/);
    assert.match(log.text(), /\[trace\] Received notification 'turn\/completed'/);
  });

  it('applies codex.trace.server changes to the running server', async () => {
    const { log, settings } = await begin();
    await core!.start();
    await core!.request('thread/list', {});
    assert.ok(!log.text().includes('[trace]'), 'off by default');
    settings.trace = 'messages';
    core!.applyTrace();
    await core!.request('thread/list', {});
    assert.match(log.text(), /\[trace\] Sending request 'thread\/list - \(\d+\)'\.\n/);
    assert.ok(!/Params:/.test(log.text()), 'messages: no payloads');
    settings.trace = 'verbose';
    core!.applyTrace();
    await core!.request('thread/list', {});
    assert.match(log.text(), /\[trace\] Received response 'thread\/list - \(\d+\)' in \d+ms\.\n(Result|No result)/);
  });

  it('passes server requests with their ids to the handler and returns its answer', async () => {
    await begin([respond([functionCall('exec_command', { cmd: 'printf hello' }, { callId: 'call_1' })]), textReply('done')]);
    const seen: { id: string | number; method: string; params: unknown }[] = [];
    core!.setServerRequestHandler(async (req) => {
      seen.push(req);
      return { decision: 'decline' };
    });
    await core!.start();
    const { thread } = await core!.request('thread/start', { cwd: setup!.workspace, approvalPolicy: 'untrusted', sandbox: 'workspace-write' });
    const resolved = nextEvent(core!.onNotification, (n) => n.method === 'serverRequest/resolved');
    const completed = nextEvent(core!.onNotification, (n) => n.method === 'turn/completed');
    await core!.request('turn/start', { threadId: thread.id, input: [text('say hello')] });
    const resolvedNote = await resolved;
    await completed;
    assert.equal(seen.length, 1);
    assert.equal(seen[0]!.method, 'item/commandExecution/requestApproval');
    assert.equal((seen[0]!.params as { cwd: string }).cwd, setup!.workspace);
    assert.ok(resolvedNote.method === 'serverRequest/resolved');
    assert.equal(resolvedNote.params.requestId, seen[0]!.id);
  });

  it('kill -9 mid-request: rejects the request clearly, restarts with backoff and re-resumes tracked threads', async () => {
    const { states, log } = await begin([textReply('Kept answer')]);
    await core!.start();
    const { thread } = await core!.request('thread/start', { cwd: setup!.workspace });
    const completed = nextEvent(core!.onNotification, (n) => n.method === 'turn/completed');
    await core!.request('turn/start', { threadId: thread.id, input: [text('remember this')] });
    await completed;
    // The server writes its rollout in a background drain after turn/completed: wait until the
    // answer is on disk, so what is checked below is the re-resume, not the server's write-behind.
    await waitFor(() => rolloutText(setup!.codexHome).includes('Kept answer'), 5000);
    const tracked = core!.trackThread(thread.id);
    const untracked = core!.trackThread('thread-that-was-untracked');
    untracked.dispose();

    const firstPid = core!.serverPid!;
    const resumed = nextEvent(core!.onDidResumeThread);
    const inFlight = rejection(core!.requestUnchecked('thread/list', {}));
    await new Promise((r) => setImmediate(r));
    process.kill(firstPid, 'SIGKILL');
    const error = await inFlight;
    assert.equal(error.code, ConnectionErrorCode.ServerGone);
    assert.match(error.message, /stopped before answering "thread\/list" \(was killed by SIGKILL/);

    const restarting = states.find((s) => s.state === 'restarting');
    assert.deepEqual(restarting && { ...restarting, reason: '' }, { state: 'restarting', attempt: 1, delayMs: 250, reason: '' });
    assert.ok(restarting?.state === 'restarting' && /was killed by SIGKILL/.test(restarting.reason));

    const { threadId, result } = await resumed;
    assert.equal(threadId, thread.id);
    const resumedThread = (result as { thread: { id: string; turns: { status: string; items: { type: string; text?: string }[] }[] } }).thread;
    assert.equal(resumedThread.id, thread.id);
    assert.equal(resumedThread.turns.length, 1);
    assert.ok(resumedThread.turns[0]!.items.some((i) => i.type === 'agentMessage' && i.text === 'Kept answer'), 'the completed item survives');
    assert.equal(core!.state.state, 'ready');
    assert.notEqual(core!.serverPid, firstPid);
    assert.ok(!/Could not resume thread thread-that-was-untracked/.test(log.text()));
    assert.equal((await core!.request('thread/loaded/list', {})).data.includes(thread.id), true);
    tracked.dispose();
  });

  it('a server that stops answering is killed by the heartbeat and restarted; requests time out clearly', async () => {
    const { states } = await begin([], '', { timing: { heartbeatIdleMs: 300, heartbeatTimeoutMs: 400 } });
    await core!.start();
    const pid = core!.serverPid!;
    process.kill(pid, 'SIGSTOP');
    try {
      const error = await rejection(core!.requestUnchecked('thread/list', {}, { timeoutMs: 200 }));
      assert.equal(error.code, ConnectionErrorCode.Timeout);
      assert.match(error.message, /did not answer "thread\/list" within 0 s/);
      const restarting = await stateIs(core!, 'restarting', 5000);
      assert.ok(restarting.state === 'restarting');
      assert.match(restarting.reason, /stopped answering \(no reply to a heartbeat within 0 s\)/);
    } finally {
      if (!processGone(pid)) process.kill(pid, 'SIGCONT');
    }
    await stateIs(core!, 'ready');
    assert.notEqual(core!.serverPid, pid);
    assert.ok(states.some((s) => s.state === 'restarting'));
    await core!.request('thread/list', {});
  });

  it('restart(reason) replaces the server on demand and rejects what was in flight', async () => {
    const { states } = await begin([hang()]);
    await core!.start();
    const pid = core!.serverPid!;
    const inFlight = rejection(core!.requestUnchecked('thread/list', {}));
    await new Promise((r) => setImmediate(r));
    await core!.restart('config changed');
    const error = await inFlight;
    assert.equal(error.code, ConnectionErrorCode.ServerGone);
    assert.match(error.message, /it was restarted \(config changed\)/);
    assert.deepEqual(states.slice(-2), [{ state: 'restarting', attempt: 0, delayMs: 0, reason: 'config changed' }, states.at(-1)]);
    assert.equal(core!.state.state, 'ready');
    assert.notEqual(core!.serverPid, pid);
    await waitFor(() => processGone(pid), 5000);
  });

  it('requests sent while the server restarts wait for it and reach it after the tracked threads are resumed', async () => {
    await begin([textReply('After the restart')]);
    await core!.start();
    const { thread } = await core!.request('thread/start', { cwd: setup!.workspace });
    core!.trackThread(thread.id);
    const order: string[] = [];
    core!.onDidResumeThread(() => order.push('resumed'));
    process.kill(core!.serverPid!, 'SIGKILL');
    await stateIs(core!, 'restarting');
    const completed = nextEvent(core!.onNotification, (n) => n.method === 'turn/completed');
    const { turn } = await core!.request('turn/start', { threadId: thread.id, input: [text('go on')] });
    order.push('turn/start answered');
    assert.deepEqual(order, ['resumed', 'turn/start answered']);
    const done = await completed;
    assert.ok(done.method === 'turn/completed' && done.params.turn.id === turn.id && done.params.turn.status === 'completed');
  });

  it('gives up after repeated rapid failures, with the reason', async () => {
    const { states } = await begin([], '', {
      settings: { cliExecutable: '/bin/false' },
      backoff: { initialDelayMs: 10, maxRapidFailures: 2 },
    });
    await assert.rejects(core!.start(), /exited with code 1/);
    assert.deepEqual(states.map((s) => s.state), ['starting', 'restarting', 'restarting', 'failed']);
    const failed = core!.state;
    assert.ok(failed.state === 'failed');
    assert.match(failed.reason, /The Codex server exited with code 1\. It failed 3 times in a row/);
    const error = await rejection(core!.requestUnchecked('thread/list', {}));
    assert.equal(error.code, ConnectionErrorCode.NotRunning);
  });

  it('fails at once when codex.cliExecutable does not exist', async () => {
    const { states } = await begin([], '', { settings: { cliExecutable: '/nonexistent/codex' } });
    await assert.rejects(core!.start(), /could not be started: spawn \/nonexistent\/codex ENOENT/);
    assert.deepEqual(states.map((s) => s.state), ['starting', 'failed']);
  });
});
