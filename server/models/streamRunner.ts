// The retry/reconnect engine both wire APIs share: open the HTTP stream (retrying 429/5xx/connection failures),
// read it with an idle timeout, feed a wire-specific parser, and reconnect when the stream breaks mid-way.
// Every retry is announced with a `retrying` event first, so the caller can tell the user and drop partial output.

import { abortedError, exhaustedError, idleTimeoutError, type ModelError, toModelError } from './errors';
import { retryDelayMs, type RetryTiming, sleep } from './retry';
import type { ModelEvent } from './types';

/** Turns one attempt's decoded stream payloads into ModelEvents. A fresh parser is made per attempt. */
export interface WireParser {
  /** Handles one decoded stream payload. Throws a ModelError for an in-band failure or a malformed event. */
  push(raw: unknown): ModelEvent[];
  /** True once the response is complete; reading stops there. */
  readonly done: boolean;
  /** The stream ended without error: returns the final events, or throws if the response is incomplete. */
  end(): ModelEvent[];
}

export interface WireAdapter {
  /** Sends the request; resolves with the decoded event stream once response headers arrived. */
  open(signal: AbortSignal): Promise<AsyncIterable<unknown>>;
  createParser(): WireParser;
}

export interface RunnerLimits {
  requestMaxRetries: number;
  streamMaxRetries: number;
  streamIdleTimeoutMs: number;
  timing: RetryTiming;
  /** For error messages ("Could not connect to the model provider at …"). */
  baseUrl: string;
}

/** Aborts `target` when `source` fires; returns the unsubscribe function. */
function linkAbort(source: AbortSignal | undefined, target: AbortController): () => void {
  if (!source) return () => undefined;
  if (source.aborted) {
    target.abort();
    return () => undefined;
  }
  const onAbort = (): void => target.abort();
  source.addEventListener('abort', onAbort, { once: true });
  return () => source.removeEventListener('abort', onAbort);
}

type RaceOutcome<T> = { kind: 'next'; result: IteratorResult<T> } | { kind: 'idle' } | { kind: 'aborted' };

/** Waits for the next stream payload, the idle deadline or the caller's abort, whichever comes first. */
function raceNext<T>(next: Promise<IteratorResult<T>>, idleMs: number, signal?: AbortSignal): Promise<RaceOutcome<T>> {
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = (): void => {
      cleanup();
      resolve({ kind: 'aborted' });
    };
    const timer = setTimeout(() => {
      cleanup();
      resolve({ kind: 'idle' });
    }, idleMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    next.then(
      (result) => {
        cleanup();
        resolve({ kind: 'next', result });
      },
      (error: unknown) => {
        cleanup();
        reject(error);
      },
    );
  });
}

/**
 * Yields the payloads of `source`; throws an idle-timeout or aborted ModelError when no payload comes in
 * time or the caller aborts, after aborting the attempt (which closes the socket). The SDK's iterator ends
 * silently when its request is aborted, so the race is what makes both failures visible.
 */
async function* readWithIdleTimeout<T>(
  source: AsyncIterable<T>,
  idleMs: number,
  attempt: AbortController,
  userSignal?: AbortSignal,
): AsyncGenerator<T, void, undefined> {
  const iterator = source[Symbol.asyncIterator]();
  let settled = true;
  try {
    for (;;) {
      if (userSignal?.aborted) throw abortedError();
      settled = false;
      const outcome = await raceNext(iterator.next(), idleMs, userSignal);
      if (outcome.kind === 'idle') {
        attempt.abort();
        throw idleTimeoutError(idleMs);
      }
      if (outcome.kind === 'aborted') {
        attempt.abort();
        throw abortedError();
      }
      settled = true;
      if (outcome.result.done) return;
      yield outcome.result.value;
    }
  } finally {
    // Let the SDK release the response; with a next() still pending, return() would wait for it.
    if (settled) void iterator.return?.()?.catch(() => undefined);
  }
}

/** Opens the stream, retrying retryable failures up to `requestMaxRetries` and announcing each retry. */
async function* connect(
  adapter: WireAdapter,
  limits: RunnerLimits,
  attempt: AbortController,
  userSignal?: AbortSignal,
): AsyncGenerator<ModelEvent, AsyncIterable<unknown>, undefined> {
  for (let retries = 0; ; retries++) {
    let error: ModelError;
    try {
      return await adapter.open(attempt.signal);
    } catch (thrown) {
      error = toModelError(thrown, 'request', limits.baseUrl);
    }
    if (userSignal?.aborted || error.kind === 'aborted') throw abortedError();
    if (!error.retryable) throw error;
    if (retries >= limits.requestMaxRetries) throw exhaustedError(error, retries);
    const delayMs = retryDelayMs(retries + 1, limits.timing, error.retryAfterMs);
    yield { type: 'retrying', attempt: retries + 1, maxAttempts: limits.requestMaxRetries, delayMs, phase: 'request', error };
    await sleep(delayMs, userSignal);
  }
}

/**
 * Runs one model request to completion with retries. Request-phase retries get a fresh budget on each
 * reconnect (as in Codex, where each reconnect is a new HTTP request with its own retry loop).
 */
export async function* runModelStream(
  adapter: WireAdapter,
  limits: RunnerLimits,
  userSignal?: AbortSignal,
): AsyncGenerator<ModelEvent, void, undefined> {
  for (let streamRetries = 0; ; ) {
    const attempt = new AbortController();
    const unlink = linkAbort(userSignal, attempt);
    try {
      const source = yield* connect(adapter, limits, attempt, userSignal);
      const parser = adapter.createParser();
      let error: ModelError;
      try {
        for await (const raw of readWithIdleTimeout(source, limits.streamIdleTimeoutMs, attempt, userSignal)) {
          for (const event of parser.push(raw)) yield event;
          if (parser.done) return;
        }
        // A clean end can also be the SDK swallowing our own abort.
        if (userSignal?.aborted) throw abortedError();
        for (const event of parser.end()) yield event;
        return;
      } catch (thrown) {
        error = toModelError(thrown, 'stream', limits.baseUrl);
      }
      attempt.abort();
      if (userSignal?.aborted || error.kind === 'aborted') throw abortedError();
      if (!error.retryable) throw error;
      if (streamRetries >= limits.streamMaxRetries) throw exhaustedError(error, streamRetries);
      streamRetries++;
      const delayMs = retryDelayMs(streamRetries, limits.timing, error.retryAfterMs);
      yield { type: 'retrying', attempt: streamRetries, maxAttempts: limits.streamMaxRetries, delayMs, phase: 'stream', error };
      await sleep(delayMs, userSignal);
    } finally {
      // Closes this attempt's socket whatever happened (completion, error, or the consumer breaking out).
      attempt.abort();
      unlink();
    }
  }
}
