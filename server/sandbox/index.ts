// Sandbox runner, approval engine and exec-policy rules (issue 6). The public API:
//
// RUNNING COMMANDS — SandboxedRunner implements the CommandRunner of server/process:
//   const runner = new SandboxedRunner();                 // once per server; probe is cached
//   const proc = runner.spawn({ ...commandSpec, sandboxCwd: turnCwd });
//     - dangerFullAccess / externalSandbox → run directly (pass-through runner);
//     - readOnly / workspaceWrite → bwrap (Linux/WSL2) or sandbox-exec (macOS);
//     - no sandbox possible → a process that never starts: exit 127, spawnError = actionable text.
//   `sandboxCwd` (optional) anchors the workspace root to the turn's cwd so a `workdir` elsewhere
//   does not become writable. runner.plan(spec) tells how it would run, without side effects.
//   runner.capabilities() / getSandboxCapabilities(): the cached probe ({ available, error, … });
//   call getSandboxCapabilities() at startup to warm it (a few ms, synchronous).
//   CODEX_SANDBOX_NETWORK_DISABLED=1 is added to the env whenever the network is off.
//
// DECIDING — pure functions (no I/O):
//   decideCommand({ argv, approvalPolicy, sandbox, sandboxAvailable, sandboxError,
//                   sandboxPermissions, justification, prefixRule, rules, session })
//     → { type: 'allow', run: 'sandboxed' | 'unsandboxed', sessionApproved, proposedExecpolicyAmendment }
//     | { type: 'ask', kind: 'rule' | 'sandbox', reason, availableDecisions,
//         proposedExecpolicyAmendment, runAfterApproval }
//     | { type: 'forbid', reason }
//   'unsandboxed' means: spawn with { type: 'dangerFullAccess' } instead of the thread's policy.
//   decideAfterFailure({ argv, approvalPolicy, sandbox, ranAs, status, output, alreadyApproved,
//                        proposedExecpolicyAmendment }) → fail | retryUnsandboxed | ask (on-failure,
//     untrusted: "command failed; retry without sandbox?").
//   interpretCommandDecision(decision) → { run, rememberForSession, amendment, cancelTurn, modelMessage }.
//   decidePatch({ paths, cwd, approvalPolicy, sandbox, session }) → allow | ask(reason, grantRoot) | forbid.
//   approvalPolicy accepts the protocol form, 'on-failure' and config's { reject: {…} }.
//   Managed network (requirements' [network]): networkApproval.ts — a failed run's blocked host is
//   offered in a retry prompt carrying networkApprovalContext; see there what differs from Codex.
//   ApprovalEngine implements the ApprovalGate seam (approvalGate.ts) the tools ask on top of these,
//   with one ExecPolicyStore per workspace (see RULES); its answers also carry `run` /
//   `runAfterApproval` / `availableDecisions`.
//
// RULES — `.rules` files (Starlark subset: prefix_rule, host_executable, network_rule):
//   const store = new ExecPolicyStore({ codexHome, configFolders: () => [...layers],
//                                       requirementsRules: () => requirements.prefixRules });
//   store.current() → ExecPolicy (pass as `rules`); store.reload() (e.g. per thread start; its
//   `errors` are file:line:column warnings); await store.addAllowRule(prefix) on
//   acceptWithExecpolicyAmendment (appends to $CODEX_HOME/rules/default.rules, applies at once).
//
// OTHER: isKnownSafeCommand, isDangerousCommand, isLikelySandboxDenied; windowsSandboxSetup(mode)
// for `windowsSandbox/setupStart` ({ started: true } + a setupCompleted { success: false, error });
// `codex-ts sandbox MODE [--network] [-C DIR] -- CMD` is server/cli/sandbox.ts.
export { SandboxedRunner, planCommand, SECCOMP_FD, type SandboxCommandSpec, type SandboxPlan, type SandboxedRunnerOptions } from './runner';
export { getSandboxCapabilities, probeSandbox, resetSandboxCapabilities, type SandboxCapabilities } from './probe';
export { SandboxError, type SandboxErrorCode } from './errors';
export { hasNetwork, isRestricted, NETWORK_DISABLED_ENV, PROTECTED_NAMES, resolveSandbox, type ResolvedSandbox } from './policy';
export {
  availableDecisions,
  decideAfterFailure,
  decideCommand,
  interpretCommandDecision,
  REJECTED_BY_USER,
  SANDBOX_RETRY_REASON,
  type CommandDecision,
  type CommandQuery,
  type FailureDecision,
  type NetworkRetryInput,
  type RunMode,
  type SessionApprovalLookup,
} from './approvals';
export { normalizeApprovalPolicy, type ApprovalPolicyInput } from './approvalPolicy';
export { blockedNetworkTarget, domainMatches, hostVerdict, managedNetworkPolicy, type ManagedNetworkPolicy } from './networkApproval';
export { decidePatch, type PatchDecision, type PatchQuery } from './patchApprovals';
export { ApprovalEngine, type ApprovalEngineOptions, type RulesWarning } from './approvalEngine';
export type {
  ApprovalGate,
  CommandApprovalQuery,
  CommandAsk,
  CommandAssessment,
  CommandFailureQuery,
  FailureAssessment,
  PatchApprovalQuery,
  PatchAsk,
  PatchAssessment,
} from './approvalGate';
export { isDangerousCommand, isKnownSafeCommand, isLikelySandboxDenied, commandsForPolicy } from './commandSafety';
export { ExecPolicy, type Decision, type Evaluation, type RuleMatch } from './execpolicy/policy';
export { ExecPolicyStore } from './execpolicy/store';
export { loadExecPolicy, defaultRulesFile, type RequirementsPrefixRule } from './execpolicy/load';
export { RulesError, parseRulesFile } from './execpolicy/interpret';
export { appendAllowPrefixRule, formatAllowPrefixRule } from './execpolicy/amend';
export { windowsSandboxSetup } from './windows';
