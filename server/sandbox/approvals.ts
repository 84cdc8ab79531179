// The command approval engine: pure decision functions, Codex's semantics.
//   decideCommand      before a command runs: approval policy × sandbox policy (and whether it
//                      can be enforced here) × command safety × exec-policy rules × session
//                      approvals → allow (sandboxed, or unsandboxed when every part of the command
//                      is explicitly allowed by a rule) | ask (reason, availableDecisions, proposed
//                      amendment, how to run once approved) | forbid (reason).
//   decideAfterFailure after a sandboxed run failed: when a managed network policy is active and
//                      the run could not reach a host that policy leaves open, ask (with
//                      networkApprovalContext) to retry with network on (networkApproval.ts);
//                      else under untrusted/on-failure, when the output looks like a sandbox
//                      denial, retry unsandboxed (at once if the user already approved this
//                      command, else after asking "retry without sandbox?").
//   interpretCommandDecision  what the client's answer means (run? how? remember? amend? cancel?).
// Order (as Codex): rules + heuristics first; `forbidden` always wins; a prompt the policy may not
// show becomes a rejection; only then do session approvals skip the prompt. Restricted policies
// that cannot be enforced here (no sandbox) never run silently: allowing such a command asks for
// consent to run it unsandboxed, or is refused when prompts are off.
import type { SandboxPolicy } from '../protocol/common';
import type { CommandExecutionApprovalDecision, NetworkApprovalContext, NetworkPolicyAmendment } from '../protocol/serverRequests';
import type { ExitStatus } from '../process/commandSpec';
import { shellJoin } from '../process/shellWords';
import { normalizeApprovalPolicy, promptRejectionReason, type ApprovalPolicyInput } from './approvalPolicy';
import { commandsForPolicy, isDangerousCommand, isKnownSafeCommand, isLikelySandboxDenied } from './commandSafety';
import { ExecPolicy, isRuleMatch, type Decision, type Evaluation } from './execpolicy/policy';
import {
  blockedNetworkTarget,
  commandUrlHosts,
  hostVerdict,
  networkDecisions,
  networkRetryReason,
  normalizeHost,
  proposedNetworkAmendments,
  type ManagedNetworkPolicy,
} from './networkApproval';
import { isRestricted } from './policy';

/** sandboxedWithNetwork: the thread's sandbox with network on (an approved managed-network retry). */
export type RunMode = 'sandboxed' | 'unsandboxed' | 'sandboxedWithNetwork';

/** What the engine needs from the session's approval memory (acceptForSession). */
export interface SessionApprovalLookup {
  commandApproved(argv: readonly string[], words: readonly string[] | null): boolean;
  patchApproved(paths: readonly string[]): boolean;
}

export interface CommandQuery {
  /** The argv as it will run, e.g. ['/bin/bash', '-lc', 'cargo test']. */
  argv: readonly string[];
  approvalPolicy: ApprovalPolicyInput;
  sandbox: SandboxPolicy;
  /** Whether restricted policies can be enforced here (the capability probe); default true. */
  sandboxAvailable?: boolean;
  /** The probe's actionable message when the sandbox is unavailable. */
  sandboxError?: string | null;
  sandboxPermissions?: 'use_default' | 'require_escalated';
  justification?: string | null;
  /** The model's suggested `prefix_rule` for an amendment. */
  prefixRule?: readonly string[] | null;
  rules?: ExecPolicy;
  session?: SessionApprovalLookup | null;
  platform?: NodeJS.Platform;
}

export type CommandDecision =
  | { readonly type: 'allow'; readonly run: RunMode; readonly sessionApproved: boolean; readonly proposedExecpolicyAmendment: string[] | null }
  | {
      readonly type: 'ask';
      /** `rule`: a prompt rule asked; `sandbox`: escalation, untrusted, dangerous or no sandbox. */
      readonly kind: 'rule' | 'sandbox';
      readonly reason: string | null;
      readonly availableDecisions: CommandExecutionApprovalDecision[];
      readonly proposedExecpolicyAmendment: string[] | null;
      /** How the command runs if the user accepts. */
      readonly runAfterApproval: RunMode;
      /** A managed-network prompt: the destination and the proposed allow/deny amendments. */
      readonly networkApprovalContext?: NetworkApprovalContext;
      readonly proposedNetworkPolicyAmendments?: NetworkPolicyAmendment[];
    }
  | { readonly type: 'forbid'; readonly reason: string };

