// The canonical conversation-history format: Responses API input items, in their wire (snake_case) shape, so
// history can be sent back to the model and written to rollouts without translation. Also the zod validators
// for the items the model streams back (the trust boundary: whatever arrives is checked before we use it).

import * as z from 'zod';
import { lazy } from '../util/lazy';

export type MessageRole = 'user' | 'assistant' | 'developer' | 'system';

export interface InputTextPart {
  type: 'input_text';
  text: string;
}
export interface InputImagePart {
  type: 'input_image';
  /** An https URL or a `data:` URL. */
  image_url: string;
  detail?: 'auto' | 'low' | 'high';
}
export interface OutputTextPart {
  type: 'output_text';
  text: string;
  /** Kept because the API returns it and Codex sends it back (`annotations: []`). */
  annotations?: unknown[];
}
/** A model refusal; only in assistant messages. */
export interface RefusalPart {
  type: 'refusal';
  refusal: string;
}
export type ContentPart = InputTextPart | InputImagePart | OutputTextPart | RefusalPart;

export interface MessageItem {
  type: 'message';
  /** `msg_…`; the model's id for assistant messages, optional for messages we build. */
  id?: string;
  role: MessageRole;
  content: ContentPart[];
}

export interface SummaryTextPart {
  type: 'summary_text';
  text: string;
}
export interface ReasoningTextPart {
  type: 'reasoning_text';
  text: string;
}
export interface ReasoningItem {
  type: 'reasoning';
  id: string;
  summary: SummaryTextPart[];
  /** Raw reasoning text (open-weight models, Chat Completions `reasoning_content`). */
  content?: ReasoningTextPart[];
  /** Opaque; must be sent back verbatim so a stateless (`store:false`) model keeps its reasoning. */
  encrypted_content?: string | null;
}

export interface FunctionCallItem {
  type: 'function_call';
  id?: string;
  call_id: string;
  name: string;
  /** JSON text, exactly as the model produced it (it may be invalid JSON: the tool layer decides). */
  arguments: string;
}

/** What a tool result may carry: plain text, or parts (code-mode style) when images are involved. */
export type ToolOutputPart = InputTextPart | InputImagePart;
export type ToolOutput = string | ToolOutputPart[];

export interface FunctionCallOutputItem {
  type: 'function_call_output';
  call_id: string;
  output: ToolOutput;
}

export interface CustomToolCallItem {
  type: 'custom_tool_call';
  id?: string;
  call_id: string;
  name: string;
  /** Free-form input, e.g. an apply_patch body. */
  input: string;
}

export interface CustomToolCallOutputItem {
  type: 'custom_tool_call_output';
  call_id: string;
  output: ToolOutput;
}

/** One history item: what `ModelRequest.input` holds and what `outputItemDone` delivers for known types. */
export type ResponseItem =
  | MessageItem
  | ReasoningItem
  | FunctionCallItem
  | FunctionCallOutputItem
  | CustomToolCallItem
  | CustomToolCallOutputItem;

/**
 * An output item of a type this module does not model (web_search_call, image_generation_call, …). It is
 * delivered so callers can show or log it; `raw` is the item as received.
 */
export interface UnknownOutputItem {
  type: 'unknown';
  itemType: string;
  raw: Record<string, unknown>;
}

export type OutputItem = ResponseItem | UnknownOutputItem;

// ---- validators (for what the model sends back) ----

