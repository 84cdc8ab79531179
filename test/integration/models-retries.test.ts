// Retries, reconnects, idle timeouts and aborts of both model clients against the loopback mock model:
// each retry is announced with a `retrying` event, final failures carry Codex's codexErrorInfo.

import { strict as assert } from 'node:assert';
import { drop, failed, hang, httpError, message, type MockModel, respond, startMockModel, textReply } from '../support/mock-model';
import {
  createModelClient,
  HIGH_DEMAND_MESSAGE,
  type ModelClient,
  ModelError,
  type ModelEvent,
  type ModelRequest,
  resolveProvider,
  type WireApi,
} from '../../server/models';

const request: ModelRequest = {
  model: 'gpt-5.5',
  input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] }],
  tools: [],
};

interface Outcome {
  events: ModelEvent[];
  error?: ModelError;
}

async function run(client: ModelClient, req: ModelRequest = request): Promise<Outcome> {
  const events: ModelEvent[] = [];
  try {
    for await (const event of client.stream(req)) events.push(event);
    return { events };
  } catch (error) {
    assert.ok(error instanceof ModelError, `expected a ModelError, got ${String(error)}`);
    return { events, error };
  }
}

function retries(events: ModelEvent[]): Extract<ModelEvent, { type: 'retrying' }>[] {
  return events.filter((e): e is Extract<ModelEvent, { type: 'retrying' }> => e.type === 'retrying');
}

function text(events: ModelEvent[]): string {
  return events.map((e) => (e.type === 'textDelta' ? e.delta : e.type === 'retrying' ? '|' : '')).join('');
}

