// Picks the ModelClient implementation for a provider's wire API, after checking that a provider which
// needs an API key from the environment has one.

import { ChatCompletionsClient } from './chat-client';
import { missingApiKeyError, type ModelProviderInfo } from './providers';
import { ResponsesClient } from './responses-client';
import type { ModelClientOptions } from './sdk';
import type { ModelClient } from './types';

/** Throws ProviderConfigError ("Missing environment variable: `OPENAI_API_KEY` …") when the key is absent. */
export function createModelClient(provider: ModelProviderInfo, options: ModelClientOptions = {}): ModelClient {
  if (provider.envKey && !provider.apiKey) throw missingApiKeyError(provider);
  return provider.wireApi === 'chat' ? new ChatCompletionsClient(provider, options) : new ResponsesClient(provider, options);
}
