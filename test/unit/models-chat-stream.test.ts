// ChatStreamParser: tool-call fragments accumulated by index, item ids, finish and usage handling, and
// malformed chunks turned into errors.

import { strict as assert } from 'node:assert';
import { ChatStreamParser, unwrapCustomInput } from '../../server/models/chatStream';
import { ModelError, type ModelEvent } from '../../server/models';

function chunk(delta: Record<string, unknown>, finish_reason: string | null = null): Record<string, unknown> {
  return { id: 'chatcmpl-1', choices: [{ index: 0, delta, finish_reason }] };
}
const usageChunk = { id: 'chatcmpl-1', choices: [], usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 } };

function feed(parser: ChatStreamParser, chunks: unknown[]): ModelEvent[] {
  return chunks.flatMap((c) => parser.push(c));
}

describe('models: chat stream parsing', () => {
  it('accumulates interleaved tool-call fragments by index', () => {
    const parser = new ChatStreamParser(new Set());
    const events = feed(parser, [
      chunk({ tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'read', arguments: '' } }] }),
      chunk({ tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'write', arguments: '{"p' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"path":' } }] }),
      chunk({ tool_calls: [{ index: 1, function: { arguments: '":1}' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '"x"}' } }] }),
      chunk({}, 'tool_calls'),
      usageChunk,
    ]);
    const done = events.filter((e) => e.type === 'outputItemDone').map((e) => e.item);
    assert.deepEqual(done, [
      { type: 'function_call', id: 'fc_chatcmpl-1_0', call_id: 'call_a', name: 'read', arguments: '{"path":"x"}' },
      { type: 'function_call', id: 'fc_chatcmpl-1_1', call_id: 'call_b', name: 'write', arguments: '{"p":1}' },
    ]);
    const deltas = events.filter((e) => e.type === 'toolCallInputDelta').map((e) => [e.itemId, e.delta]);
    assert.deepEqual(deltas, [
      ['fc_chatcmpl-1_1', '{"p'],
      ['fc_chatcmpl-1_0', '{"path":'],
      ['fc_chatcmpl-1_1', '":1}'],
      ['fc_chatcmpl-1_0', '"x"}'],
    ]);
    assert.equal(parser.done, true);
    assert.deepEqual(events.at(-1), {
      type: 'completed',
      responseId: 'chatcmpl-1',
      usage: { inputTokens: 3, cachedInputTokens: 0, outputTokens: 4, reasoningOutputTokens: 0, totalTokens: 7 },
    });
  });

  it('waits for the name before announcing a call, and synthesizes a missing call id', () => {
    const parser = new ChatStreamParser(new Set());
    const early = parser.push(chunk({ tool_calls: [{ index: 0, function: { arguments: '{}' } }] }));
    assert.deepEqual(early.map((e) => e.type), ['created']);
    const later = parser.push(chunk({ tool_calls: [{ index: 0, function: { name: 'ping' } }] }));
    assert.deepEqual(later, [
      { type: 'outputItemAdded', outputIndex: 0, item: { type: 'functionCall', id: 'fc_chatcmpl-1_0', callId: 'call_chatcmpl-1_0', name: 'ping' } },
      { type: 'toolCallInputDelta', itemId: 'fc_chatcmpl-1_0', delta: '{}' },
    ]);
  });

  it('turns calls of custom tools back into custom_tool_call items', () => {
    const parser = new ChatStreamParser(new Set(['apply_patch']));
    const events = feed(parser, [
      chunk({ tool_calls: [{ index: 0, id: 'c', function: { name: 'apply_patch', arguments: '{"input":"*** Begin' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: ' Patch"}' } }] }),
      chunk({}, 'tool_calls'),
    ]);
    assert.equal(events.filter((e) => e.type === 'toolCallInputDelta').length, 0);
    const done = events.find((e) => e.type === 'outputItemDone');
    assert.deepEqual(done?.type === 'outputItemDone' && done.item, {
      type: 'custom_tool_call',
      id: 'ctc_chatcmpl-1_0',
      call_id: 'c',
      name: 'apply_patch',
      input: '*** Begin Patch',
    });
    assert.deepEqual(parser.end().map((e) => e.type), ['completed'], 'no usage chunk: completed at the end of the stream');
  });

  it('unwraps {"input": …} and keeps anything else verbatim', () => {
    assert.equal(unwrapCustomInput('{"input":"a\\nb"}'), 'a\nb');
    assert.equal(unwrapCustomInput('*** Begin Patch'), '*** Begin Patch');
    assert.equal(unwrapCustomInput('{"other":1}'), '{"other":1}');
  });

  it('closes reasoning when text starts and accepts `reasoning` as well as `reasoning_content`', () => {
    const parser = new ChatStreamParser(new Set());
    const events = feed(parser, [chunk({ reasoning: 'hm' }), chunk({ content: 'Hi' }), chunk({}, 'stop')]);
    assert.deepEqual(
      events.map((e) => e.type),
      ['created', 'outputItemAdded', 'reasoningContentDelta', 'outputItemDone', 'outputItemAdded', 'textDelta', 'outputItemDone'],
    );
  });

  it('synthesizes a response id when chunks have none', () => {
    const parser = new ChatStreamParser(new Set(), () => 'gen-1');
    const [created] = parser.push({ choices: [{ delta: { content: 'x' } }] });
    assert.deepEqual(created, { type: 'created', responseId: 'gen-1' });
  });

  it('rejects a stream that ends before finish_reason, and malformed chunks', () => {
    const parser = new ChatStreamParser(new Set());
    parser.push(chunk({ content: 'partial' }));
    assert.throws(() => parser.end(), (e: unknown) => e instanceof ModelError && e.kind === 'streamDisconnected');
    assert.throws(
      () => new ChatStreamParser(new Set()).push({ choices: [{ delta: { content: 42 } }] }),
      (e: unknown) => e instanceof ModelError && e.kind === 'badResponse' && /choices\.0\.delta\.content/.test(e.message),
    );
    assert.throws(
      () => feed(new ChatStreamParser(new Set()), [chunk({ tool_calls: [{ index: 0, id: 'x', function: { arguments: '{}' } }] }), chunk({}, 'tool_calls')]),
      (e: unknown) => e instanceof ModelError && /no function name/.test(e.message),
    );
  });
});
