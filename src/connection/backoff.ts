// Restart policy for the app-server: exponential backoff between restarts (250 ms doubling up to
// 30 s), the count reset once a server has stayed up for a stable period, and a give-up after too
// many rapid failures in a row. Pure: the caller passes the clock readings.

export interface BackoffOptions {
  /** Delay before the first restart after a failure. */
  initialDelayMs: number;
  /** Upper bound of the delay. */
  maxDelayMs: number;
  /** Growth factor per consecutive failure. */
  factor: number;
  /** A server that ran at least this long before failing counts as stable: the series starts over. */
  stableAfterMs: number;
  /** Consecutive rapid failures after which the connection gives up. */
  maxRapidFailures: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = {
  initialDelayMs: 250,
  maxDelayMs: 30_000,
  factor: 2,
  stableAfterMs: 60_000,
  maxRapidFailures: 8,
};

export type BackoffDecision =
  | { readonly kind: 'retry'; readonly attempt: number; readonly delayMs: number }
  | { readonly kind: 'giveUp'; readonly failures: number };

export class RestartBackoff {
  private readonly options: BackoffOptions;
  private failures = 0;
  private startedAtMs: number | null = null;

  constructor(options: Partial<BackoffOptions> = {}) {
    this.options = { ...DEFAULT_BACKOFF, ...options };
  }

  /** The server finished its handshake at `nowMs`. */
  started(nowMs: number): void {
    this.startedAtMs = nowMs;
  }

  /** The server (or an attempt to start it) failed at `nowMs`: when to try again, or to give up. */
  failed(nowMs: number): BackoffDecision {
    if (this.startedAtMs !== null && nowMs - this.startedAtMs >= this.options.stableAfterMs) this.failures = 0;
    this.startedAtMs = null;
    this.failures++;
    if (this.failures > this.options.maxRapidFailures) return { kind: 'giveUp', failures: this.failures };
    const delayMs = Math.min(
      this.options.maxDelayMs,
      Math.round(this.options.initialDelayMs * this.options.factor ** (this.failures - 1)),
    );
    return { kind: 'retry', attempt: this.failures, delayMs };
  }

  /** Forget earlier failures (a restart the user asked for starts a fresh series). */
  reset(): void {
    this.failures = 0;
    this.startedAtMs = null;
  }

  /** Consecutive failures so far. */
  get failureCount(): number {
    return this.failures;
  }
}
