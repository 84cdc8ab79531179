// Resolves the settings a thread runs with from the effective config plus request overrides, and
// maps Codex's sandbox mode names to the protocol's SandboxPolicy.
import { resolve } from 'node:path';
import type { AskForApproval, Personality, SandboxMode, SandboxPolicy } from '../protocol/common';
import type { EffectiveSettings } from '../config/effectiveConfig';
import { BASE_INSTRUCTIONS } from '../context/baseInstructions';
import { getModelInfo } from '../models';

export interface ThreadSettings {
  model: string;
  modelProvider: string;
  cwd: string;
  approvalPolicy: AskForApproval;
  /**
   * The config said `on-failure` (the protocol has no such value: clients see `approvalPolicy:
   * 'on-request'`): commands run sandboxed without asking, and a run the sandbox denied asks to
   * retry without it. Cleared when a request sets a policy explicitly.
   */
  approvalOnFailure?: boolean;
  sandbox: SandboxPolicy;
  reasoningEffort: string | null;
  reasoningSummary: 'auto' | 'concise' | 'detailed' | 'none' | null;
  verbosity: 'low' | 'medium' | 'high' | null;
  baseInstructions: string;
  developerInstructions: string | null;
  personality: Personality | null;
}

export interface SettingsRequest {
  model?: string | null;
  modelProvider?: string | null;
  cwd?: string | null;
  approvalPolicy?: AskForApproval | null;
  sandbox?: SandboxMode | null;
  baseInstructions?: string | null;
  developerInstructions?: string | null;
  personality?: Personality | null;
}

/** `[sandbox_workspace_write]` of the config (writable roots, network, /tmp and $TMPDIR exclusions). */
export type WorkspaceWriteConfig = EffectiveSettings['sandbox_workspace_write'];

export function sandboxPolicyFor(mode: SandboxMode, workspaceWrite?: WorkspaceWriteConfig): SandboxPolicy {
  switch (mode) {
    case 'read-only':
      return { type: 'readOnly', networkAccess: false };
    case 'workspace-write':
      return {
        type: 'workspaceWrite',
        writableRoots: [...(workspaceWrite?.writable_roots ?? [])],
        networkAccess: workspaceWrite?.network_access ?? false,
        excludeTmpdirEnvVar: workspaceWrite?.exclude_tmpdir_env_var ?? false,
        excludeSlashTmp: workspaceWrite?.exclude_slash_tmp ?? false,
      };
    case 'danger-full-access':
      return { type: 'dangerFullAccess' };
  }
}

/**
 * Request fields win over config, except for keys the config enforces (managed_config.toml or a
 * requirements fallback); relative cwds resolve against the server's cwd (as Codex does).
 */
export function resolveThreadSettings(config: EffectiveSettings, request: SettingsRequest, fallback?: Partial<ThreadSettings>): ThreadSettings {
  const enforced = config.enforced ?? new Set<string>();
  const pick = <T>(key: string, fromRequest: T | null | undefined, fromFallback: T | null | undefined, fromConfig: T): T =>
    enforced.has(key) ? fromConfig : (fromRequest ?? fromFallback ?? fromConfig);
  const model = pick('model', request.model, fallback?.model, config.model);
  const info = getModelInfo(model);
  // on-failure comes from the config or the resumed thread; a request that sends the value clients
  // are shown for it (on-request) does not change it, any other request value does.
  const underlying: AskForApproval | 'on-failure' = fallback?.approvalPolicy
    ? fallback.approvalOnFailure === true ? 'on-failure' : fallback.approvalPolicy
    : config.approval_policy;
  const requested = request.approvalPolicy === 'on-request' && underlying === 'on-failure' ? undefined : request.approvalPolicy;
  const approval = enforced.has('approval_policy') ? config.approval_policy : (requested ?? underlying);
  const approvalOnFailure = approval === 'on-failure';
  return {
    model,
    modelProvider: pick('model_provider', request.modelProvider, fallback?.modelProvider, config.model_provider),
    cwd: resolve(request.cwd ?? fallback?.cwd ?? process.cwd()),
    approvalPolicy: approval === 'on-failure' ? 'on-request' : approval,
    ...(approvalOnFailure ? { approvalOnFailure: true } : {}),
    sandbox: enforced.has('sandbox_mode')
      ? sandboxPolicyFor(config.sandbox_mode, config.sandbox_workspace_write)
      : request.sandbox
        ? sandboxPolicyFor(request.sandbox, config.sandbox_workspace_write)
        : (fallback?.sandbox ?? sandboxPolicyFor(config.sandbox_mode, config.sandbox_workspace_write)),
    reasoningEffort: config.model_reasoning_effort ?? fallback?.reasoningEffort ?? (info.known ? info.info.defaultReasoningEffort : null),
    reasoningSummary: config.model_reasoning_summary ?? fallback?.reasoningSummary ?? null,
    verbosity: config.model_verbosity ?? fallback?.verbosity ?? null,
    baseInstructions: request.baseInstructions ?? fallback?.baseInstructions ?? config.base_instructions ?? BASE_INSTRUCTIONS,
    developerInstructions: request.developerInstructions ?? fallback?.developerInstructions ?? config.developer_instructions ?? null,
    personality: request.personality ?? fallback?.personality ?? null,
  };
}
