// The agent loop end to end over stdio: a turn that lists files, reads one, patches it, runs the
// test and answers — the exact items in order, the diff notifications, the file on disk, and what
// each model request carried (tools offered, calls and their outputs). Also: the tool set per model,
// unknown tools, long output truncation and a session continued with write_stdin.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { formattedTruncateText } from '../../server/tools/exec/truncate';
import { customToolCall, functionCall, respond, startMockModel, textReply, type MockModel, type RecordedRequest } from '../support/mock-model';
import { runTurn, type AppServerClient } from '../support/app-server-client';
import { completedItem, execText, inputOf, itemEvents, itemsAfterUser, lifecycle, makeWorkspace, maskExec, maskPatch, startThread, startToolServer, toolOutputs, waitUntil, type Workspace } from '../support/tool-turns';

type Json = Record<string, unknown>;

const MATH = 'function add(a, b) {\n  return a - b;\n}\nmodule.exports = { add };\n';
const TEST = "const { add } = require('./math');\nif (add(2, 3) !== 5) {\n  console.error('FAIL');\n  process.exit(1);\n}\nconsole.log('ok');\n";
const PATCH = '*** Begin Patch\n*** Update File: math.js\n@@\n function add(a, b) {\n-  return a - b;\n+  return a + b;\n }\n*** End Patch';

function toolNames(request: RecordedRequest): string[] {
  return ((request.body.tools ?? []) as Json[]).map((t) => String(t.name ?? (t.function as Json | undefined)?.name ?? t.type));
}

/** The session id an exec_command result announced ("Process running with session ID N"). */
function sessionIdIn(output: unknown): number {
  const match = /Process running with session ID (\d+)/.exec(String(output));
  if (!match) throw new Error(`no session id in ${String(output)}`);
  return Number(match[1]);
}

