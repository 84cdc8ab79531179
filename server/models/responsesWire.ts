// The Responses API wire format: the request body Codex sends (`POST /responses`) and a parser that turns the
// streamed `response.*` events into ModelEvents, validating each event it uses (malformed → a clear error).

import * as z from 'zod';
import { lazy } from '../util/lazy';
import { badResponseError, inBandFailure, streamDisconnectedError } from './errors';
import { describeZodError, parseOutputItem, type ResponseItem } from './items';
import type { WireParser } from './streamRunner';
import { type AddedItem, emptyUsage, type ModelEvent, type ModelRequest, type TokenUsage } from './types';

/** Prepends the base instructions as a developer message (how Codex sends them). */
export function withInstructionsMessage(request: ModelRequest): ResponseItem[] {
  if (!request.instructions) return request.input;
  return [{ type: 'message', role: 'developer', content: [{ type: 'input_text', text: request.instructions }] }, ...request.input];
}

/** The JSON body, in the field order Codex uses. */
export function buildResponsesBody(request: ModelRequest, instructionsMode: 'developerMessage' | 'topLevel'): Record<string, unknown> {
  const topLevel = instructionsMode === 'topLevel' && request.instructions !== undefined;
  const body: Record<string, unknown> = { model: request.model };
  if (topLevel) body['instructions'] = request.instructions;
  body['stream'] = true;
  body['input'] = topLevel ? request.input : withInstructionsMessage(request);
  body['tools'] = request.tools;
  body['tool_choice'] = request.toolChoice ?? 'auto';
  body['parallel_tool_calls'] = request.parallelToolCalls ?? false;
  if (request.reasoning) {
    const { effort, summary } = request.reasoning;
    body['reasoning'] = { ...(effort ? { effort } : {}), ...(summary ? { summary } : {}) };
  }
  body['store'] = false;
  // Stateless use: the reasoning must come back encrypted so it can be replayed in the next request.
  body['include'] = request.reasoning ? ['reasoning.encrypted_content'] : [];
  if (request.promptCacheKey) body['prompt_cache_key'] = request.promptCacheKey;
  const text: Record<string, unknown> = {};
  if (request.textVerbosity) text['verbosity'] = request.textVerbosity;
  if (request.outputSchema) {
    text['format'] = { type: 'json_schema', name: 'codex_output_schema', schema: request.outputSchema, strict: true };
  }
  if (Object.keys(text).length > 0) body['text'] = text;
  return body;
}

// ---- stream events (only the fields we use; everything else is ignored) ----

/** The event validators, built on first use (lazy.ts). */
const eventSchemas = lazy(() => {
  const index = z.number().int().nonnegative();
  const looseItem = z.object({
    type: z.string(),
    id: z.string().nullish(),
    call_id: z.string().nullish(),
    name: z.string().nullish(),
  });
  const count = z.number().nullish();
  const usageSchema = z.object({
    input_tokens: count,
    input_tokens_details: z.object({ cached_tokens: count }).nullish(),
    output_tokens: count,
    output_tokens_details: z.object({ reasoning_tokens: count }).nullish(),
    total_tokens: count,
  });
  const errorInfo = z.object({ code: z.string().nullish(), message: z.string().nullish() });

  const itemRef = { item_id: z.string().nullish(), output_index: index };
  const ev = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) => z.object({ type: z.literal(type), ...shape });

  const streamEventSchema = z.discriminatedUnion('type', [
    ev('response.created', { response: z.object({ id: z.string() }) }),
    ev('response.output_item.added', { output_index: index, item: looseItem }),
    ev('response.output_item.done', { output_index: index, item: z.unknown() }),
    ev('response.output_text.delta', { ...itemRef, delta: z.string() }),
    ev('response.reasoning_summary_part.added', { ...itemRef, summary_index: index }),
    ev('response.reasoning_summary_text.delta', { ...itemRef, summary_index: index, delta: z.string() }),
    ev('response.reasoning_text.delta', { ...itemRef, content_index: index, delta: z.string() }),
    ev('response.function_call_arguments.delta', { ...itemRef, delta: z.string() }),
    ev('response.custom_tool_call_input.delta', { ...itemRef, delta: z.string() }),
    ev('response.completed', { response: z.object({ id: z.string(), usage: usageSchema.nullish() }) }),
    ev('response.failed', { response: z.object({ error: errorInfo.nullish() }) }),
    ev('response.incomplete', { response: z.object({ incomplete_details: z.object({ reason: z.string().nullish() }).nullish() }) }),
    ev('error', errorInfo.shape),
  ]);
  const handledTypes: ReadonlySet<string> = new Set(streamEventSchema.options.map((option) => option.shape.type.value));
  return { usageSchema, streamEventSchema, handledTypes };
});

type EventSchemas = ReturnType<typeof eventSchemas>;
type StreamEvent = z.infer<EventSchemas['streamEventSchema']>;
type EventOf<T extends StreamEvent['type']> = Extract<StreamEvent, { type: T }>;

