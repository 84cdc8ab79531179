// The approval engine behind the tools' ApprovalGate seam (server/tools/approvals/approvalGate.ts):
// SandboxApprovalGate answers assessCommand/assessPatch with decideCommand/decidePatch, using the
// live exec policy and the capability probe. Its answers carry one field more than the seam
// defines — how the command must run:
//   { type: 'approve', run: 'sandboxed' | 'unsandboxed' }
//   { type: 'ask', reason, proposedExecpolicyAmendment, runAfterApproval, availableDecisions }
// 'unsandboxed' (an approved escalation, a command every part of which an allow rule covers, or
// consent to run without a sandbox where none is available) means: run it with
// { type: 'dangerFullAccess' } instead of the thread's policy. Session approvals are left to the
// caller's flow, which consults them after an 'ask' (as Codex does: after the rules).
import type { ApprovalAssessment, ApprovalGate, CommandApprovalQuery, PatchApprovalQuery } from './approvalGate';
import type { CommandExecutionApprovalDecision } from '../protocol/serverRequests';
import { decideCommand, type RunMode } from './approvals';
import type { ExecPolicy } from './execpolicy/policy';
import { decidePatch } from './patchApprovals';
import { getSandboxCapabilities, type SandboxCapabilities } from './probe';
import type { SandboxFs } from './sandboxFs';

export type SandboxCommandAssessment =
  | { readonly type: 'approve'; readonly run: RunMode }
  | {
      readonly type: 'ask';
      readonly reason: string | null;
      readonly proposedExecpolicyAmendment: string[] | null;
      readonly runAfterApproval: RunMode;
      readonly availableDecisions: CommandExecutionApprovalDecision[];
      readonly kind: 'rule' | 'sandbox';
    }
  | { readonly type: 'reject'; readonly reason: string };

export interface SandboxApprovalGateOptions {
  /** The live exec policy (e.g. `() => store.current()`); default: no rules. */
  rules?: () => ExecPolicy;
  /** Default: the cached probe. */
  capabilities?: () => SandboxCapabilities;
  /** TMPDIR for patch checks (default process.env). */
  env?: Readonly<Record<string, string | undefined>>;
  fs?: SandboxFs;
}

export class SandboxApprovalGate implements ApprovalGate {
  constructor(private readonly options: SandboxApprovalGateOptions = {}) {}

  assessCommand(q: CommandApprovalQuery): SandboxCommandAssessment & ApprovalAssessment {
    const caps = (this.options.capabilities ?? getSandboxCapabilities)();
    const rules = this.options.rules?.();
    const d = decideCommand({
      argv: q.argv,
      approvalPolicy: q.approvalPolicy,
      sandbox: q.sandbox,
      sandboxAvailable: caps.available,
      sandboxError: caps.error?.message ?? null,
      sandboxPermissions: q.sandboxPermissions,
      justification: q.justification,
      prefixRule: q.prefixRule,
      ...(rules ? { rules } : {}),
    });
    if (d.type === 'forbid') return { type: 'reject', reason: d.reason };
    if (d.type === 'allow') return { type: 'approve', run: d.run };
    return {
      type: 'ask',
      reason: d.reason,
      proposedExecpolicyAmendment: d.proposedExecpolicyAmendment,
      runAfterApproval: d.runAfterApproval,
      availableDecisions: d.availableDecisions,
      kind: d.kind,
    };
  }

  assessPatch(q: PatchApprovalQuery): ApprovalAssessment {
    const d = decidePatch({
      paths: q.paths,
      cwd: q.cwd,
      approvalPolicy: q.approvalPolicy,
      sandbox: q.sandbox,
      env: this.options.env ?? process.env,
      ...(this.options.fs ? { fs: this.options.fs } : {}),
    });
    if (d.type === 'allow') return { type: 'approve' };
    if (d.type === 'forbid') return { type: 'reject', reason: d.reason };
    return { type: 'ask', reason: d.reason, grantRoot: d.grantRoot };
  }
}
