// The composer's modes and what each means for a turn: Chat (read-only sandbox, approvals on
// request), Agent (workspace-write, on request) and Agent (Full access) (danger-full-access, never
// asks). Until the user picks one: when config.toml sets approval_policy or sandbox_mode the chat
// sends neither setting, so config.toml's apply (the picker shows which mode they amount to); when
// it sets neither, the chat starts in Agent as the IDE extension does and sends Agent's settings
// (they override nothing). `configRequirements/read` can forbid sandbox modes or approval
// policies; a mode is offered only when both are allowed.
import type { AskForApproval, ConfigRequirements, SandboxMode, SandboxPolicy } from '@protocol';

export type ModeId = 'chat' | 'agent' | 'agentFull';

export interface ModeSpec {
  readonly id: ModeId;
  readonly sandbox: SandboxMode;
  readonly approvalPolicy: 'on-request' | 'never';
}

export const MODES: readonly ModeSpec[] = [
  { id: 'chat', sandbox: 'read-only', approvalPolicy: 'on-request' },
  { id: 'agent', sandbox: 'workspace-write', approvalPolicy: 'on-request' },
  { id: 'agentFull', sandbox: 'danger-full-access', approvalPolicy: 'never' },
];

/** What config.toml (every layer, the selected profile included) sets for new threads; null where unset. */
export interface ConfigPolicy {
  /** `approval_policy`: a policy name, or a granular table as JSON. */
  readonly approvalPolicy: string | null;
  readonly sandboxMode: SandboxMode | null;
}

/** Codex's own values for what config.toml leaves unset. */
const CODEX_DEFAULTS = { approvalPolicy: 'on-request', sandboxMode: 'read-only' } as const;

/** The mode config.toml's settings amount to, or null when they match none (e.g. `untrusted`). */
export function configuredMode(policy: ConfigPolicy): ModeId | null {
  const approval = policy.approvalPolicy ?? CODEX_DEFAULTS.approvalPolicy;
  const sandbox = policy.sandboxMode ?? CODEX_DEFAULTS.sandboxMode;
  return MODES.find((m) => m.approvalPolicy === approval && m.sandbox === sandbox)?.id ?? null;
}

/** Whether config.toml (every layer) sets neither approval_policy nor sandbox_mode. */
function configIsSilent(policy: ConfigPolicy): boolean {
  return policy.approvalPolicy === null && policy.sandboxMode === null;
}

/** The IDE extension's default mode, used when config.toml says nothing about either setting. */
const IDE_DEFAULT_MODE: ModeId = 'agent';

/**
 * The mode a chat is in while the user has picked none. `default`: config.toml is silent, so the
 * chat starts in Agent (or the first mode the requirements allow) and sends that mode's settings.
 * `config`: the mode config.toml's settings amount to, shown but not sent (null when they match no
 * mode, or config.toml is not known yet).
 */
export type UnpickedMode = { readonly type: 'default'; readonly mode: ModeId } | { readonly type: 'config'; readonly mode: ModeId | null };

export function unpickedMode(policy: ConfigPolicy | null, allowed: Record<ModeId, boolean>): UnpickedMode {
  if (policy === null) return { type: 'config', mode: null };
  if (!configIsSilent(policy)) return { type: 'config', mode: configuredMode(policy) };
  const mode = effectiveMode(IDE_DEFAULT_MODE, allowed);
  return mode === null ? { type: 'config', mode: null } : { type: 'default', mode };
}

/** Whether sending the mode replaces a value config.toml sets (unset values are not overridden). */
export function overridesConfig(mode: ModeId | null, policy: ConfigPolicy | null): boolean {
  if (mode === null || policy === null) return false;
  const spec = modeSpec(mode);
  return (policy.approvalPolicy !== null && policy.approvalPolicy !== spec.approvalPolicy) || (policy.sandboxMode !== null && policy.sandboxMode !== spec.sandbox);
}

/** config.toml's settings as its keys read (`approval_policy = "never"`), for tooltips. */
export function describePolicy(policy: ConfigPolicy): string {
  const parts: string[] = [];
  const approval = policy.approvalPolicy;
  if (approval !== null) parts.push(`approval_policy = ${approval.startsWith('{') ? approval : JSON.stringify(approval)}`);
  if (policy.sandboxMode !== null) parts.push(`sandbox_mode = ${JSON.stringify(policy.sandboxMode)}`);
  return parts.join(', ');
}

export function modeSpec(id: ModeId): ModeSpec {
  const spec = MODES.find((m) => m.id === id);
  if (!spec) throw new Error(`unknown mode ${id}`);
  return spec;
}

function policyAllowed(allowed: readonly AskForApproval[] | null, policy: string): boolean {
  if (allowed === null) return true;
  return allowed.some((p) => typeof p === 'string' && p === policy);
}

/** Whether each mode is allowed by the requirements (null requirements: everything is). */
export function allowedModes(requirements: ConfigRequirements | null): Record<ModeId, boolean> {
  const result = { chat: true, agent: true, agentFull: true } as Record<ModeId, boolean>;
  if (!requirements) return result;
  for (const mode of MODES) {
    const sandboxOk = requirements.allowedSandboxModes === null || requirements.allowedSandboxModes.includes(mode.sandbox);
    result[mode.id] = sandboxOk && policyAllowed(requirements.allowedApprovalPolicies, mode.approvalPolicy);
  }
  return result;
}

/** The mode to use: the wanted one if allowed, else the first allowed (or null if none is). */
export function effectiveMode(wanted: ModeId, allowed: Record<ModeId, boolean>): ModeId | null {
  if (allowed[wanted]) return wanted;
  const order: ModeId[] = ['agent', 'chat', 'agentFull'];
  return order.find((m) => allowed[m]) ?? null;
}

/** The turn/start sandbox policy of a mode. */
export function sandboxPolicyFor(id: ModeId): SandboxPolicy {
  switch (modeSpec(id).sandbox) {
    case 'read-only':
      return { type: 'readOnly', networkAccess: false };
    case 'workspace-write':
      return { type: 'workspaceWrite', writableRoots: [], networkAccess: false, excludeTmpdirEnvVar: false, excludeSlashTmp: false };
    case 'danger-full-access':
      return { type: 'dangerFullAccess' };
  }
}
