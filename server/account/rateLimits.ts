// The rate limits of an API-key account: it has none to report, so every window is null. Sent by
// account/rateLimits/read and, after each model response, by the turn runner.
import type { RateLimitSnapshot } from '../protocol/sessionMethods';

export const EMPTY_RATE_LIMITS: RateLimitSnapshot = {
  limitId: null,
  limitName: null,
  normalModelSlug: null,
  primary: null,
  secondary: null,
  credits: null,
  individualLimit: null,
  spendControlReached: null,
  planType: null,
  rateLimitReachedType: null,
};
