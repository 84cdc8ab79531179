// Self-test of the loopback mock model (test/support/mock-model): exact SSE bytes on both APIs,
// the reply queue and request recording, HTTP errors, drop, hang, and the smaller features.

import { strict as assert } from 'node:assert';
import {
  customToolCall,
  drop,
  EMPTY_QUEUE_MESSAGE,
  failed,
  functionCall,
  hang,
  httpError,
  message,
  reasoning,
  respond,
  splitDeltas,
  startMockModel,
  textReply,
  type MockModel,
  type RecordedRequest,
  type ResponseReply,
} from '../support/mock-model';

/** The reply whose exact bytes are pinned below: reasoning, a 2-delta message, a function call, usage. */
const GOLDEN_REPLY: ResponseReply = respond(
  [
    reasoning([['Read', 'ing']], { encryptedContent: 'enc1' }),
    message(['Hi', ' there']),
    functionCall('exec_command', ['{"cmd":', '"ls"}'], { callId: 'call_1' }),
  ],
  { usage: { inputTokens: 120, cachedTokens: 100, outputTokens: 30, reasoningTokens: 8 } },
);

const GOLDEN_RESPONSES = String.raw`event: response.created
data: {"type":"response.created","sequence_number":0,"response":{"id":"resp_mock_1","object":"response","created_at":1700000000,"status":"in_progress","model":"gpt-5.5","output":[]}}

event: response.in_progress
data: {"type":"response.in_progress","sequence_number":1,"response":{"id":"resp_mock_1","object":"response","created_at":1700000000,"status":"in_progress","model":"gpt-5.5","output":[]}}

event: response.output_item.added
data: {"type":"response.output_item.added","sequence_number":2,"output_index":0,"item":{"id":"rs_mock_1_0","type":"reasoning","summary":[]}}

event: response.reasoning_summary_part.added
data: {"type":"response.reasoning_summary_part.added","sequence_number":3,"item_id":"rs_mock_1_0","output_index":0,"summary_index":0,"part":{"type":"summary_text","text":""}}

event: response.reasoning_summary_text.delta
data: {"type":"response.reasoning_summary_text.delta","sequence_number":4,"item_id":"rs_mock_1_0","output_index":0,"summary_index":0,"delta":"Read"}

event: response.reasoning_summary_text.delta
data: {"type":"response.reasoning_summary_text.delta","sequence_number":5,"item_id":"rs_mock_1_0","output_index":0,"summary_index":0,"delta":"ing"}

event: response.reasoning_summary_text.done
data: {"type":"response.reasoning_summary_text.done","sequence_number":6,"item_id":"rs_mock_1_0","output_index":0,"summary_index":0,"text":"Reading"}

event: response.reasoning_summary_part.done
data: {"type":"response.reasoning_summary_part.done","sequence_number":7,"item_id":"rs_mock_1_0","output_index":0,"summary_index":0,"part":{"type":"summary_text","text":"Reading"}}

event: response.output_item.done
data: {"type":"response.output_item.done","sequence_number":8,"output_index":0,"item":{"id":"rs_mock_1_0","type":"reasoning","summary":[{"type":"summary_text","text":"Reading"}],"encrypted_content":"enc1"}}

event: response.output_item.added
data: {"type":"response.output_item.added","sequence_number":9,"output_index":1,"item":{"id":"msg_mock_1_1","type":"message","status":"in_progress","role":"assistant","content":[]}}

event: response.content_part.added
data: {"type":"response.content_part.added","sequence_number":10,"item_id":"msg_mock_1_1","output_index":1,"content_index":0,"part":{"type":"output_text","text":"","annotations":[]}}

event: response.output_text.delta
data: {"type":"response.output_text.delta","sequence_number":11,"item_id":"msg_mock_1_1","output_index":1,"content_index":0,"delta":"Hi","logprobs":[]}

event: response.output_text.delta
data: {"type":"response.output_text.delta","sequence_number":12,"item_id":"msg_mock_1_1","output_index":1,"content_index":0,"delta":" there","logprobs":[]}

event: response.output_text.done
data: {"type":"response.output_text.done","sequence_number":13,"item_id":"msg_mock_1_1","output_index":1,"content_index":0,"text":"Hi there","logprobs":[]}

event: response.content_part.done
data: {"type":"response.content_part.done","sequence_number":14,"item_id":"msg_mock_1_1","output_index":1,"content_index":0,"part":{"type":"output_text","text":"Hi there","annotations":[]}}

event: response.output_item.done
data: {"type":"response.output_item.done","sequence_number":15,"output_index":1,"item":{"id":"msg_mock_1_1","type":"message","status":"completed","role":"assistant","content":[{"type":"output_text","text":"Hi there","annotations":[]}]}}

event: response.output_item.added
data: {"type":"response.output_item.added","sequence_number":16,"output_index":2,"item":{"id":"fc_mock_1_2","type":"function_call","status":"in_progress","arguments":"","call_id":"call_1","name":"exec_command"}}

event: response.function_call_arguments.delta
data: {"type":"response.function_call_arguments.delta","sequence_number":17,"item_id":"fc_mock_1_2","output_index":2,"delta":"{\"cmd\":"}

event: response.function_call_arguments.delta
data: {"type":"response.function_call_arguments.delta","sequence_number":18,"item_id":"fc_mock_1_2","output_index":2,"delta":"\"ls\"}"}

event: response.function_call_arguments.done
data: {"type":"response.function_call_arguments.done","sequence_number":19,"item_id":"fc_mock_1_2","output_index":2,"name":"exec_command","arguments":"{\"cmd\":\"ls\"}"}

event: response.output_item.done
data: {"type":"response.output_item.done","sequence_number":20,"output_index":2,"item":{"id":"fc_mock_1_2","type":"function_call","status":"completed","arguments":"{\"cmd\":\"ls\"}","call_id":"call_1","name":"exec_command"}}

event: response.completed
data: {"type":"response.completed","sequence_number":21,"response":{"id":"resp_mock_1","object":"response","created_at":1700000000,"status":"completed","model":"gpt-5.5","output":[{"id":"rs_mock_1_0","type":"reasoning","summary":[{"type":"summary_text","text":"Reading"}],"encrypted_content":"enc1"},{"id":"msg_mock_1_1","type":"message","status":"completed","role":"assistant","content":[{"type":"output_text","text":"Hi there","annotations":[]}]},{"id":"fc_mock_1_2","type":"function_call","status":"completed","arguments":"{\"cmd\":\"ls\"}","call_id":"call_1","name":"exec_command"}],"usage":{"input_tokens":120,"input_tokens_details":{"cached_tokens":100},"output_tokens":30,"output_tokens_details":{"reasoning_tokens":8},"total_tokens":150}}}

`;

