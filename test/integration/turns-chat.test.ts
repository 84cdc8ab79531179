// A plain chat turn end to end, on both wire APIs: the exact notification order the reference
// shows (§5 (a)), what the model was sent (instructions, environment context, user text, then the
// history on the next turn), and a reasoning turn's summary items.
import { strict as assert } from 'node:assert';
import { message, reasoning, respond, startMockModel, type MockModel } from '../support/mock-model';
import { runTurn, startAppServer, textInput, type AppServerClient, type Notification } from '../support/app-server-client';
import { closeAfterEach } from '../support/server-fixture';

type Json = Record<string, unknown>;

/** Methods of `notes`, with each run of deltas collapsed to `<method>×n`. */
function collapse(notes: readonly Notification[]): string[] {
  const out: string[] = [];
  let run = 0;
  notes.forEach((n, i) => {
    if (!n.method.endsWith('Delta') && !n.method.endsWith('/delta')) return void out.push(n.method);
    run++;
    if (notes[i + 1]?.method !== n.method) {
      out.push(`${n.method}×${run}`);
      run = 0;
    }
  });
  return out;
}

function lineIndex(client: AppServerClient, predicate: (m: Json) => boolean): number {
  const index = client.lines.findIndex(predicate);
  assert.ok(index >= 0, 'line not found');
  return index;
}

/** The text parts of a Responses input message or a chat message. */
function textOf(entry: Json): string {
  if (typeof entry.content === 'string') return entry.content;
  return (entry.content as Json[]).map((p) => String(p.text ?? '')).join('\n');
}

/** The conversation the model received as [role, text] pairs, on either wire API. */
function conversation(body: Json): [string, string][] {
  const entries = (body.input ?? body.messages) as Json[];
  return entries.map((e) => [String(e.role), textOf(e)]);
}

