// Retries after a sandboxed run failed, and project rules, over stdio against the mock model with
// real bubblewrap:
//   - approval_policy = "on-failure" (config; clients see on-request): commands run sandboxed
//     without asking; a sandbox denial asks "command failed; retry without sandbox?" and the
//     accepted retry runs unsandboxed on the same item; plain on-request does not ask;
//   - a managed network policy (requirements' [network]): a command that cannot reach a host
//     asks with networkApprovalContext {host, protocol} and Codex's decisions; acceptForSession
//     retries it with network on and lets later runs for that host retry without asking; a
//     denied host is never offered;
//   - a trusted project's `.codex/rules/*.rules` apply without a `.codex/config.toml`.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { functionCall, respond, startMockModel, textReply, type MockModel, type Script } from '../support/mock-model';
import { runTurn, type AppServerClient } from '../support/app-server-client';
import { completedItem, makeWorkspace, startThread, startToolServer, toolOutputs, type Workspace } from '../support/tool-turns';
import { requireSandbox } from '../support/sandbox-helpers';

type Json = Record<string, unknown>;

const NO_TMP = { sandbox_workspace_write: { exclude_slash_tmp: true, exclude_tmpdir_env_var: true } };
const exec = (cmd: string, callId: string): Script => respond([functionCall('exec_command', { cmd }, { callId })]);

