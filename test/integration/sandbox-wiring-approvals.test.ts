// The approval engine wired into the live tool flow, over stdio against the mock model:
// untrusted runs known-safe `ls` without asking and asks for `touch`; an
// acceptWithExecpolicyAmendment answer persists an allow rule in $CODEX_HOME/rules/default.rules
// and the same command is not asked again after a server restart; on-request escalation
// (`sandbox_permissions: "require_escalated"`) asks with the justification and then runs without
// the sandbox; a sandbox denial under untrusted is retried unsandboxed (asking "retry without
// sandbox?" unless the user approved this very run) on the same item; apply_patch outside the
// writable roots asks under on-request and is refused under never (the server writes patches
// itself, so this check is the only guard), and in read-only mode asks saying read-only writes
// nothing without approval; rules from a trusted project's `.codex/rules` and
// requirements' [rules] apply; a broken rules file is a configWarning; windowsSandbox/setupStart
// answers, then setupCompleted.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { customToolCall, functionCall, respond, startMockModel, textReply, type MockModel, type Script } from '../support/mock-model';
import { runTurn, startAppServer, type AppServerClient } from '../support/app-server-client';
import { completedItem, makeWorkspace, startThread, startToolServer, toolOutputs, type Workspace } from '../support/tool-turns';
import { requireSandbox } from '../support/sandbox-helpers';

type Json = Record<string, unknown>;

const NO_TMP = { sandbox_workspace_write: { exclude_slash_tmp: true, exclude_tmpdir_env_var: true } };
const exec = (cmd: string, callId: string, extra: Json = {}): Script => respond([functionCall('exec_command', { cmd, ...extra }, { callId })]);
const addFile = (name: string, text: string): string => `*** Begin Patch\n*** Add File: ${name}\n+${text}\n*** End Patch`;

