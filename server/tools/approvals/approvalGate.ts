// The approval policy seam. An ApprovalGate says, for one command or patch, whether it runs, is
// refused, or needs the user; the client round trip, the session memory and the items are handled
// around it (see commandApproval.ts / patchApproval.ts). The full policy engine (exec policy
// rules, sandbox-aware escalation, persisted amendments) is issue 6 and implements this same
// interface; DefaultApprovalGate is the simple policy used until then:
//   never       never ask (an escalation request simply runs: there is no sandbox yet to leave);
//   untrusted   ask for every command and every patch;
//   on-request  ask when the model requests escalation (`sandbox_permissions: "require_escalated"`,
//               its `justification` as the reason) and for patches that write outside the cwd and
//               the writable roots (never under danger-full-access);
//   granular    like on-request, but a prompt whose flag is off (`sandbox_approval`) is refused
//               instead of asked.
import * as path from 'node:path';
import type { AskForApproval, SandboxPolicy } from '../../protocol/common';
import { extractShellScript, isConnector, tokenizeScript } from '../exec';

export interface CommandApprovalQuery {
  readonly tool: string;
  readonly argv: readonly string[];
  /** Display form, e.g. `/bin/bash -lc 'npm test'`. */
  readonly command: string;
  readonly cwd: string;
  readonly sandboxPermissions: 'use_default' | 'require_escalated';
  readonly justification: string | null;
  readonly prefixRule: readonly string[] | null;
  readonly approvalPolicy: AskForApproval;
  readonly sandbox: SandboxPolicy;
}

export interface PatchApprovalQuery {
  /** Every absolute path the patch writes or deletes (move destinations included). */
  readonly paths: readonly string[];
  readonly cwd: string;
  readonly approvalPolicy: AskForApproval;
  readonly sandbox: SandboxPolicy;
}

export type ApprovalAssessment =
  | { readonly type: 'approve' }
  | { readonly type: 'ask'; readonly reason: string | null; readonly proposedExecpolicyAmendment?: string[] | null; readonly grantRoot?: string | null }
  | { readonly type: 'reject'; readonly reason: string };

export interface ApprovalGate {
  assessCommand(query: CommandApprovalQuery): ApprovalAssessment | Promise<ApprovalAssessment>;
  assessPatch(query: PatchApprovalQuery): ApprovalAssessment | Promise<ApprovalAssessment>;
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

function inside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith(`..${path.sep}`) && rel !== '..' && !path.isAbsolute(rel));
}

/** The paths a patch may write without asking: the cwd and the workspace-write roots. */
export function writableRoots(cwd: string, sandbox: SandboxPolicy): string[] {
  const roots = [cwd];
  if (sandbox.type === 'workspaceWrite') roots.push(...sandbox.writableRoots.map((r) => path.resolve(cwd, r)));
  return roots;
}

export class DefaultApprovalGate implements ApprovalGate {
  assessCommand(q: CommandApprovalQuery): ApprovalAssessment {
    const policy = q.approvalPolicy;
    const escalated = q.sandboxPermissions === 'require_escalated';
    const reason = escalated ? q.justification : null;
    const proposedExecpolicyAmendment = q.prefixRule && q.prefixRule.length > 0 ? [...q.prefixRule] : commandWords(q.argv);
    if (policy === 'never') return { type: 'approve' };
    if (policy === 'untrusted') return { type: 'ask', reason, proposedExecpolicyAmendment };
    if (!escalated) return { type: 'approve' };
    if (policy === 'on-request' || policy.granular.sandbox_approval) return { type: 'ask', reason, proposedExecpolicyAmendment };
    return { type: 'reject', reason: 'approval policy does not allow running commands outside the sandbox' };
  }

  assessPatch(q: PatchApprovalQuery): ApprovalAssessment {
    const policy = q.approvalPolicy;
    if (policy === 'never') return { type: 'approve' };
    if (policy === 'untrusted') return { type: 'ask', reason: null, grantRoot: null };
    if (q.sandbox.type === 'dangerFullAccess' || q.sandbox.type === 'externalSandbox') return { type: 'approve' };
    const roots = writableRoots(q.cwd, q.sandbox);
    const outside = q.paths.filter((p) => !roots.some((root) => inside(root, p)));
    if (outside.length === 0) return { type: 'approve' };
    if (policy === 'on-request' || policy.granular.sandbox_approval) {
      return { type: 'ask', reason: `The patch writes outside the workspace: ${outside.join(', ')}`, grantRoot: null };
    }
    return { type: 'reject', reason: 'approval policy does not allow writing outside the workspace' };
  }
}