/** Prefixes never proposed as amendments: they would allow arbitrary code. */
export const BANNED_PREFIX_SUGGESTIONS: readonly (readonly string[])[] = [
  ['python3'], ['python3', '-'], ['python3', '-c'], ['python'], ['python', '-'], ['python', '-c'], ['py'], ['py', '-3'],
  ['pythonw'], ['pyw'], ['pypy'], ['pypy3'], ['git'], ['bash'], ['bash', '-lc'], ['sh'], ['sh', '-c'], ['sh', '-lc'],
  ['zsh'], ['zsh', '-lc'], ['/bin/zsh'], ['/bin/zsh', '-lc'], ['/bin/bash'], ['/bin/bash', '-lc'], ['pwsh'],
  ['pwsh', '-Command'], ['pwsh', '-c'], ['powershell'], ['powershell', '-Command'], ['powershell', '-c'], ['powershell.exe'],
  ['powershell.exe', '-Command'], ['powershell.exe', '-c'], ['env'], ['sudo'], ['node'], ['node', '-e'], ['perl'],
  ['perl', '-e'], ['ruby'], ['ruby', '-e'], ['php'], ['php', '-r'], ['lua'], ['lua', '-e'], ['osascript'],
];

export const SANDBOX_RETRY_REASON = 'command failed; retry without sandbox?';

/** The decisions offered for a command prompt (Codex's accept/amendment/cancel, plus session and decline). */
export function availableDecisions(amendment: readonly string[] | null): CommandExecutionApprovalDecision[] {
  const out: CommandExecutionApprovalDecision[] = ['accept', 'acceptForSession'];
  if (amendment && amendment.length > 0) out.push({ acceptWithExecpolicyAmendment: { execpolicy_amendment: [...amendment] } });
  out.push('decline', 'cancel');
  return out;
}

function escalationRefusal(policyName: string): string {
  return `approval policy is ${policyName}; reject command — you should not ask for escalated permissions if the approval policy is ${policyName}`;
}

/** Decides whether a command runs, is refused, or needs the user. */
export function decideCommand(q: CommandQuery): CommandDecision {
  const policy = normalizeApprovalPolicy(q.approvalPolicy);
  const escalated = q.sandboxPermissions === 'require_escalated';
  if (escalated && policy.mode !== 'on-request' && policy.mode !== 'granular') return { type: 'forbid', reason: escalationRefusal(policy.name) };
  const restricted = isRestricted(q.sandbox);
  const sandboxOk = !restricted || q.sandboxAvailable !== false;
  const rules = q.rules ?? ExecPolicy.empty();
  const commands = commandsForPolicy(q.argv);

  const heuristic = (command: readonly string[]): Decision => {
    if (policy.mode === 'untrusted' && isKnownSafeCommand(command, q.platform)) return 'allow';
    if (isDangerousCommand(command)) return policy.mode === 'never' ? 'forbidden' : 'prompt';
    switch (policy.mode) {
      case 'never':
      case 'on-failure':
        return 'allow';
      case 'untrusted':
        return 'prompt';
      case 'on-request':
      case 'granular':
        return restricted && escalated ? 'prompt' : 'allow';
    }
  };
  const evaluation = rules.checkMultiple(commands, heuristic);
  const words = commands.length === 1 ? (commands[0] as string[]) : null;
  const sessionApproved = q.session?.commandApproved(q.argv, words) ?? false;
  const noSandboxNote = `${q.sandboxError ?? 'No sandbox is available on this machine.'} Run it without a sandbox?`;

  if (evaluation.decision === 'forbidden') return { type: 'forbid', reason: forbiddenReason(q.argv, evaluation) };

  if (evaluation.decision === 'prompt') {
    const promptIsRule = evaluation.matchedRules.some((m) => isRuleMatch(m) && m.decision === 'prompt');
    const rejection = promptRejectionReason(policy, promptIsRule);
    if (rejection !== null) return { type: 'forbid', reason: rejection };
    const runAfterApproval: RunMode = escalated || !sandboxOk ? 'unsandboxed' : 'sandboxed';
    if (sessionApproved) return { type: 'allow', run: runAfterApproval, sessionApproved: true, proposedExecpolicyAmendment: null };
    const amendment = requestedAmendment(q.prefixRule ?? null, rules, evaluation, commands, heuristic) ?? promptAmendment(evaluation);
    const reason = promptReason(q.argv, evaluation) ?? (escalated ? (q.justification ?? null) : null) ?? (sandboxOk ? null : noSandboxNote);
    return { type: 'ask', kind: promptIsRule ? 'rule' : 'sandbox', reason, availableDecisions: availableDecisions(amendment), proposedExecpolicyAmendment: amendment, runAfterApproval };
  }

  // Allowed. Every part explicitly allowed by a rule → it runs outside the sandbox (Codex).
  const bypass = commands.every((c) => rules.matchesFor(c).some((m) => m.decision === 'allow'));
  const allowAmendment = evaluation.matchedRules.some(isRuleMatch) ? null : firstHeuristic(evaluation, 'allow');
  if (bypass || escalated || !restricted) return { type: 'allow', run: bypass || escalated ? 'unsandboxed' : 'sandboxed', sessionApproved: false, proposedExecpolicyAmendment: allowAmendment };
  if (sandboxOk) return { type: 'allow', run: 'sandboxed', sessionApproved: false, proposedExecpolicyAmendment: allowAmendment };
  // Restricted policy, no sandbox here: never run silently.
  const rejection = promptRejectionReason(policy, false);
  if (rejection !== null) return { type: 'forbid', reason: q.sandboxError ?? rejection };
  if (sessionApproved) return { type: 'allow', run: 'unsandboxed', sessionApproved: true, proposedExecpolicyAmendment: null };
  return { type: 'ask', kind: 'sandbox', reason: noSandboxNote, availableDecisions: availableDecisions(allowAmendment), proposedExecpolicyAmendment: allowAmendment, runAfterApproval: 'unsandboxed' };
}

