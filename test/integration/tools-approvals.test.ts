// Approvals over the wire (reference §5 (b), (c)): under `untrusted` every command that is not
// known-safe (echo and ls are; printf and touch are not) and every patch asks
// the client (item/commandExecution/requestApproval, item/fileChange/requestApproval), the thread
// shows waitingOnApproval meanwhile, serverRequest/resolved follows the answer; accept,
// acceptForSession (not asked again), acceptWithExecpolicyAmendment (the prefix is not asked
// again), decline (Codex's rejection text for the model) and cancel (the turn is interrupted).
// Under on-request only escalations and patches outside the workspace ask; granular refuses what
// its flags forbid.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { customToolCall, functionCall, respond, startMockModel, textReply, type MockModel, type Script } from '../support/mock-model';
import { runTurn, type AppServerClient } from '../support/app-server-client';
import { requireSandbox } from '../support/sandbox-helpers';
import { completedItem, execText, itemsAfterUser, makeWorkspace, maskExec, maskPatch, startThread, startToolServer, toolOutputs, type Workspace } from '../support/tool-turns';

type Json = Record<string, unknown>;
interface SeenRequest {
  method: string;
  id: number | string;
  params: Json;
}

const REJECTED = 'exec_command failed: CreateProcess { message: "Rejected(\\"rejected by user\\")" }';
const addFile = (name: string, text: string): string => `*** Begin Patch\n*** Add File: ${name}\n+${text}\n*** End Patch`;

