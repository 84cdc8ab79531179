// Small constructors for scripting the mock model tersely: output items (message, reasoning,
// functionCall, customToolCall) and replies (respond, textReply, httpError, drop, hang, failed).

import type {
  CustomToolCallItem,
  Deltas,
  DropReply,
  FailedReply,
  FunctionCallItem,
  HangReply,
  HttpErrorReply,
  MessageItem,
  OutputItem,
  ReasoningItem,
  ResponseReply,
  StreamOptions,
} from './types';

interface ItemIds {
  id?: string;
}
interface CallIds extends ItemIds {
  callId?: string;
}

/** An assistant message; a string is split into ≤3 deltas, an array gives the deltas exactly. */
export function message(text: Deltas, opts: ItemIds = {}): MessageItem {
  return { type: 'message', text, ...opts };
}

/**
 * A reasoning item. A string is one summary part; an array lists the parts (each a string or its deltas):
 * `reasoning('Thinking')`, `reasoning(['Part one', 'Part two'])`, `reasoning([['Thin', 'king']])`.
 */
export function reasoning(summary: string | readonly Deltas[], opts: ItemIds & { encryptedContent?: string } = {}): ReasoningItem {
  return { type: 'reasoning', summary: typeof summary === 'string' ? [summary] : summary, ...opts };
}

/** A function call; `args` is an object (JSON.stringify'd), a JSON string, or its deltas. */
export function functionCall(name: string, args: FunctionCallItem['arguments'], opts: CallIds = {}): FunctionCallItem {
  return { type: 'functionCall', name, arguments: args, ...opts };
}

/** A custom (freeform) tool call such as apply_patch. */
export function customToolCall(name: string, input: Deltas, opts: CallIds = {}): CustomToolCallItem {
  return { type: 'customToolCall', name, input, ...opts };
}

/** A complete streamed response with these output items. */
export function respond(items: readonly OutputItem[], opts: StreamOptions = {}): ResponseReply {
  return { kind: 'response', items, ...opts };
}

/** A complete response with one assistant message. */
export function textReply(text: Deltas, opts: StreamOptions = {}): ResponseReply {
  return respond([message(text)], opts);
}

/** An HTTP error, e.g. `httpError(429, { retryAfter: 1 })` or `httpError(500)`. */
export function httpError(status: number, opts: Omit<HttpErrorReply, 'kind' | 'status'> = {}): HttpErrorReply {
  return { kind: 'httpError', status, ...opts };
}

/** Streams the items without the completion (or only `afterEvents` frames), then cuts the connection. */
export function drop(items: readonly OutputItem[] = [], opts: Omit<DropReply, 'kind' | 'items'> = {}): DropReply {
  return { kind: 'drop', items, ...opts };
}

/** Streams the items without the completion (or only `afterEvents` frames), then holds the stream open. */
export function hang(items: readonly OutputItem[] = [], opts: Omit<HangReply, 'kind' | 'items'> = {}): HangReply {
  return { kind: 'hang', items, ...opts };
}

/** An in-band stream failure (`response.failed` / a Chat `error` chunk), e.g. `failed({ code: 'context_length_exceeded' })`. */
export function failed(opts: Omit<FailedReply, 'kind'> = {}): FailedReply {
  return { kind: 'failed', ...opts };
}