function firstHeuristic(evaluation: Evaluation, decision: Decision): string[] | null {
  for (const m of evaluation.matchedRules) if (m.type === 'heuristicsRuleMatch' && m.decision === decision) return [...m.command];
  return null;
}

/** Codex: no amendment when a prompt rule applies (amending would not skip it); else the first heuristic prompt. */
function promptAmendment(evaluation: Evaluation): string[] | null {
  if (evaluation.matchedRules.some((m) => isRuleMatch(m) && m.decision === 'prompt')) return null;
  return firstHeuristic(evaluation, 'prompt');
}

/** The model's suggested prefix, if allowed, unmatched by rules, and sufficient for every part. */
function requestedAmendment(
  prefix: readonly string[] | null,
  rules: ExecPolicy,
  evaluation: Evaluation,
  commands: readonly (readonly string[])[],
  heuristic: (c: readonly string[]) => Decision,
): string[] | null {
  if (!prefix || prefix.length === 0) return null;
  if (BANNED_PREFIX_SUGGESTIONS.some((b) => b.length === prefix.length && b.every((t, i) => t === prefix[i]))) return null;
  if (evaluation.matchedRules.some(isRuleMatch)) return null;
  const amended = rules.withPrefixRule(prefix, 'allow');
  return commands.every((c) => amended.check(c, heuristic).decision === 'allow') ? [...prefix] : null;
}

function mostSpecific(evaluation: Evaluation, decision: Decision): { prefix: string[]; justification: string | null } | null {
  let best: { prefix: string[]; justification: string | null } | null = null;
  for (const m of evaluation.matchedRules) {
    if (!isRuleMatch(m) || m.decision !== decision) continue;
    if (!best || m.matchedPrefix.length > best.prefix.length) best = { prefix: m.matchedPrefix, justification: m.justification ?? null };
  }
  return best;
}

function promptReason(argv: readonly string[], evaluation: Evaluation): string | null {
  const rule = mostSpecific(evaluation, 'prompt');
  if (!rule) return null;
  const command = shellJoin(argv);
  return rule.justification !== null ? `\`${command}\` requires approval: ${rule.justification}` : `\`${command}\` requires approval by policy`;
}

function forbiddenReason(argv: readonly string[], evaluation: Evaluation): string {
  const command = shellJoin(argv);
  const rule = mostSpecific(evaluation, 'forbidden');
  if (!rule) return `\`${command}\` rejected: blocked by policy`;
  if (rule.justification !== null) return `\`${command}\` rejected: ${rule.justification}`;
  return `\`${command}\` rejected: policy forbids commands starting with \`${shellJoin(rule.prefix)}\``;
}

export interface FailureQuery {
  argv: readonly string[];
  approvalPolicy: ApprovalPolicyInput;
  sandbox: SandboxPolicy;
  /** How the failed run was executed. */
  ranAs: RunMode;
  status: ExitStatus;
  /** The run's (merged) output. */
  output: string;
  /** The user already approved this command (this time or for the session). */
  alreadyApproved: boolean;
  /** From the allow decision, offered with the retry prompt. */
  proposedExecpolicyAmendment?: string[] | null;
  /** The managed network policy (requirements' [network]) and the hosts the session decided on. */
  network?: NetworkRetryInput | null;
}

export interface NetworkRetryInput {
  readonly policy: ManagedNetworkPolicy;
  readonly approvedHosts: ReadonlySet<string>;
  readonly deniedHosts: ReadonlySet<string>;
}

export type FailureDecision =
  | { readonly type: 'fail' }
  | { readonly type: 'retryUnsandboxed' }
  | { readonly type: 'retryWithNetwork' }
  | Extract<CommandDecision, { type: 'ask' }>;

