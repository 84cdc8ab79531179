// Retry timing: exponential backoff with jitter, the server's Retry-After honoured within a cap, everything
// scalable so tests can run the real policy in milliseconds. Pure except `sleep`.

import { abortedError } from './errors';

export interface RetryTiming {
  /** First backoff delay; doubles with each retry (Codex: 200 ms). */
  baseDelayMs: number;
  /** Upper bound for a computed backoff delay. */
  maxDelayMs: number;
  /** Upper bound for a server-requested delay (Retry-After); longer requests are clamped to it. */
  maxRetryAfterMs: number;
  /** Multiplies every delay, including Retry-After (tests use e.g. 0.01). */
  scale: number;
  /** Random source in [0, 1) for jitter; injectable for deterministic tests. */
  random: () => number;
}

export const DEFAULT_RETRY_TIMING: RetryTiming = {
  baseDelayMs: 200,
  maxDelayMs: 10_000,
  maxRetryAfterMs: 60_000,
  scale: 1,
  random: Math.random,
};

/** ±10 % jitter, like Codex, so that many clients do not retry in lockstep. */
const JITTER = 0.1;

/**
 * The delay before retry number `attempt` (1-based). A server-requested delay wins over the backoff, is not
 * jittered (the server chose it) and is clamped to `maxRetryAfterMs`.
 */
export function retryDelayMs(attempt: number, timing: RetryTiming, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return Math.round(Math.min(retryAfterMs, timing.maxRetryAfterMs) * timing.scale);
  const exponential = timing.baseDelayMs * 2 ** Math.max(0, attempt - 1);
  const jitter = 1 - JITTER + 2 * JITTER * timing.random();
  return Math.round(Math.min(exponential * jitter, timing.maxDelayMs) * timing.scale);
}

/** Waits `ms`, or rejects with an 'aborted' ModelError as soon as `signal` fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortedError());
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortedError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
