// The agent loop end to end over stdio: a turn that lists files, reads one, patches it, runs the
// test and answers — the exact items in order, the diff notifications, the file on disk, and what
// each model request carried (tools offered, calls and their outputs). Also: the tool set per model,
// unknown tools, long output truncation and a session continued with write_stdin.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { customToolCall, functionCall, respond, startMockModel, textReply, type MockModel, type RecordedRequest } from '../support/mock-model';
import { runTurn, type AppServerClient } from '../support/app-server-client';
import { completedItem, execText, inputOf, itemEvents, itemsAfterUser, lifecycle, makeWorkspace, maskExec, startThread, startToolServer, toolOutputs, type Workspace } from '../support/tool-turns';

type Json = Record<string, unknown>;

const MATH = 'function add(a, b) {\n  return a - b;\n}\nmodule.exports = { add };\n';
const TEST = "const { add } = require('./math');\nif (add(2, 3) !== 5) {\n  console.error('FAIL');\n  process.exit(1);\n}\nconsole.log('ok');\n";
const PATCH = '*** Begin Patch\n*** Update File: math.js\n@@\n function add(a, b) {\n-  return a - b;\n+  return a + b;\n }\n*** End Patch';

function toolNames(request: RecordedRequest): string[] {
  return (request.body.tools as Json[]).map((t) => String(t.name ?? t.type));
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
    assert.equal(outputs.get('call_patch'), 'Exit code: 0\nWall time: 0 seconds\nOutput:\nSuccess. Updated the following files:\nM math.js\n');
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
});