for (const wireApi of ['responses', 'chat'] as const satisfies readonly WireApi[]) {
  describe(`models: retries over the ${wireApi} wire API`, () => {
    let mock: MockModel;
    beforeEach(async () => {
      mock = await startMockModel();
    });
    afterEach(async () => {
      await mock.close();
    });

    function client(settings: Record<string, number> = {}): ModelClient {
      const table = { mock: { base_url: mock.baseUrl, wire_api: wireApi, ...settings } };
      return createModelClient(resolveProvider('mock', table, {}), { retryDelayScale: 0.01, random: () => 0.5 });
    }

    it('retries an HTTP 500 once, announcing it, then succeeds', async () => {
      mock.enqueue(httpError(500), textReply('Hello'));
      const { events, error } = await run(client());
      assert.equal(error, undefined);
      const [retry, ...more] = retries(events);
      assert.equal(more.length, 0);
      assert.equal(events[0], retry, 'the retry is announced before anything else');
      assert.equal(retry?.phase, 'request');
      assert.equal(retry?.attempt, 1);
      assert.equal(retry?.maxAttempts, 4);
      assert.equal(retry?.delayMs, 2, '200 ms base × 0.01 scale, no jitter at random()=0.5');
      assert.equal(retry?.error.codexErrorInfo, 'internalServerError');
      assert.equal(text(events), '|Hello');
      assert.equal(events.at(-1)?.type, 'completed');
      assert.equal(mock.requestsTo('stream').length, 2);
    });

    it('honours Retry-After on HTTP 429 (scaled)', async () => {
      mock.enqueue(httpError(429, { retryAfter: 3 }), textReply('ok'));
      const started = Date.now();
      const { events, error } = await run(client());
      assert.equal(error, undefined);
      const [retry] = retries(events);
      assert.equal(retry?.delayMs, 30, '3 s × 0.01');
      assert.equal(retry?.error.codexErrorInfo, 'rateLimitExceeded');
      assert.equal(retry?.error.retryAfterMs, 3000);
      assert.ok(Date.now() - started >= 30);
      assert.equal(text(events), '|ok');
    });

    it('reconnects after a dropped stream; events after `retrying` restart the response', async () => {
      mock.enqueue(drop([message(['Hel', 'lo'])]), textReply('Hello again'));
      const { events, error } = await run(client());
      assert.equal(error, undefined);
      const [retry] = retries(events);
      assert.equal(retry?.phase, 'stream');
      assert.equal(retry?.maxAttempts, 5);
      assert.equal(retry?.error.kind, 'streamDisconnected');
      assert.deepEqual(retry?.error.codexErrorInfo, { responseStreamDisconnected: { httpStatusCode: null } });
      assert.equal(text(events), 'Hello|Hello again');
      const afterRetry = events.slice(events.indexOf(retry as ModelEvent) + 1);
      assert.equal(afterRetry[0]?.type, 'created');
      assert.equal(events.filter((e) => e.type === 'completed').length, 1);
    });

    it('treats a stream that ends cleanly before completion as disconnected', async () => {
      mock.enqueue(drop([message('partial')], { how: 'end' }), textReply('done'));
      const { events, error } = await run(client());
      assert.equal(error, undefined);
      assert.match(retries(events)[0]?.error.message ?? '', /stream (closed|disconnected)/);
      assert.equal(events.at(-1)?.type, 'completed');
    });

    it('gives up after request_max_retries with the last status', async () => {
      mock.enqueue(httpError(502), httpError(502), httpError(502));
      const { events, error } = await run(client({ request_max_retries: 2 }));
      assert.equal(retries(events).length, 2);
      assert.equal(error?.kind, 'http');
      assert.equal(error?.status, 502);
      assert.deepEqual(error?.codexErrorInfo, { responseTooManyFailedAttempts: { httpStatusCode: 502 } });
      assert.match(error?.message ?? '', /gave up after 2 retries/);
      assert.equal(mock.requestsTo('stream').length, 3);
    });

    it('reports HTTP 500 with request_max_retries = 0 exactly as Codex does', async () => {
      mock.enqueue(httpError(500));
      const { events, error } = await run(client({ request_max_retries: 0 }));
      assert.deepEqual(events, []);
      assert.equal(error?.codexErrorInfo, 'internalServerError');
      assert.equal(error?.message, HIGH_DEMAND_MESSAGE);
    });

    it('gives up after stream_max_retries broken streams', async () => {
      mock.enqueue(drop([message('a')]), drop([message('b')]));
      const { events, error } = await run(client({ stream_max_retries: 1 }));
      assert.equal(retries(events).length, 1);
      assert.equal(error?.kind, 'streamDisconnected');
      assert.deepEqual(error?.codexErrorInfo, { responseStreamDisconnected: { httpStatusCode: null } });
    });

    it('does not retry HTTP 400', async () => {
      mock.enqueue(httpError(400, { message: 'bad tool schema' }), textReply('never'));
      const { events, error } = await run(client());
      assert.deepEqual(events, []);
      assert.equal(error?.kind, 'http');
      assert.equal(error?.status, 400);
      assert.equal(error?.codexErrorInfo, 'badRequest');
      assert.match(error?.message ?? '', /bad tool schema/);
      assert.equal(mock.requestsTo('stream').length, 1);
    });

    it('does not retry an in-band context-window failure', async () => {
      mock.enqueue(failed({ code: 'context_length_exceeded', message: 'too long' }), textReply('never'));
      const { error } = await run(client());
      assert.equal(error?.kind, 'responseFailed');
      assert.equal(error?.codexErrorInfo, 'contextWindowExceeded');
      assert.equal(mock.requestsTo('stream').length, 1);
    });

    it('retries a generic in-band failure', async () => {
      mock.enqueue(failed({ message: 'upstream hiccup' }), textReply('fine'));
      const { events, error } = await run(client());
      assert.equal(error, undefined);
      assert.match(retries(events)[0]?.error.message ?? '', /upstream hiccup/);
      assert.equal(text(events), '|fine');
    });

    it('stops a hanging stream at once on abort, closing the connection', async () => {
      mock.enqueue(hang([message(['one ', 'two ', 'three'])]));
      const controller = new AbortController();
      const events: ModelEvent[] = [];
      let abortedAt = 0;
      let caught: unknown;
      try {
        for await (const event of client().stream({ ...request, signal: controller.signal })) {
          events.push(event);
          if (event.type === 'textDelta' && event.delta === 'three') {
            abortedAt = Date.now();
            setTimeout(() => controller.abort(), 10);
          }
        }
      } catch (error) {
        caught = error;
      }
      assert.ok(caught instanceof ModelError);
      assert.equal(caught.kind, 'aborted');
      assert.ok(Date.now() - abortedAt < 500, 'the abort ends the stream quickly');
      assert.equal(text(events), 'one two three');
      const [first] = mock.requestsTo('stream');
      assert.ok(first);
      await mock.waitForDisconnect(first, 2000);
      assert.equal(await first.finished, 'client-disconnected');
    });

    it('closes the connection when the consumer stops reading', async () => {
      mock.enqueue(hang([message(['a', 'b'])]));
      for await (const event of client().stream(request)) if (event.type === 'textDelta') break;
      await mock.waitForDisconnect(0, 2000);
    });

    it('does not time out a slow stream whose events keep coming', async () => {
      mock.enqueue(respond([message(['a', 'b', 'c', 'd'])], { delayMs: 40 }));
      const { events, error } = await run(client({ stream_idle_timeout_ms: 150 }));
      assert.equal(error, undefined);
      assert.equal(retries(events).length, 0);
      assert.equal(text(events), 'abcd');
    });

    it('reconnects after the idle timeout', async () => {
      mock.enqueue(hang([message('stuck')]), textReply('unstuck'));
      const started = Date.now();
      const { events, error } = await run(client({ stream_idle_timeout_ms: 150 }));
      assert.equal(error, undefined);
      const [retry] = retries(events);
      assert.equal(retry?.error.kind, 'idleTimeout');
      assert.equal(retry?.phase, 'stream');
      assert.ok(Date.now() - started >= 150);
      assert.equal(text(events), 'stuck|unstuck');
      await mock.waitForDisconnect(0, 2000);
    });
  });
}

