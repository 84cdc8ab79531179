// The approval engine behind the ApprovalGate seam (approvalGate.ts): commands and patches are
// decided by decideCommand / decidePatch (approvals.ts, patchApprovals.ts) with the capability
// probe, against the exec-policy rules of the command's cwd — one ExecPolicyStore per workspace
// (its config folders include that workspace's trusted project `.codex/` folders), re-read whenever
// rulesFor() is asked to reload (each turn). A failed sandboxed run is decided by
// decideAfterFailure; acceptWithExecpolicyAmendment appends the allow rule to
// $CODEX_HOME/rules/default.rules and applies it to every store. Rules that fail to load are
// reported once per distinct error (the caller turns them into configWarning notifications).
// Session approvals are left to the caller's flow, which consults them after an 'ask' (as Codex
// does: after the rules).
import type { ApprovalGate, CommandApprovalQuery, CommandAssessment, CommandFailureQuery, FailureAssessment, PatchApprovalQuery, PatchAssessment } from './approvalGate';
import { decideAfterFailure, decideCommand, type NetworkRetryInput } from './approvals';
import type { RequirementsPrefixRule } from './execpolicy/load';
import { ExecPolicyStore } from './execpolicy/store';
import type { ManagedNetworkPolicy } from './networkApproval';
import { decidePatch } from './patchApprovals';
import { isRestricted } from './policy';
import { getSandboxCapabilities, type SandboxCapabilities } from './probe';
import type { SandboxFs } from './sandboxFs';

export interface RulesWarning {
  readonly summary: string;
  readonly details: string | null;
  readonly path: string | null;
}

export interface ApprovalEngineOptions {
  readonly codexHome: string;
  /** Config folders whose rules/ are read for a workspace, lowest precedence first. */
  readonly configFolders: (cwd: string) => readonly string[];
  /** requirements.toml `[rules] prefix_rules`. */
  readonly requirementsRules: () => readonly RequirementsPrefixRule[];
  /** Where rules load errors go (once per distinct error). */
  readonly onRulesWarning?: (warning: RulesWarning) => void;
  /** Default: the cached probe. */
  readonly capabilities?: () => SandboxCapabilities;
  readonly homeDir?: string;
  /** requirements.toml's [network] as a managed network policy (null: none). */
  readonly networkPolicy?: () => ManagedNetworkPolicy | null;
  /** TMPDIR for patch checks (default process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly fs?: SandboxFs;
}

export class ApprovalEngine implements ApprovalGate {
  private readonly stores = new Map<string, ExecPolicyStore>();
  private readonly reported = new Set<string>();

  constructor(private readonly options: ApprovalEngineOptions) {}

  /** The exec policy store of a workspace; `reload` re-reads its rules files (and reports errors). */
  rulesFor(cwd: string, reload = false): ExecPolicyStore {
    let store = this.stores.get(cwd);
    if (!store) {
      store = new ExecPolicyStore({
        codexHome: this.options.codexHome,
        configFolders: () => this.options.configFolders(cwd),
        requirementsRules: () => this.options.requirementsRules(),
        ...(this.options.homeDir !== undefined ? { homeDir: this.options.homeDir } : {}),
      });
      this.stores.set(cwd, store);
    } else if (reload) {
      store.reload();
    }
    for (const error of store.loadErrors()) {
      const key = error.message;
      if (this.reported.has(key)) continue;
      this.reported.add(key);
      this.options.onRulesWarning?.({ summary: `Exec policy rules not loaded: ${error.message}`, details: null, path: error.file });
    }
    return store;
  }

  private capabilities(): SandboxCapabilities {
    return (this.options.capabilities ?? getSandboxCapabilities)();
  }

  assessCommand(q: CommandApprovalQuery): CommandAssessment {
    const caps = this.capabilities();
    const d = decideCommand({
      argv: q.argv,
      approvalPolicy: q.approvalPolicy,
      sandbox: q.sandbox,
      sandboxAvailable: caps.available,
      sandboxError: caps.error?.message ?? null,
      sandboxPermissions: q.sandboxPermissions,
      justification: q.justification,
      prefixRule: q.prefixRule,
      rules: this.rulesFor(q.cwd).current(),
    });
    if (d.type === 'allow') return { type: 'approve', run: d.run };
    if (d.type === 'ask') return d;
    // A restricted policy that cannot be enforced here: the command failed (fail closed), it was not declined.
    const noSandbox = !caps.available && isRestricted(q.sandbox) && d.reason === caps.error?.message;
    return noSandbox ? { type: 'reject', reason: d.reason, failed: true } : { type: 'reject', reason: d.reason };
  }

  assessPatch(q: PatchApprovalQuery): PatchAssessment {
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
    return d;
  }

  assessFailure(q: CommandFailureQuery): FailureAssessment {
    const d = decideAfterFailure({
      argv: q.argv,
      approvalPolicy: q.approvalPolicy,
      sandbox: q.sandbox,
      ranAs: q.ranAs,
      status: q.status,
      output: q.output,
      alreadyApproved: q.alreadyApproved,
      network: this.networkInput(q),
    });
    if (d.type === 'retryUnsandboxed') return { type: 'retry', mode: 'unsandboxed' };
    if (d.type === 'retryWithNetwork') return { type: 'retry', mode: 'sandboxedWithNetwork' };
    return d;
  }

  private networkInput(q: CommandFailureQuery): NetworkRetryInput | null {
    const policy = this.options.networkPolicy?.() ?? null;
    if (!policy) return null;
    return { policy, approvedHosts: q.approvedHosts ?? new Set(), deniedHosts: q.deniedHosts ?? new Set() };
  }

  async addAllowRule(prefix: readonly string[]): Promise<void> {
    const stores = [...this.stores.values()];
    const first = stores[0] ?? this.rulesFor(this.options.codexHome);
    await first.addAllowRule(prefix);
    // The file is written once; the other workspaces re-read it.
    for (const store of stores.slice(1)) store.reload();
  }
}
