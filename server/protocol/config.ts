// Config RPC vocabulary: layer sources and metadata, config/read, config/value/write,
// config/batchWrite and configRequirements/read shapes, and the write error codes (as in the
// Codex 0.169 schema; config values themselves are snake_case config.toml keys).
import * as z from 'zod';
import { AskForApproval, SandboxMode } from './common';
import { JsonValue, wireObject } from './wire';

/** Where a config layer comes from; codex-ts produces the first five (Codex also reads MDM and packaged defaults). */
export const ConfigLayerSource = z.lazy(() => z.discriminatedUnion('type', [
  wireObject({ type: z.literal('system'), file: z.string() }),
  wireObject({ type: z.literal('user'), file: z.string(), profile: z.string().nullable() }),
  wireObject({ type: z.literal('project'), dotCodexFolder: z.string() }),
  wireObject({ type: z.literal('sessionFlags') }),
  wireObject({ type: z.literal('legacyManagedConfigTomlFromFile'), file: z.string() }),
  wireObject({ type: z.literal('packagedDefaults'), file: z.string() }),
  wireObject({ type: z.literal('mdm'), domain: z.string(), key: z.string() }),
  wireObject({ type: z.literal('enterpriseManaged'), id: z.string(), name: z.string() }),
  wireObject({ type: z.literal('legacyManagedConfigTomlFromMdm') }),
]));
export type ConfigLayerSource = z.output<typeof ConfigLayerSource>;

export const ConfigLayerMetadata = z.lazy(() => wireObject({ name: ConfigLayerSource, version: z.string() }));
export type ConfigLayerMetadata = z.output<typeof ConfigLayerMetadata>;

export const ConfigLayer = z.lazy(() => wireObject({ name: ConfigLayerSource, version: z.string(), config: JsonValue, disabledReason: z.string().nullish() }));
export type ConfigLayer = z.output<typeof ConfigLayer>;

export const MergeStrategy = z.enum(['replace', 'upsert']);
export type MergeStrategy = z.infer<typeof MergeStrategy>;

export const ConfigEdit = z.object({ keyPath: z.string(), value: JsonValue, mergeStrategy: MergeStrategy });
export type ConfigEdit = z.infer<typeof ConfigEdit>;

export const ConfigReadParams = z.object({ includeLayers: z.boolean().optional(), cwd: z.string().nullish() });
export const ConfigValueWriteParams = ConfigEdit.extend({
  filePath: z.string().nullish(),
  expectedVersion: z.string().nullish(),
});
export const ConfigBatchWriteParams = z.object({
  edits: z.array(ConfigEdit),
  filePath: z.string().nullish(),
  expectedVersion: z.string().nullish(),
  reloadUserConfig: z.boolean().optional(),
});

export const ConfigReadResult = z.lazy(() => wireObject({
  config: z.record(z.string(), JsonValue),
  origins: z.record(z.string(), ConfigLayerMetadata),
  layers: z.array(ConfigLayer).nullish(),
}));
export type ConfigReadResult = z.output<typeof ConfigReadResult>;

export const ConfigWriteResult = z.lazy(() => wireObject({
  status: z.enum(['ok', 'okOverridden']),
  version: z.string(),
  filePath: z.string(),
  overriddenMetadata: wireObject({ message: z.string(), overridingLayer: ConfigLayerMetadata, effectiveValue: JsonValue }).nullable(),
}));
export type ConfigWriteResult = z.output<typeof ConfigWriteResult>;

export const WebSearchMode = z.enum(['disabled', 'cached', 'indexed', 'live']);
export type WebSearchMode = z.output<typeof WebSearchMode>;

const Permission = z.enum(['allow', 'deny']);
export const NetworkRequirements = z.lazy(() => wireObject({
  enabled: z.boolean().nullable(),
  httpPort: z.number().nullable(),
  socksPort: z.number().nullable(),
  allowUpstreamProxy: z.boolean().nullable(),
  dangerouslyAllowNonLoopbackProxy: z.boolean().nullable(),
  dangerouslyAllowAllUnixSockets: z.boolean().nullable(),
  domains: z.record(z.string(), Permission).nullable(),
  reviewDomains: z.array(z.string()).nullable(),
  managedAllowedDomainsOnly: z.boolean().nullable(),
  allowedDomains: z.array(z.string()).nullable(),
  deniedDomains: z.array(z.string()).nullable(),
  unixSockets: z.record(z.string(), Permission).nullable(),
  allowUnixSockets: z.array(z.string()).nullable(),
  allowLocalBinding: z.boolean().nullable(),
}));
export type NetworkRequirements = z.output<typeof NetworkRequirements>;

/** The requirements codex-ts enforces (Codex reports many more; they pass through). */
export const ConfigRequirements = z.lazy(() => wireObject({
  allowedApprovalPolicies: z.array(AskForApproval).nullable(),
  allowedSandboxModes: z.array(SandboxMode).nullable(),
  allowedWebSearchModes: z.array(WebSearchMode).nullable(),
  enforceResidency: z.literal('us').nullable(),
  allowLoginShell: z.boolean().nullable(),
  network: NetworkRequirements.nullable(),
}));
export type ConfigRequirements = z.output<typeof ConfigRequirements>;

export const ConfigRequirementsReadResult = z.lazy(() => wireObject({ requirements: ConfigRequirements.nullable() }));
export type ConfigRequirementsReadResult = z.output<typeof ConfigRequirementsReadResult>;

/** `error.data.config_write_error_code` of a failed config write (as the real server sends it). */
export type ConfigWriteErrorCode =
  | 'configVersionConflict'
  | 'configValidationError'
  | 'configLayerReadonly'
  | 'configRequirementReadonly'
  | 'configPathNotFound'
  | 'configSchemaUnknownKey'
  | 'userLayerNotFound';
