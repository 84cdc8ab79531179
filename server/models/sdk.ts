// Builds the `openai` SDK instance for a provider (base URL, headers, query, auth) and the retry limits the
// stream runner uses. The SDK's own retries are off: ours are announced to the user, the SDK's are silent.

import OpenAI from 'openai';
import { httpFetch, type Fetch } from './httpFetch';
import type { ModelProviderInfo } from './providers';
import { DEFAULT_RETRY_TIMING, type RetryTiming } from './retry';
import type { RunnerLimits } from './streamRunner';

export interface ModelClientOptions {
  /** First backoff delay (default 200 ms, doubling per retry). */
  retryBaseDelayMs?: number;
  /** Cap for a computed backoff delay (default 10 s). */
  retryMaxDelayMs?: number;
  /** Cap for a server-requested Retry-After (default 60 s). */
  maxRetryAfterMs?: number;
  /** Multiplies every retry delay, Retry-After included (tests use a small value). Default 1. */
  retryDelayScale?: number;
  /** Jitter source in [0, 1); default Math.random. */
  random?: () => number;
  /** Where `ModelRequest.instructions` goes; default 'developerMessage' (prepended to input, as Codex does). */
  instructionsMode?: 'developerMessage' | 'topLevel';
  /** Replaces our node:http fetch (httpFetch.ts) under the SDK (tests). */
  fetch?: Fetch;
}

/** The SDK insists on some credential; for keyless local servers this stands in and is never sent. */
const NO_KEY_PLACEHOLDER = 'no-api-key';

export function createOpenAISdk(provider: ModelProviderInfo, options: ModelClientOptions): OpenAI {
  const headers: Record<string, string | null> = { ...provider.requestHeaders };
  // A null header removes the SDK's `Authorization: Bearer <placeholder>`, so keyless servers see none.
  if (!provider.apiKey) headers['Authorization'] = null;
  return new OpenAI({
    apiKey: provider.apiKey ?? NO_KEY_PLACEHOLDER,
    // Pass everything the SDK would otherwise read from the environment (OPENAI_ORG_ID, …): the provider decides.
    adminAPIKey: null,
    organization: null,
    project: null,
    baseURL: provider.baseUrl,
    defaultHeaders: headers,
    defaultQuery: provider.queryParams,
    maxRetries: 0,
    // Bounds the wait for response headers; the stream itself is guarded by our idle timeout.
    timeout: provider.streamIdleTimeoutMs,
    fetch: options.fetch ?? httpFetch,
  });
}

export function runnerLimits(provider: ModelProviderInfo, options: ModelClientOptions): RunnerLimits {
  const timing: RetryTiming = {
    baseDelayMs: options.retryBaseDelayMs ?? DEFAULT_RETRY_TIMING.baseDelayMs,
    maxDelayMs: options.retryMaxDelayMs ?? DEFAULT_RETRY_TIMING.maxDelayMs,
    maxRetryAfterMs: options.maxRetryAfterMs ?? DEFAULT_RETRY_TIMING.maxRetryAfterMs,
    scale: options.retryDelayScale ?? DEFAULT_RETRY_TIMING.scale,
    random: options.random ?? DEFAULT_RETRY_TIMING.random,
  };
  return {
    requestMaxRetries: provider.requestMaxRetries,
    streamMaxRetries: provider.streamMaxRetries,
    streamIdleTimeoutMs: provider.streamIdleTimeoutMs,
    timing,
    baseUrl: provider.baseUrl,
  };
}
