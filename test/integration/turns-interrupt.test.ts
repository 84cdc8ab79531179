// Stopping and steering a running turn: turn/interrupt mid-stream (reference §5 (d)) and
// turn/steer adding input that reaches the model in a follow-up request.
import { strict as assert } from 'node:assert';
import { hang, message, respond, startMockModel, textReply, type MockModel } from '../support/mock-model';
import { RpcCallError, runTurn, startAppServer, textInput, type AppServerClient } from '../support/app-server-client';
import { closeAfterEach } from '../support/server-fixture';

type Json = Record<string, unknown>;

function textOf(entry: Json): string {
  if (typeof entry.content === 'string') return entry.content;
  return (entry.content as Json[]).map((p) => String(p.text ?? '')).join('\n');
}

/** [role, text] of every message the model was sent (a Responses or a Chat Completions request). */
function conversation(body: Json): [string, string][] {
  const entries = (body.input ?? body.messages) as Json[];
  return entries.filter((e) => e.type === 'message' || body.messages !== undefined).map((e) => [String(e.role), textOf(e)]);
}

/** Waits until `n` agent-message deltas arrived after notification index `from`. */
async function waitForDeltas(client: AppServerClient, from: number, n: number): Promise<void> {
  const count = (): number => client.notifications.slice(from).filter((x) => x.method === 'item/agentMessage/delta').length;
  await client.waitForLine(() => count() >= n);
}

