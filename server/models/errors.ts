// ModelError and the decisions about failures: which Codex `codexErrorInfo` variant a failure maps to, whether
// it may be retried, and how long the server asked us to wait. Pure, so the policy is testable on its own.

import { APIConnectionError, APIError, APIUserAbortError } from 'openai';

export type ModelErrorKind =
  | 'http' // the server answered with an error status before streaming
  | 'connection' // no HTTP response at all (refused, DNS, TLS, timeout before headers)
  | 'streamDisconnected' // the stream broke or ended before the response completed
  | 'idleTimeout' // no stream event for `stream_idle_timeout_ms`
  | 'aborted' // the caller's signal fired
  | 'responseFailed' // the model reported a failure in-band (`response.failed`, `error` frame)
  | 'badResponse'; // the stream carried something we cannot understand (malformed event)

/** Codex's `CodexErrorInfo` variants as the app-server protocol spells them. */
export type CodexErrorInfo =
  | 'internalServerError'
  | 'unauthorized'
  | 'badRequest'
  | 'rateLimitExceeded'
  | 'usageLimitExceeded'
  | 'contextWindowExceeded'
  | 'serverOverloaded'
  | 'modelNotFound'
  | 'other'
  | { responseStreamDisconnected: { httpStatusCode: number | null } }
  | { httpConnectionFailed: { httpStatusCode: number | null } }
  | { responseTooManyFailedAttempts: { httpStatusCode: number | null } };

export interface ModelErrorInit {
  kind: ModelErrorKind;
  message: string;
  codexErrorInfo: CodexErrorInfo;
  retryable: boolean;
  status?: number;
  retryAfterMs?: number;
  /** The provider's error code (`context_length_exceeded`, `rate_limit_exceeded`, …) when it sent one. */
  code?: string;
  cause?: unknown;
}

export class ModelError extends Error {
  override readonly name = 'ModelError';
  readonly kind: ModelErrorKind;
  readonly codexErrorInfo: CodexErrorInfo;
  /** Whether our retry policy may try again (the budget is decided elsewhere). */
  readonly retryable: boolean;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly code?: string;

  constructor(init: ModelErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.codexErrorInfo = init.codexErrorInfo;
    this.retryable = init.retryable;
    if (init.status !== undefined) this.status = init.status;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    if (init.code !== undefined) this.code = init.code;
  }
}

/** The text Codex shows for HTTP 500 (observed verbatim). */
export const HIGH_DEMAND_MESSAGE = 'We’re currently experiencing high demand, which may cause temporary errors.';
const CONTEXT_WINDOW_MESSAGE =
  "The model's context window is full. Start a new thread or compact earlier history before retrying.";
const STREAM_PREFIX = 'stream disconnected before completion';

interface HeaderLookup {
  get(name: string): string | null;
}

