// Canonical history → Chat Completions messages and tools (the lossy conversion for `wire_api = "chat"`).

import { strict as assert } from 'node:assert';
import { buildChatBody, toChatMessages, toChatTools } from '../../server/models/chatMessages';
import type { ResponseItem, ToolSpec } from '../../server/models';

const text = (t: string) => ({ type: 'input_text' as const, text: t });

describe('models: chat message conversion', () => {
  it('maps roles: developer/system → system, user, assistant; reasoning is dropped', () => {
    const input: ResponseItem[] = [
      { type: 'message', role: 'developer', content: [text('<skills>'), text('<permissions>')] },
      { type: 'message', role: 'system', content: [text('sys')] },
      { type: 'message', role: 'user', content: [text('hello')] },
      { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'thinking' }], encrypted_content: 'x' },
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Hi!', annotations: [] }] },
    ];
    assert.deepEqual(toChatMessages(input, 'base'), [
      { role: 'system', content: 'base' },
      { role: 'system', content: '<skills>\n<permissions>' },
      { role: 'system', content: 'sys' },
      { role: 'user', content: 'hello' },
      { role: 'assistant', content: 'Hi!' },
    ]);
  });

  it('keeps images in user messages as content parts', () => {
    const input: ResponseItem[] = [
      { type: 'message', role: 'user', content: [text('look'), { type: 'input_image', image_url: 'data:image/png;base64,AA', detail: 'high' }] },
    ];
    assert.deepEqual(toChatMessages(input), [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'look' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,AA', detail: 'high' } },
        ],
      },
    ]);
  });

  it('groups consecutive tool calls (and preceding assistant text) into one assistant message', () => {
    const input: ResponseItem[] = [
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Let me check.' }] },
      { type: 'function_call', call_id: 'c1', name: 'exec_command', arguments: '{"cmd":"ls"}' },
      { type: 'custom_tool_call', call_id: 'c2', name: 'apply_patch', input: '*** Begin Patch' },
      { type: 'function_call_output', call_id: 'c1', output: 'a.txt' },
      { type: 'custom_tool_call_output', call_id: 'c2', output: 'Success' },
    ];
    assert.deepEqual(toChatMessages(input), [
      {
        role: 'assistant',
        content: 'Let me check.',
        tool_calls: [
          { id: 'c1', type: 'function', function: { name: 'exec_command', arguments: '{"cmd":"ls"}' } },
          { id: 'c2', type: 'function', function: { name: 'apply_patch', arguments: '{"input":"*** Begin Patch"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'c1', content: 'a.txt' },
      { role: 'tool', tool_call_id: 'c2', content: 'Success' },
    ]);
  });

  it('moves images from tool outputs into a user message after the run of tool messages', () => {
    const input: ResponseItem[] = [
      { type: 'function_call', call_id: 'c1', name: 'view_image', arguments: '{}' },
      { type: 'function_call', call_id: 'c2', name: 'view_image', arguments: '{}' },
      { type: 'function_call_output', call_id: 'c1', output: [text('image 1'), { type: 'input_image', image_url: 'https://x/1.png' }] },
      { type: 'function_call_output', call_id: 'c2', output: [text('image 2')] },
      { type: 'message', role: 'user', content: [text('thanks')] },
    ];
    const messages = toChatMessages(input);
    assert.deepEqual(
      messages.map((m) => m.role),
      ['assistant', 'tool', 'tool', 'user', 'user'],
    );
    assert.deepEqual(messages[1], { role: 'tool', tool_call_id: 'c1', content: 'image 1' });
    assert.deepEqual(messages[3], {
      role: 'user',
      content: [
        { type: 'text', text: 'Images returned by the tool calls above:' },
        { type: 'image_url', image_url: { url: 'https://x/1.png' } },
      ],
    });
  });

  it('offers custom tools as functions with one string argument and drops hosted tools', () => {
    const tools: ToolSpec[] = [
      { type: 'function', name: 'f', description: 'F', parameters: { type: 'object' }, strict: true },
      { type: 'custom', name: 'apply_patch', description: 'Patch', format: { type: 'grammar', syntax: 'lark', definition: 'start: "x"' } },
      { type: 'web_search' },
    ];
    const chatTools = toChatTools(tools);
    assert.deepEqual(chatTools[0], { type: 'function', function: { name: 'f', description: 'F', parameters: { type: 'object' }, strict: true } });
    assert.equal(chatTools.length, 2);
    const patch = chatTools[1]?.function;
    assert.equal(patch?.name, 'apply_patch');
    assert.deepEqual((patch?.parameters as { required: string[] }).required, ['input']);
    assert.match(JSON.stringify(patch?.parameters), /lark grammar:\\nstart: \\"x\\"/);
  });

  it('builds a streaming body; tools-related fields only when there are tools', () => {
    const body = buildChatBody({ model: 'm', input: [], tools: [], toolChoice: 'required', parallelToolCalls: true, outputSchema: { type: 'object' } });
    assert.deepEqual(body, {
      model: 'm',
      messages: [],
      stream: true,
      stream_options: { include_usage: true },
      response_format: { type: 'json_schema', json_schema: { name: 'codex_output_schema', schema: { type: 'object' }, strict: true } },
    });
    const withTools = buildChatBody({
      model: 'm',
      input: [],
      tools: [{ type: 'function', name: 'f', description: '', parameters: {}, strict: false }],
      toolChoice: { type: 'function', name: 'f' },
      parallelToolCalls: false,
    });
    assert.deepEqual(withTools['tool_choice'], { type: 'function', function: { name: 'f' } });
    assert.equal(withTools['parallel_tool_calls'], false);
  });
});
