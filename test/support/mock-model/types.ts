// Types for the loopback mock model: the scripted Reply union (what one HTTP request to a streaming
// endpoint answers), the output items a reply streams, and the record kept of every request received.
// Field names here are camelCase; the renderers map them to the wire names of each API.

import type { IncomingHttpHeaders } from 'node:http';

/** Text streamed as deltas: an array is used verbatim (one delta each); a string is split into ≤3 deltas. */
export type Deltas = string | readonly string[];

/** An assistant message with one `output_text` part. */
export interface MessageItem {
  type: 'message';
  text: Deltas;
  /** Item id; default `msg_mock_<n>_<outputIndex>`. */
  id?: string;
}

/** A reasoning item: each summary part is streamed as its own deltas. */
export interface ReasoningItem {
  type: 'reasoning';
  summary: readonly Deltas[];
  /** Sent in the done item and in `response.completed` (Responses API only). */
  encryptedContent?: string;
  /** Item id; default `rs_mock_<n>_<outputIndex>`. */
  id?: string;
}

/** A function tool call; `arguments` is the JSON text (an object is JSON.stringify'd, then split). */
export interface FunctionCallItem {
  type: 'functionCall';
  name: string;
  arguments: Deltas | { readonly [key: string]: unknown };
  /** default `call_mock_<n>_<outputIndex>` */
  callId?: string;
  /** Item id; default `fc_mock_<n>_<outputIndex>`. */
  id?: string;
}

/** A custom (freeform) tool call, e.g. apply_patch; on Chat Completions it renders as a function tool call. */
export interface CustomToolCallItem {
  type: 'customToolCall';
  name: string;
  input: Deltas;
  /** default `call_mock_<n>_<outputIndex>` */
  callId?: string;
  /** Item id; default `ctc_mock_<n>_<outputIndex>`. */
  id?: string;
}

export type OutputItem = MessageItem | ReasoningItem | FunctionCallItem | CustomToolCallItem;

/** Token usage reported at the end of a stream. Missing numbers are 0; `totalTokens` defaults to input + output. */
export interface Usage {
  inputTokens?: number;
  cachedTokens?: number;
  outputTokens?: number;
  reasoningTokens?: number;
  totalTokens?: number;
}

/** Options shared by the replies that stream. */
export interface StreamOptions {
  usage?: Usage;
  /** Pause between consecutive SSE frames. */
  delayMs?: number;
  /** Extra response headers. */
  headers?: Readonly<Record<string, string>>;
}

/** A complete streamed response. */
export interface ResponseReply extends StreamOptions {
  kind: 'response';
  items: readonly OutputItem[];
}

/**
 * Streams the first `afterEvents` frames of the response built from `items` (default: every frame
 * before the completion, i.e. before `response.completed` / the finish chunk), then destroys the socket
 * (`how: 'destroy'`, default) or ends the HTTP body cleanly (`how: 'end'`).
 */
export interface DropReply extends StreamOptions {
  kind: 'drop';
  items: readonly OutputItem[];
  afterEvents?: number;
  how?: 'destroy' | 'end';
}

/** Like drop, but then holds the stream open until the client disconnects or the mock closes. */
export interface HangReply extends StreamOptions {
  kind: 'hang';
  items: readonly OutputItem[];
  afterEvents?: number;
}

/** A non-streaming HTTP error with body `{error:{message,type,code}}`. */
export interface HttpErrorReply {
  kind: 'httpError';
  status: number;
  /** Seconds, sent as the `retry-after` header. */
  retryAfter?: number;
  message?: string;
  type?: string;
  code?: string | null;
  headers?: Readonly<Record<string, string>>;
}

/**
 * A stream that fails in-band: Responses API `response.created`, `response.in_progress`, then
 * `response.failed` with `response.error{code,message}`; Chat Completions a `data: {"error":{…}}` frame
 * and no `[DONE]`.
 */
export interface FailedReply {
  kind: 'failed';
  code?: string;
  message?: string;
  delayMs?: number;
  headers?: Readonly<Record<string, string>>;
}

export type Reply = ResponseReply | DropReply | HangReply | HttpErrorReply | FailedReply;
/** Replies that are answered with an SSE stream. */
export type StreamReply = ResponseReply | DropReply | HangReply | FailedReply;

export type Endpoint = 'responses' | 'chat' | 'models' | 'other';

/** The parsed JSON body; `{}` when the body was empty or not JSON (see `jsonError`). */
export interface RequestBody {
  model?: unknown;
  stream?: unknown;
  input?: unknown;
  messages?: unknown;
  tools?: unknown;
  stream_options?: { include_usage?: unknown } | null;
  [key: string]: unknown;
}

/** How the mock finished answering one request. */
export type RequestOutcome =
  | 'completed' // the full stream or a non-stream body was sent
  | 'dropped' // a drop reply cut the stream
  | 'client-disconnected' // the client went away before the mock was done
  | 'closed-by-mock'; // mock.close() ended it (e.g. a hang)

/** One HTTP request the mock received (every path, in arrival order). */
export interface RecordedRequest {
  /** Position in `mock.requests` (0-based). Stream ids use n = index + 1. */
  index: number;
  endpoint: Endpoint;
  method: string;
  /** Path without the query, e.g. `/v1/responses`. */
  path: string;
  /** Node's lower-cased request headers. */
  headers: IncomingHttpHeaders;
  body: RequestBody;
  rawBody: string;
  /** Set when the body was not valid JSON. */
  jsonError?: string;
  /** The reply this request consumed (streaming endpoints only). */
  reply?: Reply;
  /** Resolves when the client went away before the mock finished answering; never resolves otherwise. */
  disconnected: Promise<void>;
  /** Always resolves once the request is over, with how it ended. */
  finished: Promise<RequestOutcome>;
}

/** Computes a reply from the request (dynamic scripts). */
export type Responder = (request: RecordedRequest) => Reply | Promise<Reply>;

/** One queue entry: a fixed reply or a function called when the request arrives. */
export type Script = Reply | Responder;

export interface MockModelOptions {
  /** Initial FIFO queue; each request to /v1/responses or /v1/chat/completions consumes one. */
  replies?: readonly Script[];
  /** Used when the queue is empty (otherwise an empty queue answers HTTP 500). */
  responder?: Responder;
  /** Model ids listed by GET /v1/models; default `['gpt-5.5', 'mock-model']`. */
  models?: readonly string[];
  /** Unix seconds used as `created_at` / `created`; default 1700000000 (fixed, so output is byte-stable). */
  createdAt?: number;
}

/** Per-request values the pure renderers need. */
export interface RenderContext {
  /** 1-based request number; ids derive from it (`resp_mock_<n>`, `chatcmpl-mock-<n>`, `msg_mock_<n>_<i>` …). */
  n: number;
  model: string;
  createdAt: number;
  /** Chat Completions: `stream_options.include_usage` was true. */
  includeUsage?: boolean;
}

/** SSE frames for one reply; frames from `completeAt` on are the completion (what drop/hang withhold). */
export interface RenderedStream {
  frames: string[];
  completeAt: number;
}
