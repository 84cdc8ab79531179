// Approval of one command or patch: the gate's verdict, then what the user approved for the
// session, then — only when still needed — the client round trip
// (`item/commandExecution/requestApproval` / `item/fileChange/requestApproval`). Decisions:
// accept; acceptForSession (remembered for the thread); acceptWithExecpolicyAmendment (the prefix
// is remembered for the thread and persisted as an allow rule through the gate); decline; cancel
// (declines and interrupts the turn). An interrupted turn or a failed request counts as declined.
// A command verdict says how it runs: sandboxed, or unsandboxed (an approved escalation, an allow
// rule, consent to run where no sandbox is possible, an approved retry after a sandbox denial), or
// sandboxed with network on (an approved managed-network retry: networkApprovalContext prompts,
// whose acceptForSession / applyNetworkPolicyAmendment decisions are remembered per host).
import type { CommandAction } from '../../protocol/items';
import type { ApprovalGate, CommandApprovalQuery, CommandAsk, PatchApprovalQuery, RunMode } from '../../sandbox';
import { normalizeHost } from '../../sandbox/networkApproval';
import { askClient, type ClientRequestContext } from './clientRequest';
import { commandWords, type SessionApprovals } from './sessionApprovals';

/** What approval needs of the tool context (the tools' ToolContext satisfies it). */
export interface ApprovalContext extends ClientRequestContext {
  readonly turn: { readonly id: string };
  readonly gate: ApprovalGate;
  /** What the user approved for the session. */
  readonly tools: { readonly approvals: SessionApprovals };
  /** Interrupts the turn (a `cancel` answer). */
  interruptTurn(): void;
}

export type ApprovalVerdict =
  | { readonly run: true; readonly asked: boolean; readonly mode: RunMode }
  | { readonly run: false; readonly asked: boolean; readonly by: 'user' | 'policy' | 'interrupt'; readonly reason: string; readonly failed?: boolean };

export interface CommandApprovalRequest extends CommandApprovalQuery {
  readonly itemId: string;
  readonly commandActions: CommandAction[];
}

export interface PatchApprovalRequest extends PatchApprovalQuery {
  readonly itemId: string;
}

const declinedByUser = (asked: boolean): ApprovalVerdict => ({ run: false, asked, by: 'user', reason: 'rejected by user' });

export async function approveCommand(ctx: ApprovalContext, req: CommandApprovalRequest, beforeAsking: () => void): Promise<ApprovalVerdict> {
  const assessment = await ctx.gate.assessCommand(req);
  if (assessment.type === 'approve') return { run: true, asked: false, mode: assessment.run };
  if (assessment.type === 'reject') return { run: false, asked: false, by: 'policy', reason: assessment.reason, ...(assessment.failed ? { failed: true } : {}) };
  const mode = assessment.runAfterApproval;
  if (ctx.tools.approvals.commandApproved(req.argv, commandWords(req.argv))) return { run: true, asked: false, mode };
  return askCommand(ctx, req, assessment, beforeAsking);
}

/** The client round trip for a command (also the "retry without the sandbox?" question). */
export async function askCommand(ctx: ApprovalContext, req: CommandApprovalRequest, assessment: CommandAsk, beforeAsking: () => void): Promise<ApprovalVerdict> {
  const mode = assessment.runAfterApproval;
  beforeAsking();
  const answer = await askClient(
    ctx,
    'item/commandExecution/requestApproval',
    {
      kind: 'command',
      threadId: ctx.thread.id,
      turnId: ctx.turn.id,
      itemId: req.itemId,
      startedAtMs: Date.now(),
      environmentId: 'local',
      reason: assessment.reason,
      command: req.command,
      cwd: req.cwd,
      commandActions: req.commandActions,
      proposedExecpolicyAmendment: assessment.proposedExecpolicyAmendment,
      availableDecisions: assessment.availableDecisions,
      ...(assessment.networkApprovalContext
        ? { networkApprovalContext: assessment.networkApprovalContext, proposedNetworkPolicyAmendments: assessment.proposedNetworkPolicyAmendments ?? null }
        : {}),
    },
    'waitingOnApproval',
  );
  if (!answer.ok) return answer.reason === 'aborted' ? { run: false, asked: true, by: 'interrupt', reason: answer.message } : declinedByUser(true);
  const decision = answer.value.decision;
  const network = assessment.networkApprovalContext ?? null;
  if (decision === 'accept') return { run: true, asked: true, mode };
  if (decision === 'acceptForSession') {
    // A network prompt's session approval is for the host (Codex: "allow this host for this session").
    if (network) ctx.tools.approvals.approveHost(network.host);
    else ctx.tools.approvals.approveCommand(req.argv);
    return { run: true, asked: true, mode };
  }
  if (typeof decision === 'object' && 'applyNetworkPolicyAmendment' in decision) {
    const { host, action } = decision.applyNetworkPolicyAmendment.network_policy_amendment;
    // Only an amendment for the host asked about counts (as Codex checks); kept for the session.
    if (!network || normalizeHost(host) !== network.host) return declinedByUser(true);
    if (action === 'deny') {
      ctx.tools.approvals.denyHost(network.host);
      return declinedByUser(true);
    }
    ctx.tools.approvals.approveHost(network.host);
    return { run: true, asked: true, mode };
  }
  if (typeof decision === 'object') {
    if ('acceptWithExecpolicyAmendment' in decision) {
      const prefix = decision.acceptWithExecpolicyAmendment.execpolicy_amendment;
      ctx.tools.approvals.approvePrefix(prefix);
      if (prefix.length > 0 && ctx.gate.addAllowRule) {
        try {
          await ctx.gate.addAllowRule(prefix);
        } catch (error) {
          ctx.notify('warning', { threadId: ctx.thread.id, message: `Could not save the exec policy rule: ${error instanceof Error ? error.message : String(error)}` });
        }
      }
    }
    return { run: true, asked: true, mode };
  }
  if (decision === 'cancel') ctx.interruptTurn();
  return declinedByUser(true);
}

export async function approvePatch(ctx: ApprovalContext, req: PatchApprovalRequest, beforeAsking: () => void): Promise<ApprovalVerdict> {
  const assessment = await ctx.gate.assessPatch(req);
  if (assessment.type === 'approve') return { run: true, asked: false, mode: 'sandboxed' };
  if (assessment.type === 'reject') return { run: false, asked: false, by: 'policy', reason: assessment.reason };
  if (ctx.tools.approvals.patchApproved(req.paths)) return { run: true, asked: false, mode: 'sandboxed' };
  beforeAsking();
  const answer = await askClient(
    ctx,
    'item/fileChange/requestApproval',
    {
      threadId: ctx.thread.id,
      turnId: ctx.turn.id,
      itemId: req.itemId,
      startedAtMs: Date.now(),
      reason: assessment.reason,
      grantRoot: assessment.grantRoot,
    },
    'waitingOnApproval',
  );
  if (!answer.ok) return answer.reason === 'aborted' ? { run: false, asked: true, by: 'interrupt', reason: answer.message } : declinedByUser(true);
  const decision = answer.value.decision;
  if (decision === 'accept') return { run: true, asked: true, mode: 'sandboxed' };
  if (decision === 'acceptForSession') {
    ctx.tools.approvals.approvePatchPaths(req.paths);
    return { run: true, asked: true, mode: 'sandboxed' };
  }
  if (decision === 'cancel') ctx.interruptTurn();
  return declinedByUser(true);
}
