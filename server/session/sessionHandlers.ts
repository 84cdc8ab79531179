// The methods about the session rather than a thread: initialize (the handshake; start-up work is
// told to begin once it is answered), model/list (the configured provider's models, see
// models/providerModels.ts, paged) and windowsSandbox/setupStart (answered at once; the outcome
// follows as a notification).
import type { Notify } from '../protocol/senders';
import type { ModelInfo as ProtocolModel } from '../protocol/sessionMethods';
import type { ClientConnection } from '../rpc/clientConnection';
import type { HandlerMap } from '../rpc/methodRouter';
import { invalidRequest } from '../rpc/rpcError';
import { type Env, type ModelInfo, type ModelProviderInfo, providerModels, resolveProvider } from '../models';
import { windowsSandboxSetup } from '../sandbox';
import { handleInitialize } from './initialize';

export interface SessionHandlerDeps {
  readonly connection: ClientConnection;
  readonly codexHome: string;
  readonly notify: Notify;
  /** Runs once the handshake is answered (start-up work, config warnings from now on). */
  readonly onInitialized: () => void;
  /** The config a new thread without a cwd gets: its model and provider (for model/list). */
  readonly settings: () => { readonly model: string; readonly model_provider: string; readonly model_providers: unknown };
  /** The environment provider keys resolve from. */
  readonly providerEnv: () => Env;
}

/** The configured provider; null when config.toml names one that is not defined (a turn reports that). */
function configuredProvider(settings: ReturnType<SessionHandlerDeps['settings']>, env: Env): ModelProviderInfo | null {
  try {
    return resolveProvider(settings.model_provider, settings.model_providers, env);
  } catch {
    return null;
  }
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

export function sessionHandlers(deps: SessionHandlerDeps) {
  return {
    initialize: (params) => {
      const result = handleInitialize(deps.connection, deps.codexHome, params);
      deps.onInitialized();
      return result;
    },

    'model/list': async (params) => {
      const start = params?.cursor ? Number.parseInt(params.cursor, 10) : 0;
      if (!Number.isSafeInteger(start) || start < 0) throw invalidRequest(`invalid cursor: ${params?.cursor}`);
      const settings = deps.settings();
      const models = await providerModels({
        provider: configuredProvider(settings, deps.providerEnv()),
        configuredModel: settings.model,
        includeHidden: params?.includeHidden ?? false,
      });
      const all = models.map(toProtocol);
      const limit = params?.limit ?? all.length;
      return { data: all.slice(start, start + limit), nextCursor: start + limit < all.length ? String(start + limit) : null };
    },

    'windowsSandbox/setupStart': (params) => {
      const { result, completed } = windowsSandboxSetup(params.mode);
      setImmediate(() => deps.notify('windowsSandbox/setupCompleted', completed));
      return result;
    },
  } satisfies Partial<HandlerMap>;
}
