// The Chat Completions response side: turns streamed `chat.completion.chunk`s into the same ModelEvents the
// Responses API gives — reasoning, message and tool-call items with synthesized stable ids, tool-call
// fragments accumulated by index, usage from the `include_usage` chunk — validating every chunk.

import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { lazy } from '../util/lazy';
import { CUSTOM_TOOL_INPUT_ARG } from './chatMessages';
import { badResponseError, streamDisconnectedError } from './errors';
import { describeZodError, type OutputItem } from './items';
import type { WireParser } from './streamRunner';
import { emptyUsage, type ModelEvent, type TokenUsage } from './types';

/** The chunk validator, built on first use (lazy.ts). */
const chunkSchema = lazy(() => {
  const count = z.number().nullish();
  return z.object({
    id: z.string().nullish(),
    choices: z
      .array(
        z.object({
          index: z.number().int().nullish(),
          delta: z
            .object({
              content: z.string().nullish(),
              // DeepSeek/vLLM say `reasoning_content`; Ollama and OpenRouter say `reasoning`.
              reasoning_content: z.string().nullish(),
              reasoning: z.string().nullish(),
              tool_calls: z
                .array(
                  z.object({
                    index: z.number().int().nonnegative().nullish(),
                    id: z.string().nullish(),
                    function: z.object({ name: z.string().nullish(), arguments: z.string().nullish() }).nullish(),
                  }),
                )
                .nullish(),
            })
            .nullish(),
          finish_reason: z.string().nullish(),
        }),
      )
      .nullish(),
    usage: z
      .object({
        prompt_tokens: count,
        completion_tokens: count,
        total_tokens: count,
        prompt_tokens_details: z.object({ cached_tokens: count }).nullish(),
        completion_tokens_details: z.object({ reasoning_tokens: count }).nullish(),
      })
      .nullish(),
  });
});

type Chunk = z.infer<ReturnType<typeof chunkSchema>>;

interface TextItem {
  kind: 'message' | 'reasoning';
  id: string;
  outputIndex: number;
  text: string;
}

interface ToolCallState {
  /** Accumulated from fragments; announced (`outputItemAdded`) once the name is known. */
  callId: string | undefined;
  name: string;
  arguments: string;
  itemId: string;
  outputIndex: number | undefined;
}

function toUsage(usage: NonNullable<Chunk['usage']>): TokenUsage {
  const inputTokens = usage.prompt_tokens ?? 0;
  const outputTokens = usage.completion_tokens ?? 0;
  return {
    inputTokens,
    cachedInputTokens: usage.prompt_tokens_details?.cached_tokens ?? 0,
    outputTokens,
    reasoningOutputTokens: usage.completion_tokens_details?.reasoning_tokens ?? 0,
    totalTokens: usage.total_tokens ?? inputTokens + outputTokens,
  };
}

/** A custom tool's call comes back as `{"input": "…"}`; unwrap it (or keep the raw text if it is not that). */
export function unwrapCustomInput(argumentsJson: string): string {
  try {
    const parsed: unknown = JSON.parse(argumentsJson);
    if (typeof parsed === 'object' && parsed !== null && CUSTOM_TOOL_INPUT_ARG in parsed) {
      const input = (parsed as Record<string, unknown>)[CUSTOM_TOOL_INPUT_ARG];
      if (typeof input === 'string') return input;
    }
  } catch {
    // Not JSON: the model wrote the input directly; keep it.
  }
  return argumentsJson;
}

/** Parses one attempt's Chat Completions stream. `customTools` are the names offered as custom tools. */
export class ChatStreamParser implements WireParser {
  private responseId: string | undefined;
  private nextOutputIndex = 0;
  private open: TextItem | undefined;
  private readonly toolCalls = new Map<number, ToolCallState>();
  private finishReason: string | undefined;
  private usage: TokenUsage | undefined;

  constructor(
    private readonly customTools: ReadonlySet<string>,
    private readonly makeId: () => string = () => `chatcmpl_${randomUUID()}`,
  ) {}

  get done(): boolean {
    // The usage chunk is the last one before [DONE]; no need to wait for the socket to close.
    return this.finishReason !== undefined && this.usage !== undefined;
  }

  push(raw: unknown): ModelEvent[] {
    const parsed = chunkSchema().safeParse(raw);
    if (!parsed.success) throw badResponseError(`malformed chat.completion.chunk (${describeZodError(parsed.error)})`);
    const chunk = parsed.data;
    const events: ModelEvent[] = [];
    if (this.responseId === undefined) {
      this.responseId = chunk.id ?? this.makeId();
      events.push({ type: 'created', responseId: this.responseId });
    }
    // Only the first choice matters: we never ask for n > 1.
    const choice = chunk.choices?.find((c) => (c.index ?? 0) === 0);
    const delta = choice?.delta;
    const reasoning = delta?.reasoning_content ?? delta?.reasoning;
    if (reasoning) this.textDelta('reasoning', reasoning, events);
    if (delta?.content) this.textDelta('message', delta.content, events);
    delta?.tool_calls?.forEach((fragment, position) => this.toolFragment(fragment, position, events));
    if (choice?.finish_reason && this.finishReason === undefined) {
      this.finishReason = choice.finish_reason;
      this.closeAll(events);
    }
    if (chunk.usage) this.usage = toUsage(chunk.usage);
    if (this.done) events.push(this.completed());
    return events;
  }

