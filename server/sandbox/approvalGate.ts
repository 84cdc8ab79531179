// The approval seam between the tools and the approval engine (approvalEngine.ts). An ApprovalGate
// says, for one command or patch, whether it runs, is refused, or needs the user; the client round
// trip, the session memory and the items are the tools' (tools/approvals/). A command's answer also
// says how it runs (`run` / `runAfterApproval`: 'unsandboxed' = with { type: 'dangerFullAccess' }
// instead of the thread's policy), which decisions the prompt offers, and, after a sandboxed run
// failed, whether to give up, retry or ask first.
import type { AskForApproval, SandboxPolicy } from '../protocol/common';
import type { ExitStatus } from '../process/commandSpec';
import type { CommandDecision, RunMode } from './approvals';
import type { PatchDecision } from './patchApprovals';

export interface CommandApprovalQuery {
  readonly tool: string;
  readonly argv: readonly string[];
  /** Display form, e.g. `/bin/bash -lc 'npm test'`. */
  readonly command: string;
  readonly cwd: string;
  readonly sandboxPermissions: 'use_default' | 'require_escalated';
  readonly justification: string | null;
  readonly prefixRule: readonly string[] | null;
  /** The protocol's policy, or the deprecated on-failure a config may still set (enginePolicy). */
  readonly approvalPolicy: AskForApproval | 'on-failure';
  readonly sandbox: SandboxPolicy;
}

export interface PatchApprovalQuery {
  /** Every absolute path the patch writes or deletes (move destinations included). */
  readonly paths: readonly string[];
  readonly cwd: string;
  readonly approvalPolicy: AskForApproval | 'on-failure';
  readonly sandbox: SandboxPolicy;
}

/**
 * A command prompt, as the engine decided it: the reason, the decisions offered, the proposed
 * amendment, how the command runs once accepted, and (managed network) the destination asked about.
 */
export type CommandAsk = Extract<CommandDecision, { type: 'ask' }>;

export type CommandAssessment =
  | { readonly type: 'approve'; readonly run: RunMode }
  | CommandAsk
  /** `failed`: a restricted policy that cannot be enforced here; the command failed (fail closed), it was not declined. */
  | { readonly type: 'reject'; readonly reason: string; readonly failed?: boolean };

/** A patch prompt: the reason and the root a grant would cover. */
export type PatchAsk = Extract<PatchDecision, { type: 'ask' }>;

export type PatchAssessment = { readonly type: 'approve' } | PatchAsk | { readonly type: 'reject'; readonly reason: string };

/** A finished run of an approved command, for the on-failure retry question. */
export interface CommandFailureQuery extends CommandApprovalQuery {
  readonly ranAs: RunMode;
  readonly status: ExitStatus;
  readonly output: string;
  readonly alreadyApproved: boolean;
  /** Hosts the session allowed / denied in managed-network prompts. */
  readonly approvedHosts?: ReadonlySet<string>;
  readonly deniedHosts?: ReadonlySet<string>;
}

export type FailureAssessment = { readonly type: 'fail' } | { readonly type: 'retry'; readonly mode: RunMode } | CommandAsk;

export interface ApprovalGate {
  assessCommand(query: CommandApprovalQuery): CommandAssessment | Promise<CommandAssessment>;
  assessPatch(query: PatchApprovalQuery): PatchAssessment | Promise<PatchAssessment>;
  /** After a command failed: give up, retry it (unsandboxed, or with network), or ask first (default: give up). */
  assessFailure?(query: CommandFailureQuery): FailureAssessment;
  /** acceptWithExecpolicyAmendment: persist an allow rule for this prefix. */
  addAllowRule?(prefix: readonly string[]): Promise<void>;
}
