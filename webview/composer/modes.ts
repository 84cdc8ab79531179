// The composer's modes and what each means for a turn: Chat (read-only sandbox, approvals on
// request), Agent (workspace-write, on request; the default) and Agent (Full access)
// (danger-full-access, never asks). `configRequirements/read` can forbid sandbox modes or approval
// policies; a mode is offered only when both of its settings are allowed.
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

export const DEFAULT_MODE: ModeId = 'agent';

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
