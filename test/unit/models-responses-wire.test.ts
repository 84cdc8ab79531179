// Responses API stream parsing at the trust boundary: malformed events become clear ModelErrors, in-band
// failures are classified, and ids missing from deltas are recovered from `output_item.added`.

import { strict as assert } from 'node:assert';
import { ResponsesStreamParser } from '../../server/models/responsesWire';
import { ModelError, parseOutputItem } from '../../server/models';

function isModelError(kind: string, pattern?: RegExp) {
  return (e: unknown): boolean => e instanceof ModelError && e.kind === kind && (!pattern || pattern.test(e.message));
}

describe('models: Responses stream parsing', () => {
  it('ignores events it does not need and fails clearly on malformed ones', () => {
    const parser = new ResponsesStreamParser();
    assert.deepEqual(parser.push({ type: 'response.in_progress', response: {} }), []);
    assert.deepEqual(parser.push({ type: 'response.content_part.added' }), []);
    assert.throws(() => parser.push('nope'), isModelError('badResponse', /not a JSON object/));
    assert.throws(() => parser.push({ sequence_number: 1 }), isModelError('badResponse', /no "type"/));
    assert.throws(
      () => parser.push({ type: 'response.output_text.delta', item_id: 'm', output_index: 0, delta: 5 }),
      isModelError('badResponse', /malformed response\.output_text\.delta event \(delta: /),
    );
    assert.throws(
      () => parser.push({ type: 'response.output_item.done', output_index: 0, item: { type: 'function_call', call_id: 'c', name: 'f' } }),
      isModelError('badResponse', /function_call item: arguments/),
    );
  });

  it('uses the id from output_item.added for deltas and done items that lack one', () => {
    const parser = new ResponsesStreamParser();
    parser.push({ type: 'response.created', response: { id: 'resp_1' } });
    const [added] = parser.push({ type: 'response.output_item.added', output_index: 0, item: { type: 'reasoning' } });
    assert.deepEqual(added, { type: 'outputItemAdded', outputIndex: 0, item: { type: 'reasoning', id: 'reasoning_resp_1_0' } });
    const [delta] = parser.push({ type: 'response.reasoning_text.delta', output_index: 0, content_index: 0, delta: 'x' });
    assert.deepEqual(delta, { type: 'reasoningContentDelta', itemId: 'reasoning_resp_1_0', contentIndex: 0, delta: 'x' });
    const [done] = parser.push({ type: 'response.output_item.done', output_index: 0, item: { type: 'reasoning', summary: [] } });
    assert.deepEqual(done, { type: 'outputItemDone', outputIndex: 0, item: { type: 'reasoning', id: 'reasoning_resp_1_0', summary: [] } });
    assert.throws(
      () => parser.push({ type: 'response.output_text.delta', output_index: 7, delta: 'x' }),
      isModelError('badResponse', /output 7, which was never added/),
    );
  });

  it('passes unknown output item types through as `unknown`', () => {
    const parser = new ResponsesStreamParser();
    const raw = { type: 'web_search_call', id: 'ws_1', status: 'completed' };
    const [added] = parser.push({ type: 'response.output_item.added', output_index: 0, item: raw });
    assert.deepEqual(added, { type: 'outputItemAdded', outputIndex: 0, item: { type: 'other', id: 'ws_1', itemType: 'web_search_call' } });
    const [done] = parser.push({ type: 'response.output_item.done', output_index: 0, item: raw });
    assert.deepEqual(done, { type: 'outputItemDone', outputIndex: 0, item: { type: 'unknown', itemType: 'web_search_call', raw } });
  });

  it('completes on response.completed and requires it before the end of the stream', () => {
    const parser = new ResponsesStreamParser();
    assert.throws(() => parser.end(), isModelError('streamDisconnected', /stream closed before response\.completed/));
    const [completed] = parser.push({ type: 'response.completed', response: { id: 'r', usage: { input_tokens: 5, output_tokens: 2 } } });
    assert.deepEqual(completed, {
      type: 'completed',
      responseId: 'r',
      usage: { inputTokens: 5, cachedInputTokens: 0, outputTokens: 2, reasoningOutputTokens: 0, totalTokens: 7 },
    });
    assert.equal(parser.done, true);
    assert.deepEqual(parser.end(), []);
  });

  it('classifies in-band failures', () => {
    const parser = new ResponsesStreamParser();
    const failure = (code: string, message = 'm') => () => parser.push({ type: 'response.failed', response: { error: { code, message } } });
    assert.throws(failure('context_length_exceeded'), (e: unknown) => e instanceof ModelError && e.codexErrorInfo === 'contextWindowExceeded' && !e.retryable);
    assert.throws(failure('insufficient_quota'), (e: unknown) => e instanceof ModelError && e.codexErrorInfo === 'usageLimitExceeded');
    assert.throws(
      failure('rate_limit_exceeded', 'Rate limit reached. Please try again in 1.5s.'),
      (e: unknown) => e instanceof ModelError && e.codexErrorInfo === 'rateLimitExceeded' && e.retryAfterMs === 1500 && e.retryable,
    );
    assert.throws(failure('server_is_overloaded'), (e: unknown) => e instanceof ModelError && e.codexErrorInfo === 'serverOverloaded' && e.retryable);
    assert.throws(
      () => parser.push({ type: 'error', code: 'boom', message: 'It broke' }),
      (e: unknown) => e instanceof ModelError && e.kind === 'responseFailed' && e.retryable && /It broke/.test(e.message),
    );
    assert.throws(
      () => parser.push({ type: 'response.incomplete', response: { incomplete_details: { reason: 'max_output_tokens' } } }),
      isModelError('streamDisconnected', /Incomplete response returned, reason: max_output_tokens/),
    );
  });

  it('validates output items: known types by schema, other objects as unknown', () => {
    assert.deepEqual(parseOutputItem({ type: 'custom_tool_call', call_id: 'c', name: 'n', input: 'i', status: 'x' }), {
      ok: true,
      value: { type: 'custom_tool_call', call_id: 'c', name: 'n', input: 'i' },
    });
    assert.deepEqual(parseOutputItem([1]), { ok: false, error: 'item is not an object' });
    const bad = parseOutputItem({ type: 'message', role: 'robot', content: [] });
    assert.equal(bad.ok, false);
  });
});
