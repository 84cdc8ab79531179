// The one-shot `shell` tool (offered instead of exec_command/write_stdin when
// features.unified_exec = false): its item, Codex's JSON result and the timeout; and apply_patch
// failures, which reach the model as precise error text without touching files or starting an item.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { customToolCall, functionCall, respond, startMockModel, textReply, type MockModel } from '../support/mock-model';
import { runTurn, type AppServerClient } from '../support/app-server-client';
import { completedItem, itemEvents, makeWorkspace, startThread, startToolServer, toolOutputs, type Workspace } from '../support/tool-turns';
import { closeAfterEach } from '../support/server-fixture';

type Json = Record<string, unknown>;

describe('tools: the shell tool and failing patches', function () {
  this.timeout(60_000);
  let mock: MockModel;
  let client: AppServerClient;
  let ws: Workspace;

  closeAfterEach(() => [client, mock, { close: () => ws.remove() }]);

  it('shell: argv commands as items, the JSON result, exit codes and the timeout', async () => {
    ws = makeWorkspace();
    mock = await startMockModel({
      replies: [
        respond([
          functionCall('shell', { command: ['bash', '-c', 'echo hi; exit 3'] }, { callId: 'call_exit' }),
          functionCall('shell', { command: ['sleep', '5'], timeout_ms: 300 }, { callId: 'call_slow' }),
        ]),
        textReply('done'),
      ],
    });
    client = await startToolServer(mock.baseUrl, ws, { args: ['-c', 'features.unified_exec=false'] });
    const threadId = await startThread(client, ws.dir);
    const { from } = await runTurn(client, threadId, 'run', {}, 30_000);
    const tools = (mock.requestsTo('responses')[0]?.body.tools as Json[]).map((t) => t.name ?? t.type);
    assert.deepEqual(tools.slice(0, 2), ['shell', 'update_plan']);
    assert.ok(!tools.includes('exec_command') && !tools.includes('write_stdin'));

    const item = completedItem(client, 'call_exit', from);
    assert.equal(item.command, "bash -c 'echo hi; exit 3'");
    assert.equal(item.source, 'agent');
    assert.equal(item.status, 'failed');
    assert.equal(item.exitCode, 3);
    assert.equal(item.aggregatedOutput, 'hi\n');
    const outputs = toolOutputs(mock.lastRequest('responses'));
    assert.match(String(outputs.get('call_exit')), /^\{"output":"hi\\n","metadata":\{"exit_code":3,"duration_seconds":\d+\.\d\}\}$/);
    assert.match(String(outputs.get('call_slow')), /^\{"output":"command timed out after 300 milliseconds\\n","metadata":\{"exit_code":124,"duration_seconds":0\.\d\}\}$/);
    assert.equal(completedItem(client, 'call_slow', from).status, 'failed');
  });

  it('apply_patch failures: the precise error, no item, no change on disk, no diff', async () => {
    ws = makeWorkspace({ 'a.txt': 'alpha\nbeta\n' });
    mock = await startMockModel({
      replies: [
        respond([
          customToolCall('apply_patch', '*** Begin Patch\n*** Update File: a.txt\n@@\n-gamma\n+delta\n*** End Patch', { callId: 'call_ctx' }),
          customToolCall('apply_patch', '*** Begin Patch\n*** Add File: a.txt\n+new\n*** End Patch', { callId: 'call_exists' }),
          customToolCall('apply_patch', '*** Begin Patch\n*** Frobnicate: a.txt\n*** End Patch', { callId: 'call_parse' }),
        ]),
        textReply('could not patch'),
      ],
    });
    client = await startToolServer(mock.baseUrl, ws);
    const threadId = await startThread(client, ws.dir);
    const { from } = await runTurn(client, threadId, 'patch', {}, 30_000);
    const file = join(ws.dir, 'a.txt');
    assert.equal(readFileSync(file, 'utf8'), 'alpha\nbeta\n');
    const outputs = toolOutputs(mock.lastRequest('responses'));
    assert.equal(outputs.get('call_ctx'), `apply_patch verification failed: Failed to find expected lines in ${file}:\ngamma`);
    assert.equal(outputs.get('call_exists'), `apply_patch verification failed: Failed to add file ${file}: the file already exists (use '*** Update File:' to change it)`);
    assert.match(String(outputs.get('call_parse')), /^apply_patch verification failed: invalid hunk at line 2: /);
    assert.ok(!itemEvents(client, from).some((e) => e.item.type === 'fileChange'));
    assert.ok(!client.notifications.slice(from).some((n) => n.method === 'turn/diff/updated'));
  });
});
