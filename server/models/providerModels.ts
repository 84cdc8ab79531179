// The models model/list offers for the configured provider, config.toml's model marked default.
// OpenAI (and providers that sign in like it): the built-in catalog. Any other provider (a local
// Ollama or LM Studio, an OpenAI-compatible server) cannot serve the catalog's models, so it gets
// config.toml's model and, when it runs on this machine, the models it says it serves.
import { type ModelInfo, fallbackModelInfo, findModel, listModels } from './catalog';
import { type LocalModelsOptions, fetchLocalModels } from './localModels';
import type { ModelProviderInfo } from './providers';

export interface ProviderModelsRequest {
  /** null: config.toml names a provider that cannot be resolved; only its model is offered. */
  readonly provider: ModelProviderInfo | null;
  /** The model a new thread gets (config.toml's `model`, else the built-in default). */
  readonly configuredModel: string;
  readonly includeHidden: boolean;
}

/** Ollama lists `llama3.2` as `llama3.2:latest`: the same model. */
function sameModel(listed: string, configured: string): boolean {
  return listed === configured || listed === `${configured}:latest`;
}

/** An entry for a slug outside the catalog (or a dated snapshot of one), offered in the picker. */
function offered(slug: string, isDefault: boolean, description: string): ModelInfo {
  const known = findModel(slug);
  if (known) return { ...known, isDefault, hidden: false };
  return { ...fallbackModelInfo(slug), isDefault, hidden: false, description };
}

function catalogModels(configuredModel: string, includeHidden: boolean): ModelInfo[] {
  const catalog = listModels({ includeHidden });
  const listed = catalog.some((m) => m.slug === configuredModel);
  const models = catalog.map((m) => ({ ...m, isDefault: m.slug === configuredModel }));
  return listed ? models : [offered(configuredModel, true, 'The model config.toml sets.'), ...models];
}

export async function providerModels(request: ProviderModelsRequest, options: LocalModelsOptions = {}): Promise<ModelInfo[]> {
  const { provider, configuredModel } = request;
  if (provider?.requiresOpenaiAuth) return catalogModels(configuredModel, request.includeHidden);
  const name = provider?.name ?? 'the configured provider';
  const configured = offered(configuredModel, true, `The model config.toml sets for ${name}.`);
  const served = provider === null ? null : await fetchLocalModels(provider, options);
  const others = (served ?? []).filter((slug) => !sameModel(slug, configuredModel)).map((slug) => offered(slug, false, `Served by ${name}.`));
  return [configured, ...others];
}
