// The sandbox wired into the live tool flow, over stdio against the mock model: commands the model
// runs go through the SandboxedRunner under the thread's policy. workspace-write: writes inside
// the workspace work, writes outside it and to `.git/config` fail with EROFS; read-only: every
// write fails, and a login profile that cannot write stays out of the output; network off: a TCP connect to a loopback port the test opened fails inside; no
// sandbox possible (CODEX_TS_BWRAP_PATH at a missing bwrap): the command never runs, the model
// reads the actionable error and the item fails. The workspace lives under /tmp, so these
// threads leave /tmp and $TMPDIR out of the writable roots (sandbox_workspace_write config).
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { functionCall, respond, startMockModel, textReply, type MockModel, type Script } from '../support/mock-model';
import { runTurn, type AppServerClient } from '../support/app-server-client';
import { completedItem, makeWorkspace, startThread, startToolServer, toolOutputs, type Workspace } from '../support/tool-turns';
import { requireSandbox } from '../support/sandbox-helpers';

type Json = Record<string, unknown>;

const NO_TMP = { exclude_slash_tmp: true, exclude_tmpdir_env_var: true };
const exec = (cmd: string, callId: string): Script => respond([functionCall('exec_command', { cmd }, { callId })]);

describe('sandbox wiring: commands run in the sandbox', function () {
  this.timeout(60_000);
  let mock: MockModel | undefined;
  let client: AppServerClient | undefined;
  let ws: Workspace | undefined;
  let server: Server | undefined;

  before(() => {
    requireSandbox();
  });

  afterEach(async () => {
    try {
      await client?.close();
    } finally {
      await mock?.close();
      ws?.remove();
      server?.close();
      client = mock = ws = server = undefined;
    }
  });

  async function run(replies: Script[], threadParams: Json, env: Record<string, string> = {}, files: Record<string, string> = {}, git = false): Promise<{ from: number; threadId: string }> {
    ws = makeWorkspace(files, { git });
    mock = await startMockModel({ replies });
    client = await startToolServer(mock.baseUrl, ws, { env });
    client.onServerRequest(() => ({ decision: 'decline' }));
    const threadId = await startThread(client, ws.dir, threadParams);
    const { from, completed } = await runTurn(client, threadId, 'go', {}, 30_000);
    assert.equal(completed.status, 'completed');
    return { from, threadId };
  }

  const output = (id: string, from: number): string => String(completedItem(client as AppServerClient, id, from).aggregatedOutput);

  it('workspace-write: inside succeeds; outside and .git/config fail with EROFS', async () => {
    const { from } = await run(
      [exec('echo inside > in.txt && cat in.txt', 'call_in'), exec('echo outside > ../home/out.txt', 'call_out'), exec('echo "[x]" >> .git/config', 'call_git'), textReply('done')],
      { approvalPolicy: 'never', sandbox: 'workspace-write', config: { sandbox_workspace_write: NO_TMP } },
      {},
      { 'a.txt': 'a\n' },
      true,
    );
    const w = ws as Workspace;
    assert.equal(completedItem(client as AppServerClient, 'call_in', from).status, 'completed');
    assert.equal(readFileSync(join(w.dir, 'in.txt'), 'utf8'), 'inside\n');
    for (const id of ['call_out', 'call_git']) {
      assert.equal(completedItem(client as AppServerClient, id, from).status, 'failed', id);
      assert.match(output(id, from), /Read-only file system/, id);
    }
    assert.equal(existsSync(join(w.home, 'out.txt')), false);
    assert.doesNotMatch(readFileSync(join(w.dir, '.git', 'config'), 'utf8'), /\[x\]/);
  });

  it('read-only: a login profile that cannot write (pyenv rehash) is logged, not shown as the command output', async () => {
    ws = makeWorkspace({ 'a.txt': 'hello\n' });
    const profile = 'touch "$HOME/.shims-lock" 2>/dev/null || echo "pyenv: cannot rehash: $HOME/shims isn\'t writable" >&2\necho "profile says hi"\n';
    writeFileSync(join(ws.home, '.bash_profile'), profile);
    mock = await startMockModel({ replies: [exec('cat a.txt; echo oops >&2; exit 4', 'call_p'), textReply('done')] });
    client = await startToolServer(mock.baseUrl, ws);
    const threadId = await startThread(client, ws.dir, { approvalPolicy: 'never', sandbox: 'read-only' });
    const { from } = await runTurn(client, threadId, 'go', {}, 30_000);
    const item = completedItem(client, 'call_p', from);
    assert.equal(item.exitCode, 4);
    assert.deepEqual(String(item.aggregatedOutput).split('\n').sort(), ['', 'hello', 'oops']);
    const deltas = client.notifications.slice(from).filter((n) => n.method === 'item/commandExecution/outputDelta' && n.params.itemId === 'call_p');
    assert.doesNotMatch(deltas.map((n) => String(n.params.delta)).join(''), /pyenv|profile says hi|codex-ts-profile/);
    const modelOutput = String(toolOutputs((mock as MockModel).lastRequest('responses')).get('call_p'));
    assert.match(modelOutput, /Process exited with code 4\n/);
    assert.doesNotMatch(modelOutput, /pyenv|profile says hi|codex-ts-profile/);
    assert.match(client.stderr, /login profile printed on stderr .*pyenv: cannot rehash: .*shims isn't writable/);
  });

  it('read-only: writes fail, reads work', async () => {
    const { from } = await run([exec('cat a.txt', 'call_read'), exec('echo x > b.txt', 'call_write'), textReply('done')], { approvalPolicy: 'never', sandbox: 'read-only' }, {}, { 'a.txt': 'hello\n' });
    assert.equal(output('call_read', from), 'hello\n');
    assert.equal(completedItem(client as AppServerClient, 'call_write', from).status, 'failed');
    assert.match(output('call_write', from), /Read-only file system/);
    assert.equal(existsSync(join((ws as Workspace).dir, 'b.txt')), false);
  });

  it('network off: a connect to a loopback port opened by the test fails inside the sandbox', async () => {
    let accepted = 0;
    server = createServer((socket) => {
      accepted++;
      socket.end();
    });
    await new Promise<void>((resolve) => (server as Server).listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const script = `require('net').connect(${port}, '127.0.0.1').on('connect', () => console.log('CONNECTED')).on('error', (e) => console.log('BLOCKED ' + e.code))`;
    const { from } = await run([exec(`${process.execPath} -e "${script}"; echo "net=$CODEX_SANDBOX_NETWORK_DISABLED"`, 'call_net'), textReply('done')], {
      approvalPolicy: 'never',
      sandbox: 'workspace-write',
    });
    const text = output('call_net', from);
    assert.match(text, /BLOCKED E[A-Z]+/);
    assert.doesNotMatch(text, /CONNECTED/);
    assert.match(text, /net=1/);
    assert.equal(accepted, 0);
  });

  it('fails closed when no sandbox is possible: the actionable error, a failed item, nothing runs', async () => {
    const { from } = await run([exec('touch made.txt', 'call_x'), textReply('done')], { approvalPolicy: 'never', sandbox: 'workspace-write' }, { CODEX_TS_BWRAP_PATH: '/nonexistent/bwrap' });
    const item = completedItem(client as AppServerClient, 'call_x', from);
    assert.equal(item.status, 'failed');
    assert.equal(existsSync(join((ws as Workspace).dir, 'made.txt')), false);
    const text = String(toolOutputs((mock as MockModel).lastRequest('responses')).get('call_x'));
    assert.match(text, /bubblewrap \(bwrap\) is not installed/);
    assert.match(text, /sudo apt install bubblewrap/);
  });

  it('fails closed under on-request too: it asks to run without a sandbox, and a decline runs nothing', async () => {
    const { from } = await run([exec('touch made.txt', 'call_x'), textReply('done')], { approvalPolicy: 'on-request', sandbox: 'workspace-write' }, { CODEX_TS_BWRAP_PATH: '/nonexistent/bwrap' });
    const asked = (client as AppServerClient).lines.find((l) => l.method === 'item/commandExecution/requestApproval');
    assert.match(String((asked?.params as Json | undefined)?.reason), /bubblewrap \(bwrap\) is not installed.*Run it without a sandbox\?/);
    assert.equal(completedItem(client as AppServerClient, 'call_x', from).status, 'declined');
    assert.equal(existsSync(join((ws as Workspace).dir, 'made.txt')), false);
  });

  it('danger-full-access runs directly (no sandbox)', async () => {
    const { from } = await run([exec('echo free > ../home/free.txt && echo "net=${CODEX_SANDBOX_NETWORK_DISABLED:-unset}"', 'call_free'), textReply('done')], {
      approvalPolicy: 'never',
      sandbox: 'danger-full-access',
    });
    assert.equal(output('call_free', from), 'net=unset\n');
    assert.equal(readFileSync(join((ws as Workspace).home, 'free.txt'), 'utf8'), 'free\n');
  });
});