describe('turns: interrupt and steer', function () {
  this.timeout(20000);
  let mock: MockModel;
  let client: AppServerClient | undefined;

  closeAfterEach(() => [client, mock], () => (client = undefined));

  async function setup(replies: Parameters<typeof startMockModel>[0], wireApi: 'responses' | 'chat' = 'responses'): Promise<string> {
    mock = await startMockModel(replies);
    client = await startAppServer({ mockBaseUrl: mock.baseUrl, wireApi });
    const { thread } = await client.request<{ thread: { id: string } }>('thread/start', { cwd: '/tmp' });
    return thread.id;
  }

  for (const wireApi of ['responses', 'chat'] as const) {
    it(`interrupts a streaming turn at once and tells the model next time (${wireApi})`, async () => {
      // Responses: created, in_progress, item added, part added, 3 deltas — then hold, before the item is done.
      // Chat Completions: every chunk before the finish chunk.
      const held = hang([message(['Par', 'tial ', 'text'])], wireApi === 'responses' ? { afterEvents: 7 } : {});
      const threadId = await setup({ replies: [held, textReply('Fresh start')] }, wireApi);
      const c = client as AppServerClient;
      const from = c.notifications.length;
      const { turn } = await c.request<{ turn: { id: string } }>('turn/start', { threadId, input: [textInput('Write a long story')] });
      await waitForDeltas(c, from, 3);
      const t0 = Date.now();
      const result = await c.request('turn/interrupt', { threadId, turnId: turn.id });
      const elapsed = Date.now() - t0;
      assert.deepEqual(result, {});
      assert.ok(elapsed < 1000, `turn/interrupt answered in ${elapsed} ms`);
      const completed = await c.waitForNotification('turn/completed', (p) => (p.turn as Json).id === turn.id);
      const doneTurn = completed.turn as Json;
      assert.equal(doneTurn.status, 'interrupted');
      assert.deepEqual(doneTurn.items, []);
      assert.equal(doneTurn.error, null);

      const notes = c.notifications.slice(from);
      const methods = notes.map((n) => n.method);
      const idle = methods.lastIndexOf('thread/status/changed');
      assert.deepEqual(notes[idle]?.params.status, { type: 'idle' });
      assert.ok(idle < methods.indexOf('turn/completed'), 'idle before turn/completed');
      const completedItems = notes.filter((n) => n.method === 'item/completed').map((n) => (n.params.item as Json).type);
      assert.deepEqual(completedItems, ['userMessage'], 'no item/completed for the partial agent message');
      await mock.waitForDisconnect(0, 2000);
      assert.equal(await mock.requests[0]?.finished, 'client-disconnected');

      const next = await runTurn(c, threadId, 'Never mind, say hi');
      assert.deepEqual(next.completed.items.map((i) => i.text), ['Fresh start']);
      const sent = conversation(mock.lastRequest('stream').body as Json).slice(2);
      assert.equal(sent.length, 3);
      assert.deepEqual(sent[0], ['user', 'Write a long story']);
      assert.equal(sent[1]?.[0], 'user');
      assert.match(sent[1]?.[1] ?? '', /^<turn_aborted>\n[\s\S]*interrupted the previous turn[\s\S]*<\/turn_aborted>$/);
      assert.deepEqual(sent[2], ['user', 'Never mind, say hi']);
      assert.ok(!JSON.stringify(mock.lastRequest('stream').body).includes('Partial text'), 'the partial answer is dropped');

      const read = await c.request<{ thread: { turns: Json[] } }>('thread/read', { threadId, includeTurns: true });
      assert.deepEqual(read.thread.turns.map((t) => t.status), ['interrupted', 'completed']);
    });
  }

  it('rejects turn/interrupt with a turn id that is not running', async () => {
    const threadId = await setup({ replies: [hang([message('...')])] });
    const c = client as AppServerClient;
    const { turn } = await c.request<{ turn: { id: string } }>('turn/start', { threadId, input: [textInput('go')] });
    await assert.rejects(c.request('turn/interrupt', { threadId, turnId: 'not-the-turn' }), (e: unknown) => e instanceof RpcCallError && /not running/.test(e.message));
    await c.request('turn/interrupt', { threadId, turnId: turn.id });
    const completed = await c.waitForNotification('turn/completed');
    assert.equal((completed.turn as Json).status, 'interrupted');
  });

  it('steers a running turn: the input becomes a user message the model receives', async () => {
    const slow = respond([message(['Working ', 'on ', 'it'])], { delayMs: 120 });
    const threadId = await setup({ replies: [slow, textReply('Switched to Rust')] });
    const c = client as AppServerClient;
    const from = c.notifications.length;
    const { turn } = await c.request<{ turn: { id: string } }>('turn/start', { threadId, input: [textInput('Write it in Go')] });
    await c.waitForNotification('item/agentMessage/delta');

    await assert.rejects(
      c.request('turn/steer', { threadId, input: [textInput('x')], expectedTurnId: 'some-other-turn' }),
      (e: unknown) => e instanceof RpcCallError && e.code === -32600 && /expected turn some-other-turn/.test(e.message),
    );
    const steered = await c.request('turn/steer', { threadId, input: [textInput('Actually, use Rust')], expectedTurnId: turn.id });
    assert.deepEqual(steered, { turnId: turn.id });

    const completed = await c.waitForNotification('turn/completed', (p) => (p.turn as Json).id === turn.id);
    assert.equal((completed.turn as Json).status, 'completed');
    assert.deepEqual(((completed.turn as Json).items as Json[]).map((i) => i.text), ['Working on it', 'Switched to Rust']);

    const requests = mock.requestsTo('responses');
    assert.equal(requests.length, 2, 'exactly one follow-up request');
    assert.deepEqual(conversation(requests[1]?.body as Json).slice(2), [
      ['user', 'Write it in Go'],
      ['assistant', 'Working on it'],
      ['user', 'Actually, use Rust'],
    ]);
    const userItems = c.notifications
      .slice(from)
      .filter((n) => n.method === 'item/completed' && (n.params.item as Json).type === 'userMessage')
      .map((n) => [n.params.turnId, ((n.params.item as Json).content as Json[])[0]?.text]);
    assert.deepEqual(userItems, [
      [turn.id, 'Write it in Go'],
      [turn.id, 'Actually, use Rust'],
    ]);
    const read = await c.request<{ thread: { turns: { items: Json[] }[] } }>('thread/read', { threadId, includeTurns: true });
    assert.deepEqual(read.thread.turns[0]?.items.map((i) => i.type), ['userMessage', 'agentMessage', 'userMessage', 'agentMessage']);
  });

  it('rejects turn/steer when no turn runs', async () => {
    const threadId = await setup({ replies: [] });
    const c = client as AppServerClient;
    await assert.rejects(
      c.request('turn/steer', { threadId, input: [textInput('x')], expectedTurnId: 'whatever' }),
      (e: unknown) => e instanceof RpcCallError && /no active turn/.test(e.message),
    );
  });
});
