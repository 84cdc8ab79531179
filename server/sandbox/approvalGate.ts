// The approval policy seam. An ApprovalGate says, for one command or patch, whether it runs, is
// refused, or needs the user; the client round trip, the session memory and the items are handled
// around it (see approvalFlow.ts). The server's gate is the sandbox approval engine (issue 6,
// server/sandbox, adapted by EngineApprovalGate in engineGate.ts): approval policy x sandbox x exec-policy
// rules. Its answers also say how an approved command runs (`run` / `runAfterApproval`:
// 'unsandboxed' = with { type: 'dangerFullAccess' } instead of the thread's policy), which
// decisions the prompt offers, and what to ask after a sandboxed run failed.
import type { AskForApproval, SandboxPolicy } from '../protocol/common';
import type { CommandExecutionApprovalDecision, NetworkApprovalContext, NetworkPolicyAmendment } from '../protocol/serverRequests';
import type { ExitStatus } from '../tools/exec/commandSpec';
import { extractShellScript, isConnector, tokenizeScript } from '../tools/exec';

export interface CommandApprovalQuery {
  readonly tool: string;
  readonly argv: readonly string[];
  /** Display form, e.g. `/bin/bash -lc 'npm test'`. */
  readonly command: string;
  readonly cwd: string;
  readonly sandboxPermissions: 'use_default' | 'require_escalated';
  readonly justification: string | null;
  readonly prefixRule: readonly string[] | null;
  /** The protocol's policy, or the deprecated on-failure a config may still set (threadSettings.ts). */
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
 * How a command runs: under the thread's sandbox, without one (dangerFullAccess), or under the
 * thread's sandbox with network on (an approved managed-network retry).
 */
export type RunMode = 'sandboxed' | 'unsandboxed' | 'sandboxedWithNetwork';

export type ApprovalAssessment =
  | { readonly type: 'approve'; readonly run?: RunMode }
  | {
      readonly type: 'ask';
      readonly reason: string | null;
      readonly proposedExecpolicyAmendment?: string[] | null;
      readonly grantRoot?: string | null;
      /** How the command runs once accepted (default sandboxed). */
      readonly runAfterApproval?: RunMode;
      /** The decisions the prompt offers (default: accept, acceptForSession, the amendment, decline, cancel). */
      readonly availableDecisions?: CommandExecutionApprovalDecision[];
      /** A managed-network prompt: its destination and proposed allow/deny amendments. */
      readonly networkApprovalContext?: NetworkApprovalContext | null;
      readonly proposedNetworkPolicyAmendments?: NetworkPolicyAmendment[] | null;
    }
  | { readonly type: 'reject'; readonly reason: string; readonly failed?: boolean };

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

export type FailureAssessment =
  | { readonly type: 'fail' }
  | { readonly type: 'retry'; readonly mode?: RunMode }
  | Extract<ApprovalAssessment, { type: 'ask' }>;

export interface ApprovalGate {
  assessCommand(query: CommandApprovalQuery): ApprovalAssessment | Promise<ApprovalAssessment>;
  assessPatch(query: PatchApprovalQuery): ApprovalAssessment | Promise<ApprovalAssessment>;
  /** After a command failed: give up, retry it unsandboxed, or ask first (default: give up). */
  assessFailure?(query: CommandFailureQuery): FailureAssessment;
  /** acceptWithExecpolicyAmendment: persist an allow rule for this prefix. */
  addAllowRule?(prefix: readonly string[]): Promise<void>;
}

/**
 * The words of a command when it is one simple command: the script of `bash -lc '<script>'`
 * tokenized (null when it chains commands or uses syntax the tokenizer does not model), else argv.
 */
export function commandWords(argv: readonly string[]): string[] | null {
  const script = extractShellScript(argv);
  if (script === null) return [...argv];
  const tokens = tokenizeScript(script);
  if (!tokens || tokens.length === 0 || tokens.some((t) => isConnector(t))) return null;
  return tokens;
}