/** `retry-after-ms`, then `retry-after` (seconds or an HTTP date); undefined when absent or unusable. */
export function parseRetryAfter(headers: HeaderLookup | undefined, now: number = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '') {
    const value = Number(ms);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const after = headers.get('retry-after');
  if (after === null || after.trim() === '') return undefined;
  const seconds = Number(after);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** OpenAI's in-band rate-limit text carries the wait: "Please try again in 1.898s" / "in 250ms". */
export function parseRetryAfterFromMessage(message: string): number | undefined {
  const match = /try again in\s+(\d+(?:\.\d+)?)\s*(ms|s|seconds?)\b/i.exec(message);
  if (!match?.[1]) return undefined;
  const value = Number(match[1]);
  return match[2]?.toLowerCase() === 'ms' ? value : value * 1000;
}

interface ErrorBody {
  message?: string;
  code?: string;
  type?: string;
}

function readErrorBody(body: unknown): ErrorBody {
  if (typeof body !== 'object' || body === null) return typeof body === 'string' ? { message: body } : {};
  // Providers nest differently: `{error:{…}}` (OpenAI), the inner object (the SDK), or a bare message.
  const record = body as Record<string, unknown>;
  const inner = typeof record['error'] === 'object' && record['error'] !== null ? (record['error'] as Record<string, unknown>) : record;
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
  const message = str(inner['message']) ?? str(record['error']) ?? str(record['message']);
  const code = str(inner['code']) ?? (typeof inner['code'] === 'number' ? String(inner['code']) : undefined);
  const type = str(inner['type']);
  return { ...(message ? { message } : {}), ...(code ? { code } : {}), ...(type ? { type } : {}) };
}

const USAGE_LIMIT_CODES = new Set(['insufficient_quota', 'usage_limit_reached', 'usage_not_included']);
const OVERLOADED_CODES = new Set(['server_is_overloaded', 'slow_down']);

function isModelNotFound(status: number, body: ErrorBody): boolean {
  if (body.code === 'model_not_found') return true;
  return status === 404 && /model/i.test(body.message ?? '') && /not (found|exist)/i.test(body.message ?? '');
}

/** The reason phrase of a status; node:http is loaded only when an HTTP error needs wording. */
function statusText(status: number): string | undefined {
  return process.getBuiltinModule('node:http').STATUS_CODES[status];
}

/** Codex's wording: "unexpected status 502 Bad Gateway: <server message>". */
function unexpectedStatus(status: number, detail: string): string {
  const reason = statusText(status);
  return `unexpected status ${status}${reason ? ` ${reason}` : ''}: ${detail}`;
}

/** Classifies an HTTP error status received before the stream started. */
export function httpStatusError(status: number, rawBody: unknown, headers?: HeaderLookup): ModelError {
  const body = readErrorBody(rawBody);
  const retryAfterMs = parseRetryAfter(headers);
  const code = body.code ?? body.type;
  const detail = body.message ?? statusText(status) ?? 'no details';
  const base = { kind: 'http' as const, status, ...(code ? { code } : {}), ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  const make = (codexErrorInfo: CodexErrorInfo, retryable: boolean, message: string): ModelError =>
    new ModelError({ ...base, codexErrorInfo, retryable, message });

  if (code === 'context_length_exceeded') return make('contextWindowExceeded', false, CONTEXT_WINDOW_MESSAGE);
  if (code && USAGE_LIMIT_CODES.has(code)) return make('usageLimitExceeded', false, `Usage limit reached: ${detail}`);
  if (isModelNotFound(status, body)) return make('modelNotFound', false, `Model not found: ${detail}`);
  if ((code && OVERLOADED_CODES.has(code)) || status === 503) return make('serverOverloaded', true, `The model provider is overloaded (HTTP ${status}): ${detail}`);
  if (status === 401 || status === 403) return make('unauthorized', false, `Unauthorized (HTTP ${status}): ${detail}. Check the provider's API key.`);
  if (status === 429) return make('rateLimitExceeded', true, `Rate limit reached (HTTP 429): ${detail}`);
  if (status === 500) return make('internalServerError', true, HIGH_DEMAND_MESSAGE);
  if (status >= 500) return make({ responseTooManyFailedAttempts: { httpStatusCode: status } }, true, unexpectedStatus(status, detail));
  if (status === 400 || status === 422) return make('badRequest', false, `Bad request (HTTP ${status}): ${detail}`);
  return make('other', false, unexpectedStatus(status, detail));
}

/** Classifies a failure the model reported inside the stream (`response.failed`, an `error` frame). */
export function inBandFailure(code: string | undefined, message: string | undefined): ModelError {
  const text = message && message !== '' ? message : `the model reported an error${code ? ` (${code})` : ''}`;
  const base = { kind: 'responseFailed' as const, ...(code ? { code } : {}) };
  if (code === 'context_length_exceeded') {
    return new ModelError({ ...base, codexErrorInfo: 'contextWindowExceeded', retryable: false, message: CONTEXT_WINDOW_MESSAGE });
  }
  if (code && USAGE_LIMIT_CODES.has(code)) {
    return new ModelError({ ...base, codexErrorInfo: 'usageLimitExceeded', retryable: false, message: `Usage limit reached: ${text}` });
  }
  if (code === 'invalid_prompt') return new ModelError({ ...base, codexErrorInfo: 'badRequest', retryable: false, message: text });
  if (code === 'rate_limit_exceeded') {
    const retryAfterMs = parseRetryAfterFromMessage(text);
    return new ModelError({ ...base, codexErrorInfo: 'rateLimitExceeded', retryable: true, message: `Rate limit reached: ${text}`, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
  }
  if (code && OVERLOADED_CODES.has(code)) {
    return new ModelError({ ...base, codexErrorInfo: 'serverOverloaded', retryable: true, message: text });
  }
  // Codex treats other in-band failures as a broken stream and retries them.
  return new ModelError({ ...base, codexErrorInfo: { responseStreamDisconnected: { httpStatusCode: null } }, retryable: true, message: `${STREAM_PREFIX}: ${text}` });
}

export function abortedError(): ModelError {
  return new ModelError({ kind: 'aborted', codexErrorInfo: 'other', retryable: false, message: 'The model request was aborted.' });
}

export function idleTimeoutError(idleMs: number): ModelError {
  return new ModelError({
    kind: 'idleTimeout',
    codexErrorInfo: { responseStreamDisconnected: { httpStatusCode: null } },
    retryable: true,
    message: `${STREAM_PREFIX}: idle timeout waiting for SSE (no event for ${idleMs} ms)`,
  });
}

export function streamDisconnectedError(reason: string, cause?: unknown): ModelError {
  return new ModelError({
    kind: 'streamDisconnected',
    codexErrorInfo: { responseStreamDisconnected: { httpStatusCode: null } },
    retryable: true,
    message: `${STREAM_PREFIX}: ${reason}`,
    ...(cause !== undefined ? { cause } : {}),
  });
}

export function badResponseError(detail: string, cause?: unknown): ModelError {
  return new ModelError({
    kind: 'badResponse',
    codexErrorInfo: 'other',
    retryable: false,
    message: `The model sent a response we could not understand: ${detail}`,
    ...(cause !== undefined ? { cause } : {}),
  });
}

/** The innermost useful message of an error chain ("fetch failed" hides "connect ECONNREFUSED …"). */
export function describeCause(error: unknown): string {
  let current: unknown = error;
  let message = 'unknown error';
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if (current.message) message = current.message;
    current = current.cause;
  }
  return message;
}

/**
 * Maps anything thrown while requesting or reading a stream to a ModelError. `phase` says whether the
 * HTTP response had started: a generic failure before is a connection failure, after it a broken stream.
 */
export function toModelError(error: unknown, phase: 'request' | 'stream', baseUrl = ''): ModelError {
  if (error instanceof ModelError) return error;
  if (error instanceof APIUserAbortError) return abortedError();
  if (error instanceof APIConnectionError) {
    return new ModelError({
      kind: 'connection',
      codexErrorInfo: { httpConnectionFailed: { httpStatusCode: null } },
      retryable: true,
      message: `Could not connect to the model provider${baseUrl ? ` at ${baseUrl}` : ''}: ${describeCause(error)}`,
      cause: error,
    });
  }
  if (error instanceof APIError) {
    if (typeof error.status === 'number') return httpStatusError(error.status, error.error, error.headers);
    // The SDK raises a status-less APIError for an `error` object inside the stream.
    const body = readErrorBody(error.error);
    return inBandFailure(body.code ?? body.type ?? error.code ?? undefined, body.message ?? error.message);
  }
  if (error instanceof SyntaxError) return badResponseError(`invalid JSON in an event (${error.message})`, error);
  if (phase === 'request') {
    return new ModelError({
      kind: 'connection',
      codexErrorInfo: { httpConnectionFailed: { httpStatusCode: null } },
      retryable: true,
      message: `Could not connect to the model provider${baseUrl ? ` at ${baseUrl}` : ''}: ${describeCause(error)}`,
      cause: error,
    });
  }
  return streamDisconnectedError(describeCause(error), error);
}

/**
 * The error to surface once retries are used up. The variant mostly stays (Codex reports 500 as
 * internalServerError even after retrying); Codex's "too many failed attempts" wording is added.
 */
export function exhaustedError(last: ModelError, retries: number): ModelError {
  if (retries === 0) return last;
  return new ModelError({
    kind: last.kind,
    codexErrorInfo: last.codexErrorInfo,
    retryable: false,
    message: `${last.message} (gave up after ${retries} ${retries === 1 ? 'retry' : 'retries'})`,
    ...(last.status !== undefined ? { status: last.status } : {}),
    ...(last.retryAfterMs !== undefined ? { retryAfterMs: last.retryAfterMs } : {}),
    ...(last.code !== undefined ? { code: last.code } : {}),
    cause: last,
  });
}
