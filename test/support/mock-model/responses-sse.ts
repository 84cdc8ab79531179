// Pure renderer for the OpenAI Responses API stream (POST /v1/responses): Reply → SSE frames, each
// `event: <type>\ndata: <json>\n\n` with `type` and an increasing `sequence_number`, in the order the real
// Codex accepts (created, in_progress, per item added…done, completed).

import { resolveItems, resolveUsage, type ResolvedItem } from './normalize';
import type { RenderContext, RenderedStream, StreamReply } from './types';

type Json = Record<string, unknown>;

/** One SSE frame with an `event:` line. */
export function sseEvent(type: string, data: Json): string {
  return `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** The finished form of an item, as in `response.output_item.done` and `response.completed.output`. */
function doneItem(item: ResolvedItem): Json {
  switch (item.type) {
    case 'message':
      return {
        id: item.id,
        type: 'message',
        status: 'completed',
        role: 'assistant',
        content: [{ type: 'output_text', text: item.text, annotations: [] }],
      };
    case 'reasoning':
      return {
        id: item.id,
        type: 'reasoning',
        summary: item.parts.map((p) => ({ type: 'summary_text', text: p.text })),
        ...(item.encryptedContent === undefined ? {} : { encrypted_content: item.encryptedContent }),
      };
    case 'functionCall':
      return {
        id: item.id,
        type: 'function_call',
        status: 'completed',
        arguments: item.text,
        call_id: item.callId,
        name: item.name,
      };
    case 'customToolCall':
      return { id: item.id, type: 'custom_tool_call', call_id: item.callId, name: item.name, input: item.text };
  }
}

/** The item as first announced in `response.output_item.added`. */
function addedItem(item: ResolvedItem): Json {
  switch (item.type) {
    case 'message':
      return { id: item.id, type: 'message', status: 'in_progress', role: 'assistant', content: [] };
    case 'reasoning':
      return { id: item.id, type: 'reasoning', summary: [] };
    case 'functionCall':
      return {
        id: item.id,
        type: 'function_call',
        status: 'in_progress',
        arguments: '',
        call_id: item.callId,
        name: item.name,
      };
    case 'customToolCall':
      return { id: item.id, type: 'custom_tool_call', call_id: item.callId, name: item.name, input: '' };
  }
}

/** The events between `output_item.added` and `output_item.done`, without type/sequence_number. */
function itemBody(item: ResolvedItem, output_index: number): [string, Json][] {
  const item_id = item.id;
  const events: [string, Json][] = [];
  switch (item.type) {
    case 'message': {
      const at = { item_id, output_index, content_index: 0 };
      events.push(['response.content_part.added', { ...at, part: { type: 'output_text', text: '', annotations: [] } }]);
      for (const delta of item.deltas) events.push(['response.output_text.delta', { ...at, delta, logprobs: [] }]);
      events.push(['response.output_text.done', { ...at, text: item.text, logprobs: [] }]);
      events.push([
        'response.content_part.done',
        { ...at, part: { type: 'output_text', text: item.text, annotations: [] } },
      ]);
      break;
    }
    case 'reasoning':
      item.parts.forEach((part, summary_index) => {
        const at = { item_id, output_index, summary_index };
        events.push(['response.reasoning_summary_part.added', { ...at, part: { type: 'summary_text', text: '' } }]);
        for (const delta of part.deltas) events.push(['response.reasoning_summary_text.delta', { ...at, delta }]);
        events.push(['response.reasoning_summary_text.done', { ...at, text: part.text }]);
        events.push(['response.reasoning_summary_part.done', { ...at, part: { type: 'summary_text', text: part.text } }]);
      });
      break;
    case 'functionCall':
      for (const delta of item.deltas) {
        events.push(['response.function_call_arguments.delta', { item_id, output_index, delta }]);
      }
      events.push([
        'response.function_call_arguments.done',
        { item_id, output_index, name: item.name, arguments: item.text },
      ]);
      break;
    case 'customToolCall':
      for (const delta of item.deltas) {
        events.push(['response.custom_tool_call_input.delta', { item_id, output_index, delta }]);
      }
      events.push(['response.custom_tool_call_input.done', { item_id, output_index, input: item.text }]);
      break;
  }
  return events;
}

/** The `response` object carried by created / in_progress / completed / failed. */
function responseObject(ctx: RenderContext, status: string, rest: Json): Json {
  return {
    id: `resp_mock_${ctx.n}`,
    object: 'response',
    created_at: ctx.createdAt,
    status,
    model: ctx.model,
    ...rest,
  };
}

/** Renders a streaming reply as Responses API SSE frames. */
export function renderResponsesSse(reply: StreamReply, ctx: RenderContext): RenderedStream {
  const events: [string, Json][] = [];
  events.push(['response.created', { response: responseObject(ctx, 'in_progress', { output: [] }) }]);
  events.push(['response.in_progress', { response: responseObject(ctx, 'in_progress', { output: [] }) }]);

  if (reply.kind === 'failed') {
    const error = { code: reply.code ?? 'server_error', message: reply.message ?? 'mock model: response failed' };
    events.push(['response.failed', { response: responseObject(ctx, 'failed', { output: [], error, usage: null }) }]);
    return finish(events, events.length - 1);
  }

  const items = resolveItems(reply.items, ctx);
  items.forEach((item, output_index) => {
    events.push(['response.output_item.added', { output_index, item: addedItem(item) }]);
    events.push(...itemBody(item, output_index));
    events.push(['response.output_item.done', { output_index, item: doneItem(item) }]);
  });
  const u = resolveUsage(reply.usage);
  const usage = {
    input_tokens: u.inputTokens,
    input_tokens_details: { cached_tokens: u.cachedTokens },
    output_tokens: u.outputTokens,
    output_tokens_details: { reasoning_tokens: u.reasoningTokens },
    total_tokens: u.totalTokens,
  };
  events.push(['response.completed', { response: responseObject(ctx, 'completed', { output: items.map(doneItem), usage }) }]);
  return finish(events, events.length - 1);
}

function finish(events: [string, Json][], completeAt: number): RenderedStream {
  const frames = events.map(([type, data], sequence_number) => sseEvent(type, { type, sequence_number, ...data }));
  return { frames, completeAt };
}
