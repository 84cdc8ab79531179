// The server's ApprovalGate: the sandbox approval engine (server/sandbox, issue 6) behind the tools'
// seam. Commands and patches are assessed by SandboxApprovalGate (decideCommand / decidePatch with
// the capability probe) against the exec-policy rules of the command's cwd — one ExecPolicyStore
// per workspace (its config folders include that workspace's trusted project `.codex/` folders),
// re-read whenever rulesFor() is asked to reload (each turn). A failed sandboxed run is assessed
// with decideAfterFailure; acceptWithExecpolicyAmendment appends the allow rule to
// $CODEX_HOME/rules/default.rules and applies it to every store. Rules that fail to load are
// reported once per distinct error (the caller turns them into configWarning notifications).
import {
  decideAfterFailure,
  ExecPolicyStore,
  type NetworkRetryInput,
  getSandboxCapabilities,
  SandboxApprovalGate,
  type ManagedNetworkPolicy,
  type RequirementsPrefixRule,
  type SandboxCapabilities,
} from '../../sandbox';
import type { ApprovalAssessment, ApprovalGate, CommandApprovalQuery, CommandFailureQuery, FailureAssessment, PatchApprovalQuery } from '../../sandbox/approvalGate';

export interface RulesWarning {
  readonly summary: string;
  readonly details: string | null;
  readonly path: string | null;
}

export interface EngineGateOptions {
  readonly codexHome: string;
  /** Config folders whose rules/ are read for a workspace, lowest precedence first. */
  readonly configFolders: (cwd: string) => readonly string[];
  /** requirements.toml `[rules] prefix_rules`. */
  readonly requirementsRules: () => readonly RequirementsPrefixRule[];
  /** Where rules load errors go (once per distinct error). */
  readonly onRulesWarning?: (warning: RulesWarning) => void;
  readonly capabilities?: () => SandboxCapabilities;
  readonly homeDir?: string;
  /** requirements.toml's [network] as a managed network policy (null: none). */
  readonly networkPolicy?: () => ManagedNetworkPolicy | null;
}

export class EngineApprovalGate implements ApprovalGate {
  private readonly stores = new Map<string, ExecPolicyStore>();
  private readonly reported = new Set<string>();

  constructor(private readonly options: EngineGateOptions) {}

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

  private engine(cwd: string): SandboxApprovalGate {
    const store = this.rulesFor(cwd);
    return new SandboxApprovalGate({ rules: () => store.current(), ...(this.options.capabilities ? { capabilities: this.options.capabilities } : {}) });
  }

  assessCommand(q: CommandApprovalQuery): ApprovalAssessment {
    const a = this.engine(q.cwd).assessCommand(q);
    if (a.type !== 'reject') return a;
    // A restricted policy that cannot be enforced here: the command failed (fail closed), it was not declined.
    const caps = (this.options.capabilities ?? getSandboxCapabilities)();
    const noSandbox = !caps.available && (q.sandbox.type === 'readOnly' || q.sandbox.type === 'workspaceWrite') && a.reason === caps.error?.message;
    return noSandbox ? { type: 'reject', reason: a.reason, failed: true } : a;
  }

  assessPatch(q: PatchApprovalQuery): ApprovalAssessment {
    return this.engine(q.cwd).assessPatch(q);
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
    if (d.type === 'fail') return d;
    if (d.type === 'retryUnsandboxed') return { type: 'retry', mode: 'unsandboxed' };
    if (d.type === 'retryWithNetwork') return { type: 'retry', mode: 'sandboxedWithNetwork' };
    return {
      type: 'ask',
      reason: d.reason,
      proposedExecpolicyAmendment: d.proposedExecpolicyAmendment,
      runAfterApproval: d.runAfterApproval,
      availableDecisions: d.availableDecisions,
      ...(d.networkApprovalContext ? { networkApprovalContext: d.networkApprovalContext, proposedNetworkPolicyAmendments: d.proposedNetworkPolicyAmendments ?? null } : {}),
    };
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
