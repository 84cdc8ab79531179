// Pure renderer for the OpenAI Chat Completions stream (POST /v1/chat/completions): Reply → SSE frames
// `data: <chunk json>\n\n` ending with `data: [DONE]\n\n`. Messages become `delta.content`, reasoning
// `delta.reasoning_content`, function and custom tool calls `delta.tool_calls`.

import { resolveItems, resolveUsage } from './normalize';
import type { RenderContext, RenderedStream, StreamReply } from './types';

type Json = Record<string, unknown>;

/** One SSE frame with only a `data:` line. */
export function sseData(data: Json | string): string {
  return `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
}

/** Renders a streaming reply as Chat Completions SSE frames. */
export function renderChatSse(reply: StreamReply, ctx: RenderContext): RenderedStream {
  const head = { id: `chatcmpl-mock-${ctx.n}`, object: 'chat.completion.chunk', created: ctx.createdAt, model: ctx.model };
  const chunk = (delta: Json, finish_reason: string | null = null): string =>
    sseData({ ...head, choices: [{ index: 0, delta, finish_reason }] });

  const frames: string[] = [chunk({ role: 'assistant', content: '' })];

  if (reply.kind === 'failed') {
    const error = {
      message: reply.message ?? 'mock model: response failed',
      type: 'server_error',
      code: reply.code ?? 'server_error',
    };
    frames.push(sseData({ error }));
    return { frames, completeAt: frames.length - 1 };
  }

  let toolIndex = 0;
  for (const item of resolveItems(reply.items, ctx)) {
    switch (item.type) {
      case 'message':
        for (const delta of item.deltas) frames.push(chunk({ content: delta }));
        break;
      case 'reasoning':
        for (const part of item.parts) {
          for (const delta of part.deltas) frames.push(chunk({ reasoning_content: delta }));
        }
        break;
      case 'functionCall':
      case 'customToolCall': {
        const index = toolIndex++;
        frames.push(
          chunk({ tool_calls: [{ index, id: item.callId, type: 'function', function: { name: item.name, arguments: '' } }] }),
        );
        for (const delta of item.deltas) frames.push(chunk({ tool_calls: [{ index, function: { arguments: delta } }] }));
        break;
      }
    }
  }

  const completeAt = frames.length;
  frames.push(chunk({}, toolIndex > 0 ? 'tool_calls' : 'stop'));
  if (ctx.includeUsage) {
    const u = resolveUsage(reply.usage);
    const usage = {
      prompt_tokens: u.inputTokens,
      completion_tokens: u.outputTokens,
      total_tokens: u.totalTokens,
      prompt_tokens_details: { cached_tokens: u.cachedTokens },
      completion_tokens_details: { reasoning_tokens: u.reasoningTokens },
    };
    frames.push(sseData({ ...head, choices: [], usage }));
  }
  frames.push(sseData('[DONE]'));
  return { frames, completeAt };
}
