// Model failures during a turn: a final HTTP 500 (reference "model-error"), and the announced
// retries of a 500, a 429 with Retry-After and a dropped stream, after which the turn completes
// with its answer exactly once.
import { strict as assert } from 'node:assert';
import { drop, httpError, message, startMockModel, textReply, type MockModel } from '../support/mock-model';
import { HIGH_DEMAND_MESSAGE } from '../../server/models';
import { runTurn, startAppServer, type AppServerClient, type Notification } from '../support/app-server-client';
import { closeAfterEach } from '../support/server-fixture';

type Json = Record<string, unknown>;

describe('turns: model errors and retries', function () {
  this.timeout(20000);
  let mock: MockModel;
  let client: AppServerClient | undefined;

  closeAfterEach(() => [client, mock], () => (client = undefined));

  async function setup(replies: Parameters<typeof startMockModel>[0], args: string[] = []): Promise<string> {
    mock = await startMockModel(replies);
    client = await startAppServer({ mockBaseUrl: mock.baseUrl, args });
    const { thread } = await client.request<{ thread: { id: string } }>('thread/start', { cwd: '/tmp' });
    await client.waitForNotification('thread/started');
    return thread.id;
  }

  const errorsIn = (notes: readonly Notification[]): Json[] => notes.filter((n) => n.method === 'error').map((n) => n.params);

  it('fails the turn on a final HTTP 500, and the next turn works', async () => {
    const threadId = await setup({ replies: [httpError(500), textReply('Recovered')] });
    const c = client as AppServerClient;
    const { turn, completed, from } = await runTurn(c, threadId, 'hello?');
    const notes = c.notifications.slice(from);
    assert.deepEqual(
      notes.map((n) => n.method),
      ['thread/status/changed', 'turn/started', 'item/started', 'item/completed', 'thread/status/changed', 'error', 'turn/completed'],
    );
    assert.deepEqual(notes[4]?.params.status, { type: 'systemError' });
    const [error] = errorsIn(notes);
    assert.equal(error?.willRetry, false);
    assert.equal(error?.threadId, threadId);
    assert.equal(error?.turnId, turn.id);
    const detail = error?.error as Json;
    assert.equal(detail.codexErrorInfo, 'internalServerError');
    assert.equal(detail.message, HIGH_DEMAND_MESSAGE);
    assert.equal(completed.status, 'failed');
    assert.deepEqual(completed.items, []);
    assert.deepEqual(completed.error, detail);
    assert.equal(mock.requestsTo('responses').length, 1, 'request_max_retries = 0: no retry');

    const loaded = await c.request<{ thread: { status: Json } }>('thread/read', { threadId });
    assert.deepEqual(loaded.thread.status, { type: 'systemError' });

    const next = await runTurn(c, threadId, 'again');
    assert.equal(next.completed.status, 'completed');
    assert.deepEqual(next.completed.items.map((i) => i.text), ['Recovered']);
    const statuses = c.notifications.slice(next.from).filter((n) => n.method === 'thread/status/changed').map((n) => (n.params.status as Json).type);
    assert.deepEqual(statuses, ['active', 'idle']);
    const read = await c.request<{ thread: { turns: Json[] } }>('thread/read', { threadId, includeTurns: true });
    assert.deepEqual(read.thread.turns.map((t) => t.status), ['failed', 'completed']);
    assert.equal((read.thread.turns[0]?.error as Json).codexErrorInfo, 'internalServerError');
  });

  it('announces the retry of an HTTP 500 and completes', async () => {
    const threadId = await setup({ replies: [httpError(500), textReply('Second try')] }, ['-c', 'model_providers.mock.request_max_retries=2']);
    const c = client as AppServerClient;
    const { completed, from } = await runTurn(c, threadId, 'hi');
    const errors = errorsIn(c.notifications.slice(from));
    assert.equal(errors.length, 1);
    assert.equal(errors[0]?.willRetry, true);
    assert.equal((errors[0]?.error as Json).codexErrorInfo, 'internalServerError');
    assert.equal(completed.status, 'completed');
    assert.deepEqual(completed.items.map((i) => i.text), ['Second try']);
    assert.equal(mock.requestsTo('responses').length, 2);
    const statuses = c.notifications.slice(from).filter((n) => n.method === 'thread/status/changed').map((n) => (n.params.status as Json).type);
    assert.deepEqual(statuses, ['active', 'idle'], 'a retried error is not a systemError');
  });

  it('honours Retry-After on HTTP 429 and completes', async () => {
    // Retry-After: 2 s, scaled by the test client's CODEX_TS_RETRY_BASE_MS=5 (5/200) to 50 ms.
    const threadId = await setup({ replies: [httpError(429, { retryAfter: 2 }), textReply('Patience pays')] }, ['-c', 'model_providers.mock.request_max_retries=2']);
    const c = client as AppServerClient;
    const { completed, from } = await runTurn(c, threadId, 'hi');
    const errors = errorsIn(c.notifications.slice(from));
    assert.equal(errors.length, 1);
    assert.equal(errors[0]?.willRetry, true);
    assert.equal((errors[0]?.error as Json).codexErrorInfo, 'rateLimitExceeded');
    assert.match(String((errors[0]?.error as Json).message), /in 50 ms/);
    assert.equal(mock.requestsTo('responses').length, 2);
    assert.equal(completed.status, 'completed');
    assert.deepEqual(completed.items.map((i) => i.text), ['Patience pays']);
  });

  it('reconnects after a dropped stream; the answer appears once', async () => {
    const threadId = await setup({ replies: [drop([message('The answer is 42')]), textReply('The answer is 42')] }, ['-c', 'model_providers.mock.stream_max_retries=2']);
    const c = client as AppServerClient;
    const { completed, from } = await runTurn(c, threadId, 'what is the answer?');
    const notes = c.notifications.slice(from);
    const errors = errorsIn(notes);
    assert.equal(errors.length, 1);
    assert.equal(errors[0]?.willRetry, true);
    assert.deepEqual((errors[0]?.error as Json).codexErrorInfo, { responseStreamDisconnected: { httpStatusCode: null } });
    assert.equal(completed.status, 'completed');
    assert.deepEqual(completed.items.map((i) => i.text), ['The answer is 42']);
    assert.equal(mock.requestsTo('responses').length, 2);
    // The retried request carries nothing from the broken attempt.
    const retried = (mock.lastRequest('responses').body.input as Json[]).filter((i) => i.role === 'assistant');
    assert.deepEqual(retried, []);

    const read = await c.request<{ thread: { turns: { items: Json[] }[] } }>('thread/read', { threadId, includeTurns: true });
    const agentTexts = read.thread.turns.flatMap((t) => t.items).filter((i) => i.type === 'agentMessage').map((i) => i.text);
    assert.deepEqual(agentTexts, ['The answer is 42']);
    // The next request has the answer once in its history.
    mock.enqueue(textReply('ok'));
    await runTurn(c, threadId, 'thanks');
    const assistant = (mock.lastRequest('responses').body.input as Json[]).filter((i) => i.role === 'assistant');
    assert.equal(assistant.length, 1);
  });

  it('reconnects after a stream cut mid-message without completing the partial item', async () => {
    // created, in_progress, output_item.added, content_part.added, 2 deltas: cut before the item is done.
    const threadId = await setup({ replies: [drop([message(['Half ', 'way', ' there'])], { afterEvents: 6 }), textReply('All the way')] }, ['-c', 'model_providers.mock.stream_max_retries=1']);
    const c = client as AppServerClient;
    const { completed, from } = await runTurn(c, threadId, 'go');
    const notes = c.notifications.slice(from);
    const agentDone = notes.filter((n) => n.method === 'item/completed' && (n.params.item as Json).type === 'agentMessage');
    assert.deepEqual(agentDone.map((n) => (n.params.item as Json).text), ['All the way']);
    const methods = notes.map((n) => n.method);
    assert.ok(methods.indexOf('error') < methods.lastIndexOf('item/started'), 'the retry is announced before the new attempt streams');
    assert.deepEqual(completed.items.map((i) => i.text), ['All the way']);
  });
});