/** The validators, built on first use (lazy.ts). */
export const itemSchemas = lazy(() => {
  const inputTextSchema = z.object({ type: z.literal('input_text'), text: z.string() });
  const inputImageSchema = z.object({
    type: z.literal('input_image'),
    image_url: z.string(),
    detail: z.enum(['auto', 'low', 'high']).optional(),
  });
  const outputTextSchema = z.object({
    type: z.literal('output_text'),
    text: z.string(),
    annotations: z.array(z.unknown()).optional(),
  });
  const refusalSchema = z.object({ type: z.literal('refusal'), refusal: z.string() });

  const contentPartSchema = z.discriminatedUnion('type', [
    inputTextSchema,
    inputImageSchema,
    outputTextSchema,
    refusalSchema,
  ]) satisfies z.ZodType<ContentPart>;

  const messageItemSchema = z.object({
    type: z.literal('message'),
    id: z.string().optional(),
    role: z.enum(['user', 'assistant', 'developer', 'system']),
    content: z.array(contentPartSchema),
  }) satisfies z.ZodType<MessageItem>;

  const reasoningItemSchema = z.object({
    type: z.literal('reasoning'),
    id: z.string(),
    summary: z.array(z.object({ type: z.literal('summary_text'), text: z.string() })),
    content: z.array(z.object({ type: z.literal('reasoning_text'), text: z.string() })).optional(),
    encrypted_content: z.string().nullable().optional(),
  }) satisfies z.ZodType<ReasoningItem>;

  const functionCallItemSchema = z.object({
    type: z.literal('function_call'),
    id: z.string().optional(),
    call_id: z.string(),
    name: z.string(),
    arguments: z.string(),
  }) satisfies z.ZodType<FunctionCallItem>;

  const toolOutputSchema = z.union([z.string(), z.array(z.discriminatedUnion('type', [inputTextSchema, inputImageSchema]))]);

  const functionCallOutputItemSchema = z.object({
    type: z.literal('function_call_output'),
    call_id: z.string(),
    output: toolOutputSchema,
  }) satisfies z.ZodType<FunctionCallOutputItem>;

  const customToolCallItemSchema = z.object({
    type: z.literal('custom_tool_call'),
    id: z.string().optional(),
    call_id: z.string(),
    name: z.string(),
    input: z.string(),
  }) satisfies z.ZodType<CustomToolCallItem>;

  const customToolCallOutputItemSchema = z.object({
    type: z.literal('custom_tool_call_output'),
    call_id: z.string(),
    output: toolOutputSchema,
  }) satisfies z.ZodType<CustomToolCallOutputItem>;

  const responseItemSchema = z.discriminatedUnion('type', [
    messageItemSchema,
    reasoningItemSchema,
    functionCallItemSchema,
    functionCallOutputItemSchema,
    customToolCallItemSchema,
    customToolCallOutputItemSchema,
  ]) satisfies z.ZodType<ResponseItem>;

  return {
    contentPartSchema,
    messageItemSchema,
    reasoningItemSchema,
    functionCallItemSchema,
    functionCallOutputItemSchema,
    customToolCallItemSchema,
    customToolCallOutputItemSchema,
    responseItemSchema,
  };
});

const KNOWN_ITEM_TYPES: ReadonlySet<string> = new Set([
  'message',
  'reasoning',
  'function_call',
  'function_call_output',
  'custom_tool_call',
  'custom_tool_call_output',
]);

/** Renders a zod failure as `path: message` for error texts ("content.0.text: expected string"). */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid value';
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * Validates a completed output item from the model. Known types must match their schema; other object
 * types become `UnknownOutputItem`; anything else is an error (the caller turns it into a stream error).
 */
export function parseOutputItem(raw: unknown): ParseResult<OutputItem> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, error: 'item is not an object' };
  const record = raw as Record<string, unknown>;
  const type = record['type'];
  if (typeof type !== 'string') return { ok: false, error: 'item.type: expected string' };
  if (!KNOWN_ITEM_TYPES.has(type)) return { ok: true, value: { type: 'unknown', itemType: type, raw: record } };
  const parsed = itemSchemas().responseItemSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: `${type} item: ${describeZodError(parsed.error)}` };
  return { ok: true, value: parsed.data };
}

/** Concatenated text of a message's text-bearing parts (input_text, output_text, refusal). */
export function messageText(item: MessageItem, separator = ''): string {
  const texts: string[] = [];
  for (const part of item.content) {
    if (part.type === 'input_text' || part.type === 'output_text') texts.push(part.text);
    else if (part.type === 'refusal') texts.push(part.refusal);
  }
  return texts.join(separator);
}
