// History compaction against the mock model: automatic compaction at a low
// `model_auto_compact_token_limit` (at the start of a turn and between tool rounds), the summary
// request and the compacted history the next request carries (the summary and the user's messages,
// not the old answers), token usage after compaction, a restart that replays the compacted history,
// and manual `thread/compact/start` as a turn of its own.
import { strict as assert } from 'node:assert';
import { functionCall, httpError, respond, startMockModel, textReply, type MockModel, type RecordedRequest } from '../support/mock-model';
import { runTurn, type AppServerClient } from '../support/app-server-client';
import { inputOf, itemEvents, makeWorkspace, startThread, startToolServer, type Workspace } from '../support/tool-turns';

type Json = Record<string, unknown>;

const SUMMARY_MARK = 'Earlier parts of this conversation were condensed';

/** The texts of the request's messages as `role: text` lines. */
function messages(request: RecordedRequest): string[] {
  return inputOf(request)
    .filter((item) => item.type === 'message')
    .map((item) => `${String(item.role)}: ${(item.content as Json[]).map((part) => String(part.text ?? '')).join('')}`);
}

const has = (request: RecordedRequest, text: string): boolean => JSON.stringify(request.body.input).includes(text);

describe('compaction', function () {
  this.timeout(60_000);
  let mock: MockModel;
  let ws: Workspace;
  const clients: AppServerClient[] = [];

  afterEach(async () => {
    const results = await Promise.allSettled(clients.splice(0).map((c) => c.close()));
    await mock.close();
    ws.remove();
    for (const r of results) if (r.status === 'rejected') throw r.reason;
    for (const r of results) if (r.status === 'fulfilled') assert.equal(r.value, 0);
  });

  const start = async (args: string[] = [], codexHome?: string): Promise<AppServerClient> => {
    const client = await startToolServer(mock.baseUrl, ws, { args, ...(codexHome ? { codexHome } : {}) });
    clients.push(client);
    return client;
  };

  it('compacts automatically past model_auto_compact_token_limit, and a restart replays the compacted history', async () => {
    ws = makeWorkspace({ 'a.txt': 'one\n' });
    mock = await startMockModel({
      replies: [
        textReply('The first answer, long and detailed.', { usage: { inputTokens: 900, outputTokens: 200 } }),
        textReply('SUMMARY: the user asked two questions about a.txt.', { usage: { inputTokens: 950, outputTokens: 30 } }),
        textReply('The second answer.', { usage: { inputTokens: 300, outputTokens: 20 } }),
        textReply('The third answer.', { usage: { inputTokens: 320, outputTokens: 20 } }),
        textReply('After the rollback.', { usage: { inputTokens: 100, outputTokens: 20 } }),
      ],
    });
    const client = await start(['-c', 'model_auto_compact_token_limit=1000']);
    const threadId = await startThread(client, ws.dir);
    const turn1 = await runTurn(client, threadId, 'first question');
    assert.equal(turn1.completed.status, 'completed');
    assert.equal(client.notifications.filter((n) => n.method === 'thread/compacted').length, 0, 'below the limit nothing happens');

    const turn2 = await runTurn(client, threadId, 'second question');
    assert.equal(turn2.completed.status, 'completed');
    const [, summaryRequest, afterRequest] = mock.requestsTo('responses') as RecordedRequest[];
    assert.ok(summaryRequest && afterRequest);
    // The summary request: the whole history plus our instruction, no tools.
    assert.ok(has(summaryRequest, 'The first answer, long and detailed.'));
    assert.ok(has(summaryRequest, 'second question'));
    assert.match(messages(summaryRequest).at(-1) ?? '', /^user: Pause the task/);
    assert.deepEqual(summaryRequest.body.tools ?? [], []);
    // The next request: opening context, the user's messages, the summary; not the old answer.
    assert.ok(!has(afterRequest, 'The first answer'), 'the old turn is gone');
    const texts = messages(afterRequest);
    assert.match(texts[0] ?? '', /^developer: /);
    assert.ok(texts.some((t) => t.startsWith('user: <environment_context>')));
    const users = texts.filter((t) => t.startsWith('user: ') && !t.startsWith('user: <environment_context>'));
    assert.deepEqual(users.slice(0, 2), ['user: first question', 'user: second question']);
    assert.ok(users[2]?.startsWith(`user: ${SUMMARY_MARK}`));
    assert.ok(users[2]?.includes('SUMMARY: the user asked two questions about a.txt.'));

    // The turn shows the compaction: a contextCompaction item, then thread/compacted.
    const events = itemEvents(client, turn2.from).map((e) => `${e.method} ${String(e.item.type)}`);
    assert.deepEqual(events, [
      'item/started userMessage',
      'item/completed userMessage',
      'item/started contextCompaction',
      'item/completed contextCompaction',
      'item/started agentMessage',
      'item/completed agentMessage',
    ]);
    const compacted = client.notifications.filter((n) => n.method === 'thread/compacted');
    assert.deepEqual(compacted.map((n) => n.params), [{ threadId, turnId: turn2.turn.id }]);
    // Usage: the summary request counts in the total; after the turn, last is the new request's usage.
    const usages = client.notifications.slice(turn2.from).filter((n) => n.method === 'thread/tokenUsage/updated').map((n) => n.params.tokenUsage as Json);
    assert.equal(usages.length, 2);
    assert.equal((usages[0]?.total as Json).totalTokens, 1100 + 980);
    assert.ok(((usages[0]?.last as Json).totalTokens as number) < 1000, 'the compacted context is below the limit');
    assert.equal((usages[1]?.last as Json).totalTokens, 320);
    assert.equal((usages[1]?.total as Json).totalTokens, 1100 + 980 + 320);

    // Restart: the resumed thread sends the compacted history.
    clients.splice(0);
    assert.equal(await client.close(), 0);
    const second = await start(['-c', 'model_auto_compact_token_limit=1000'], client.codexHome);
    const resumed = await second.request<{ thread: { turns: { items: Json[] }[] } }>('thread/resume', { threadId });
    assert.deepEqual(resumed.thread.turns[1]?.items.map((i) => i.type), ['userMessage', 'contextCompaction', 'agentMessage']);
    await runTurn(second, threadId, 'third question');
    const last = mock.lastRequest('responses');
    assert.equal(mock.requestsTo('responses').length, 4, 'no second compaction');
    assert.deepEqual(inputOf(last).slice(0, inputOf(afterRequest).length), inputOf(afterRequest));
    assert.ok(!has(last, 'The first answer'));
    assert.deepEqual(messages(last).slice(-2), ['assistant: The second answer.', 'user: third question']);

    // Rolling back the turn that compacted (and the one after it) keeps the opening context.
    await second.request('thread/rollback', { threadId, numTurns: 2 });
    await runTurn(second, threadId, 'fourth question');
    const afterRollback = messages(mock.lastRequest('responses'));
    assert.match(afterRollback[0] ?? '', /^developer: /);
    assert.ok(afterRollback[1]?.startsWith('user: <environment_context>'));
    assert.deepEqual(afterRollback.slice(2), ['user: fourth question']);
  });

  it('compacts between tool rounds of one turn', async () => {
    ws = makeWorkspace({ 'a.txt': 'one\n' });
    mock = await startMockModel({
      replies: [
        respond([functionCall('exec_command', { cmd: 'cat a.txt' }, { callId: 'call_cat' })], { usage: { inputTokens: 1500, outputTokens: 10 } }),
        textReply('SUMMARY: read a.txt, it says one.'),
        textReply('a.txt says one.'),
      ],
    });
    const client = await start(['-c', 'model_auto_compact_token_limit=1000']);
    const threadId = await startThread(client, ws.dir);
    const turn = await runTurn(client, threadId, 'what is in a.txt?', {}, 30_000);
    assert.equal(turn.completed.status, 'completed');
    const [, summaryRequest, after] = mock.requestsTo('responses') as RecordedRequest[];
    assert.ok(summaryRequest && after);
    assert.ok(has(summaryRequest, 'call_cat'), 'the tool round is summarised');
    assert.ok(!has(after, 'call_cat'));
    assert.ok(has(after, 'SUMMARY: read a.txt, it says one.'));
    const events = itemEvents(client, turn.from).map((e) => `${e.method} ${String(e.item.type)}`);
    assert.deepEqual(events.slice(-4), ['item/started contextCompaction', 'item/completed contextCompaction', 'item/started agentMessage', 'item/completed agentMessage']);
  });

  it('compacts over the Chat Completions wire API too', async () => {
    ws = makeWorkspace();
    mock = await startMockModel({
      replies: [
        textReply('Chat answer one.', { usage: { inputTokens: 2000, outputTokens: 10 } }),
        textReply('SUMMARY over chat.'),
        textReply('Chat answer two.'),
      ],
    });
    const client = await startToolServer(mock.baseUrl, ws, { wireApi: 'chat', args: ['-c', 'model_auto_compact_token_limit=1000'] });
    clients.push(client);
    const threadId = await startThread(client, ws.dir);
    await runTurn(client, threadId, 'one');
    const turn = await runTurn(client, threadId, 'two');
    assert.equal(turn.completed.status, 'completed');
    const [, summaryRequest, after] = mock.requestsTo('chat');
    assert.ok(summaryRequest && after);
    const chat = (request: RecordedRequest): string[] =>
      (request.body.messages as Json[]).map((m) => `${String(m.role)}: ${typeof m.content === 'string' ? m.content : (m.content as Json[]).map((p) => String(p.text ?? '')).join('')}`);
    assert.ok(chat(summaryRequest).includes('assistant: Chat answer one.'));
    assert.ok(!chat(after).includes('assistant: Chat answer one.'));
    assert.deepEqual(chat(after).slice(-3).map((t) => t.slice(0, 30)), ['user: one', 'user: two', `user: ${SUMMARY_MARK}`.slice(0, 30)]);
    assert.equal(client.notifications.filter((n) => n.method === 'thread/compacted').length, 1);
  });

  it('thread/compact/start runs a compaction turn', async () => {
    ws = makeWorkspace();
    mock = await startMockModel({
      replies: [textReply('Hello there.'), textReply('SUMMARY: greeted the user.'), textReply('Still here.')],
    });
    const client = await start();
    const threadId = await startThread(client, ws.dir);
    await runTurn(client, threadId, 'hello');
    const from = client.notifications.length;
    const fromLine = client.lines.length;
    const result = await client.request('thread/compact/start', { threadId });
    assert.deepEqual(result, {});
    const completed = await client.waitForNotification('turn/completed', () => true, 10_000, fromLine);
    const methods = client.notifications
      .slice(from)
      .map((n) => (n.method.startsWith('item/') ? `${n.method} ${String((n.params.item as Json).type)}` : n.method))
      .filter((m) => !m.startsWith('thread/status') && m !== 'thread/tokenUsage/updated' && m !== 'thread/readState/changed');
    assert.deepEqual(methods, ['turn/started', 'item/started contextCompaction', 'item/completed contextCompaction', 'thread/compacted', 'turn/completed']);
    assert.equal((completed.turn as Json).status, 'completed');
    await runTurn(client, threadId, 'are you there?');
    const last = mock.lastRequest('responses');
    assert.ok(!has(last, 'Hello there.'));
    assert.ok(has(last, 'SUMMARY: greeted the user.'));
    assert.deepEqual(messages(last).slice(-2).map((t) => t.slice(0, 40)), [`user: ${SUMMARY_MARK}`.slice(0, 40), 'user: are you there?']);
  });

  it('a failed summary request fails the compaction turn and leaves the history as it was', async () => {
    ws = makeWorkspace();
    mock = await startMockModel({ replies: [textReply('Hello there.'), httpError(400, { message: 'bad summary request' }), textReply('Still here.')] });
    const client = await start();
    const threadId = await startThread(client, ws.dir);
    await runTurn(client, threadId, 'hello');
    const fromLine = client.lines.length;
    await client.request('thread/compact/start', { threadId });
    const completed = await client.waitForNotification('turn/completed', () => true, 10_000, fromLine);
    assert.equal((completed.turn as Json).status, 'failed');
    assert.match(String(((completed.turn as Json).error as Json).message), /bad summary request/);
    assert.equal(client.notifications.filter((n) => n.method === 'thread/compacted').length, 0);
    await runTurn(client, threadId, 'are you there?');
    assert.ok(has(mock.lastRequest('responses'), 'Hello there.'));
  });
});
