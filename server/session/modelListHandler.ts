// model/list: the configured provider's models (providerModels.ts: the built-in catalog for OpenAI,
// config.toml's model and what a local server serves otherwise) in the protocol's Model shape, paged.
import type { ModelInfo as ProtocolModel } from '../protocol/clientRequests';
import type { MethodRouter } from '../rpc/methodRouter';
import { invalidRequest } from '../rpc/rpcError';
import { type Env, type ModelInfo, type ModelProviderInfo, providerModels, resolveProvider } from '../models';

export interface ModelListDeps {
  /** The config a new thread without a cwd gets: its model and provider. */
  readonly settings: () => { readonly model: string; readonly model_provider: string; readonly model_providers: unknown };
  /** The environment provider keys resolve from. */
  readonly env: () => Env;
}

function toProtocol(model: ModelInfo): ProtocolModel {
  return {
    id: model.slug,
    model: model.slug,
    upgrade: null,
    upgradeInfo: null,
    availabilityNux: null,
    displayName: model.displayName,
    description: model.description,
    modelSpecialty: null,
    hidden: model.hidden,
    supportedReasoningEfforts: model.supportedReasoningEfforts.map((o) => ({ reasoningEffort: o.effort, description: o.description })),
    defaultReasoningEffort: model.defaultReasoningEffort ?? 'none',
    inputModalities: model.inputModalities.filter((m): m is 'text' | 'image' => m === 'text' || m === 'image'),
    supportsPersonality: false,
    multiAgentVersion: null,
    additionalSpeedTiers: [],
    serviceTiers: [],
    defaultServiceTier: null,
    availableAccessPrograms: null,
    isDefault: model.isDefault,
  };
}

/** The configured provider; null when config.toml names one that is not defined (a turn reports that). */
function configuredProvider(settings: ReturnType<ModelListDeps['settings']>, env: Env): ModelProviderInfo | null {
  try {
    return resolveProvider(settings.model_provider, settings.model_providers, env);
  } catch {
    return null;
  }
}

export function registerModelList(router: MethodRouter, deps: ModelListDeps): void {
  router.on('model/list', async (params) => {
    const start = params?.cursor ? Number.parseInt(params.cursor, 10) : 0;
    if (!Number.isSafeInteger(start) || start < 0) throw invalidRequest(`invalid cursor: ${params?.cursor}`);
    const settings = deps.settings();
    const models = await providerModels({
      provider: configuredProvider(settings, deps.env()),
      configuredModel: settings.model,
      includeHidden: params?.includeHidden ?? false,
    });
    const all = models.map(toProtocol);
    const limit = params?.limit ?? all.length;
    return { data: all.slice(start, start + limit), nextCursor: start + limit < all.length ? String(start + limit) : null };
  });
}
