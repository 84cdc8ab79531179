// The connection core with codex.cliExecutable pointing at the real `codex` (the @openai/codex dev
// dependency's node_modules/.bin/codex), on a temp CODEX_HOME whose provider is the mock model:
// the same handshake (our clientInfo, no "jsonrpc" member), thread/start, a turn, and a restart
// that re-resumes the tracked thread; all it answers and sends passes our protocol table.
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ConnectionCore } from '../../src/connection/connectionCore';
import { startMockModel, textReply, type MockModel } from '../support/mock-model';
import { makeTempSetup, nextEvent, REPO, startCore, type TempSetup, releaseCore } from '../support/connection-harness';

const CODEX = join(REPO, 'node_modules/.bin/codex');
const OFFLINE = '\n[features]\nplugins = false\nremote_plugin = false\napps = false\n';

describe('connection core on the real codex binary', function () {
  this.timeout(60_000);
  let mock: MockModel | undefined;
  let setup: TempSetup | undefined;
  let core: ConnectionCore | undefined;

  before(() => assert.ok(existsSync(CODEX), `${CODEX} is missing (npm install)`));

  afterEach(async () => {
    await releaseCore(core, mock, setup);
    core = mock = setup = undefined;
  });

  it('initializes, starts a thread, runs a turn and re-resumes the thread after a restart', async () => {
    mock = await startMockModel({ replies: [textReply('Hello from the mock')] });
    setup = makeTempSetup(mock.baseUrl, OFFLINE);
    const started = startCore(setup, { settings: { cliExecutable: CODEX }, env: { RUST_LOG: 'error', HOME: setup.root } });
    core = started.core;
    await core.start();
    const ready = core.state;
    assert.ok(ready.state === 'ready', JSON.stringify(ready));
    assert.match(ready.userAgent, /^codex_ts_vscode\//);
    assert.equal(ready.codexHome, setup.codexHome);
    assert.match(started.log.text(), /Starting the Codex server: .*node_modules\/\.bin\/codex app-server \(codex\.cliExecutable\)/);

    const { thread } = await core.request('thread/start', { cwd: setup.workspace });
    assert.equal(thread.cwd, setup.workspace);
    const completed = nextEvent(core.onNotification, (n) => n.method === 'turn/completed', 30_000);
    const message = nextEvent(core.onNotification, (n) => n.method === 'item/completed' && n.params.item.type === 'agentMessage', 30_000);
    await core.request('turn/start', { threadId: thread.id, input: [{ type: 'text', text: 'hi', text_elements: [] }] });
    const item = await message;
    assert.ok(item.method === 'item/completed' && item.params.item.type === 'agentMessage');
    assert.equal(item.params.item.text, 'Hello from the mock');
    const done = await completed;
    assert.ok(done.method === 'turn/completed' && done.params.turn.status === 'completed');

    core.trackThread(thread.id);
    const resumed = nextEvent(core.onDidResumeThread, () => true, 30_000);
    await core.restart('test restart');
    const { threadId, result } = await resumed;
    assert.equal(threadId, thread.id);
    assert.equal((result as { thread: { id: string } }).thread.id, thread.id);
    // Everything the real Codex sent passed our protocol table (results, notifications).
    assert.doesNotMatch(started.log.text(), /broke the protocol/);
  });
});