const GOLDEN_CHAT = String.raw`data: {"id":"chatcmpl-mock-1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-5.5","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}

data: {"id":"chatcmpl-mock-1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-5.5","choices":[{"index":0,"delta":{"reasoning_content":"Read"},"finish_reason":null}]}

data: {"id":"chatcmpl-mock-1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-5.5","choices":[{"index":0,"delta":{"reasoning_content":"ing"},"finish_reason":null}]}

data: {"id":"chatcmpl-mock-1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-5.5","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}

data: {"id":"chatcmpl-mock-1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-5.5","choices":[{"index":0,"delta":{"content":" there"},"finish_reason":null}]}

data: {"id":"chatcmpl-mock-1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-5.5","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"exec_command","arguments":""}}]},"finish_reason":null}]}

data: {"id":"chatcmpl-mock-1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-5.5","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"cmd\":"}}]},"finish_reason":null}]}

data: {"id":"chatcmpl-mock-1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-5.5","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"ls\"}"}}]},"finish_reason":null}]}

data: {"id":"chatcmpl-mock-1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-5.5","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}

data: {"id":"chatcmpl-mock-1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-5.5","choices":[],"usage":{"prompt_tokens":120,"completion_tokens":30,"total_tokens":150,"prompt_tokens_details":{"cached_tokens":100},"completion_tokens_details":{"reasoning_tokens":8}}}

data: [DONE]

`;

interface Frame {
  event?: string;
  data: string;
}

function parseSse(text: string): Frame[] {
  return text
    .split('\n\n')
    .filter((block) => block !== '')
    .map((block) => {
      const frame: Frame = { data: '' };
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) frame.event = line.slice('event: '.length);
        else if (line.startsWith('data: ')) frame.data = line.slice('data: '.length);
      }
      return frame;
    });
}

function json(frame: Frame | undefined): Record<string, unknown> {
  assert.ok(frame, 'missing frame');
  return JSON.parse(frame.data) as Record<string, unknown>;
}