describe('sandbox wiring: approvals through the engine', function () {
  this.timeout(60_000);
  let mock: MockModel | undefined;
  let client: AppServerClient | undefined;
  let ws: Workspace | undefined;
  let asked: { method: string; params: Json }[];

  before(() => {
    requireSandbox();
  });

  afterEach(async () => {
    try {
      await client?.close();
    } finally {
      await mock?.close();
      ws?.remove();
      client = mock = ws = undefined;
    }
  });

  async function start(replies: Script[], answers: unknown[], codexHome?: string): Promise<AppServerClient> {
    ws ??= makeWorkspace({ 'a.txt': 'a\n' });
    mock = await startMockModel({ replies });
    const c = await startToolServer(mock.baseUrl, ws, codexHome ? { codexHome } : {});
    asked = [];
    const queue = [...answers];
    c.onServerRequest((method, params) => {
      asked.push({ method, params: params as Json });
      return { decision: queue.shift() ?? 'decline' };
    });
    client = c;
    return c;
  }

  it('untrusted: known-safe ls runs without asking, touch asks', async () => {
    const c = await start([exec('ls', 'call_ls'), exec('touch x', 'call_touch'), textReply('done')], ['decline']);
    const threadId = await startThread(c, (ws as Workspace).dir, { approvalPolicy: 'untrusted', sandbox: 'workspace-write' });
    const { from } = await runTurn(c, threadId, 'go', {}, 30_000);
    assert.deepEqual(
      asked.map((a) => a.params.itemId),
      ['call_touch'],
    );
    assert.match(String(completedItem(c, 'call_ls', from).aggregatedOutput), /a\.txt/);
    assert.equal(completedItem(c, 'call_touch', from).status, 'declined');
    assert.equal(existsSync(join((ws as Workspace).dir, 'x')), false);
  });

  it('acceptWithExecpolicyAmendment persists a rule; the command is not asked again after a restart', async () => {
    const c = await start([exec('touch one.txt', 'call_1'), textReply('done')], [{ acceptWithExecpolicyAmendment: { execpolicy_amendment: ['touch'] } }]);
    const codexHome = c.codexHome;
    const threadId = await startThread(c, (ws as Workspace).dir, { approvalPolicy: 'untrusted', sandbox: 'workspace-write' });
    const first = await runTurn(c, threadId, 'go', {}, 30_000);
    assert.equal(asked.length, 1);
    assert.deepEqual(asked[0]?.params.proposedExecpolicyAmendment, ['touch', 'one.txt']);
    assert.equal(completedItem(c, 'call_1', first.from).status, 'completed');
    const rules = readFileSync(join(codexHome, 'rules', 'default.rules'), 'utf8');
    assert.match(rules, /prefix_rule\(pattern=\["touch"\], decision="allow"\)/);
    await c.close();
    await mock?.close();

    const again = await start([exec('touch two.txt', 'call_2'), textReply('done')], [], codexHome);
    const thread2 = await startThread(again, (ws as Workspace).dir, { approvalPolicy: 'untrusted', sandbox: 'workspace-write' });
    const second = await runTurn(again, thread2, 'go', {}, 30_000);
    assert.equal(asked.length, 0);
    assert.equal(completedItem(again, 'call_2', second.from).status, 'completed');
    assert.ok(existsSync(join((ws as Workspace).dir, 'two.txt')));
  });

  it('on-request escalation asks with the justification, then runs without the sandbox', async () => {
    const cmd = 'echo escaped > ../home/esc.txt';
    const c = await start(
      [exec(cmd, 'call_sb'), exec(cmd, 'call_esc', { sandbox_permissions: 'require_escalated', justification: 'Write the home file' }), textReply('done')],
      ['accept'],
    );
    const threadId = await startThread(c, (ws as Workspace).dir, { approvalPolicy: 'on-request', sandbox: 'workspace-write', config: NO_TMP });
    const { from } = await runTurn(c, threadId, 'go', {}, 30_000);
    // Sandboxed first: refused by the filesystem, not asked.
    assert.equal(completedItem(c, 'call_sb', from).status, 'failed');
    assert.match(String(completedItem(c, 'call_sb', from).aggregatedOutput), /Read-only file system/);
    assert.deepEqual(
      asked.map((a) => `${a.params.itemId as string} ${String(a.params.reason)}`),
      ['call_esc Write the home file'],
    );
    assert.equal(completedItem(c, 'call_esc', from).status, 'completed');
    assert.equal(readFileSync(join((ws as Workspace).home, 'esc.txt'), 'utf8'), 'escaped\n');
  });

  it('untrusted: a sandbox denial retries unsandboxed — at once when just approved, else after asking, on the same item', async () => {
    const cmd = 'echo retried >> ../home/retry.txt';
    const c = await start([exec(cmd, 'call_1'), exec(cmd, 'call_2'), textReply('done')], ['acceptForSession', 'accept']);
    const threadId = await startThread(c, (ws as Workspace).dir, { approvalPolicy: 'untrusted', sandbox: 'workspace-write', config: NO_TMP });
    const { from } = await runTurn(c, threadId, 'go', {}, 30_000);
    // call_1 is asked before it runs and retried without asking; call_2 (approved for the session)
    // runs sandboxed, is denied, and the retry is asked.
    assert.deepEqual(
      asked.map((a) => `${String(a.params.itemId)} ${String(a.params.reason)}`),
      ['call_1 null', 'call_2 command failed; retry without sandbox?'],
    );
    for (const id of ['call_1', 'call_2']) {
      const completions = c.notifications.slice(from).filter((n) => n.method === 'item/completed' && (n.params.item as Json).id === id);
      assert.equal(completions.length, 1, id);
      assert.equal((completions[0]?.params.item as Json).status, 'completed', id);
    }
    assert.equal(readFileSync(join((ws as Workspace).home, 'retry.txt'), 'utf8'), 'retried\nretried\n');
  });

  it('apply_patch outside the writable roots: on-request asks (declined: nothing written), never refuses', async () => {
    ws = makeWorkspace();
    const outside = join(ws.home, 'patched.txt');
    const c = await start(
      [respond([customToolCall('apply_patch', addFile(outside, 'x'), { callId: 'call_ask' })]), textReply('asked'), respond([customToolCall('apply_patch', addFile(outside, 'x'), { callId: 'call_never' })]), textReply('refused')],
      ['decline'],
    );
    const threadId = await startThread(c, ws.dir, { approvalPolicy: 'on-request', sandbox: 'workspace-write', config: NO_TMP });
    const first = await runTurn(c, threadId, 'patch', {}, 30_000);
    assert.deepEqual(
      asked.map((a) => a.method),
      ['item/fileChange/requestApproval'],
    );
    assert.equal(completedItem(c, 'call_ask', first.from).status, 'declined');
    const second = await runTurn(c, threadId, 'patch again', { approvalPolicy: 'never' }, 30_000);
    assert.equal(asked.length, 1);
    assert.equal(completedItem(c, 'call_never', second.from).status, 'declined');
    assert.match(String(toolOutputs((mock as MockModel).lastRequest('responses')).get('call_never')), /^patch rejected: writing outside of the project/);
    assert.equal(existsSync(outside), false);
  });

  it('apply_patch in read-only mode: asks because read-only writes nothing (not "outside the writable roots"), never refuses so', async () => {
    ws = makeWorkspace();
    const inside = join(ws.dir, 'inside.txt');
    const c = await start(
      [respond([customToolCall('apply_patch', addFile(inside, 'x'), { callId: 'call_ro' })]), textReply('asked'), respond([customToolCall('apply_patch', addFile(inside, 'x'), { callId: 'call_ro_never' })]), textReply('refused')],
      ['decline'],
    );
    const threadId = await startThread(c, ws.dir, { approvalPolicy: 'on-request', sandbox: 'read-only' });
    await runTurn(c, threadId, 'patch', {}, 30_000);
    assert.deepEqual(
      asked.map((a) => [a.method, a.params.reason]),
      [['item/fileChange/requestApproval', `Read-only mode writes no file without approval; the patch writes ${inside}`]],
    );
    const second = await runTurn(c, threadId, 'patch again', { approvalPolicy: 'never' }, 30_000);
    assert.equal(asked.length, 1);
    assert.equal(completedItem(c, 'call_ro_never', second.from).status, 'declined');
    assert.equal(toolOutputs((mock as MockModel).lastRequest('responses')).get('call_ro_never'), 'patch rejected: read-only mode writes no file without approval; rejected by user approval settings');
    assert.equal(existsSync(inside), false);
  });

  it('a broken rules file is reported as a configWarning (file:line:column); the other rules still apply', async () => {
    const codexHome = mkdtempSync(join(tmpdir(), 'codex-ts-rules-home-'));
    try {
      mkdirSync(join(codexHome, 'rules'));
      writeFileSync(join(codexHome, 'rules', 'bad.rules'), 'prefix_rule(pattern=["rm"], decision="maybe")\n');
      writeFileSync(join(codexHome, 'rules', 'good.rules'), 'prefix_rule(pattern=["touch"], decision="forbidden")\n');
      const c = await start([exec('touch x', 'call_t'), textReply('done')], [], codexHome);
      const threadId = await startThread(c, (ws as Workspace).dir, { approvalPolicy: 'on-request', sandbox: 'workspace-write' });
      const { from } = await runTurn(c, threadId, 'go', {}, 30_000);
      const warning = c.notifications.find((n) => n.method === 'configWarning' && /bad\.rules/.test(String(n.params.summary)));
      assert.ok(warning, 'configWarning for bad.rules');
      assert.equal(warning.params.path, join(codexHome, 'rules', 'bad.rules'));
      assert.match(String(warning.params.summary), /bad\.rules:1:\d+/);
      assert.equal(completedItem(c, 'call_t', from).status, 'declined');
      assert.match(String(toolOutputs((mock as MockModel).lastRequest('responses')).get('call_t')), /rejected/);
      assert.equal(asked.length, 0);
    } finally {
      await client?.close();
      client = undefined;
      rmSync(codexHome, { recursive: true, force: true });
    }
  });

  it("a trusted project's .codex/rules and requirements [rules] apply to the workspace's commands", async () => {
    // A project layer is a `.codex/` with a config.toml (as the config loader finds them).
    ws = makeWorkspace({ '.codex/config.toml': '', '.codex/rules/project.rules': 'prefix_rule(pattern=["touch"], decision="prompt", justification="project says ask")\n' });
    const requirements = join(ws.home, 'requirements.toml');
    writeFileSync(requirements, '[rules]\nprefix_rules = [{ pattern = [{ token = "mkdir" }], decision = "forbidden", justification = "admin forbids mkdir" }]\n');
    mock = await startMockModel({ replies: [exec('touch p.txt', 'call_p'), exec('mkdir d', 'call_m'), textReply('done')] });
    const c = await startToolServer(mock.baseUrl, ws, { env: { CODEX_TS_REQUIREMENTS: requirements }, extraConfig: `\n[projects."${ws.dir}"]\ntrust_level = "trusted"\n` });
    client = c;
    asked = [];
    c.onServerRequest((method, params) => {
      asked.push({ method, params: params as Json });
      return { decision: 'decline' };
    });
    const threadId = await startThread(c, ws.dir, { approvalPolicy: 'on-request', sandbox: 'workspace-write' });
    const { from } = await runTurn(c, threadId, 'go', {}, 30_000);
    assert.deepEqual(
      asked.map((a) => `${String(a.params.itemId)} ${String(a.params.reason)}`),
      ["call_p `/bin/bash -lc 'touch p.txt'` requires approval: project says ask"],
    );
    assert.equal(completedItem(c, 'call_m', from).status, 'declined');
    assert.match(String(toolOutputs(mock.lastRequest('responses')).get('call_m')), /admin forbids mkdir/);
    assert.equal(existsSync(join(ws.dir, 'd')), false);
  });

  it('windowsSandbox/setupStart answers started, then setupCompleted with success false', async () => {
    const c = await startAppServer({});
    client = c;
    const result = await c.request<Json>('windowsSandbox/setupStart', { mode: 'unelevated' });
    assert.deepEqual(result, { started: true });
    const done = await c.waitForNotification('windowsSandbox/setupCompleted', () => true, 5_000);
    assert.equal(done.mode, 'unelevated');
    assert.equal(done.success, false);
    assert.match(String(done.error), /only applies on Windows|not available/);
  });
});
