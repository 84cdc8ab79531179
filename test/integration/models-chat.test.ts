// ChatCompletionsClient against the loopback mock model: chunks become the same ModelEvents the Responses
// API gives (synthesized ids, accumulated tool calls, usage), and the body is a streaming chat request.

import { strict as assert } from 'node:assert';
import { customToolCall, functionCall, message, type MockModel, reasoning, respond, startMockModel } from '../support/mock-model';
import { ChatCompletionsClient, createModelClient, type ModelEvent, type ModelRequest, resolveProvider } from '../../server/models';

async function collect(stream: AsyncIterable<ModelEvent>): Promise<ModelEvent[]> {
  const events: ModelEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

const request: ModelRequest = {
  model: 'qwen3',
  instructions: 'You are Codex.',
  input: [
    { type: 'message', role: 'developer', content: [{ type: 'input_text', text: '<permissions>' }] },
    { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'list files' }] },
    { type: 'function_call', call_id: 'c1', name: 'exec_command', arguments: '{"cmd":"ls"}' },
    { type: 'function_call_output', call_id: 'c1', output: 'a.txt' },
  ],
  tools: [
    { type: 'function', name: 'exec_command', description: 'Run', parameters: { type: 'object', properties: {} }, strict: false },
    { type: 'custom', name: 'apply_patch', description: 'Patch', format: { type: 'text' } },
    { type: 'web_search' },
  ],
  reasoning: { effort: 'low' },
};

describe('models: Chat Completions client', () => {
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
          reasoning([['Let me ', 'look']]),
          message(['Run', 'ning']),
          functionCall('exec_command', ['{"cmd":', '"ls"}']),
          customToolCall('apply_patch', ['*** Begin', ' Patch']),
        ],
        { usage: { inputTokens: 20, cachedTokens: 5, outputTokens: 9, reasoningTokens: 2 } },
      ),
    );
    const provider = resolveProvider('ollama-chat', undefined, { CODEX_OSS_BASE_URL: mock.baseUrl });
    const events = await collect(createModelClient(provider).stream(request));
    assert.deepEqual(
      events.map((e) => e.type),
      [
        'created',
        ...['outputItemAdded', 'reasoningContentDelta', 'reasoningContentDelta', 'outputItemDone'],
        ...['outputItemAdded', 'textDelta', 'textDelta', 'outputItemDone'],
        ...['outputItemAdded', 'toolCallInputDelta', 'toolCallInputDelta'],
        'outputItemAdded', // the custom tool's JSON-free fragments are not streamed as deltas
        ...['outputItemDone', 'outputItemDone'],
        'completed',
      ],
    );
    const id = 'chatcmpl-mock-1';
    assert.deepEqual(events[0], { type: 'created', responseId: id });
    assert.deepEqual(events[2], { type: 'reasoningContentDelta', itemId: `rs_${id}_0`, contentIndex: 0, delta: 'Let me ' });
    assert.deepEqual(events[6], { type: 'textDelta', itemId: `msg_${id}_1`, outputIndex: 1, delta: 'Run' });
    const added = events.filter((e) => e.type === 'outputItemAdded').map((e) => e.item);
    assert.deepEqual(added, [
      { type: 'reasoning', id: `rs_${id}_0` },
      { type: 'message', id: `msg_${id}_1` },
      { type: 'functionCall', id: `fc_${id}_2`, callId: 'call_mock_1_2', name: 'exec_command' },
      { type: 'customToolCall', id: `ctc_${id}_3`, callId: 'call_mock_1_3', name: 'apply_patch' },
    ]);
    const done = events.filter((e) => e.type === 'outputItemDone');
    assert.deepEqual(
      done.map((e) => [e.outputIndex, e.item]),
      [
        [0, { type: 'reasoning', id: `rs_${id}_0`, summary: [], content: [{ type: 'reasoning_text', text: 'Let me look' }] }],
        [1, { type: 'message', id: `msg_${id}_1`, role: 'assistant', content: [{ type: 'output_text', text: 'Running', annotations: [] }] }],
        [2, { type: 'function_call', id: `fc_${id}_2`, call_id: 'call_mock_1_2', name: 'exec_command', arguments: '{"cmd":"ls"}' }],
        [3, { type: 'custom_tool_call', id: `ctc_${id}_3`, call_id: 'call_mock_1_3', name: 'apply_patch', input: '*** Begin Patch' }],
      ],
    );
    assert.deepEqual(events.at(-1), {
      type: 'completed',
      responseId: id,
      usage: { inputTokens: 20, cachedInputTokens: 5, outputTokens: 9, reasoningOutputTokens: 2, totalTokens: 29 },
    });
  });

  it('sends a streaming chat body with converted messages and tools, without an Authorization header', async () => {
    mock.enqueue(respond([message('ok')]));
    const provider = resolveProvider('local', { local: { base_url: mock.baseUrl, wire_api: 'chat' } }, {});
    await collect(new ChatCompletionsClient(provider).stream(request));
    const recorded = mock.lastRequest('chat');
    assert.equal(recorded.path, '/v1/chat/completions');
    assert.equal(recorded.headers['authorization'], undefined);
    const body = recorded.body;
    assert.equal(body.model, 'qwen3');
    assert.equal(body.stream, true);
    assert.deepEqual(body.stream_options, { include_usage: true });
    assert.equal(body['reasoning_effort'], 'low');
    assert.equal(body['tool_choice'], 'auto');
    assert.deepEqual(body.messages, [
      { role: 'system', content: 'You are Codex.' },
      { role: 'system', content: '<permissions>' },
      { role: 'user', content: 'list files' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'exec_command', arguments: '{"cmd":"ls"}' } }] },
      { role: 'tool', tool_call_id: 'c1', content: 'a.txt' },
    ]);
    const tools = body.tools as { function: { name: string; parameters: unknown } }[];
    assert.deepEqual(
      tools.map((t) => t.function.name),
      ['exec_command', 'apply_patch'],
      'the hosted web_search tool cannot be offered over chat',
    );
    assert.deepEqual(tools[1]?.function.parameters, {
      type: 'object',
      properties: { input: { type: 'string', description: 'The raw input for this tool.' } },
      required: ['input'],
      additionalProperties: false,
    });
  });
});
