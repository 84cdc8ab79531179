// model/list: the built-in catalog in the protocol's Model shape, paged.
import type { ModelInfo as ProtocolModel } from '../protocol/sessionMethods';
import type { MethodRouter } from '../rpc/methodRouter';
import { invalidRequest } from '../rpc/rpcError';
import { listModels, type ModelInfo } from '../models';

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

export function registerModelList(router: MethodRouter): void {
  router.on('model/list', (params) => {
    const all = listModels({ includeHidden: params?.includeHidden ?? false }).map(toProtocol);
    const start = params?.cursor ? Number.parseInt(params.cursor, 10) : 0;
    if (!Number.isSafeInteger(start) || start < 0) throw invalidRequest(`invalid cursor: ${params?.cursor}`);
    const limit = params?.limit ?? all.length;
    return { data: all.slice(start, start + limit), nextCursor: start + limit < all.length ? String(start + limit) : null };
  });
}
