// Picks the ModelClient implementation for a provider's wire API, after checking that a provider which
// needs an API key from the environment has one.

import { ChatCompletionsClient } from './chatClient';
import { missingApiKeyError, type ModelProviderInfo } from './providers';
import { ResponsesClient } from './responsesClient';
import type { ModelClientOptions } from './sdk';
import type { ModelClient } from './types';

/** Throws ProviderConfigError ("Missing environment variable: `OPENAI_API_KEY` …") when the key is absent. */
export function createModelClient(provider: ModelProviderInfo, options: ModelClientOptions = {}): ModelClient {
  if (provider.envKey && !provider.apiKey) throw missingApiKeyError(provider);
  return provider.wireApi === 'chat' ? new ChatCompletionsClient(provider, options) : new ResponsesClient(provider, options);
}

const CLIENT_MEMO_SIZE = 8;
const clients = new Map<string, ModelClient>();

/**
 * `createModelClient` for callers that build a client per turn: the same provider settings and
 * (plain-data) options give back the same client, so the openai SDK instance behind it (~50 resource
 * objects) is built once per provider, not per turn. Clients keep no state between requests.
 * Options with functions (fetch, random) are not memoised.
 */
export function modelClientFor(provider: ModelProviderInfo, options: ModelClientOptions = {}): ModelClient {
  if (Object.values(options).some((value) => typeof value === 'function')) return createModelClient(provider, options);
  const key = JSON.stringify([provider, options]);
  let client = clients.get(key);
  if (client) {
    clients.delete(key); // most recently used last
  } else {
    client = createModelClient(provider, options);
    if (clients.size >= CLIENT_MEMO_SIZE) clients.delete(clients.keys().next().value!);
  }
  clients.set(key, client);
  return client;
}
