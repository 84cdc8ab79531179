// MCP tools against the real reference servers (server-everything and server-filesystem from
// node_modules, over stdio): the status list with enabled_tools/disabled_tools filtering, resources
// and pagination; a model-driven call through the mock model with its exact item sequence and the
// output the model reads (text as Codex's JSON, images as input_image parts); progress
// notifications; direct tool calls and resource reads from the client.
import { strict as assert } from 'node:assert';
import { functionCall, respond, textReply } from '../support/mock-model';
import { runTurn, startAppServer } from '../support/app-server-client';
import { completedItem, itemEvents, lifecycle, toolOutputs } from '../support/tool-turns';
import { EVERYTHING, FILESYSTEM, startMcpServer, stdioServer, threadWithServers, type McpSetup } from '../support/mcp-helpers';

type Json = Record<string, unknown>;

const everything = (extra: string[] = []): string =>
  stdioServer('everything', EVERYTHING, ['stdio'], ['enabled_tools = ["echo", "get-sum", "get-tiny-image", "trigger-long-running-operation"]', 'disabled_tools = ["get-sum"]', ...extra]);

describe('mcp: tools from real servers', function () {
  this.timeout(90_000);
  let setup: McpSetup | undefined;
  afterEach(async () => {
    await setup?.close();
    setup = undefined;
  });

  it('lists servers with filtered tools, resources and pagination', async () => {
    setup = await startMcpServer((ws) => everything() + stdioServer('files', FILESYSTEM, [ws.dir]));
    const { client, ws } = setup;
    const threadId = await threadWithServers(client, ws.dir, ['everything', 'files']);
    const first = await client.request<{ data: Json[]; nextCursor: string | null }>('mcpServerStatus/list', { threadId, limit: 1 });
    assert.equal(first.data.length, 1);
    assert.equal(first.nextCursor, '1');
    const server = first.data[0] as Json;
    assert.equal(server.name, 'everything');
    assert.equal(server.runtimeStatus, 'connected');
    assert.equal(server.authStatus, 'unsupported');
    assert.deepEqual(Object.keys(server.tools as Json).sort(), ['echo', 'get-tiny-image', 'trigger-long-running-operation']);
    assert.ok((server.resources as Json[]).some((r) => String(r.uri).startsWith('demo://resource/static/document/')));
    assert.equal((server.serverInfo as Json).name, 'mcp-servers/everything');
    const second = await client.request<{ data: Json[]; nextCursor: string | null }>('mcpServerStatus/list', { threadId, cursor: first.nextCursor, limit: 1 });
    assert.equal(second.nextCursor, null);
    assert.equal(second.data[0]?.name, 'files');
    assert.ok(Object.keys(second.data[0]?.tools as Json).includes('read_text_file'));
    const only = await client.request<{ data: Json[] }>('mcpServerStatus/list', { threadId, serverName: 'files', detail: 'toolsAndAuthOnly' });
    assert.deepEqual(
      only.data.map((s) => s.name),
      ['files'],
    );
  });

  it('runs a model-driven call as an mcpToolCall item with the exact sequence', async () => {
    setup = await startMcpServer(everything(), [respond([functionCall('mcp__everything__echo', { message: 'hi there' }, { callId: 'call_echo' })]), textReply('done')]);
    const { client, ws, mock } = setup;
    const threadId = await threadWithServers(client, ws.dir, ['everything']);
    const { completed, from } = await runTurn(client, threadId, 'echo something', {}, 30_000);
    assert.equal(completed.status, 'completed');
    assert.deepEqual(lifecycle(itemEvents(client, from)), ['started userMessage', 'completed userMessage', 'started mcpToolCall call_echo', 'completed mcpToolCall call_echo', 'started agentMessage', 'completed agentMessage']);
    const started = itemEvents(client, from).find((e) => e.method === 'item/started' && e.item.id === 'call_echo')?.item;
    assert.deepEqual(started, { type: 'mcpToolCall', id: 'call_echo', server: 'everything', tool: 'echo', status: 'inProgress', arguments: { message: 'hi there' }, pluginId: null, readOnlyHint: true, result: null, error: null, durationMs: null });
    const item = completedItem(client, 'call_echo', from);
    assert.equal(item.status, 'completed');
    assert.deepEqual(item.result, { content: [{ type: 'text', text: 'Echo: hi there' }] });
    assert.equal(item.error, null);
    assert.equal(typeof item.durationMs, 'number');
    // The tools offered: MCP tools under provider-safe names with cleaned schemas, filtered.
    const tools = (mock.requestsTo('responses')[0]?.body.tools ?? []) as Json[];
    const echo = tools.find((t) => t.name === 'mcp__everything__echo');
    assert.deepEqual(echo, {
      type: 'function',
      name: 'mcp__everything__echo',
      description: 'Echoes back the input string',
      strict: false,
      parameters: { type: 'object', properties: { message: { type: 'string', description: 'Message to echo' } }, required: ['message'] },
    });
    assert.ok(tools.some((t) => t.name === 'mcp__everything__trigger-long-running-operation'));
    assert.ok(!tools.some((t) => t.name === 'mcp__everything__get-sum'), 'disabled_tools wins over enabled_tools');
    assert.ok(!tools.some((t) => t.name === 'mcp__everything__get-env'), 'not in enabled_tools');
    assert.equal(toolOutputs(mock.lastRequest('responses')).get('call_echo'), JSON.stringify([{ type: 'text', text: 'Echo: hi there' }]));
  });

  it('keeps mcpToolCall items across a server restart (thread/resume)', async () => {
    setup = await startMcpServer(everything(), [respond([functionCall('mcp__everything__echo', { message: 'kept' }, { callId: 'call_kept' })]), textReply('done')]);
    const { client, ws, mock } = setup;
    const threadId = await threadWithServers(client, ws.dir, ['everything']);
    const { from } = await runTurn(client, threadId, 'echo', {}, 30_000);
    const live = completedItem(client, 'call_kept', from);
    await client.close();
    const again = await startAppServer({ codexHome: client.codexHome, mockBaseUrl: mock.baseUrl });
    try {
      const { thread } = await again.request<{ thread: { turns: { items: Json[] }[] } }>('thread/resume', { threadId });
      assert.deepEqual(
        thread.turns[0]?.items.find((i) => i.type === 'mcpToolCall'),
        live,
      );
    } finally {
      await again.close();
    }
  });

  it('passes images to the model as input_image parts and reports progress', async () => {
    setup = await startMcpServer(everything(), [
      respond([functionCall('mcp__everything__get-tiny-image', {}, { callId: 'call_img' }), functionCall('mcp__everything__trigger-long-running-operation', { duration: 0.3, steps: 3 }, { callId: 'call_long' })]),
      textReply('seen'),
    ]);
    const { client, ws, mock } = setup;
    const threadId = await threadWithServers(client, ws.dir, ['everything']);
    const { from, turn } = await runTurn(client, threadId, 'show me', {}, 30_000);
    const output = toolOutputs(mock.lastRequest('responses')).get('call_img') as Json[];
    assert.ok(Array.isArray(output));
    assert.ok(output.some((p) => p.type === 'input_image' && String(p.image_url).startsWith('data:image/png;base64,')));
    assert.ok(output.some((p) => p.type === 'input_text'));
    const progress = client.notifications.slice(from).filter((n) => n.method === 'item/mcpToolCall/progress');
    // The SDK may drop the last notification when the result overtakes it: every one before it arrives, in order.
    const expected = ['1/3', '2/3', '3/3'].map((message) => ({ threadId, turnId: turn.id, itemId: 'call_long', message }));
    assert.ok(progress.length >= 2, `progress: ${JSON.stringify(progress)}`);
    assert.deepEqual(
      progress.map((n) => n.params),
      expected.slice(0, progress.length),
    );
    const methods = client.notifications.slice(from).map((n) => (n.method === 'item/started' || n.method === 'item/completed' ? `${n.method} ${String((n.params.item as Json).id)}` : n.method));
    const startedAt = methods.indexOf('item/started call_long');
    const completedAt = methods.indexOf('item/completed call_long');
    assert.ok(startedAt < methods.indexOf('item/mcpToolCall/progress') && methods.lastIndexOf('item/mcpToolCall/progress') < completedAt);
    assert.equal(completedItem(client, 'call_long', from).status, 'completed');
  });

  it('calls tools and reads resources directly for the client', async () => {
    setup = await startMcpServer((ws) => everything() + stdioServer('files', FILESYSTEM, [ws.dir]));
    const { client, ws } = setup;
    const threadId = await threadWithServers(client, ws.dir, ['everything', 'files']);
    const read = await client.request<Json>('mcpServer/tool/call', { threadId, server: 'files', tool: 'read_text_file', arguments: { path: `${ws.dir}/notes.txt` } });
    assert.deepEqual(read.content, [{ type: 'text', text: 'hello from the workspace\n' }]);
    const echo = await client.request<Json>('mcpServer/tool/call', { threadId, server: 'everything', tool: 'echo', arguments: { message: 'direct' } });
    assert.deepEqual(echo.content, [{ type: 'text', text: 'Echo: direct' }]);
    await assert.rejects(client.request('mcpServer/tool/call', { threadId, server: 'everything', tool: 'get-sum', arguments: { a: 1, b: 2 } }), /MCP tool not found: everything\/get-sum/);
    const list = await client.request<{ data: Json[] }>('mcpServerStatus/list', { threadId, serverName: 'everything' });
    const resource = (list.data[0]?.resources as Json[]).find((r) => String(r.uri).startsWith('demo://resource/static/document/')) as Json;
    const contents = await client.request<{ contents: Json[] }>('mcpServer/resource/read', { threadId, server: 'everything', uri: resource.uri });
    assert.equal(contents.contents[0]?.uri, resource.uri);
    assert.ok(typeof contents.contents[0]?.text === 'string' && (contents.contents[0].text as string).length > 0);
  });
});