for (const wireApi of ['responses', 'chat'] as const) {
  describe(`turns: a chat turn over the ${wireApi} wire API`, function () {
    this.timeout(20000);
    let mock: MockModel;
    let client: AppServerClient | undefined;

    closeAfterEach(() => [client, mock], () => (client = undefined));

    it('sends the reference notification order and what the model needs', async () => {
      const usage = { inputTokens: 120, cachedTokens: 20, outputTokens: 9, reasoningTokens: 0 };
      mock = await startMockModel({ replies: [respond([message(['Hel', 'lo ', 'wor', 'ld'], { id: 'msg_first' })], { usage })] });
      client = await startAppServer({ mockBaseUrl: mock.baseUrl, wireApi });

      const started = await client.request<{ thread: Json & { id: string; status: Json } }>('thread/start', { cwd: '/tmp' });
      const threadId = started.thread.id;
      assert.match(threadId, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'a UUIDv7');
      assert.deepEqual(started.thread.status, { type: 'idle' });
      await client.waitForNotification('thread/started', (p) => (p.thread as Json).id === threadId);
      const startResult = lineIndex(client, (m) => 'result' in m && ((m.result as Json).thread as Json | undefined)?.id === threadId);
      assert.ok(startResult < lineIndex(client, (m) => m.method === 'thread/started'), 'thread/start result before thread/started');

      const { turn, completed, from } = await runTurn(client, threadId, 'Say hello');
      assert.equal(turn.status, 'inProgress');
      assert.deepEqual(turn.items, []);
      const turnResult = lineIndex(client, (m) => (m.result as Json | undefined)?.turn !== undefined);
      const notes = client.notifications.slice(from);
      assert.ok(turnResult < client.lines.indexOf(notes[0]?.raw as Json), 'turn/start result before any turn notification');

      assert.deepEqual(collapse(notes), [
        'thread/status/changed',
        'turn/started',
        'item/started',
        'item/completed',
        'item/started',
        'item/agentMessage/delta×4',
        'item/completed',
        'thread/tokenUsage/updated',
        'account/rateLimits/updated',
        'thread/readState/changed',
        'thread/status/changed',
        'turn/completed',
      ]);
      const [active, turnStarted, userStarted, userCompleted, agentStarted] = notes.map((n) => n.params);
      assert.deepEqual(active, { threadId, status: { type: 'active', activeFlags: [] } });
      assert.equal((turnStarted?.turn as Json).id, turn.id);
      assert.equal(typeof (turnStarted?.turn as Json).startedAt, 'number');
      const userItem = userStarted?.item as Json;
      assert.equal(userItem.type, 'userMessage');
      assert.deepEqual(userItem.content, [textInput('Say hello')]);
      assert.deepEqual(userCompleted?.item, userItem);
      const agentItem = agentStarted?.item as Json;
      assert.equal(agentItem.type, 'agentMessage');
      assert.equal(agentItem.text, '');
      if (wireApi === 'responses') assert.equal(agentItem.id, 'msg_first', "the model's item id");
      else assert.match(String(agentItem.id), /^msg_/);

      const deltaNotes = notes.filter((n) => n.method === 'item/agentMessage/delta').map((n) => n.params);
      assert.ok(deltaNotes.every((d) => d.itemId === agentItem.id && d.turnId === turn.id && d.threadId === threadId));
      assert.equal(deltaNotes.map((d) => d.delta).join(''), 'Hello world');
      const agentCompleted = notes.find((n) => n.method === 'item/completed' && (n.params.item as Json).type === 'agentMessage');
      assert.equal((agentCompleted?.params.item as Json).text, 'Hello world');
      assert.equal((agentCompleted?.params.item as Json).id, agentItem.id);

      const usageNote = notes.find((n) => n.method === 'thread/tokenUsage/updated')?.params.tokenUsage as Json;
      assert.equal((usageNote.last as Json).inputTokens, 120);
      assert.equal((usageNote.last as Json).outputTokens, 9);
      assert.equal((usageNote.total as Json).totalTokens, 129);
      assert.equal(usageNote.modelContextWindow, 258400);
      const limits = notes.find((n) => n.method === 'account/rateLimits/updated')?.params.rateLimits as Json;
      assert.equal(limits.primary, null);
      const readState = notes.find((n) => n.method === 'thread/readState/changed')?.params as Json;
      assert.deepEqual((readState.readState as Json).firstUnread, { type: 'turn', turnId: turn.id });
      assert.deepEqual(notes.at(-2)?.params.status, { type: 'idle' });

      assert.equal(completed.status, 'completed');
      assert.equal(completed.itemsView, 'summary');
      assert.equal(completed.error, null);
      assert.equal(typeof completed.durationMs, 'number');
      assert.deepEqual(
        completed.items.map((i) => [i.type, i.text]),
        [['agentMessage', 'Hello world']],
      );

      const [request] = mock.requestsTo('stream');
      const body = request?.body as Json;
      assert.equal(request?.endpoint, wireApi);
      assert.equal(body.model, 'gpt-5.5');
      assert.equal(body.stream, true);
      if (wireApi === 'responses') {
        assert.equal(body.store, false);
        assert.equal(body.instructions, undefined, 'instructions travel as a developer message');
        assert.equal(body.prompt_cache_key, threadId);
      }
      const sent = conversation(body);
      assert.equal(sent.length, 3);
      assert.equal(sent[0]?.[0], wireApi === 'responses' ? 'developer' : 'system');
      assert.match(sent[0]?.[1] ?? '', /You are Codex TS/);
      assert.equal(sent[1]?.[0], 'user');
      assert.match(sent[1]?.[1] ?? '', /^<environment_context>\n {2}<cwd>\/tmp<\/cwd>[\s\S]*<\/environment_context>$/);
      assert.deepEqual(sent[2], ['user', 'Say hello']);
    });

    it("sends the first turn's user and assistant messages with the second turn", async () => {
      mock = await startMockModel({ replies: [respond([message('First answer')]), respond([message('Second answer')])] });
      client = await startAppServer({ mockBaseUrl: mock.baseUrl, wireApi });
      const { thread } = await client.request<{ thread: { id: string } }>('thread/start', { cwd: '/tmp' });
      assert.equal((await runTurn(client, thread.id, 'one')).completed.status, 'completed');
      const second = await runTurn(client, thread.id, 'two');
      assert.deepEqual(second.completed.items.map((i) => i.text), ['Second answer']);

      const [first, next] = mock.requestsTo('stream').map((r) => conversation(r.body as Json));
      assert.deepEqual(next?.slice(0, 3), first, 'the opening context and first message are sent again, unchanged');
      assert.deepEqual(next?.slice(3), [
        ['assistant', 'First answer'],
        ['user', 'two'],
      ]);
      // Both turns are in the thread, with their items.
      const read = await client.request<{ thread: { turns: { items: Json[] }[] } }>('thread/read', { threadId: thread.id, includeTurns: true });
      assert.deepEqual(
        read.thread.turns.map((t) => t.items.map((i) => i.type)),
        [
          ['userMessage', 'agentMessage'],
          ['userMessage', 'agentMessage'],
        ],
      );
    });
  });
}