describe('sandbox wiring: retries after a failed sandboxed run, project rules', function () {
  this.timeout(60_000);
  let mock: MockModel | undefined;
  let client: AppServerClient | undefined;
  let ws: Workspace | undefined;
  let web: Server | undefined;
  let asked: Json[];

  before(() => {
    requireSandbox();
  });

  afterEach(async () => {
    try {
      await client?.close();
    } finally {
      await mock?.close();
      ws?.remove();
      await new Promise<void>((resolve) => (web ? web.close(() => resolve()) : resolve()));
      client = mock = ws = web = undefined;
    }
  });

  async function start(replies: Script[], answers: unknown[], options: Parameters<typeof startToolServer>[2] = {}): Promise<AppServerClient> {
    ws ??= makeWorkspace({ 'a.txt': 'a\n' });
    mock = await startMockModel({ replies });
    const c = await startToolServer(mock.baseUrl, ws, options);
    asked = [];
    const queue = [...answers];
    c.onServerRequest((_method, params) => {
      asked.push(params as Json);
      return { decision: queue.shift() ?? 'decline' };
    });
    client = c;
    return c;
  }

  const completions = (c: AppServerClient, id: string, from: number): Json[] =>
    c.notifications.slice(from).filter((n) => n.method === 'item/completed' && (n.params.item as Json).id === id).map((n) => n.params.item as Json);

  it('on-failure: runs sandboxed without asking; a sandbox denial asks to retry unsandboxed, accepted → retried on the same item', async () => {
    const c = await start([exec('touch inside.txt', 'call_in'), exec('echo out >> ../home/out.txt', 'call_out'), textReply('done')], ['accept']);
    const started = await c.request<{ thread: { id: string }; approvalPolicy: unknown }>('thread/start', {
      cwd: (ws as Workspace).dir,
      sandbox: 'workspace-write',
      config: { approval_policy: 'on-failure', ...NO_TMP },
    });
    assert.equal(started.approvalPolicy, 'on-request', 'the protocol has no on-failure');
    const { from } = await runTurn(c, started.thread.id, 'go', {}, 30_000);
    assert.deepEqual(
      asked.map((a) => `${String(a.itemId)} ${String(a.reason)}`),
      ['call_out command failed; retry without sandbox?'],
    );
    assert.equal(asked[0]?.networkApprovalContext ?? null, null);
    assert.equal(completedItem(c, 'call_in', from).status, 'completed');
    assert.ok(existsSync(join((ws as Workspace).dir, 'inside.txt')));
    const out = completions(c, 'call_out', from);
    assert.equal(out.length, 1, 'one item for the run and its retry');
    assert.equal(out[0]?.status, 'completed');
    assert.equal(readFileSync(join((ws as Workspace).home, 'out.txt'), 'utf8'), 'out\n');
    // The model is told the policy it is under (it must not ask for escalation under on-failure).
    assert.match(JSON.stringify((mock as MockModel).lastRequest('responses').body), /<approval_policy>on-failure<\/approval_policy>/);
  });

  it('on-failure: a declined retry leaves the sandboxed failure; a turn that sets another policy ends on-failure', async () => {
    const c = await start([exec('echo out >> ../home/out.txt', 'call_1'), textReply('done'), exec('echo out >> ../home/out.txt', 'call_2'), textReply('done')], ['decline']);
    const threadId = await startThread(c, (ws as Workspace).dir, { sandbox: 'workspace-write', config: { approval_policy: 'on-failure', ...NO_TMP } });
    const first = await runTurn(c, threadId, 'go', {}, 30_000);
    assert.equal(asked.length, 1);
    assert.equal(completedItem(c, 'call_1', first.from).status, 'failed');
    assert.match(String(completedItem(c, 'call_1', first.from).aggregatedOutput), /Read-only file system/);
    // A turn/start that sets another policy ends on-failure: the same denial is not asked about.
    const second = await runTurn(c, threadId, 'again', { approvalPolicy: 'never' }, 30_000);
    assert.equal(asked.length, 1);
    assert.equal(completedItem(c, 'call_2', second.from).status, 'failed');
    assert.equal(existsSync(join((ws as Workspace).home, 'out.txt')), false);
  });

  it('managed network: a blocked host asks with networkApprovalContext; acceptForSession retries with network and sticks; denied hosts are not offered', async () => {
    web = createServer((_req, res) => res.end('hello from the host'));
    await new Promise<void>((resolve) => (web as Server).listen(0, '127.0.0.1', resolve));
    const port = (web.address() as AddressInfo).port;
    ws = makeWorkspace({ 'a.txt': 'a\n' });
    const requirements = join(ws.home, 'requirements.toml');
    writeFileSync(requirements, '[network]\nenabled = true\ndenied_domains = ["denied.example"]\n');
    const curl = `curl -sS --max-time 5 http://localhost:${port}/`;
    const c = await start(
      [exec(curl, 'call_1'), exec(curl, 'call_2'), exec('curl -sS --max-time 5 http://denied.example/', 'call_3'), textReply('done')],
      ['acceptForSession'],
      { env: { CODEX_TS_REQUIREMENTS: requirements } },
    );
    const threadId = await startThread(c, ws.dir, { approvalPolicy: 'on-request', sandbox: 'workspace-write' });
    const { from } = await runTurn(c, threadId, 'go', {}, 30_000);
    assert.equal(asked.length, 1, 'asked once: the session approval covers call_2, call_3 is denied');
    const prompt = asked[0] as Json;
    assert.equal(prompt.itemId, 'call_1');
    assert.deepEqual(prompt.networkApprovalContext, { host: 'localhost', protocol: 'http' });
    assert.equal(prompt.reason, 'Network access to "localhost" is blocked by policy.');
    assert.deepEqual(prompt.availableDecisions, [
      'accept',
      'acceptForSession',
      { applyNetworkPolicyAmendment: { network_policy_amendment: { host: 'localhost', action: 'allow' } } },
      'cancel',
    ]);
    assert.deepEqual(prompt.proposedNetworkPolicyAmendments, [
      { host: 'localhost', action: 'allow' },
      { host: 'localhost', action: 'deny' },
    ]);
    for (const id of ['call_1', 'call_2']) {
      const items = completions(c, id, from);
      assert.equal(items.length, 1, id);
      assert.equal(items[0]?.status, 'completed', id);
      assert.match(String(items[0]?.aggregatedOutput), /hello from the host/, id);
    }
    assert.equal(completedItem(c, 'call_3', from).status, 'failed');
    assert.match(String(toolOutputs((mock as MockModel).lastRequest('responses')).get('call_3')), /Could not resolve host: denied\.example/);
  });

  it("a trusted project's .codex/rules apply without a .codex/config.toml", async () => {
    ws = makeWorkspace({ '.codex/rules/project.rules': 'prefix_rule(pattern=["touch"], decision="prompt", justification="project says ask")\n' });
    const c = await start([exec('touch p.txt', 'call_p'), textReply('done')], ['decline'], { extraConfig: `\n[projects."${ws.dir}"]\ntrust_level = "trusted"\n` });
    const threadId = await startThread(c, ws.dir, { approvalPolicy: 'on-request', sandbox: 'workspace-write' });
    const { from } = await runTurn(c, threadId, 'go', {}, 30_000);
    assert.deepEqual(
      asked.map((a) => `${String(a.itemId)} ${String(a.reason)}`),
      ["call_p `/bin/bash -lc 'touch p.txt'` requires approval: project says ask"],
    );
    assert.equal(completedItem(c, 'call_p', from).status, 'declined');
    assert.equal(existsSync(join(ws.dir, 'p.txt')), false);
  });

  it("an untrusted project's .codex/rules do not apply", async () => {
    ws = makeWorkspace({ '.codex/rules/project.rules': 'prefix_rule(pattern=["touch"], decision="forbidden")\n' });
    const c = await start([exec('touch p.txt', 'call_p'), textReply('done')], []);
    const threadId = await startThread(c, ws.dir, { approvalPolicy: 'on-request', sandbox: 'workspace-write' });
    const { from } = await runTurn(c, threadId, 'go', {}, 30_000);
    assert.equal(asked.length, 0);
    assert.equal(completedItem(c, 'call_p', from).status, 'completed');
    assert.ok(existsSync(join(ws.dir, 'p.txt')));
  });
});
