// Resume replays exactly what the model saw: a turn with commands, a patch, a plan and an image,
// then a restart (stdin EOF, a new server on the same CODEX_HOME), thread/resume and a new turn —
// whose request starts with the very items the last request of the first turn carried (calls and
// outputs, byte for byte), followed by the answer and the new message. The resumed thread lists the
// tool items of the first turn.
import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { customToolCall, functionCall, respond, startMockModel, textReply, type MockModel, type RecordedRequest } from '../support/mock-model';
import { runTurn, type AppServerClient } from '../support/app-server-client';
import { inputOf, makeWorkspace, startThread, startToolServer, type Workspace } from '../support/tool-turns';

type Json = Record<string, unknown>;

const PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

describe('tools: resume replays the tool history', function () {
  this.timeout(60_000);
  let mock: MockModel;
  const clients: AppServerClient[] = [];
  let ws: Workspace;

  afterEach(async () => {
    const results = await Promise.allSettled(clients.splice(0).map((c) => c.close()));
    await mock.close();
    ws.remove();
    for (const r of results) if (r.status === 'rejected') throw r.reason;
  });

  it('sends the same calls and outputs after a restart and thread/resume', async () => {
    ws = makeWorkspace({ 'a.txt': 'one\n' }, { git: true });
    writeFileSync(join(ws.dir, 'pixel.png'), Buffer.from(PIXEL_PNG, 'base64'));
    mock = await startMockModel({
      replies: [
        respond([
          functionCall('update_plan', { plan: [{ step: 'Edit a.txt', status: 'in_progress' }] }, { callId: 'call_plan' }),
          functionCall('exec_command', { cmd: 'cat a.txt' }, { callId: 'call_cat' }),
        ]),
        respond([customToolCall('apply_patch', '*** Begin Patch\n*** Update File: a.txt\n@@\n-one\n+two\n*** End Patch', { callId: 'call_patch' })]),
        respond([functionCall('view_image', { path: 'pixel.png' }, { callId: 'call_img' })]),
        textReply('Edited a.txt'),
        textReply('Still here'),
      ],
    });
    const first = await startToolServer(mock.baseUrl, ws);
    clients.push(first);
    const threadId = await startThread(first, ws.dir);
    const turn1 = await runTurn(first, threadId, 'edit a.txt', {}, 30_000);
    assert.equal(turn1.completed.status, 'completed');
    const lastOfTurn1 = mock.lastRequest('responses');
    clients.splice(0);
    assert.equal(await first.close(), 0);

    const second = await startToolServer(mock.baseUrl, ws, { codexHome: first.codexHome });
    clients.push(second);
    const resumed = await second.request<{ thread: { turns: { items: Json[] }[] } }>('thread/resume', { threadId });
    assert.deepEqual(
      resumed.thread.turns[0]?.items.map((i) => `${String(i.type)}${i.type === 'userMessage' || i.type === 'agentMessage' ? '' : ` ${String(i.id)}`}`),
      ['userMessage', 'plan call_plan', 'commandExecution call_cat', 'fileChange call_patch', 'imageView call_img', 'agentMessage'],
    );
    await runTurn(second, threadId, 'are you there?', {}, 30_000);
    const resumedRequest = mock.lastRequest('responses') as RecordedRequest;
    const before = inputOf(lastOfTurn1);
    const after = inputOf(resumedRequest);
    assert.deepEqual(after.slice(0, before.length), before, 'the replayed history is what the model saw');
    assert.deepEqual(
      after.slice(before.length).map((i) => `${String(i.type)} ${String(i.role)}`),
      ['message assistant', 'message user'],
    );
    const calls = before.filter((i) => String(i.type).includes('call')).map((i) => `${String(i.type)} ${String(i.call_id)}`);
    assert.deepEqual(calls, [
      'function_call call_plan',
      'function_call call_cat',
      'function_call_output call_plan',
      'function_call_output call_cat',
      'custom_tool_call call_patch',
      'custom_tool_call_output call_patch',
      'function_call call_img',
      'function_call_output call_img',
    ]);
    assert.deepEqual((before.find((i) => i.type === 'function_call_output' && i.call_id === 'call_img') as Json).output, [
      { type: 'input_image', image_url: `data:image/png;base64,${PIXEL_PNG}` },
    ]);
    assert.equal(resumedRequest.body.tools !== undefined && (resumedRequest.body.tools as Json[]).length > 0, true, 'tools offered after resume');
  });
});