describe('turns: reasoning', function () {
  this.timeout(20000);
  let mock: MockModel;
  let client: AppServerClient | undefined;

  closeAfterEach(() => [client, mock], () => (client = undefined));

  it('streams reasoning summaries as their own item before the agent message', async () => {
    const reply = respond([reasoning([['Think', 'ing hard'], ['Then answer']], { id: 'rs_one', encryptedContent: 'opaque' }), message('Answer', { id: 'msg_two' })]);
    mock = await startMockModel({ replies: [reply, respond([message('ok')])] });
    client = await startAppServer({ mockBaseUrl: mock.baseUrl });
    const { thread } = await client.request<{ thread: { id: string } }>('thread/start', { cwd: '/tmp' });
    const { completed, from } = await runTurn(client, thread.id, 'why?');
    const notes = client.notifications.slice(from);
    const methods = collapse(notes);
    const start = methods.indexOf('item/started', 4);
    assert.deepEqual(methods.slice(start, start + 9), [
      'item/started',
      'item/reasoning/summaryPartAdded',
      'item/reasoning/summaryTextDelta×2',
      'item/reasoning/summaryPartAdded',
      'item/reasoning/summaryTextDelta×1',
      'item/completed',
      'item/started',
      'item/agentMessage/delta×3',
      'item/completed',
    ]);
    const reasoningStarted = notes.find((n) => n.method === 'item/started' && (n.params.item as Json).type === 'reasoning');
    assert.deepEqual(reasoningStarted?.params.item, { type: 'reasoning', id: 'rs_one', summary: [], content: [] });
    const parts = notes.filter((n) => n.method === 'item/reasoning/summaryPartAdded').map((n) => n.params.summaryIndex);
    assert.deepEqual(parts, [0, 1]);
    const deltas = notes.filter((n) => n.method === 'item/reasoning/summaryTextDelta').map((n) => [n.params.summaryIndex, n.params.delta, n.params.itemId]);
    assert.deepEqual(deltas, [
      [0, 'Think', 'rs_one'],
      [0, 'ing hard', 'rs_one'],
      [1, 'Then answer', 'rs_one'],
    ]);
    const reasoningDone = notes.find((n) => n.method === 'item/completed' && (n.params.item as Json).type === 'reasoning');
    assert.deepEqual((reasoningDone?.params.item as Json).summary, ['Thinking hard', 'Then answer']);
    assert.deepEqual((reasoningDone?.params.item as Json).content, []);
    assert.deepEqual(completed.items.map((i) => i.type), ['agentMessage'], 'turn/completed carries the agent messages only');

    // The reasoning item goes back to the model with its encrypted content.
    await runTurn(client, thread.id, 'and?');
    const input = mock.lastRequest('responses').body.input as Json[];
    const sentReasoning = input.find((i) => i.type === 'reasoning');
    assert.equal(sentReasoning?.id, 'rs_one');
    assert.equal(sentReasoning?.encrypted_content, 'opaque');
    const read = await client.request<{ thread: { turns: { items: Json[] }[] } }>('thread/read', { threadId: thread.id, includeTurns: true });
    assert.deepEqual(read.thread.turns[0]?.items.map((i) => i.type), ['userMessage', 'reasoning', 'agentMessage']);
  });
});