  end(): ModelEvent[] {
    if (this.finishReason === undefined) throw streamDisconnectedError('stream closed before finish_reason');
    return this.usage === undefined ? [this.completed()] : [];
  }

  private completed(): ModelEvent {
    return { type: 'completed', responseId: this.responseId ?? '', usage: this.usage ?? emptyUsage() };
  }

  /** Stable ids: derived from the completion id and the output position, so a replay gives the same ids. */
  private newId(prefix: string, outputIndex: number): string {
    return `${prefix}_${this.responseId ?? 'chat'}_${outputIndex}`;
  }

  private textDelta(kind: TextItem['kind'], delta: string, events: ModelEvent[]): void {
    if (this.open?.kind !== kind) {
      this.closeText(events);
      const outputIndex = this.nextOutputIndex++;
      const id = this.newId(kind === 'message' ? 'msg' : 'rs', outputIndex);
      this.open = { kind, id, outputIndex, text: '' };
      events.push({ type: 'outputItemAdded', outputIndex, item: { type: kind, id } });
    }
    const item = this.open;
    item.text += delta;
    if (kind === 'message') events.push({ type: 'textDelta', itemId: item.id, outputIndex: item.outputIndex, delta });
    // Chat reasoning is raw chain-of-thought text, not a summary.
    else events.push({ type: 'reasoningContentDelta', itemId: item.id, contentIndex: 0, delta });
  }

  private closeText(events: ModelEvent[]): void {
    const item = this.open;
    if (!item) return;
    this.open = undefined;
    const done: OutputItem =
      item.kind === 'message'
        ? { type: 'message', id: item.id, role: 'assistant', content: [{ type: 'output_text', text: item.text, annotations: [] }] }
        : { type: 'reasoning', id: item.id, summary: [], content: [{ type: 'reasoning_text', text: item.text }] };
    events.push({ type: 'outputItemDone', outputIndex: item.outputIndex, item: done });
  }

  private toolFragment(
    fragment: NonNullable<NonNullable<NonNullable<Chunk['choices']>[number]['delta']>['tool_calls']>[number],
    position: number,
    events: ModelEvent[],
  ): void {
    this.closeText(events);
    // Some servers omit `index` when they send whole calls; the position in the array stands in.
    const index = fragment.index ?? position;
    let call = this.toolCalls.get(index);
    if (!call) {
      call = { callId: undefined, name: '', arguments: '', itemId: '', outputIndex: undefined };
      this.toolCalls.set(index, call);
    }
    if (fragment.id && !call.callId) call.callId = fragment.id;
    // The name comes whole in one fragment (servers that repeat it must not double it).
    if (fragment.function?.name && call.outputIndex === undefined) call.name = fragment.function.name;
    const argsDelta = fragment.function?.arguments ?? '';
    call.arguments += argsDelta;
    const custom = this.customTools.has(call.name);
    if (call.outputIndex === undefined) {
      if (!call.name) return; // wait for the name before announcing the item
      call.outputIndex = this.nextOutputIndex++;
      call.callId ??= `call_${this.responseId ?? 'chat'}_${index}`;
      call.itemId = this.newId(custom ? 'ctc' : 'fc', call.outputIndex);
      const item = custom
        ? { type: 'customToolCall' as const, id: call.itemId, callId: call.callId, name: call.name }
        : { type: 'functionCall' as const, id: call.itemId, callId: call.callId, name: call.name };
      events.push({ type: 'outputItemAdded', outputIndex: call.outputIndex, item });
      // Arguments that arrived before the name are flushed as one delta.
      if (!custom && call.arguments) events.push({ type: 'toolCallInputDelta', itemId: call.itemId, delta: call.arguments });
      return;
    }
    // A custom tool's arguments are JSON around the real input: those fragments would mislead a renderer.
    if (!custom && argsDelta) events.push({ type: 'toolCallInputDelta', itemId: call.itemId, delta: argsDelta });
  }

  private closeAll(events: ModelEvent[]): void {
    this.closeText(events);
    const calls = [...this.toolCalls.values()].sort((a, b) => (a.outputIndex ?? 0) - (b.outputIndex ?? 0));
    for (const call of calls) {
      if (call.outputIndex === undefined || call.callId === undefined) throw badResponseError('a tool call in the stream has no function name');
      const item: OutputItem = this.customTools.has(call.name)
        ? { type: 'custom_tool_call', id: call.itemId, call_id: call.callId, name: call.name, input: unwrapCustomInput(call.arguments) }
        : { type: 'function_call', id: call.itemId, call_id: call.callId, name: call.name, arguments: call.arguments };
      events.push({ type: 'outputItemDone', outputIndex: call.outputIndex, item });
    }
    this.toolCalls.clear();
  }
}