/** Managed network: a blocked destination the policy leaves open → ask (or retry, approved host). */
function decideNetworkRetry(q: FailureQuery, network: NetworkRetryInput): FailureDecision | null {
  const target = blockedNetworkTarget(q.argv, q.output);
  if (!target) return null;
  const host = normalizeHost(target.host);
  const denied = (h: string): boolean => network.deniedHosts.has(h) || hostVerdict(network.policy, h) === 'denied';
  // A denied destination anywhere in the command: no retry with network (it would reach it too).
  if (denied(host) || commandUrlHosts(q.argv).some(denied) || hostVerdict(network.policy, host) === 'notAllowed') return { type: 'fail' };
  if (network.approvedHosts.has(host)) return { type: 'retryWithNetwork' };
  const policy = normalizeApprovalPolicy(q.approvalPolicy);
  if (promptRejectionReason(policy, false) !== null) return { type: 'fail' };
  const amendments = proposedNetworkAmendments(host);
  return {
    type: 'ask',
    kind: 'sandbox',
    reason: networkRetryReason(host),
    availableDecisions: networkDecisions(amendments),
    proposedExecpolicyAmendment: null,
    runAfterApproval: 'sandboxedWithNetwork',
    networkApprovalContext: { host, protocol: target.protocol },
    proposedNetworkPolicyAmendments: amendments,
  };
}

const networkOff = (sandbox: SandboxPolicy): boolean => (sandbox.type === 'readOnly' || sandbox.type === 'workspaceWrite') && !sandbox.networkAccess;

/** After a run failed: give up, retry (unsandboxed, or with network), or ask before retrying. */
export function decideAfterFailure(q: FailureQuery): FailureDecision {
  if (q.ranAs !== 'sandboxed' || !isRestricted(q.sandbox)) return { type: 'fail' };
  if (q.network && networkOff(q.sandbox) && !q.status.timedOut && q.status.exitCode !== 0) {
    const network = decideNetworkRetry(q, q.network);
    if (network) return network;
  }
  if (!isLikelySandboxDenied(q.status, q.output)) return { type: 'fail' };
  const policy = normalizeApprovalPolicy(q.approvalPolicy);
  if (policy.mode !== 'untrusted' && policy.mode !== 'on-failure') return { type: 'fail' };
  if (q.alreadyApproved) return { type: 'retryUnsandboxed' };
  const amendment = q.proposedExecpolicyAmendment ?? null;
  return { type: 'ask', kind: 'sandbox', reason: SANDBOX_RETRY_REASON, availableDecisions: availableDecisions(amendment), proposedExecpolicyAmendment: amendment, runAfterApproval: 'unsandboxed' };
}

export interface DecisionEffect {
  /** Run the command (how: the ask's runAfterApproval). */
  readonly run: boolean;
  /** Remember the command for the session (acceptForSession). */
  readonly rememberForSession: boolean;
  /** Append this allow prefix rule ($CODEX_HOME/rules/default.rules) and add it to the live policy. */
  readonly amendment: string[] | null;
  /** Interrupt the turn (cancel). */
  readonly cancelTurn: boolean;
  /** The text the model gets instead of output when the command does not run. */
  readonly modelMessage: string | null;
}

export const REJECTED_BY_USER = 'rejected by user';

/** What the client's answer to a command approval means. */
export function interpretCommandDecision(decision: CommandExecutionApprovalDecision): DecisionEffect {
  if (decision === 'accept') return { run: true, rememberForSession: false, amendment: null, cancelTurn: false, modelMessage: null };
  if (decision === 'acceptForSession') return { run: true, rememberForSession: true, amendment: null, cancelTurn: false, modelMessage: null };
  if (decision === 'decline') return { run: false, rememberForSession: false, amendment: null, cancelTurn: false, modelMessage: REJECTED_BY_USER };
  if (decision === 'cancel') return { run: false, rememberForSession: false, amendment: null, cancelTurn: true, modelMessage: REJECTED_BY_USER };
  if ('acceptWithExecpolicyAmendment' in decision) {
    const prefix = decision.acceptWithExecpolicyAmendment.execpolicy_amendment;
    return { run: true, rememberForSession: false, amendment: prefix.length > 0 ? [...prefix] : null, cancelTurn: false, modelMessage: null };
  }
  // applyNetworkPolicyAmendment: allow runs (the tool flow remembers the host), deny declines.
  if (decision.applyNetworkPolicyAmendment.network_policy_amendment.action === 'deny') {
    return { run: false, rememberForSession: false, amendment: null, cancelTurn: false, modelMessage: REJECTED_BY_USER };
  }
  return { run: true, rememberForSession: false, amendment: null, cancelTurn: false, modelMessage: null };
}
