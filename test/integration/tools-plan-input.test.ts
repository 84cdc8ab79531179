// The conversational tools: update_plan (turn/plan/updated + a plan item), view_image (the image
// reaches the next request), request_user_input (Plan mode only; the item/tool/requestUserInput
// round trip with waitingOnUserInput), the goal tools (thread/goal/updated) and a hosted web search
// shown as a webSearch item.
import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { functionCall, respond, sseEvent, startMockModel, textReply, type MockModel, type Script } from '../support/mock-model';
import { runTurn, type AppServerClient } from '../support/app-server-client';
import { completedItem, itemEvents, lifecycle, makeWorkspace, startThread, startToolServer, toolOutputs, type Workspace } from '../support/tool-turns';
import { closeAfterEach } from '../support/server-fixture';

type Json = Record<string, unknown>;

const PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const PLAN_MODE = { mode: 'plan', settings: { model: 'gpt-5.5', reasoning_effort: null, developer_instructions: null } };

describe('tools: plans, images, questions, goals, web search', function () {
  this.timeout(60_000);
  let mock: MockModel;
  let client: AppServerClient;
  let ws: Workspace;

  closeAfterEach(() => [client, mock, { close: () => ws.remove() }]);

  async function setup(replies: Script[], files: Record<string, string> = {}): Promise<string> {
    ws = makeWorkspace(files);
    mock = await startMockModel({ replies });
    client = await startToolServer(mock.baseUrl, ws);
    return startThread(client, ws.dir);
  }

  it('update_plan: turn/plan/updated, a plan item, "Plan updated"; bad arguments are reported', async () => {
    const plan = [
      { step: 'Read the code', status: 'completed' },
      { step: 'Fix the bug', status: 'in_progress' },
      { step: 'Run the tests', status: 'pending' },
    ];
    const threadId = await setup([
      respond([functionCall('update_plan', { explanation: 'Small fix', plan }, { callId: 'call_plan' })]),
      respond([functionCall('update_plan', { plan: [{ step: 'x', status: 'done' }] }, { callId: 'call_bad' })]),
      textReply('planned'),
    ]);
    const { from, turn } = await runTurn(client, threadId, 'plan it', {}, 30_000);
    const updates = client.notifications.slice(from).filter((n) => n.method === 'turn/plan/updated');
    assert.equal(updates.length, 1);
    assert.deepEqual(updates[0]?.params, {
      threadId,
      turnId: turn.id,
      explanation: 'Small fix',
      plan: [
        { step: 'Read the code', status: 'completed' },
        { step: 'Fix the bug', status: 'inProgress' },
        { step: 'Run the tests', status: 'pending' },
      ],
    });
    assert.deepEqual(completedItem(client, 'call_plan', from), {
      type: 'plan',
      id: 'call_plan',
      text: 'Small fix\n\n- [x] Read the code\n- [ ] Fix the bug (in progress)\n- [ ] Run the tests',
    });
    const outputs = toolOutputs(mock.lastRequest('responses'));
    assert.equal(outputs.get('call_plan'), 'Plan updated');
    assert.match(String(outputs.get('call_bad')), /^failed to parse function arguments: `plan\.0\.status`: /);
  });

  it('view_image: an imageView item and the picture in the next request; errors name the path', async () => {
    const threadId = await setup(
      [
        respond([
          functionCall('view_image', { path: 'pixel.png' }, { callId: 'call_img' }),
          functionCall('view_image', { path: 'missing.png' }, { callId: 'call_missing' }),
          functionCall('view_image', { path: 'notes.txt' }, { callId: 'call_text' }),
        ]),
        textReply('a single pixel'),
      ],
      { 'notes.txt': 'not an image\n' },
    );
    writeFileSync(join(ws.dir, 'pixel.png'), Buffer.from(PIXEL_PNG, 'base64'));
    const { from } = await runTurn(client, threadId, 'look', {}, 30_000);
    assert.deepEqual(completedItem(client, 'call_img', from), { type: 'imageView', id: 'call_img', path: join(ws.dir, 'pixel.png') });
    const outputs = toolOutputs(mock.lastRequest('responses'));
    assert.deepEqual(outputs.get('call_img'), [{ type: 'input_image', image_url: `data:image/png;base64,${PIXEL_PNG}` }]);
    assert.match(String(outputs.get('call_missing')), new RegExp(`^unable to locate image at \`${join(ws.dir, 'missing.png')}\`: ENOENT`));
    assert.equal(outputs.get('call_text'), `unable to process image at \`${join(ws.dir, 'notes.txt')}\`: not a PNG, JPEG, GIF or WebP image`);
    assert.deepEqual(
      lifecycle(itemEvents(client, from)).filter((l) => l.includes('imageView')),
      ['started imageView call_img', 'completed imageView call_img'],
    );
  });

  it('request_user_input: refused in Default mode; in Plan mode a round trip with waitingOnUserInput', async () => {
    const questions = [
      { id: 'color', header: 'Color', question: 'Which color?', options: [{ label: 'Blue', description: 'Calm' }, { label: 'Red', description: 'Bold' }] },
    ];
    const threadId = await setup([
      respond([functionCall('request_user_input', { questions }, { callId: 'call_default' })]),
      textReply('ok, default mode'),
      respond([functionCall('request_user_input', { questions }, { callId: 'call_ask' })]),
      respond([functionCall('request_user_input', { questions: [{ ...questions[0], options: [] }] }, { callId: 'call_empty' })]),
      textReply('blue it is'),
    ]);
    await runTurn(client, threadId, 'ask me', {}, 30_000);
    assert.equal(toolOutputs(mock.lastRequest('responses')).get('call_default'), 'request_user_input is unavailable in Default mode');

    const asked: { method: string; id: number | string; params: Json }[] = [];
    client.onServerRequest((method, params, id) => {
      asked.push({ method, id, params: params as Json });
      return { answers: { color: { answers: ['Blue'] } } };
    });
    const { from, turn } = await runTurn(client, threadId, 'ask me in plan mode', { collaborationMode: PLAN_MODE }, 30_000);
    assert.equal(asked.length, 1);
    assert.equal(asked[0]?.method, 'item/tool/requestUserInput');
    assert.deepEqual(asked[0]?.params, {
      threadId,
      turnId: turn.id,
      itemId: 'call_ask',
      questions: [{ ...questions[0], isOther: true, isSecret: false }],
      isBlocking: true,
      autoResolutionMs: null,
    });
    const notes = client.notifications.slice(from);
    const statuses = notes.filter((n) => n.method === 'thread/status/changed').map((n) => JSON.stringify(n.params.status));
    assert.deepEqual(statuses.slice(0, 3), [
      JSON.stringify({ type: 'active', activeFlags: [] }),
      JSON.stringify({ type: 'active', activeFlags: ['waitingOnUserInput'] }),
      JSON.stringify({ type: 'active', activeFlags: [] }),
    ]);
    assert.deepEqual(notes.find((n) => n.method === 'serverRequest/resolved')?.params, { threadId, requestId: asked[0]?.id });
    const outputs = toolOutputs(mock.lastRequest('responses'));
    assert.equal(outputs.get('call_ask'), '{"answers":{"color":{"answers":["Blue"]}}}');
    assert.equal(outputs.get('call_empty'), 'request_user_input requires non-empty options for every question');
  });

  it('goal tools: create, read, complete; thread/goal/updated and thread/goal/get agree', async () => {
    const threadId = await setup([
      respond([functionCall('create_goal', { objective: 'Ship the release', token_budget: 5000 }, { callId: 'call_create' })]),
      respond([
        functionCall('create_goal', { objective: 'Another one' }, { callId: 'call_again' }),
        functionCall('get_goal', {}, { callId: 'call_get' }),
      ]),
      respond([functionCall('update_goal', { status: 'complete' }, { callId: 'call_done' })]),
      textReply('shipped'),
    ]);
    const { from, turn } = await runTurn(client, threadId, 'work towards the release', {}, 30_000);
    const updates = client.notifications.slice(from).filter((n) => n.method === 'thread/goal/updated').map((n) => n.params);
    assert.deepEqual(
      updates.map((u) => [u.threadId, u.turnId, (u.goal as Json).status]),
      [
        [threadId, turn.id, 'active'],
        [threadId, turn.id, 'complete'],
      ],
    );
    const outputs = toolOutputs(mock.lastRequest('responses'));
    const created = JSON.parse(String(outputs.get('call_create'))) as Json;
    assert.deepEqual({ ...created, goal: { ...(created.goal as Json), createdAt: 0, updatedAt: 0 } }, {
      goal: { threadId, objective: 'Ship the release', status: 'active', tokenBudget: 5000, tokensUsed: 0, timeUsedSeconds: 0, createdAt: 0, updatedAt: 0 },
      remainingTokens: 5000,
      completionBudgetReport: null,
    });
    assert.equal(String(outputs.get('call_create')).split('\n')[1], '  "goal": {', 'pretty-printed');
    assert.equal(
      outputs.get('call_again'),
      'cannot create a new goal because this thread already has a goal; use update_goal only when the existing goal is complete',
    );
    assert.equal((JSON.parse(String(outputs.get('call_get'))) as { goal: Json }).goal.objective, 'Ship the release');
    const done = JSON.parse(String(outputs.get('call_done'))) as Json;
    assert.equal((done.goal as Json).status, 'complete');
    assert.equal(done.completionBudgetReport, 'Goal achieved. Report final budget usage to the user: tokens used: 0 of 5000.');
    const read = await client.request<{ goal: Json }>('thread/goal/get', { threadId });
    assert.equal(read.goal.status, 'complete');
  });

  describe('web search', () => {
    let server: Server;
    afterEach(
      () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    );

    it('shows a hosted web_search_call as a webSearch item and does not send it back', async () => {
      // A Responses endpoint that answers the first request with a web search and a message.
      const bodies: Json[] = [];
      server = createServer((req, res) => {
        let raw = '';
        req.on('data', (c: Buffer) => (raw += c.toString()));
        req.on('end', () => {
          bodies.push(JSON.parse(raw) as Json);
          const n = bodies.length;
          const response = { id: `resp_${n}`, object: 'response', created_at: 1, status: 'in_progress', model: 'gpt-5.5', output: [] };
          const search = { id: 'ws_1', type: 'web_search_call', status: 'completed', action: { type: 'search', query: 'codex ts' } };
          const msg = { id: `msg_${n}`, type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'Found it', annotations: [] }] };
          const events: [string, Json][] = [['response.created', { response }]];
          if (n === 1) {
            events.push(['response.output_item.added', { output_index: 0, item: { id: 'ws_1', type: 'web_search_call', status: 'in_progress' } }]);
            events.push(['response.web_search_call.searching', { output_index: 0, item_id: 'ws_1' }]);
            events.push(['response.output_item.done', { output_index: 0, item: search }]);
          }
          events.push(['response.output_item.added', { output_index: 1, item: { ...msg, content: [] } }]);
          events.push(['response.output_text.delta', { output_index: 1, item_id: msg.id, content_index: 0, delta: 'Found it' }]);
          events.push(['response.output_item.done', { output_index: 1, item: msg }]);
          events.push(['response.completed', { response: { ...response, status: 'completed', usage: { input_tokens: 1, output_tokens: 1, total_tokens: 2 } } }]);
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          res.end(events.map(([type, data], i) => sseEvent(type, { type, sequence_number: i, ...data })).join(''));
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
      ws = makeWorkspace();
      mock = await startMockModel();
      client = await startToolServer(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, ws);
      const threadId = await startThread(client, ws.dir);
      const { from, completed } = await runTurn(client, threadId, 'search the web', {}, 30_000);
      assert.equal(completed.status, 'completed');
      assert.deepEqual(lifecycle(itemEvents(client, from)).slice(2), ['started webSearch ws_1', 'completed webSearch ws_1', 'started agentMessage', 'completed agentMessage']);
      assert.deepEqual(completedItem(client, 'ws_1', from), { type: 'webSearch', id: 'ws_1', query: 'codex ts', action: { type: 'search', query: 'codex ts', queries: null }, results: null });
      const offered = (bodies[0]?.tools as Json[]).find((t) => t.type === 'web_search');
      assert.deepEqual(offered, { type: 'web_search', external_web_access: true, search_content_types: ['text', 'image'] });
      await runTurn(client, threadId, 'again', {}, 30_000);
      assert.ok(!JSON.stringify(bodies[1]?.input).includes('web_search_call'), 'hosted calls are not re-sent');
    });
  });
});
