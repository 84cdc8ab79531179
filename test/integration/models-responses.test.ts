// ResponsesClient against the loopback mock model: streamed items become the right ModelEvents, and the
// request body and headers have the shape Codex sends.

import { strict as assert } from 'node:assert';
import { customToolCall, functionCall, message, type MockModel, reasoning, respond, startMockModel } from '../support/mock-model';
import {
  createModelClient,
  type ModelEvent,
  type ModelProviderInfo,
  type ModelRequest,
  resolveProvider,
  ResponsesClient,
} from '../../server/models';

function provider(mock: MockModel, overrides: Partial<ModelProviderInfo> = {}): ModelProviderInfo {
  const table = { mock: { name: 'Mock', base_url: mock.baseUrl, wire_api: 'responses', env_key: 'MOCK_API_KEY' } };
  return { ...resolveProvider('mock', table, { MOCK_API_KEY: 'sk-test' }), ...overrides };
}

async function collect(stream: AsyncIterable<ModelEvent>): Promise<ModelEvent[]> {
  const events: ModelEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

const baseRequest: ModelRequest = {
  model: 'gpt-5.5',
  input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] }],
  tools: [],
};

describe('models: Responses API client', () => {
  let mock: MockModel;
  beforeEach(async () => {
    mock = await startMockModel();
  });
  afterEach(async () => {
    await mock.close();
  });

  it('streams reasoning, text, a function call and a custom tool call as typed events', async () => {
    mock.enqueue(
      respond(
        [
          reasoning([['Think', 'ing']], { encryptedContent: 'enc-1' }),
          message(['Hel', 'lo']),
          functionCall('exec_command', { cmd: 'echo hi' }),
          customToolCall('apply_patch', ['*** Begin Patch\n', '*** End Patch']),
        ],
        { usage: { inputTokens: 10, cachedTokens: 4, outputTokens: 7, reasoningTokens: 3 } },
      ),
    );
    const events = await collect(createModelClient(provider(mock)).stream(baseRequest));
    const types = events.map((e) => e.type);
    assert.deepEqual(types, [
      'created',
      ...['outputItemAdded', 'reasoningSummaryPartAdded', 'reasoningSummaryDelta', 'reasoningSummaryDelta', 'outputItemDone'],
      ...['outputItemAdded', 'textDelta', 'textDelta', 'outputItemDone'],
      // The mock splits '{"cmd":"echo hi"}' at its space: two deltas.
      ...['outputItemAdded', 'toolCallInputDelta', 'toolCallInputDelta', 'outputItemDone'],
      ...['outputItemAdded', 'toolCallInputDelta', 'toolCallInputDelta', 'outputItemDone'],
      'completed',
    ]);
    assert.deepEqual(events[0], { type: 'created', responseId: 'resp_mock_1' });
    assert.deepEqual(events[1], { type: 'outputItemAdded', outputIndex: 0, item: { type: 'reasoning', id: 'rs_mock_1_0' } });
    assert.deepEqual(events[3], { type: 'reasoningSummaryDelta', itemId: 'rs_mock_1_0', summaryIndex: 0, delta: 'Think' });
    assert.deepEqual(events[5], {
      type: 'outputItemDone',
      outputIndex: 0,
      item: { type: 'reasoning', id: 'rs_mock_1_0', summary: [{ type: 'summary_text', text: 'Thinking' }], encrypted_content: 'enc-1' },
    });
    assert.deepEqual(events[7], { type: 'textDelta', itemId: 'msg_mock_1_1', outputIndex: 1, delta: 'Hel' });
    const done = events.filter((e) => e.type === 'outputItemDone').map((e) => e.item);
    assert.deepEqual(done[1], {
      type: 'message',
      id: 'msg_mock_1_1',
      role: 'assistant',
      content: [{ type: 'output_text', text: 'Hello', annotations: [] }],
    });
    assert.deepEqual(done[2], {
      type: 'function_call',
      id: 'fc_mock_1_2',
      call_id: 'call_mock_1_2',
      name: 'exec_command',
      arguments: '{"cmd":"echo hi"}',
    });
    assert.deepEqual(done[3], {
      type: 'custom_tool_call',
      id: 'ctc_mock_1_3',
      call_id: 'call_mock_1_3',
      name: 'apply_patch',
      input: '*** Begin Patch\n*** End Patch',
    });
    const added = events.filter((e) => e.type === 'outputItemAdded').map((e) => e.item);
    assert.deepEqual(added[2], { type: 'functionCall', id: 'fc_mock_1_2', callId: 'call_mock_1_2', name: 'exec_command' });
    assert.deepEqual(added[3], { type: 'customToolCall', id: 'ctc_mock_1_3', callId: 'call_mock_1_3', name: 'apply_patch' });
    assert.deepEqual(events.at(-1), {
      type: 'completed',
      responseId: 'resp_mock_1',
      usage: { inputTokens: 10, cachedInputTokens: 4, outputTokens: 7, reasoningOutputTokens: 3, totalTokens: 17 },
    });
  });

  it('sends the body and headers Codex sends', async () => {
    mock.enqueue(respond([message('ok')]));
    const request: ModelRequest = {
      ...baseRequest,
      instructions: 'You are Codex.',
      tools: [
        { type: 'function', name: 'exec_command', description: 'Run', parameters: { type: 'object', properties: {} }, strict: false },
        { type: 'custom', name: 'apply_patch', description: 'Patch', format: { type: 'grammar', syntax: 'lark', definition: 'start: x' } },
        { type: 'web_search', external_web_access: true },
      ],
      toolChoice: 'auto',
      parallelToolCalls: true,
      reasoning: { effort: 'medium' },
      textVerbosity: 'low',
      promptCacheKey: 'thread-1',
      extraHeaders: { 'session-id': 'thread-1' },
    };
    await collect(createModelClient(provider(mock)).stream(request));
    const recorded = mock.lastRequest('responses');
    assert.equal(recorded.path, '/v1/responses');
    assert.equal(recorded.headers['authorization'], 'Bearer sk-test');
    assert.equal(recorded.headers['accept'], 'text/event-stream');
    assert.equal(recorded.headers['session-id'], 'thread-1');
    const body = recorded.body;
    assert.deepEqual(Object.keys(body), [
      'model', 'stream', 'input', 'tools', 'tool_choice', 'parallel_tool_calls', 'reasoning', 'store', 'include', 'prompt_cache_key', 'text',
    ]);
    assert.equal(body.model, 'gpt-5.5');
    assert.equal(body.stream, true);
    assert.equal(body['store'], false);
    assert.equal(body['instructions'], undefined, 'instructions travel as a developer message');
    assert.deepEqual(body.input, [
      { type: 'message', role: 'developer', content: [{ type: 'input_text', text: 'You are Codex.' }] },
      ...baseRequest.input,
    ]);
    assert.deepEqual(body.tools, request.tools);
    assert.equal(body['tool_choice'], 'auto');
    assert.equal(body['parallel_tool_calls'], true);
    assert.deepEqual(body['reasoning'], { effort: 'medium' });
    assert.deepEqual(body['include'], ['reasoning.encrypted_content']);
    assert.equal(body['prompt_cache_key'], 'thread-1');
    assert.deepEqual(body['text'], { verbosity: 'low' });
  });

  it('sends instructions at top level when configured, and an output schema as text.format', async () => {
    mock.enqueue(respond([message('{}')]));
    const schema = { type: 'object', properties: {}, additionalProperties: false };
    const client = new ResponsesClient(provider(mock), { instructionsMode: 'topLevel' });
    await collect(client.stream({ ...baseRequest, instructions: 'Be brief.', outputSchema: schema }));
    const body = mock.lastRequest('responses').body;
    assert.equal(body['instructions'], 'Be brief.');
    assert.deepEqual(body.input, baseRequest.input);
    assert.deepEqual(body['include'], []);
    assert.equal(body['reasoning'], undefined);
    assert.deepEqual(body['text'], { format: { type: 'json_schema', name: 'codex_output_schema', schema, strict: true } });
  });

  it('sends no Authorization header for a keyless provider, plus provider headers and query params', async () => {
    mock.enqueue(respond([message('ok')]));
    const table = {
      local: { base_url: mock.baseUrl, http_headers: { 'x-static': 's' }, env_http_headers: { 'x-env': 'MY_HDR' }, query_params: { 'api-version': '2025' } },
    };
    const local = resolveProvider('local', table, { MY_HDR: 'from-env' });
    const urls: string[] = [];
    const recordingFetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
      urls.push(input instanceof Request ? input.url : String(input));
      return fetch(input, init);
    };
    await collect(createModelClient(local, { fetch: recordingFetch }).stream(baseRequest));
    assert.deepEqual(urls, [`${mock.baseUrl}/responses?api-version=2025`]);
    const recorded = mock.lastRequest('responses');
    assert.equal(recorded.headers['authorization'], undefined);
    assert.equal(recorded.headers['x-static'], 's');
    assert.equal(recorded.headers['x-env'], 'from-env');
    assert.equal(recorded.path, '/v1/responses');
    assert.equal(recorded.reply?.kind, 'response');
  });
});
