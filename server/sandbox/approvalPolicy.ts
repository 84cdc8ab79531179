// Approval policies in every form they arrive in, reduced to what the engine needs. The protocol
// sends 'untrusted' | 'on-request' | 'never' | { granular: { sandbox_approval, rules, … } } (true =
// that kind of prompt may be shown); config.toml's documented form is { reject: { … } } (true =
// auto-reject that kind of prompt); 'on-failure' is Codex's deprecated policy (run sandboxed
// without asking, ask to retry unsandboxed when the sandbox blocked the command).
import type { AskForApproval } from '../protocol/common';

export interface RejectFlags {
  sandbox_approval?: boolean;
  rules?: boolean;
  mcp_elicitations?: boolean;
  skill_approval?: boolean;
  request_permissions?: boolean;
}

export type ApprovalPolicyInput = AskForApproval | 'on-failure' | { reject: RejectFlags };

export type ApprovalMode = 'untrusted' | 'on-failure' | 'on-request' | 'never' | 'granular';

export interface NormalizedApprovalPolicy {
  readonly mode: ApprovalMode;
  /** Sandbox/escalation prompts may be shown (false: such prompts are auto-rejected). */
  readonly sandboxPrompts: boolean;
  /** Prompts caused by a `prompt` exec-policy rule may be shown. */
  readonly rulePrompts: boolean;
  /** MCP elicitations may be shown. */
  readonly mcpElicitations: boolean;
  /** The name used in messages (`on-request`, `never`, `granular` …). */
  readonly name: string;
}

export const PROMPT_CONFLICT_REASON = 'approval required by policy, but AskForApproval is set to Never';
export const REJECT_SANDBOX_APPROVAL_REASON = 'approval required by policy, but AskForApproval::Granular.sandbox_approval is false';
export const REJECT_RULES_APPROVAL_REASON = 'approval required by policy rule, but AskForApproval::Granular.rules is false';

export function normalizeApprovalPolicy(policy: ApprovalPolicyInput): NormalizedApprovalPolicy {
  if (typeof policy === 'string') {
    const prompts = policy !== 'never';
    return { mode: policy, sandboxPrompts: prompts, rulePrompts: prompts, mcpElicitations: prompts, name: policy };
  }
  if ('granular' in policy) {
    const g = policy.granular;
    return { mode: 'granular', sandboxPrompts: g.sandbox_approval, rulePrompts: g.rules, mcpElicitations: g.mcp_elicitations, name: 'granular' };
  }
  const r = policy.reject;
  return { mode: 'granular', sandboxPrompts: r.sandbox_approval !== true, rulePrompts: r.rules !== true, mcpElicitations: r.mcp_elicitations !== true, name: 'granular' };
}

/**
 * The policy the engine works with for a thread's settings: the protocol's, or the deprecated
 * `on-failure` a config may set (clients are shown `on-request` for it, see threads/threadSettings.ts).
 */
export function enginePolicy(settings: { readonly approvalPolicy: AskForApproval; readonly approvalOnFailure?: boolean }): AskForApproval | 'on-failure' {
  return settings.approvalOnFailure === true ? 'on-failure' : settings.approvalPolicy;
}

/** Why a prompt cannot be shown under this policy, or null when it may be. */
export function promptRejectionReason(policy: NormalizedApprovalPolicy, promptIsRule: boolean): string | null {
  if (policy.mode === 'never') return PROMPT_CONFLICT_REASON;
  if (policy.mode !== 'granular') return null;
  if (promptIsRule) return policy.rulePrompts ? null : REJECT_RULES_APPROVAL_REASON;
  return policy.sandboxPrompts ? null : REJECT_SANDBOX_APPROVAL_REASON;
}
