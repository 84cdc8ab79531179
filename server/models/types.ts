// The one model-client contract shared by both wire APIs: what a request carries (`ModelRequest`), the typed
// events a response streams (`ModelEvent`), and the `ModelClient` interface the agent loop talks to.

import type { ModelError } from './errors';
import type { OutputItem, ResponseItem } from './items';

/** A function tool; `parameters` is a JSON Schema object. */
export interface FunctionToolSpec {
  type: 'function';
  name: string;
  description: string;
  parameters: Record<string, unknown>;
  strict: boolean;
}

export type CustomToolFormat =
  | { type: 'text' }
  | { type: 'grammar'; syntax: 'lark' | 'regex'; definition: string };

/** A custom (freeform) tool whose input is raw text, e.g. apply_patch with its Lark grammar. */
export interface CustomToolSpec {
  type: 'custom';
  name: string;
  description: string;
  format?: CustomToolFormat;
}

/** Hosted tools are sent as given (Responses API only; the chat wire API cannot offer them and drops them). */
export type HostedToolType =
  | 'web_search'
  | 'web_search_preview'
  | 'tool_search'
  | 'local_shell'
  | 'image_generation'
  | 'file_search'
  | 'code_interpreter'
  | 'computer_use_preview'
  | 'mcp';

export interface HostedToolSpec {
  type: HostedToolType;
  [key: string]: unknown;
}

export type ToolSpec = FunctionToolSpec | CustomToolSpec | HostedToolSpec;

export type ToolChoice = 'auto' | 'none' | 'required' | { type: 'function'; name: string };

export type ReasoningEffort = 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh';
export type ReasoningSummary = 'auto' | 'concise' | 'detailed' | 'none';
export type TextVerbosity = 'low' | 'medium' | 'high';

export interface ModelRequest {
  model: string;
  /** The whole history, oldest first (the API is used statelessly: `store` is always false). */
  input: ResponseItem[];
  /**
   * Base instructions. By default they are NOT sent as the top-level `instructions` field (Codex does not):
   * they are prepended to `input` as a developer message (system message on the chat wire API). Clients
   * built with `instructionsMode: 'topLevel'` send the field instead. Callers that already put the base
   * instructions into `input` leave this unset.
   */
  instructions?: string;
  tools: ToolSpec[];
  toolChoice?: ToolChoice;
  parallelToolCalls?: boolean;
  /** When set, reasoning is on and `reasoning.encrypted_content` is requested back (Responses API). */
  reasoning?: { effort?: ReasoningEffort; summary?: ReasoningSummary };
  textVerbosity?: TextVerbosity;
  /** A JSON Schema the final answer must satisfy (`text.format` json_schema / `response_format`). */
  outputSchema?: Record<string, unknown>;
  /** Responses API prompt cache key (Codex uses the thread id). */
  promptCacheKey?: string;
  /** Headers for this request only (e.g. session ids); they override provider headers. */
  extraHeaders?: Record<string, string>;
  /** Aborting closes the HTTP stream at once; the stream then throws a ModelError of kind 'aborted'. */
  signal?: AbortSignal;
}

export interface TokenUsage {
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  reasoningOutputTokens: number;
  totalTokens: number;
}

/** What `outputItemAdded` knows about an item before it is complete. */
export type AddedItem =
  | { type: 'message'; id: string }
  | { type: 'reasoning'; id: string }
  | { type: 'functionCall'; id: string; callId: string; name: string }
  | { type: 'customToolCall'; id: string; callId: string; name: string }
  | { type: 'other'; id: string; itemType: string };

/**
 * Events of one model response, in stream order. A `retrying` event means the attempt so far failed and the
 * request is re-issued after `delayMs`: every event after it belongs to a NEW response (a new `created`,
 * output indexes from 0 again), so the caller must discard what it built from events before it (partial text,
 * unfinished items). Items already delivered by `outputItemDone` are discarded too: the retried response
 * produces them again.
 */
export type ModelEvent =
  | { type: 'created'; responseId: string }
  | { type: 'outputItemAdded'; outputIndex: number; item: AddedItem }
  | { type: 'textDelta'; itemId: string; outputIndex: number; delta: string }
  | { type: 'reasoningSummaryPartAdded'; itemId: string; summaryIndex: number }
  | { type: 'reasoningSummaryDelta'; itemId: string; summaryIndex: number; delta: string }
  | { type: 'reasoningContentDelta'; itemId: string; contentIndex: number; delta: string }
  /** Function-call argument JSON or custom-tool input text, as it streams. */
  | { type: 'toolCallInputDelta'; itemId: string; delta: string }
  | { type: 'outputItemDone'; outputIndex: number; item: OutputItem }
  | { type: 'completed'; responseId: string; usage: TokenUsage }
  | {
      type: 'retrying';
      /** 1-based retry number within its phase. */
      attempt: number;
      maxAttempts: number;
      delayMs: number;
      /** 'request': the HTTP request failed before streaming; 'stream': the stream broke mid-way. */
      phase: 'request' | 'stream';
      error: ModelError;
    };

export type ModelEventType = ModelEvent['type'];

export interface ModelClient {
  /**
   * Streams one response. Ends after `completed`; a final failure (including abort) throws `ModelError`.
   * Breaking out of the loop early also closes the HTTP stream.
   */
  stream(request: ModelRequest): AsyncIterable<ModelEvent>;
}

export function emptyUsage(): TokenUsage {
  return { inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, reasoningOutputTokens: 0, totalTokens: 0 };
}