function post(mock: MockModel, path: string, body: unknown, init: RequestInit = {}): Promise<Response> {
  return fetch(`${mock.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    ...init,
  });
}

/** Reads the body until it ends or breaks; a broken stream is reported instead of thrown. */
async function readToEnd(res: Response): Promise<{ text: string; error?: unknown }> {
  assert.ok(res.body);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { text };
      text += decoder.decode(value, { stream: true });
    }
  } catch (error) {
    return { text, error };
  }
}

describe('mock model (test/support/mock-model)', () => {
  let mock: MockModel;
  beforeEach(async () => {
    mock = await startMockModel();
  });
  afterEach(async () => {
    await mock.close();
  });

  it('binds 127.0.0.1 on a free port and serves GET /v1/models; unknown paths are 404', async () => {
    assert.match(mock.baseUrl, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const models = await fetch(`${mock.baseUrl}/models`);
    assert.equal(models.status, 200);
    const list = (await models.json()) as { object: string; data: { id: string }[] };
    assert.equal(list.object, 'list');
    assert.deepEqual(
      list.data.map((m) => m.id),
      ['gpt-5.5', 'mock-model'],
    );
    const missing = await post(mock, '/embeddings', {});
    assert.equal(missing.status, 404);
    const body = (await missing.json()) as { error: { message: string; code: string } };
    assert.equal(body.error.code, 'not_found');
    assert.equal(mock.remaining, 0);
    assert.deepEqual(
      mock.requests.map((r) => r.endpoint),
      ['models', 'other'],
    );
  });

  it('streams the exact Responses API SSE bytes', async () => {
    mock.enqueue(GOLDEN_REPLY);
    const res = await post(mock, '/responses', { model: 'gpt-5.5', stream: true, input: [] });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/event-stream');
    assert.equal(res.headers.get('cache-control'), 'no-cache');
    assert.equal(await res.text(), GOLDEN_RESPONSES);
    assert.equal(await mock.lastRequest().finished, 'completed');
  });

  it('streams the exact Chat Completions SSE bytes, with the usage chunk when include_usage', async () => {
    mock.enqueue(GOLDEN_REPLY);
    const res = await post(mock, '/chat/completions', {
      model: 'gpt-5.5',
      stream: true,
      stream_options: { include_usage: true },
      messages: [],
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/event-stream');
    assert.equal(await res.text(), GOLDEN_CHAT);
  });

  it('omits the Chat usage chunk without include_usage; finish_reason is stop for text', async () => {
    mock.enqueue(textReply('Hello there', { usage: { inputTokens: 5, outputTokens: 2 } }));
    const frames = parseSse(await (await post(mock, '/chat/completions', { model: 'm', stream: true })).text());
    assert.equal(frames.at(-1)?.data, '[DONE]');
    assert.ok(frames.every((f) => !f.data.includes('usage')));
    const finish = json(frames.at(-2)) as { choices: { delta: object; finish_reason: string }[] };
    assert.deepEqual(finish.choices, [{ index: 0, delta: {}, finish_reason: 'stop' }]);
    const text = frames
      .slice(0, -2)
      .map((f) => (json(f) as { choices: { delta: { content?: string } }[] }).choices[0]?.delta.content ?? '')
      .join('');
    assert.equal(text, 'Hello there');
  });

  it('answers requests from the FIFO queue in order and records body and headers', async () => {
    mock.enqueue(textReply(['first']), textReply(['second']));
    const a = await post(mock, '/responses', { model: 'gpt-5.5', input: ['a'] }, {
      headers: { authorization: 'Bearer k1', 'x-test': 'one' },
    });
    assert.ok((await a.text()).includes('"delta":"first"'));
    const b = await post(mock, '/chat/completions', { model: 'o3', messages: ['b'] });
    assert.ok((await b.text()).includes('"content":"second"'));
    assert.equal(mock.remaining, 0);

    const [first, second] = await mock.waitForRequests(2, 500);
    assert.ok(first && second);
    assert.equal(first.endpoint, 'responses');
    assert.equal(first.method, 'POST');
    assert.equal(first.path, '/v1/responses');
    assert.deepEqual(first.body, { model: 'gpt-5.5', input: ['a'] });
    assert.equal(first.rawBody, '{"model":"gpt-5.5","input":["a"]}');
    assert.equal(first.headers.authorization, 'Bearer k1');
    assert.equal(first.headers['x-test'], 'one');
    assert.equal(first.reply?.kind, 'response');
    assert.equal(second.endpoint, 'chat');
    assert.deepEqual(second.body.messages, ['b']);
    assert.equal(mock.lastRequest(), second);
    assert.equal(mock.lastRequest('responses'), first);
    assert.deepEqual(mock.requestsTo('stream'), [first, second]);
    await assert.rejects(mock.waitForRequests(3, 20), /timed out after 20 ms waiting for 3 request/);
  });

  it('answers 429 with a retry-after header and a JSON error body', async () => {
    mock.enqueue(httpError(429, { retryAfter: 2, message: 'slow down' }), textReply('ok'));
    const res = await post(mock, '/responses', {});
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('retry-after'), '2');
    assert.deepEqual(await res.json(), {
      error: { message: 'slow down', type: 'requests', code: 'rate_limit_exceeded' },
    });
    assert.equal((await post(mock, '/responses', {})).status, 200);
  });

  it('answers 500 with a server_error body', async () => {
    mock.enqueue(httpError(500));
    const res = await post(mock, '/chat/completions', {});
    assert.equal(res.status, 500);
    assert.equal(res.headers.get('retry-after'), null);
    assert.deepEqual(await res.json(), { error: { message: 'mock model: HTTP 500', type: 'server_error', code: null } });
  });

  it('answers 500 "no scripted reply left" when the queue is empty', async () => {
    const res = await post(mock, '/responses', {});
    assert.equal(res.status, 500);
    const body = (await res.json()) as { error: { message: string; code: string } };
    assert.equal(body.error.message, EMPTY_QUEUE_MESSAGE);
    assert.equal(body.error.message, 'mock model: no scripted reply left');
  });

  it('uses function scripts and the fallback responder with the recorded request', async () => {
    const seen: RecordedRequest[] = [];
    mock.enqueue((req) => textReply([`model=${String(req.body.model)}`]));
    mock.setResponder((req) => {
      seen.push(req);
      return textReply([`n=${req.index}`]);
    });
    assert.ok((await (await post(mock, '/responses', { model: 'x1' })).text()).includes('"delta":"model=x1"'));
    assert.ok((await (await post(mock, '/responses', {})).text()).includes('"delta":"n=1"'));
    assert.ok((await (await post(mock, '/responses', {})).text()).includes('"delta":"n=2"'));
    assert.deepEqual(
      seen.map((r) => r.index),
      [1, 2],
    );
  });

  it('drop: the client sees the stream break without response.completed or [DONE]', async () => {
    mock.enqueue(drop([message(['par', 'tial'])]), drop([message(['par', 'tial'])]));
    const responses = await readToEnd(await post(mock, '/responses', {}));
    assert.ok(responses.error, 'the stream should break');
    assert.ok(responses.text.includes('"delta":"tial"'));
    assert.ok(responses.text.includes('event: response.output_item.done'));
    assert.ok(!responses.text.includes('response.completed'));
    assert.equal(await mock.requests[0]?.finished, 'dropped');

    const chat = await readToEnd(await post(mock, '/chat/completions', { stream_options: { include_usage: true } }));
    assert.ok(chat.error);
    assert.ok(chat.text.includes('"content":"tial"'));
    assert.ok(!chat.text.includes('finish_reason":"stop'));
    assert.ok(!chat.text.includes('[DONE]'));
  });

  it('drop: afterEvents cuts after that many frames; how "end" ends the body cleanly', async () => {
    mock.enqueue(drop([message('Hello there')], { afterEvents: 3, how: 'end' }));
    const result = await readToEnd(await post(mock, '/responses', {}));
    assert.equal(result.error, undefined);
    assert.deepEqual(
      parseSse(result.text).map((f) => f.event),
      ['response.created', 'response.in_progress', 'response.output_item.added'],
    );
    assert.equal(await mock.requests[0]?.finished, 'dropped');
  });

  it('hang: holds the stream open; the mock sees the client abort', async () => {
    mock.enqueue(hang([message(['thinking'])]));
    const abort = new AbortController();
    const res = await post(mock, '/responses', {}, { signal: abort.signal });
    assert.ok(res.body);
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (!text.includes('event: response.output_item.done')) {
      const { value, done } = await reader.read();
      assert.ok(!done, 'a hanging stream must not end');
      text += decoder.decode(value, { stream: true });
    }
    assert.ok(!text.includes('response.completed'));
    abort.abort();
    const request = await mock.waitForDisconnect(0, 1000);
    await request.disconnected;
    assert.equal(await request.finished, 'client-disconnected');
  });

  it('hang: mock.close() ends a hanging stream', async () => {
    mock.enqueue(hang());
    const res = await post(mock, '/chat/completions', {});
    const reading = readToEnd(res);
    await mock.waitForRequests(1, 500);
    await mock.close();
    const { text } = await reading;
    assert.equal(parseSse(text).length, 1, 'only the role chunk before the hang');
    assert.equal(await mock.requests[0]?.finished, 'closed-by-mock');
  });

  it('renders a custom tool call on both APIs', async () => {
    const reply = respond([customToolCall('apply_patch', ['*** Begin Patch\n', '*** End Patch'], { callId: 'call_p' })]);
    mock.enqueue(reply, reply);

    const frames = parseSse(await (await post(mock, '/responses', {})).text());
    assert.deepEqual(
      frames.map((f) => f.event),
      [
        'response.created',
        'response.in_progress',
        'response.output_item.added',
        'response.custom_tool_call_input.delta',
        'response.custom_tool_call_input.delta',
        'response.custom_tool_call_input.done',
        'response.output_item.done',
        'response.completed',
      ],
    );
    assert.deepEqual(json(frames[3]), {
      type: 'response.custom_tool_call_input.delta',
      sequence_number: 3,
      item_id: 'ctc_mock_1_0',
      output_index: 0,
      delta: '*** Begin Patch\n',
    });
    assert.deepEqual(json(frames[5]).input, '*** Begin Patch\n*** End Patch');
    const item = {
      id: 'ctc_mock_1_0',
      type: 'custom_tool_call',
      call_id: 'call_p',
      name: 'apply_patch',
      input: '*** Begin Patch\n*** End Patch',
    };
    assert.deepEqual(json(frames[6]).item, item);
    assert.deepEqual((json(frames[7]).response as { output: unknown }).output, [item]);

    const chat = parseSse(await (await post(mock, '/chat/completions', {})).text());
    const deltas = chat.slice(0, -1).map((f) => (json(f) as { choices: { delta: unknown }[] }).choices[0]?.delta);
    assert.deepEqual(deltas, [
      { role: 'assistant', content: '' },
      { tool_calls: [{ index: 0, id: 'call_p', type: 'function', function: { name: 'apply_patch', arguments: '' } }] },
      { tool_calls: [{ index: 0, function: { arguments: '*** Begin Patch\n' } }] },
      { tool_calls: [{ index: 0, function: { arguments: '*** End Patch' } }] },
      {},
    ]);
    assert.equal((json(chat.at(-2)) as { choices: { finish_reason: string }[] }).choices[0]?.finish_reason, 'tool_calls');
    assert.equal(chat.at(-1)?.data, '[DONE]');
  });

  it('failed: response.failed on Responses, an error chunk without [DONE] on Chat', async () => {
    mock.enqueue(failed({ code: 'context_length_exceeded', message: 'too long' }), failed());
    const frames = parseSse(await (await post(mock, '/responses', {})).text());
    assert.deepEqual(
      frames.map((f) => f.event),
      ['response.created', 'response.in_progress', 'response.failed'],
    );
    const response = json(frames[2]).response as { status: string; error: unknown };
    assert.equal(response.status, 'failed');
    assert.deepEqual(response.error, { code: 'context_length_exceeded', message: 'too long' });
    const chat = parseSse(await (await post(mock, '/chat/completions', {})).text());
    assert.deepEqual(json(chat.at(-1)), {
      error: { message: 'mock model: response failed', type: 'server_error', code: 'server_error' },
    });
  });

  it('rejects a non-JSON body with 400 without consuming a reply', async () => {
    mock.enqueue(textReply('kept'));
    const res = await fetch(`${mock.baseUrl}/responses`, { method: 'POST', body: '{nope' });
    assert.equal(res.status, 400);
    assert.equal(mock.remaining, 1);
    assert.ok(mock.lastRequest().jsonError);
  });

  it('splits string text into at most 3 deltas, at word boundaries when it can', () => {
    assert.deepEqual(splitDeltas('Hello there, world, again'), ['Hello ', 'there, ', 'world, again']);
    assert.deepEqual(splitDeltas('Hi you'), ['Hi ', 'you']);
    assert.deepEqual(splitDeltas('{"a":1}'), ['{"', 'a"', ':1}']);
    assert.deepEqual(splitDeltas(''), []);
  });
});
