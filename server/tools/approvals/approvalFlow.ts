// Approval of one command or patch: the gate's verdict, then what the user approved for the
// session, then — only when still needed — the client round trip
// (`item/commandExecution/requestApproval` / `item/fileChange/requestApproval`). Decisions:
// accept; acceptForSession (remembered for the thread); acceptWithExecpolicyAmendment (the prefix
// is remembered for the thread); decline; cancel (declines and interrupts the turn). An interrupted
// turn or a failed request counts as declined.
import type { CommandAction } from '../../protocol/items';
import { CommandExecutionApprovalResult, FileChangeApprovalResult, type CommandExecutionApprovalDecision } from '../../protocol/serverRequests';
import type { ToolContext } from '../types';
import { commandWords, type CommandApprovalQuery, type PatchApprovalQuery } from './approvalGate';
import { askClient } from './clientRequest';

export type ApprovalVerdict =
  | { readonly run: true; readonly asked: boolean }
  | { readonly run: false; readonly asked: boolean; readonly by: 'user' | 'policy' | 'interrupt'; readonly reason: string };

export interface CommandApprovalRequest extends CommandApprovalQuery {
  readonly itemId: string;
  readonly commandActions: CommandAction[];
}

export interface PatchApprovalRequest extends PatchApprovalQuery {
  readonly itemId: string;
}

const declinedByUser = (asked: boolean): ApprovalVerdict => ({ run: false, asked, by: 'user', reason: 'rejected by user' });

export async function approveCommand(ctx: ToolContext, req: CommandApprovalRequest, beforeAsking: () => void): Promise<ApprovalVerdict> {
  const assessment = await ctx.gate.assessCommand(req);
  if (assessment.type === 'approve') return { run: true, asked: false };
  if (assessment.type === 'reject') return { run: false, asked: false, by: 'policy', reason: assessment.reason };
  const words = commandWords(req.argv);
  if (ctx.tools.approvals.commandApproved(req.argv, words)) return { run: true, asked: false };
  beforeAsking();
  const amendment = assessment.proposedExecpolicyAmendment ?? null;
  const availableDecisions: CommandExecutionApprovalDecision[] = ['accept', 'acceptForSession'];
  if (amendment) availableDecisions.push({ acceptWithExecpolicyAmendment: { execpolicy_amendment: amendment } });
  availableDecisions.push('decline', 'cancel');
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
      proposedExecpolicyAmendment: amendment,
      availableDecisions,
    },
    'waitingOnApproval',
    CommandExecutionApprovalResult,
  );
  if (!answer.ok) return answer.reason === 'aborted' ? { run: false, asked: true, by: 'interrupt', reason: answer.message } : declinedByUser(true);
  const decision = answer.value.decision;
  if (decision === 'accept') return { run: true, asked: true };
  if (decision === 'acceptForSession') {
    ctx.tools.approvals.approveCommand(req.argv);
    return { run: true, asked: true };
  }
  if (typeof decision === 'object') {
    if ('acceptWithExecpolicyAmendment' in decision) ctx.tools.approvals.approvePrefix(decision.acceptWithExecpolicyAmendment.execpolicy_amendment);
    return { run: true, asked: true };
  }
  if (decision === 'cancel') ctx.interruptTurn();
  return declinedByUser(true);
}

export async function approvePatch(ctx: ToolContext, req: PatchApprovalRequest, beforeAsking: () => void): Promise<ApprovalVerdict> {
  const assessment = await ctx.gate.assessPatch(req);
  if (assessment.type === 'approve') return { run: true, asked: false };
  if (assessment.type === 'reject') return { run: false, asked: false, by: 'policy', reason: assessment.reason };
  if (ctx.tools.approvals.patchApproved(req.paths)) return { run: true, asked: false };
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
      grantRoot: assessment.grantRoot ?? null,
    },
    'waitingOnApproval',
    FileChangeApprovalResult,
  );
  if (!answer.ok) return answer.reason === 'aborted' ? { run: false, asked: true, by: 'interrupt', reason: answer.message } : declinedByUser(true);
  const decision = answer.value.decision;
  if (decision === 'accept') return { run: true, asked: true };
  if (decision === 'acceptForSession') {
    ctx.tools.approvals.approvePatchPaths(req.paths);
    return { run: true, asked: true };
  }
  if (decision === 'cancel') ctx.interruptTurn();
  return declinedByUser(true);
}