describe('tools: approvals', function () {
  this.timeout(60_000);
  let mock: MockModel;
  let client: AppServerClient;
  let ws: Workspace;
  let seen: SeenRequest[];
  let decisions: unknown[];

  afterEach(async () => {
    try {
      await client.close();
    } finally {
      await mock.close();
      ws.remove();
    }
  });

  /** A server whose client answers approvals with `decisions`, in order; a thread with these settings. */
  async function setup(replies: Script[] | ((ws: Workspace) => Script[]), threadParams: Json, answers: unknown[]): Promise<string> {
    ws = makeWorkspace({ 'notes.txt': 'first\n' });
    mock = await startMockModel({ replies: typeof replies === 'function' ? replies(ws) : replies });
    client = await startToolServer(mock.baseUrl, ws);
    seen = [];
    decisions = [...answers];
    client.onServerRequest((method, params, id) => {
      seen.push({ method, id, params: params as Json });
      return { decision: decisions.shift() ?? 'decline' };
    });
    return startThread(client, ws.dir, threadParams);
  }

  const untrusted = { approvalPolicy: 'untrusted', sandbox: 'workspace-write' };

  it('untrusted + accept: the reference sequence, then the command runs', async () => {
    const threadId = await setup([respond([functionCall('exec_command', { cmd: 'printf hello' }, { callId: 'call_1' })]), textReply('done')], untrusted, ['accept']);
    requireSandbox(); // without one the request carries the sandbox-unavailable reason
    const fromLine = client.lines.length;
    const { turn, completed, from } = await runTurn(client, threadId, 'say hello', {}, 30_000);
    assert.equal(completed.status, 'completed');

    const lines = client.lines.slice(fromLine);
    const trace = lines
      .filter((m) => m.method !== 'item/commandExecution/outputDelta')
      .map((m) => {
        const params = (m.params ?? {}) as Json;
        if (m.method === 'thread/status/changed') return `status ${JSON.stringify((params.status as Json).activeFlags ?? (params.status as Json).type)}`;
        if (m.method === 'item/started' || m.method === 'item/completed') return `${String(m.method)} ${String((params.item as Json).type)}`;
        if ('id' in m && typeof m.method === 'string') return `request ${m.method} #${String(m.id)}`;
        return String(m.method ?? 'response');
      });
    const start = trace.indexOf('item/started commandExecution');
    assert.deepEqual(trace.slice(start, start + 6), [
      'item/started commandExecution',
      'status ["waitingOnApproval"]',
      'request item/commandExecution/requestApproval #0',
      'serverRequest/resolved',
      'status []',
      'item/completed commandExecution',
    ]);
    assert.equal(seen.length, 1);
    const request = seen[0] as SeenRequest;
    assert.equal(request.id, 0, 'server request ids start at 0');
    assert.deepEqual({ ...request.params, startedAtMs: typeof request.params.startedAtMs }, {
      kind: 'command',
      threadId,
      turnId: turn.id,
      itemId: 'call_1',
      startedAtMs: 'number',
      environmentId: 'local',
      reason: null,
      command: "/bin/bash -lc 'printf hello'",
      cwd: ws.dir,
      commandActions: [{ type: 'unknown', command: 'printf hello' }],
      proposedExecpolicyAmendment: ['printf', 'hello'],
      availableDecisions: ['accept', 'acceptForSession', { acceptWithExecpolicyAmendment: { execpolicy_amendment: ['printf', 'hello'] } }, 'decline', 'cancel'],
    });
    const resolved = client.notifications.slice(from).find((n) => n.method === 'serverRequest/resolved');
    assert.deepEqual(resolved?.params, { threadId, requestId: 0 });
    const started = client.notifications.slice(from).find((n) => n.method === 'item/started' && (n.params.item as Json).id === 'call_1')?.params.item as Json;
    assert.equal(started.source, 'agent');
    assert.equal(started.status, 'inProgress');
    const item = completedItem(client, 'call_1', from);
    assert.equal(item.source, 'unifiedExecStartup');
    assert.equal(item.status, 'completed');
    assert.equal(item.aggregatedOutput, 'hello');
    assert.equal(maskExec(toolOutputs(mock.lastRequest('responses')).get('call_1')), execText('hello'));
  });

  it('untrusted + decline: no output, the declined item, Codex rejection text for the model', async () => {
    const threadId = await setup([respond([functionCall('exec_command', { cmd: 'touch made.txt' }, { callId: 'call_no' })]), textReply('ok')], untrusted, ['decline']);
    const { from, completed } = await runTurn(client, threadId, 'make a file', {}, 30_000);
    assert.equal(completed.status, 'completed');
    const item = completedItem(client, 'call_no', from);
    assert.equal(item.status, 'declined');
    assert.equal(item.aggregatedOutput, null);
    assert.equal(item.exitCode, null);
    assert.equal(existsSync(join(ws.dir, 'made.txt')), false);
    assert.equal(toolOutputs(mock.lastRequest('responses')).get('call_no'), REJECTED);
    assert.ok(!client.notifications.slice(from).some((n) => n.method === 'item/commandExecution/outputDelta'));
  });

  it('acceptForSession and an exec-policy amendment are remembered for the thread', async () => {
    const threadId = await setup(
      [
        respond([functionCall('exec_command', { cmd: "printf 'again\\n'" }, { callId: 'call_a' })]),
        respond([functionCall('exec_command', { cmd: "printf 'again\\n'" }, { callId: 'call_b' })]),
        respond([functionCall('exec_command', { cmd: 'touch notes.txt' }, { callId: 'call_c' })]),
        respond([functionCall('exec_command', { cmd: 'touch -c notes.txt' }, { callId: 'call_d' })]),
        respond([functionCall('exec_command', { cmd: 'printf different' }, { callId: 'call_e' })]),
        textReply('done'),
      ],
      untrusted,
      ['acceptForSession', { acceptWithExecpolicyAmendment: { execpolicy_amendment: ['touch'] } }, 'decline'],
    );
    const { from } = await runTurn(client, threadId, 'repeat', {}, 30_000);
    // Asked for call_a (session), call_c (prefix) and call_e (a new command); never for call_b or call_d.
    assert.deepEqual(
      seen.map((r) => r.params.itemId),
      ['call_a', 'call_c', 'call_e'],
    );
    assert.deepEqual(
      seen.map((r) => r.id),
      [0, 1, 2],
    );
    for (const id of ['call_a', 'call_b', 'call_c', 'call_d']) assert.equal(completedItem(client, id, from).status, 'completed', id);
    assert.deepEqual(seen[1]?.params.proposedExecpolicyAmendment, ['touch', 'notes.txt']);
    assert.equal(completedItem(client, 'call_b', from).source, 'unifiedExecStartup');
    assert.equal(completedItem(client, 'call_e', from).status, 'declined');
    const outputs = toolOutputs(mock.lastRequest('responses'));
    assert.equal(maskExec(outputs.get('call_b')), execText('again\n'));
    assert.equal(outputs.get('call_e'), REJECTED);
  });

  it('cancel declines the command and interrupts the turn', async () => {
    const threadId = await setup([respond([functionCall('exec_command', { cmd: 'printf never' }, { callId: 'call_x' })]), textReply('next turn')], untrusted, ['cancel']);
    const { from, completed } = await runTurn(client, threadId, 'try', {}, 30_000);
    assert.equal(completed.status, 'interrupted');
    assert.equal(completedItem(client, 'call_x', from).status, 'declined');
    const notes = client.notifications.slice(from);
    assert.ok(notes.some((n) => n.method === 'serverRequest/resolved'));
    assert.deepEqual(notes.filter((n) => n.method === 'thread/status/changed').at(-1)?.params.status, { type: 'idle' });
    // The next turn: the call, its "aborted" output, the interrupted marker, then the new message.
    await runTurn(client, threadId, 'again', {}, 30_000);
    const last = mock.lastRequest('responses');
    assert.equal(toolOutputs(last).get('call_x'), 'aborted');
    const input = last.body.input as Json[];
    const callAt = input.findIndex((i) => i.call_id === 'call_x');
    assert.deepEqual(
      input.slice(callAt, callAt + 3).map((i) => `${String(i.type)} ${String(i.role ?? i.call_id)}`),
      ['function_call call_x', 'function_call_output call_x', 'message user'],
    );
    assert.match(JSON.stringify(input[callAt + 2]), /turn_aborted/);
  });

  it('untrusted patches: accept writes the file, decline leaves it and says so', async () => {
    const threadId = await setup(
      [
        respond([customToolCall('apply_patch', addFile('yes.txt', 'accepted'), { callId: 'call_yes' })]),
        respond([customToolCall('apply_patch', addFile('no.txt', 'declined'), { callId: 'call_no' })]),
        textReply('done'),
      ],
      untrusted,
      ['accept', 'decline'],
    );
    const { from, turn } = await runTurn(client, threadId, 'write two files', {}, 30_000);
    assert.equal(seen.length, 2);
    assert.equal(seen[0]?.method, 'item/fileChange/requestApproval');
    assert.deepEqual({ ...seen[0]?.params, startedAtMs: typeof seen[0]?.params.startedAtMs }, { threadId, turnId: turn.id, itemId: 'call_yes', startedAtMs: 'number', reason: null, grantRoot: null });
    assert.equal(readFileSync(join(ws.dir, 'yes.txt'), 'utf8'), 'accepted\n');
    assert.equal(existsSync(join(ws.dir, 'no.txt')), false);
    assert.equal(completedItem(client, 'call_yes', from).status, 'completed');
    assert.equal(completedItem(client, 'call_no', from).status, 'declined');
    const outputs = toolOutputs(mock.lastRequest('responses'));
    assert.equal(maskPatch(outputs.get('call_yes')), 'Exit code: 0\nWall time: <t> seconds\nOutput:\nSuccess. Updated the following files:\nA yes.txt\n');
    assert.equal(outputs.get('call_no'), 'patch rejected by user');
    // The fileChange item starts (with its changes) before the approval is asked.
    const notes = client.notifications.slice(from).map((n) => n.method === 'item/started' ? `started ${String((n.params.item as Json).id)}` : n.method);
    assert.ok(notes.indexOf('started call_yes') < notes.indexOf('serverRequest/resolved'));
    // Only the accepted patch is in the turn diff.
    const diffs = client.notifications.slice(from).filter((n) => n.method === 'turn/diff/updated');
    assert.match(String(diffs.at(-1)?.params.diff), /^diff --git a\/yes\.txt b\/yes\.txt\nnew file mode 100644\n/);
    assert.doesNotMatch(String(diffs.at(-1)?.params.diff), /no\.txt/);
  });

  it('on-request: plain commands and patches inside the workspace run; escalation and outside writes ask', async () => {
    const threadId = await setup(
      (w) => [
        respond([
          functionCall('exec_command', { cmd: 'echo plain' }, { callId: 'call_plain' }),
          customToolCall('apply_patch', addFile('inside.txt', 'in'), { callId: 'call_in' }),
        ]),
        respond([
          functionCall(
            'exec_command',
            { cmd: 'echo net', sandbox_permissions: 'require_escalated', justification: 'Need to run outside the sandbox' },
            { callId: 'call_esc' },
          ),
        ]),
        respond([customToolCall('apply_patch', addFile(join(w.dir, '..', 'outside.txt'), 'out'), { callId: 'call_out' })]),
        textReply('done'),
      ],
      // The workspace is under /tmp: leave /tmp and $TMPDIR out of the writable roots.
      { approvalPolicy: 'on-request', sandbox: 'workspace-write', config: { sandbox_workspace_write: { exclude_slash_tmp: true, exclude_tmpdir_env_var: true } } },
      ['accept', 'accept'],
    );
    requireSandbox(); // without one even the plain command asks to run unsandboxed
    const { from } = await runTurn(client, threadId, 'mixed', {}, 30_000);
    assert.deepEqual(
      seen.map((r) => `${r.method} ${String(r.params.itemId)}`),
      ['item/commandExecution/requestApproval call_esc', 'item/fileChange/requestApproval call_out'],
    );
    assert.equal(seen[0]?.params.reason, 'Need to run outside the sandbox');
    assert.equal(seen[1]?.params.reason, `The patch writes outside the writable roots: ${join(ws.dir, '..', 'outside.txt')}`);
    for (const id of ['call_plain', 'call_in', 'call_esc', 'call_out']) assert.equal(completedItem(client, id, from).status, 'completed', id);
    assert.equal(readFileSync(join(ws.dir, '..', 'outside.txt'), 'utf8'), 'out\n');
  });

  it('granular without sandbox_approval refuses escalation without asking; never refuses it too', async () => {
    const granular = { granular: { sandbox_approval: false, rules: true, skill_approval: true, request_permissions: true, mcp_elicitations: true } };
    const threadId = await setup(
      [
        respond([functionCall('exec_command', { cmd: 'echo esc', sandbox_permissions: 'require_escalated', justification: 'Please' }, { callId: 'call_g' })]),
        textReply('refused'),
        respond([
          functionCall('exec_command', { cmd: 'echo free', sandbox_permissions: 'require_escalated', justification: 'Please' }, { callId: 'call_n' }),
          functionCall('exec_command', { cmd: 'echo solo', justification: 'no flag' }, { callId: 'call_j' }),
        ]),
        textReply('ran'),
      ],
      { approvalPolicy: granular, sandbox: 'read-only' },
      [],
    );
    const first = await runTurn(client, threadId, 'escalate', {}, 30_000);
    assert.equal(seen.length, 0);
    assert.equal(completedItem(client, 'call_g', first.from).status, 'declined');
    assert.equal(
      toolOutputs(mock.lastRequest('responses')).get('call_g'),
      'exec_command failed: CreateProcess { message: "Rejected(\\"approval required by policy, but AskForApproval::Granular.sandbox_approval is false\\")" }',
    );
    const second = await runTurn(client, threadId, 'escalate again', { approvalPolicy: 'never' }, 30_000);
    assert.equal(seen.length, 0);
    // `never` refuses an escalation request (the engine, as Codex): the model is told why.
    assert.equal(completedItem(client, 'call_n', second.from).status, 'declined');
    const outputs = toolOutputs(mock.lastRequest('responses'));
    assert.match(String(outputs.get('call_n')), /approval policy is never; reject command/);
    assert.match(String(outputs.get('call_j')), /^`justification` requires an explicit `sandbox_permissions`/);
    assert.deepEqual(itemsAfterUser(mock.lastRequest('responses')).slice(-2), ['function_call_output call_n', 'function_call_output call_j']);
  });
});
