// The live exec policy of a server: loaded from the layers' rules/ folders plus requirements,
// reloadable (e.g. on every thread start, like the config), and amended in place when the user
// accepts a command with an exec-policy amendment — the rule is appended to
// $CODEX_HOME/rules/default.rules first (so it survives restarts), then added to the in-memory
// policy unless a rule already allows that prefix.
import * as path from 'node:path';
import { appendAllowPrefixRule } from './amend';
import type { RulesError } from './interpret';
import { defaultRulesFile, loadExecPolicy, type RequirementsPrefixRule, type RulesLoadResult } from './load';
import { ExecPolicy, isRuleMatch } from './policy';

export interface ExecPolicyStoreOptions {
  codexHome: string;
  /** Config folders whose rules/ are read, lowest precedence first (default: /etc/codex, codexHome). */
  configFolders?: () => readonly string[];
  /** requirements.toml `[rules] prefix_rules`. */
  requirementsRules?: () => readonly RequirementsPrefixRule[];
  homeDir?: string;
}

/** The system config folder whose rules/ Codex reads on Unix. */
export const SYSTEM_CONFIG_FOLDER = '/etc/codex';

export class ExecPolicyStore {
  private policy = ExecPolicy.empty();
  private errors: RulesError[] = [];

  constructor(private readonly options: ExecPolicyStoreOptions) {
    this.reload();
  }

  /** Re-reads every rules file; returns the load result (its errors are the warnings to show). */
  reload(): RulesLoadResult {
    const folders = this.options.configFolders?.() ?? [...(process.platform === 'win32' ? [] : [SYSTEM_CONFIG_FOLDER]), this.options.codexHome];
    const result = loadExecPolicy({
      configFolders: folders,
      requirementsRules: this.options.requirementsRules?.() ?? [],
      ...(this.options.homeDir !== undefined ? { homeDir: this.options.homeDir } : {}),
    });
    this.policy = result.policy;
    this.errors = result.errors;
    return result;
  }

  current(): ExecPolicy {
    return this.policy;
  }

  loadErrors(): readonly RulesError[] {
    return this.errors;
  }

  /** The file amendments go to. */
  get rulesFile(): string {
    return defaultRulesFile(path.resolve(this.options.codexHome));
  }

  /** acceptWithExecpolicyAmendment: persist `prefix_rule(pattern=prefix, decision="allow")` and apply it. */
  async addAllowRule(prefix: readonly string[]): Promise<void> {
    await appendAllowPrefixRule(this.rulesFile, prefix);
    const existing = this.policy.check(prefix);
    const alreadyAllowed = existing.decision === 'allow' && existing.matchedRules.some((m) => isRuleMatch(m) && m.decision === 'allow');
    if (!alreadyAllowed) this.policy = this.policy.withPrefixRule(prefix, 'allow');
  }
}