describe('models: connection failures', () => {
  it('retries a refused connection and then reports httpConnectionFailed', async () => {
    const mock = await startMockModel();
    const baseUrl = mock.baseUrl;
    await mock.close();
    const provider = resolveProvider('gone', { gone: { base_url: baseUrl, request_max_retries: 1 } }, {});
    const { events, error } = await run(createModelClient(provider, { retryDelayScale: 0.01 }));
    assert.equal(retries(events).length, 1);
    assert.equal(error?.kind, 'connection');
    assert.deepEqual(error?.codexErrorInfo, { httpConnectionFailed: { httpStatusCode: null } });
    assert.match(error?.message ?? '', new RegExp(`Could not connect to the model provider at ${baseUrl.replace(/\./g, '\\.')}`));
  });

  it('aborts during a backoff wait without issuing another request', async () => {
    const mock = await startMockModel({ replies: [httpError(503), respond([message('late')])] });
    try {
      const provider = resolveProvider('mock', { mock: { base_url: mock.baseUrl } }, {});
      const controller = new AbortController();
      const client = createModelClient(provider, { retryBaseDelayMs: 5000 });
      const events: ModelEvent[] = [];
      let caught: unknown;
      try {
        for await (const event of client.stream({ ...request, signal: controller.signal })) {
          events.push(event);
          if (event.type === 'retrying') controller.abort();
        }
      } catch (error) {
        caught = error;
      }
      assert.ok(caught instanceof ModelError && caught.kind === 'aborted');
      assert.equal(retries(events)[0]?.error.codexErrorInfo, 'serverOverloaded');
      assert.equal(mock.requestsTo('stream').length, 1);
    } finally {
      await mock.close();
    }
  });
});
