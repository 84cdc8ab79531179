// MCP approvals and elicitations over the wire: a tool annotated destructiveHint (even one that also
// claims readOnlyHint) asks the client first with mcpServer/elicitation/request (Codex's MCP
// tool-call approval form); accept runs it, decline ends the item with an error and the tool does
// not run; a server's elicitation/create (the fixture's, and server-everything's full form)
// round-trips through the client; an approval policy that rejects MCP elicitations declines both
// without asking.
import { strict as assert } from 'node:assert';
import { functionCall, respond, textReply, type Script } from '../support/mock-model';
import { runTurn } from '../support/app-server-client';
import { completedItem, toolOutputs } from '../support/tool-turns';
import { EVERYTHING, FIXTURE, startMcpServer, stdioServer, threadWithServers, type McpSetup } from '../support/mcp-helpers';

type Json = Record<string, unknown>;

const REJECT_ELICITATIONS = { granular: { sandbox_approval: true, rules: true, skill_approval: true, request_permissions: true, mcp_elicitations: false } };

describe('mcp: approvals and elicitations', function () {
  this.timeout(90_000);
  let setup: McpSetup | undefined;
  let seen: { method: string; id: number | string; params: Json }[];
  afterEach(async () => {
    await setup?.close();
    setup = undefined;
  });

  async function start(replies: Script[], answers: unknown[], approvalPolicy: unknown = 'on-request', threadExtra: Json = {}): Promise<string> {
    setup = await startMcpServer(stdioServer('fx', FIXTURE), replies);
    seen = [];
    const queue = [...answers];
    setup.client.onServerRequest((method, params, id) => {
      seen.push({ method, id, params: params as Json });
      return queue.shift() ?? { action: 'decline' };
    });
    return threadWithServers(setup.client, setup.ws.dir, ['fx'], approvalPolicy === null ? threadExtra : { approvalPolicy, ...threadExtra });
  }

  it('a destructive tool asks first; accept runs it', async () => {
    const threadId = await start([respond([functionCall('mcp__fx__wipe', { target: 'disk' }, { callId: 'call_wipe' })]), textReply('wiped')], [{ action: 'accept', content: null }]);
    const client = setup!.client;
    const fromLine = client.lines.length;
    const { turn, from } = await runTurn(client, threadId, 'wipe it', {}, 30_000);
    assert.equal(seen.length, 1);
    assert.equal(seen[0]?.method, 'mcpServer/elicitation/request');
    assert.deepEqual(seen[0]?.params, {
      threadId,
      turnId: turn.id,
      serverName: 'fx',
      mode: 'form',
      message: 'Allow the fx MCP server to run tool "wipe"?',
      requestedSchema: { type: 'object', properties: {} },
      _meta: { codex_approval_kind: 'mcp_tool_call', persist: ['session'], tool_name: 'wipe', tool_call_id: 'call_wipe', tool_params: { target: 'disk' }, destructive: true },
    });
    const trace = client.lines
      .slice(fromLine)
      .map((m) => {
        const params = (m.params ?? {}) as Json;
        if (m.method === 'item/started' || m.method === 'item/completed') return `${String(m.method)} ${String((params.item as Json).type)}`;
        if (m.method === 'thread/status/changed') return `status ${JSON.stringify((params.status as Json).activeFlags ?? (params.status as Json).type)}`;
        return 'id' in m && typeof m.method === 'string' ? `request ${m.method}` : String(m.method ?? 'response');
      })
      .filter((line) => line.includes('mcpToolCall') || line.startsWith('request') || line === 'serverRequest/resolved' || line.startsWith('status ['));
    assert.deepEqual(trace, ['status []', 'item/started mcpToolCall', 'status ["waitingOnApproval"]', 'request mcpServer/elicitation/request', 'serverRequest/resolved', 'status []', 'item/completed mcpToolCall']);
    const item = completedItem(client, 'call_wipe', from);
    assert.equal(item.status, 'completed');
    assert.equal(item.readOnlyHint, true);
    assert.deepEqual(item.result, { content: [{ type: 'text', text: 'wiped disk' }] });
  });

  it('decline ends the item with an error and the tool does not run', async () => {
    const threadId = await start([respond([functionCall('mcp__fx__wipe', { target: 'disk' }, { callId: 'call_no' })]), textReply('ok')], [{ action: 'decline' }]);
    const { client, mock } = setup!;
    const { from, completed } = await runTurn(client, threadId, 'wipe it', {}, 30_000);
    assert.equal(completed.status, 'completed');
    const item = completedItem(client, 'call_no', from);
    assert.equal(item.status, 'failed');
    assert.deepEqual(item.error, { message: 'user rejected MCP tool call' });
    assert.equal(item.result, null);
    assert.equal(toolOutputs(mock.lastRequest('responses')).get('call_no'), 'err: user rejected MCP tool call');
  });

  it('accept for the session is not asked again; under `never` a destructive tool is refused', async () => {
    const threadId = await start(
      [
        respond([functionCall('mcp__fx__wipe', { target: 'a' }, { callId: 'call_a' })]),
        respond([functionCall('mcp__fx__wipe', { target: 'b' }, { callId: 'call_b' })]),
        textReply('both'),
        respond([functionCall('mcp__fx__wipe', { target: 'c' }, { callId: 'call_c' })]),
        textReply('refused'),
      ],
      [{ action: 'accept', content: null, _meta: { persist: 'session' } }],
    );
    const { client } = setup!;
    const first = await runTurn(client, threadId, 'wipe twice', {}, 30_000);
    assert.equal(seen.length, 1);
    assert.equal(completedItem(client, 'call_a', first.from).status, 'completed');
    assert.equal(completedItem(client, 'call_b', first.from).status, 'completed');
    const other = await client.request<{ thread: { id: string } }>('thread/start', { cwd: setup!.ws.dir, approvalPolicy: 'never' });
    const second = await runTurn(client, other.thread.id, 'wipe again', {}, 30_000);
    assert.equal(seen.length, 1, 'never asks nobody');
    assert.deepEqual(completedItem(client, 'call_c', second.from).error, { message: 'MCP tool call requires approval, but approval policy is never' });
  });

  it('a server elicitation round-trips through the client', async () => {
    const threadId = await start([respond([functionCall('mcp__fx__ask', {}, { callId: 'call_ask' })]), textReply('hi Ada')], [{ action: 'accept', content: { name: 'Ada' } }]);
    const { client, mock } = setup!;
    const { turn, from } = await runTurn(client, threadId, 'ask me', {}, 30_000);
    assert.equal(seen.length, 1);
    assert.deepEqual(seen[0]?.params, {
      threadId,
      turnId: turn.id,
      serverName: 'fx',
      mode: 'form',
      message: 'What is your name?',
      requestedSchema: { type: 'object', properties: { name: { type: 'string', title: 'Name' } }, required: ['name'] },
    });
    assert.ok(client.notifications.slice(from).some((n) => n.method === 'serverRequest/resolved' && n.params.requestId === seen[0]?.id));
    const expected = 'action=accept content={"name":"Ada"}';
    assert.deepEqual(completedItem(client, 'call_ask', from).result, { content: [{ type: 'text', text: expected }] });
    assert.equal(toolOutputs(mock.lastRequest('responses')).get('call_ask'), JSON.stringify([{ type: 'text', text: expected }]));
  });

  it("server-everything's elicitation (the MCP 2025-11-25 form schema) round-trips through the client", async () => {
    setup = await startMcpServer(stdioServer('everything', EVERYTHING, ['stdio']), [respond([functionCall('mcp__everything__trigger-elicitation-request', {}, { callId: 'call_form' })]), textReply('thanks')]);
    const { client, ws } = setup;
    seen = [];
    client.onServerRequest((method, params, id) => {
      seen.push({ method, id, params: params as Json });
      return { action: 'accept', content: { name: 'Ada', check: true } };
    });
    const threadId = await threadWithServers(client, ws.dir, ['everything'], { approvalPolicy: 'on-request' });
    // The tool is registered once the server saw our elicitation capability (tools/list_changed).
        for (let i = 0; i < 50; i++) {
      const list = await client.request<{ data: Json[] }>('mcpServerStatus/list', { threadId, detail: 'toolsAndAuthOnly' });
      if (Object.keys(list.data[0]?.tools as Json).includes('trigger-elicitation-request')) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const { from } = await runTurn(client, threadId, 'fill the form', {}, 30_000);
    assert.equal(seen.length, 1);
    const params = seen[0]?.params as Json;
    assert.equal(params.mode, 'form');
    assert.equal(params.serverName, 'everything');
    assert.ok(Object.keys((params.requestedSchema as { properties: Json }).properties).includes('titledSingleSelectEnum'));
    const text = JSON.stringify(completedItem(client, 'call_form', from).result);
    assert.match(text, /Name: Ada/);
    assert.match(text, /Agreed to terms: true/);
  });

  it('a policy rejecting MCP elicitations declines both without asking', async () => {
    const threadId = await start(
      [respond([functionCall('mcp__fx__ask', {}, { callId: 'call_ask' }), functionCall('mcp__fx__wipe', { target: 'disk' }, { callId: 'call_wipe' })]), textReply('refused')],
      [],
      REJECT_ELICITATIONS,
    );
    const { client } = setup!;
    const { from } = await runTurn(client, threadId, 'try both', {}, 30_000);
    assert.equal(seen.length, 0);
    assert.deepEqual(completedItem(client, 'call_ask', from).result, { content: [{ type: 'text', text: 'action=decline content=null' }] });
    const wipe = completedItem(client, 'call_wipe', from);
    assert.equal(wipe.status, 'failed');
    assert.deepEqual(wipe.error, { message: 'MCP tool call requires approval, but the approval policy rejects MCP elicitations' });
  });

  it('config approval_policy = { reject = { mcp_elicitations = true } } auto-declines elicitations', async () => {
    const threadId = await start([respond([functionCall('mcp__fx__ask', {}, { callId: 'call_ask' })]), textReply('declined')], [], null, {
      config: { approval_policy: { reject: { mcp_elicitations: true } } },
    });
    const { client } = setup!;
    const { from } = await runTurn(client, threadId, 'ask', {}, 30_000);
    assert.equal(seen.length, 0);
    assert.deepEqual(completedItem(client, 'call_ask', from).result, { content: [{ type: 'text', text: 'action=decline content=null' }] });
  });
});
