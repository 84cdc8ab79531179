// Config RPC vocabulary: layer sources and metadata, config/read, config/value/write,
// config/batchWrite and configRequirements/read shapes, and the write error codes (as in the
// Codex 0.169 schema; config values themselves are snake_case config.toml keys).
import * as z from 'zod';
import { JsonValue } from './common';
import type { AskForApproval, SandboxMode } from './common';

export type ConfigLayerSource =
  | { type: 'system'; file: string }
  | { type: 'user'; file: string; profile: string | null }
  | { type: 'project'; dotCodexFolder: string }
  | { type: 'sessionFlags' }
  | { type: 'legacyManagedConfigTomlFromFile'; file: string };

export interface ConfigLayerMetadata {
  name: ConfigLayerSource;
  version: string;
}

export interface ConfigLayer {
  name: ConfigLayerSource;
  version: string;
  config: unknown;
  disabledReason: string | null;
}

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

export interface ConfigReadResult {
  config: Record<string, unknown>;
  origins: Record<string, ConfigLayerMetadata>;
  layers: ConfigLayer[] | null;
}

export interface ConfigWriteResult {
  status: 'ok' | 'okOverridden';
  version: string;
  filePath: string;
  overriddenMetadata: { message: string; overridingLayer: ConfigLayerMetadata; effectiveValue: unknown } | null;
}

export type WebSearchMode = 'disabled' | 'cached' | 'indexed' | 'live';

export interface NetworkRequirements {
  enabled: boolean | null;
  httpPort: number | null;
  socksPort: number | null;
  allowUpstreamProxy: boolean | null;
  dangerouslyAllowNonLoopbackProxy: boolean | null;
  dangerouslyAllowAllUnixSockets: boolean | null;
  domains: Record<string, 'allow' | 'deny'> | null;
  reviewDomains: string[] | null;
  managedAllowedDomainsOnly: boolean | null;
  allowedDomains: string[] | null;
  deniedDomains: string[] | null;
  unixSockets: Record<string, 'allow' | 'deny'> | null;
  allowUnixSockets: string[] | null;
  allowLocalBinding: boolean | null;
}

export interface ConfigRequirements {
  allowedApprovalPolicies: AskForApproval[] | null;
  allowedSandboxModes: SandboxMode[] | null;
  allowedWebSearchModes: WebSearchMode[] | null;
  enforceResidency: 'us' | null;
  allowLoginShell: boolean | null;
  network: NetworkRequirements | null;
}

export interface ConfigRequirementsReadResult {
  requirements: ConfigRequirements | null;
}

/** `error.data.config_write_error_code` of a failed config write (as the real server sends it). */
export type ConfigWriteErrorCode =
  | 'configVersionConflict'
  | 'configValidationError'
  | 'configLayerReadonly'
  | 'configRequirementReadonly'
  | 'configPathNotFound'
  | 'configSchemaUnknownKey'
  | 'userLayerNotFound';
