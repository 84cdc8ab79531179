// Retry timing (backoff, jitter, Retry-After, caps, scale) and the classification of HTTP failures into
// retryable or not and into Codex's codexErrorInfo variants.

import { strict as assert } from 'node:assert';
import { exhaustedError, httpStatusError, parseRetryAfter, parseRetryAfterFromMessage } from '../../server/models/errors';
import { DEFAULT_RETRY_TIMING, retryDelayMs, type RetryTiming } from '../../server/models/retry';

const fixed = (random: number, over: Partial<RetryTiming> = {}): RetryTiming => ({ ...DEFAULT_RETRY_TIMING, random: () => random, ...over });

function headers(map: Record<string, string>): { get(name: string): string | null } {
  return { get: (name) => map[name] ?? null };
}

describe('models: retry policy', () => {
  it('doubles from a 200 ms base with ±10 % jitter', () => {
    assert.deepEqual([1, 2, 3, 4].map((n) => retryDelayMs(n, fixed(0.5))), [200, 400, 800, 1600]);
    assert.equal(retryDelayMs(1, fixed(0)), 180);
    assert.equal(retryDelayMs(1, fixed(0.999999)), 220);
  });

  it('caps the backoff and scales every delay', () => {
    assert.equal(retryDelayMs(20, fixed(0.5)), 10_000);
    assert.equal(retryDelayMs(3, fixed(0.5, { scale: 0.01 })), 8);
    assert.equal(retryDelayMs(1, fixed(0.5, { baseDelayMs: 50 })), 50);
  });

  it('uses Retry-After as given (no jitter), clamped and scaled', () => {
    assert.equal(retryDelayMs(1, fixed(0), 1500), 1500);
    assert.equal(retryDelayMs(1, fixed(0), 3_600_000), 60_000);
    assert.equal(retryDelayMs(4, fixed(0, { scale: 0.01 }), 2000), 20);
  });

  it('parses retry-after-ms, retry-after seconds and HTTP dates', () => {
    assert.equal(parseRetryAfter(headers({ 'retry-after-ms': '250' })), 250);
    assert.equal(parseRetryAfter(headers({ 'retry-after': '2' })), 2000);
    assert.equal(parseRetryAfter(headers({ 'retry-after': '0.5' })), 500);
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(parseRetryAfter(headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }), now), 5000);
    assert.equal(parseRetryAfter(headers({ 'retry-after': 'soon' })), undefined);
    assert.equal(parseRetryAfter(headers({})), undefined);
    assert.equal(parseRetryAfterFromMessage('Please try again in 1.898s.'), 1898);
    assert.equal(parseRetryAfterFromMessage('Please try again in 250ms.'), 250);
    assert.equal(parseRetryAfterFromMessage('no hint'), undefined);
  });
});

describe('models: HTTP failure classification', () => {
  const cases: [number, unknown, unknown, boolean][] = [
    [500, {}, 'internalServerError', true],
    [502, {}, { responseTooManyFailedAttempts: { httpStatusCode: 502 } }, true],
    [503, {}, 'serverOverloaded', true],
    [429, { error: { message: 'slow down', code: 'rate_limit_exceeded' } }, 'rateLimitExceeded', true],
    [429, { error: { message: 'quota', code: 'insufficient_quota' } }, 'usageLimitExceeded', false],
    [429, { error: { type: 'usage_limit_reached' } }, 'usageLimitExceeded', false],
    [400, { error: { message: 'too long', code: 'context_length_exceeded' } }, 'contextWindowExceeded', false],
    [400, { error: { message: 'bad' } }, 'badRequest', false],
    [401, { error: { message: 'bad key' } }, 'unauthorized', false],
    [403, {}, 'unauthorized', false],
    [404, { error: { message: 'model "llama9" not found, try pulling it first' } }, 'modelNotFound', false],
    [404, { error: { message: 'no route' } }, 'other', false],
    [409, {}, 'other', false],
  ];
  for (const [status, body, info, retryable] of cases) {
    it(`${status} ${JSON.stringify(body)} → ${JSON.stringify(info)}${retryable ? ', retried' : ''}`, () => {
      const error = httpStatusError(status, body);
      assert.deepEqual(error.codexErrorInfo, info);
      assert.equal(error.retryable, retryable);
      assert.equal(error.status, status);
      assert.equal(error.kind, 'http');
    });
  }

  it('keeps the server message and the Retry-After of the response', () => {
    const error = httpStatusError(429, { error: { message: 'Too many requests' } }, headers({ 'retry-after': '7' }));
    assert.equal(error.retryAfterMs, 7000);
    assert.match(error.message, /Too many requests/);
  });

  it('adds the retry count once retries are used up', () => {
    const last = httpStatusError(503, {});
    assert.equal(exhaustedError(last, 0), last);
    const final = exhaustedError(last, 3);
    assert.equal(final.codexErrorInfo, 'serverOverloaded');
    assert.equal(final.retryable, false);
    assert.match(final.message, /gave up after 3 retries/);
  });
});
