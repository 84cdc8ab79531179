// Public surface of server/models: one model-client interface over two wire APIs (Responses, Chat
// Completions), with retries, stream parsing, providers and the model catalog. Import from here.

export * from './types';
export * from './items';
export {
  ModelError,
  type ModelErrorKind,
  type CodexErrorInfo,
  HIGH_DEMAND_MESSAGE,
  parseRetryAfter,
  parseRetryAfterFromMessage,
} from './errors';
export { DEFAULT_RETRY_TIMING, retryDelayMs, type RetryTiming } from './retry';
export type { ModelClientOptions } from './sdk';
export {
  type ModelProviderInfo,
  type WireApi,
  type Env,
  ProviderConfigError,
  builtInProviders,
  resolveProvider,
  providerIds,
  DEFAULT_REQUEST_MAX_RETRIES,
  DEFAULT_STREAM_MAX_RETRIES,
  DEFAULT_STREAM_IDLE_TIMEOUT_MS,
} from './providers';
export { ResponsesClient } from './responsesClient';
export { ChatCompletionsClient } from './chatClient';
export { createModelClient, modelClientFor } from './createClient';
export {
  type ModelInfo,
  type ReasoningEffortOption,
  type InputModality,
  MODEL_CATALOG,
  listModels,
  defaultModel,
  findModel,
  getModelInfo,
  fallbackModelInfo,
  effectiveContextWindow,
  unknownModelWarning,
} from './catalog';
export { type ProviderModelsRequest, providerModels } from './providerModels';
export { type LocalModelsOptions, fetchLocalModels } from './localModels';