export function toTokenUsage(usage: z.infer<EventSchemas['usageSchema']> | null | undefined): TokenUsage {
  if (!usage) return emptyUsage();
  const inputTokens = usage.input_tokens ?? 0;
  const outputTokens = usage.output_tokens ?? 0;
  return {
    inputTokens,
    cachedInputTokens: usage.input_tokens_details?.cached_tokens ?? 0,
    outputTokens,
    reasoningOutputTokens: usage.output_tokens_details?.reasoning_tokens ?? 0,
    totalTokens: usage.total_tokens ?? inputTokens + outputTokens,
  };
}

/** Parses one attempt's Responses stream. */
export class ResponsesStreamParser implements WireParser {
  private responseId = '';
  private readonly idByIndex = new Map<number, string>();
  private finished = false;

  get done(): boolean {
    return this.finished;
  }

  push(raw: unknown): ModelEvent[] {
    if (typeof raw !== 'object' || raw === null) throw badResponseError('an event is not a JSON object');
    const type = (raw as { type?: unknown }).type;
    if (typeof type !== 'string') throw badResponseError('an event has no "type"');
    const { handledTypes, streamEventSchema } = eventSchemas();
    if (!handledTypes.has(type)) return []; // in_progress, *.done text events, content_part.*: nothing we need
    const parsed = streamEventSchema.safeParse(raw);
    if (!parsed.success) throw badResponseError(`malformed ${type} event (${describeZodError(parsed.error)})`);
    return this.handle(parsed.data);
  }

  end(): ModelEvent[] {
    if (!this.finished) throw streamDisconnectedError('stream closed before response.completed');
    return [];
  }

  /** Deltas name their item; some servers only give the output index, so fall back to what `added` said. */
  private itemId(itemId: string | null | undefined, outputIndex: number): string {
    const id = itemId ?? this.idByIndex.get(outputIndex);
    if (id === undefined) throw badResponseError(`a delta refers to output ${outputIndex}, which was never added`);
    return id;
  }

  private handle(e: StreamEvent): ModelEvent[] {
    switch (e.type) {
      case 'response.created':
        this.responseId = e.response.id;
        return [{ type: 'created', responseId: this.responseId }];
      case 'response.output_item.added':
        return [this.added(e)];
      case 'response.output_item.done':
        return [this.doneItem(e)];
      case 'response.output_text.delta':
        return [{ type: 'textDelta', itemId: this.itemId(e.item_id, e.output_index), outputIndex: e.output_index, delta: e.delta }];
      case 'response.reasoning_summary_part.added':
        return [{ type: 'reasoningSummaryPartAdded', itemId: this.itemId(e.item_id, e.output_index), summaryIndex: e.summary_index }];
      case 'response.reasoning_summary_text.delta': {
        const itemId = this.itemId(e.item_id, e.output_index);
        return [{ type: 'reasoningSummaryDelta', itemId, summaryIndex: e.summary_index, delta: e.delta }];
      }
      case 'response.reasoning_text.delta': {
        const itemId = this.itemId(e.item_id, e.output_index);
        return [{ type: 'reasoningContentDelta', itemId, contentIndex: e.content_index, delta: e.delta }];
      }
      case 'response.function_call_arguments.delta':
      case 'response.custom_tool_call_input.delta':
        return [{ type: 'toolCallInputDelta', itemId: this.itemId(e.item_id, e.output_index), delta: e.delta }];
      case 'response.completed':
        this.finished = true;
        return [{ type: 'completed', responseId: e.response.id, usage: toTokenUsage(e.response.usage) }];
      case 'response.failed':
        throw inBandFailure(e.response.error?.code ?? undefined, e.response.error?.message ?? undefined);
      case 'response.incomplete':
        throw streamDisconnectedError(`Incomplete response returned, reason: ${e.response.incomplete_details?.reason ?? 'unknown'}`);
      case 'error':
        throw inBandFailure(e.code ?? undefined, e.message ?? undefined);
    }
  }

  private added(e: EventOf<'response.output_item.added'>): ModelEvent {
    const { item, output_index: outputIndex } = e;
    // Stable fallback id for servers that omit item ids.
    const id = item.id ?? `${item.type}_${this.responseId || 'resp'}_${outputIndex}`;
    this.idByIndex.set(outputIndex, id);
    let added: AddedItem;
    if (item.type === 'message' || item.type === 'reasoning') added = { type: item.type, id };
    else if (item.type === 'function_call' || item.type === 'custom_tool_call') {
      if (!item.call_id || !item.name) throw badResponseError(`${item.type} item ${id} has no call_id or name`);
      added = { type: item.type === 'function_call' ? 'functionCall' : 'customToolCall', id, callId: item.call_id, name: item.name };
    } else added = { type: 'other', id, itemType: item.type };
    return { type: 'outputItemAdded', outputIndex, item: added };
  }

  private doneItem(e: EventOf<'response.output_item.done'>): ModelEvent {
    let raw = e.item;
    const knownId = this.idByIndex.get(e.output_index);
    // Some servers send the id only in `added`; reasoning items need it to be replayable.
    if (knownId && typeof raw === 'object' && raw !== null && !('id' in raw)) raw = { ...raw, id: knownId };
    const parsed = parseOutputItem(raw);
    if (!parsed.ok) throw badResponseError(`malformed response.output_item.done event (${parsed.error})`);
    return { type: 'outputItemDone', outputIndex: e.output_index, item: parsed.value };
  }
}