describe('tools: the agent loop', function () {
  this.timeout(60_000);
  let mock: MockModel;
  let client: AppServerClient | undefined;
  let ws: Workspace;

  afterEach(async () => {
    try {
      await client?.close();
    } finally {
      client = undefined;
      await mock.close();
      ws.remove();
    }
  });

  it('list → read → patch → test → answer: items, order, diff, disk and model requests', async () => {
    ws = makeWorkspace({ 'math.js': MATH, 'test.js': TEST }, { git: true });
    mock = await startMockModel({
      replies: [
        respond([functionCall('exec_command', { cmd: 'ls', yield_time_ms: 10000 }, { callId: 'call_ls' })]),
        respond([functionCall('exec_command', { cmd: 'cat math.js', yield_time_ms: 10000 }, { callId: 'call_cat' })]),
        respond([customToolCall('apply_patch', PATCH, { callId: 'call_patch' })]),
        respond([functionCall('exec_command', { cmd: `${process.execPath} test.js`, yield_time_ms: 10000 }, { callId: 'call_test' })]),
        textReply('Fixed `add`; the test passes.'),
      ],
    });
    client = await startToolServer(mock.baseUrl, ws);
    const threadId = await startThread(client, ws.dir);
    const { completed, from, turn } = await runTurn(client, threadId, 'Fix the failing test', {}, 30_000);
    assert.equal(completed.status, 'completed');

    // The items, in order.
    const events = itemEvents(client, from);
    assert.deepEqual(lifecycle(events), [
      'started userMessage',
      'completed userMessage',
      'started commandExecution call_ls',
      'completed commandExecution call_ls',
      'started commandExecution call_cat',
      'completed commandExecution call_cat',
      'started fileChange call_patch',
      'completed fileChange call_patch',
      'started commandExecution call_test',
      'completed commandExecution call_test',
      'started agentMessage',
      'completed agentMessage',
    ]);
    const ls = completedItem(client, 'call_ls', from);
    assert.deepEqual(
      { ...ls, durationMs: typeof ls.durationMs, processId: typeof ls.processId },
      {
        type: 'commandExecution',
        id: 'call_ls',
        pluginId: null,
        scriptPath: null,
        command: "/bin/bash -lc ls",
        cwd: ws.dir,
        processId: 'string',
        source: 'unifiedExecStartup',
        status: 'completed',
        commandActions: [{ type: 'listFiles', command: 'ls', path: null }],
        aggregatedOutput: 'math.js\ntest.js\n',
        exitCode: 0,
        durationMs: 'number',
      },
    );
    const cat = completedItem(client, 'call_cat', from);
    assert.deepEqual(cat.commandActions, [{ type: 'read', command: 'cat math.js', name: 'math.js', path: `${ws.dir}/math.js` }]);
    assert.equal(cat.aggregatedOutput, MATH);
    const startedPatch = events.find((e) => e.method === 'item/started' && e.item.id === 'call_patch')?.item as Json;
    assert.deepEqual(startedPatch, {
      type: 'fileChange',
      id: 'call_patch',
      changes: [{ path: `${ws.dir}/math.js`, kind: { type: 'update', move_path: null }, diff: '@@ -1,4 +1,4 @@\n function add(a, b) {\n-  return a - b;\n+  return a + b;\n }\n module.exports = { add };\n' }],
      status: 'inProgress',
    });
    assert.equal(completedItem(client, 'call_patch', from).status, 'completed');
    const test = completedItem(client, 'call_test', from);
    assert.equal(test.aggregatedOutput, 'ok\n');
    assert.equal(test.exitCode, 0);

    // turn/diff/updated after the patch and once more before turn/completed.
    const notes = client.notifications.slice(from);
    const diffs = notes.map((n, i) => ({ n, i })).filter(({ n }) => n.method === 'turn/diff/updated');
    assert.equal(diffs.length, 2);
    const expectedDiff = [
      'diff --git a/math.js b/math.js',
      'index 087bad2..e38df88 100644',
      '--- a/math.js',
      '+++ b/math.js',
      '@@ -1,4 +1,4 @@',
      ' function add(a, b) {',
      '-  return a - b;',
      '+  return a + b;',
      ' }',
      ' module.exports = { add };',
      '',
    ].join('\n');
    for (const { n } of diffs) assert.deepEqual(n.params, { threadId, turnId: turn.id, diff: expectedDiff });
    const patchDone = notes.findIndex((n) => n.method === 'item/completed' && (n.params.item as Json).id === 'call_patch');
    assert.equal(diffs[0]?.i, patchDone + 1, 'the diff follows the applied patch');
    assert.equal(notes.at(-1)?.method, 'turn/completed');
    assert.ok((diffs[1]?.i ?? 0) > notes.findIndex((n) => n.method === 'item/completed' && (n.params.item as Json).type === 'agentMessage'));

    // The file on disk; turn/completed lists only the answer.
    assert.equal(readFileSync(`${ws.dir}/math.js`, 'utf8'), MATH.replace('a - b', 'a + b'));
    assert.deepEqual(completed.items.map((i) => i.type), ['agentMessage']);

    // What the model received.
    const requests = mock.requestsTo('responses');
    assert.equal(requests.length, 5);
    assert.deepEqual(toolNames(requests[0] as RecordedRequest), [
      'exec_command',
      'write_stdin',
      'update_plan',
      'request_user_input',
      'apply_patch',
      'view_image',
      'get_goal',
      'create_goal',
      'update_goal',
      'web_search',
    ]);
    const patchTool = (requests[0]?.body.tools as Json[]).find((t) => t.name === 'apply_patch') as Json;
    assert.equal(patchTool.type, 'custom');
    assert.equal((patchTool.format as Json).syntax, 'lark');
    assert.equal(requests[0]?.body.parallel_tool_calls, true);
    const last = requests[4] as RecordedRequest;
    assert.deepEqual(itemsAfterUser(last), [
      'function_call call_ls',
      'function_call_output call_ls',
      'function_call call_cat',
      'function_call_output call_cat',
      'custom_tool_call call_patch',
      'custom_tool_call_output call_patch',
      'function_call call_test',
      'function_call_output call_test',
    ]);
    const outputs = toolOutputs(last);
    assert.equal(maskExec(outputs.get('call_ls')), execText('math.js\ntest.js\n'));
    assert.equal(maskExec(outputs.get('call_cat')), execText(MATH));
    assert.equal(maskPatch(outputs.get('call_patch')), 'Exit code: 0\nWall time: <t> seconds\nOutput:\nSuccess. Updated the following files:\nM math.js\n');
    assert.equal(maskExec(outputs.get('call_test')), execText('ok\n'));
    const patchCall = inputOf(last).find((i) => i.type === 'custom_tool_call') as Json;
    assert.equal(patchCall.input, PATCH);
    // Each request is the previous one plus the new call and its output.
    for (let i = 1; i < 5; i++) assert.equal(inputOf(requests[i] as RecordedRequest).length, inputOf(requests[i - 1] as RecordedRequest).length + 2);

    // thread/read sees every item of the turn.
    const read = await client.request<{ thread: { turns: { items: Json[] }[] } }>('thread/read', { threadId, includeTurns: true });
    assert.deepEqual(
      read.thread.turns[0]?.items.map((i) => `${String(i.type)} ${i.type === 'userMessage' || i.type === 'agentMessage' ? '' : String(i.id)}`.trim()),
      ['userMessage', 'commandExecution call_ls', 'commandExecution call_cat', 'fileChange call_patch', 'commandExecution call_test', 'agentMessage'],
    );
  });

  it('offers tools by model and wire API, and answers calls to tools it does not offer', async () => {
    ws = makeWorkspace();
    mock = await startMockModel({
      replies: [
        respond([functionCall('no_such_tool', { x: 1 }, { callId: 'call_x' }), customToolCall('apply_patch', '*** Begin Patch\n*** End Patch', { callId: 'call_p' })]),
        textReply('ok'),
        respond([customToolCall('apply_patch', '*** Begin Patch\n*** Add File: chat.txt\n+via chat\n*** End Patch', { callId: 'call_chat' })]),
        textReply('chat ok'),
      ],
    });
    client = await startToolServer(mock.baseUrl, ws, { args: ['-c', 'web_search="live"'] });
    const threadId = await startThread(client, ws.dir, { model: 'mock-model' });
    const { completed } = await runTurn(client, threadId, 'hi', {}, 20_000);
    assert.equal(completed.status, 'completed');
    const [first, second] = mock.requestsTo('responses') as [RecordedRequest, RecordedRequest];
    // An unknown slug: no apply_patch (as Codex), no parallel calls; live web search as configured.
    assert.deepEqual(toolNames(first), ['exec_command', 'write_stdin', 'update_plan', 'request_user_input', 'view_image', 'get_goal', 'create_goal', 'update_goal', 'web_search']);
    assert.equal(first.body.parallel_tool_calls, false);
    assert.deepEqual((first.body.tools as Json[]).at(-1), { type: 'web_search', external_web_access: true, search_content_types: ['text', 'image'] });
    const outputs = toolOutputs(second);
    assert.equal(outputs.get('call_x'), 'unsupported call: no_such_tool');
    assert.equal(outputs.get('call_p'), 'unsupported call: apply_patch');
    assert.deepEqual(itemsAfterUser(second), ['function_call call_x', 'custom_tool_call call_p', 'function_call_output call_x', 'custom_tool_call_output call_p']);

    // Chat Completions: function tools only (no hosted web_search); the freeform apply_patch still works.
    await client.close();
    client = await startToolServer(mock.baseUrl, ws, { wireApi: 'chat' });
    const chatThread = await startThread(client, ws.dir);
    const chatTurn = await runTurn(client, chatThread, 'hi', {}, 20_000);
    const chat = mock.requestsTo('chat')[0] as RecordedRequest;
    assert.deepEqual(toolNames(chat), ['exec_command', 'write_stdin', 'update_plan', 'request_user_input', 'apply_patch', 'view_image', 'get_goal', 'create_goal', 'update_goal']);
    assert.equal(completedItem(client, 'call_chat', chatTurn.from).status, 'completed');
    assert.equal(readFileSync(`${ws.dir}/chat.txt`, 'utf8'), 'via chat\n');
    const toolMessage = (mock.lastRequest('chat').body.messages as Json[]).find((m) => m.role === 'tool') as Json;
    assert.equal(maskPatch(toolMessage.content), 'Exit code: 0\nWall time: <t> seconds\nOutput:\nSuccess. Updated the following files:\nA chat.txt\n');
  });

  it('truncates long output for the model (head + tail) but keeps all of it in the item', async () => {
    ws = makeWorkspace();
    mock = await startMockModel({
      replies: [
        respond([
          functionCall('exec_command', { cmd: 'seq 1 30000', max_output_tokens: 200 }, { callId: 'call_seq' }),
          functionCall('exec_command', { cmd: 'seq 1 3000' }, { callId: 'call_capped' }),
        ]),
        textReply('done'),
      ],
    });
    // tool_output_token_limit caps whatever the model asks for.
    client = await startToolServer(mock.baseUrl, ws, { args: ['-c', 'tool_output_token_limit=100'] });
    const threadId = await startThread(client, ws.dir);
    const { from } = await runTurn(client, threadId, 'count', {}, 30_000);
    let full = '';
    for (let i = 1; i <= 30000; i++) full += `${i}\n`;
    assert.equal(completedItem(client, 'call_seq', from).aggregatedOutput, full);
    const outputs = toolOutputs(mock.lastRequest('responses'));
    const seq = maskExec(outputs.get('call_seq'));
    assert.equal(seq, execText('', 0).replace('Original token count: 0', `Original token count: ${Math.ceil(full.length / 4)}`) + formattedTruncateText(full, 100));
    const body = seq.slice(seq.indexOf('Output:\n') + 'Output:\n'.length);
    assert.match(body, /^Total output lines: 30000\n\n1\n2\n3\n/);
    assert.match(body, /…\d+ tokens truncated…/);
    assert.ok(body.endsWith('29999\n30000\n'));
    assert.ok(Buffer.byteLength(body) < 100 * 4 + 100, 'about 100 tokens');
    let small = '';
    for (let i = 1; i <= 3000; i++) small += `${i}\n`;
    assert.equal(maskExec(outputs.get('call_capped')).split('Output:\n')[1], formattedTruncateText(small, 100));
  });

  it('keeps a command that outlives yield_time_ms as a session, continued with write_stdin', async () => {
    ws = makeWorkspace();
    mock = await startMockModel({
      replies: [
        respond([functionCall('exec_command', { cmd: 'echo ready; read line; echo "got $line"', yield_time_ms: 500 }, { callId: 'call_read' })]),
        (req) => respond([functionCall('write_stdin', { session_id: sessionIdIn(toolOutputs(req).get('call_read')), chars: 'hello\n', yield_time_ms: 5000 }, { callId: 'call_write' })]),
        textReply('It said hello'),
      ],
    });
    client = await startToolServer(mock.baseUrl, ws);
    const threadId = await startThread(client, ws.dir);
    const { from, completed, turn } = await runTurn(client, threadId, 'talk to it', {}, 30_000);
    assert.equal(completed.status, 'completed');
    const outputs = toolOutputs(mock.lastRequest('responses'));
    const first = maskExec(outputs.get('call_read'));
    const sessionId = sessionIdIn(first);
    assert.equal(first, `Chunk ID: <id>\nWall time: <t> seconds\nProcess running with session ID ${sessionId}\nOriginal token count: 2\nOutput:\nready\n`);
    assert.equal(maskExec(outputs.get('call_write')), execText('got hello\n'));
    // One item for the whole session: started by exec_command, completed when the process exited.
    assert.deepEqual(lifecycle(itemEvents(client, from)), [
      'started userMessage',
      'completed userMessage',
      'started commandExecution call_read',
      'completed commandExecution call_read',
      'started agentMessage',
      'completed agentMessage',
    ]);
    const item = completedItem(client, 'call_read', from);
    assert.equal(item.processId, String(sessionId));
    assert.equal(item.aggregatedOutput, 'ready\ngot hello\n');
    assert.equal(item.exitCode, 0);
    const notes = client.notifications.slice(from);
    const interaction = notes.find((n) => n.method === 'item/commandExecution/terminalInteraction');
    assert.deepEqual(interaction?.params, { threadId, turnId: turn.id, itemId: 'call_read', processId: String(sessionId), stdin: 'hello\n' });
    const deltas = notes.filter((n) => n.method === 'item/commandExecution/outputDelta').map((n) => n.params);
    assert.equal(deltas.map((d) => d.delta).join(''), 'ready\ngot hello\n');
    assert.ok(deltas.every((d) => d.itemId === 'call_read' && d.turnId === turn.id));
  });

  it('completes a session item when its process exits after the turn ended', async () => {
    ws = makeWorkspace();
    mock = await startMockModel({
      replies: [respond([functionCall('exec_command', { cmd: 'sleep 1; echo late', yield_time_ms: 250 }, { callId: 'call_bg' })]), textReply('It runs in the background')],
    });
    client = await startToolServer(mock.baseUrl, ws);
    const threadId = await startThread(client, ws.dir);
    const { from, completed } = await runTurn(client, threadId, 'start it', {}, 30_000);
    assert.equal(completed.status, 'completed');
    const done = client.notifications.findIndex((n, i) => i >= from && n.method === 'turn/completed');
    assert.ok(!itemEvents(client, from).some((e) => e.method === 'item/completed' && e.item.id === 'call_bg'), 'still running at turn/completed');
    const c = client;
    await waitUntil(() => itemEvents(c, done).some((e) => e.method === 'item/completed' && e.item.id === 'call_bg'), 10_000, 'the late item/completed');
    const item = completedItem(client, 'call_bg', done);
    assert.equal(item.status, 'completed');
    assert.equal(item.aggregatedOutput, 'late\n');
    const read = await client.request<{ thread: { turns: { items: Json[] }[] } }>('thread/read', { threadId, includeTurns: true });
    assert.deepEqual(read.thread.turns[0]?.items.map((i) => i.type), ['userMessage', 'agentMessage', 'commandExecution']);
  });

  it('runs parallel calls concurrently and records their outputs in call order', async () => {
    ws = makeWorkspace();
    mock = await startMockModel({
      replies: [
        respond([
          functionCall('exec_command', { cmd: 'sleep 0.6; echo slow' }, { callId: 'call_slow' }),
          functionCall('exec_command', { cmd: 'echo fast' }, { callId: 'call_fast' }),
          functionCall('update_plan', { plan: [{ step: 'Run both', status: 'in_progress' }] }, { callId: 'call_plan' }),
        ]),
        textReply('both ran'),
      ],
    });
    client = await startToolServer(mock.baseUrl, ws);
    const threadId = await startThread(client, ws.dir);
    const { from } = await runTurn(client, threadId, 'run both', {}, 30_000);
    const order = lifecycle(itemEvents(client, from)).filter((l) => l.includes('call_'));
    // Both commands start before the slow one completes; the fast one completes first.
    assert.ok(order.indexOf('started commandExecution call_fast') < order.indexOf('completed commandExecution call_slow'), order.join(', '));
    assert.ok(order.indexOf('completed commandExecution call_fast') < order.indexOf('completed commandExecution call_slow'), order.join(', '));
    const last = mock.lastRequest('responses');
    assert.deepEqual(itemsAfterUser(last), [
      'function_call call_slow',
      'function_call call_fast',
      'function_call call_plan',
      'function_call_output call_slow',
      'function_call_output call_fast',
      'function_call_output call_plan',
    ]);
    const outputs = toolOutputs(last);
    assert.equal(maskExec(outputs.get('call_slow')), execText('slow\n'));
    assert.equal(maskExec(outputs.get('call_fast')), execText('fast\n'));
    assert.equal(outputs.get('call_plan'), 'Plan updated');
  });
});
