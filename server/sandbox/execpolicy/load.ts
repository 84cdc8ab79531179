// Loading the exec policy the way Codex does: every `*.rules` file (sorted by name) in the `rules/`
// folder of each config layer, lowest precedence first — /etc/codex, $CODEX_HOME, then the trusted
// projects' `.codex/` folders — plus the admin's requirements.toml `[rules] prefix_rules`
// (prompt or forbidden only) overlaid on top. Since every matching rule counts and the strictest
// decision wins, precedence only matters for the order of reported matches.
// A file that fails to parse is left out as a whole and its file:line:column error is returned
// (the caller shows it as a warning); the other files still apply.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseRulesFile, RulesError } from './interpret';
import { ExecPolicy, type PrefixRule } from './policy';

export const RULES_DIR_NAME = 'rules';
export const RULES_EXTENSION = '.rules';
export const DEFAULT_RULES_FILE = 'default.rules';

/** One requirements.toml `[rules] prefix_rules` entry, as the config layer parses it. */
export interface RequirementsPrefixRule {
  readonly pattern: readonly ({ readonly token: string } | { readonly any_of: readonly string[] })[];
  readonly decision: 'prompt' | 'forbidden';
  readonly justification?: string;
}

export interface RulesLoadOptions {
  /** Config folders whose `rules/` subfolder is read, lowest precedence first. */
  configFolders: readonly string[];
  /** requirements.toml `[rules] prefix_rules`. */
  requirementsRules?: readonly RequirementsPrefixRule[];
  /** Expands `~/` in host_executable paths. */
  homeDir?: string;
}

export interface RulesLoadResult {
  policy: ExecPolicy;
  /** The files that were read successfully, in load order. */
  files: string[];
  /** Parse or read errors; each names its file (and line:column when known). */
  errors: RulesError[];
}

/** The rules file amendments are appended to. */
export function defaultRulesFile(codexHome: string): string {
  return path.join(codexHome, RULES_DIR_NAME, DEFAULT_RULES_FILE);
}

/** The `*.rules` files of one folder, sorted; [] when the folder is missing. */
export function rulesFilesIn(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => n.endsWith(RULES_EXTENSION))
    .map((n) => path.join(dir, n))
    .filter((p) => {
      try {
        return statSync(p).isFile();
      } catch {
        return false;
      }
    })
    .sort();
}

/** Parses rules files given as text (pure; the loader's core). */
export function policyFromTexts(files: readonly { file: string; text: string }[], options: { homeDir?: string } = {}): RulesLoadResult {
  const rules: PrefixRule[] = [];
  const hosts = new Map<string, string[]>();
  const loaded: string[] = [];
  const errors: RulesError[] = [];
  for (const { file, text } of files) {
    try {
      const parsed = parseRulesFile(file, text, options);
      rules.push(...parsed.rules);
      for (const [name, paths] of parsed.hostExecutables) hosts.set(name, paths);
      loaded.push(file);
    } catch (err) {
      if (err instanceof RulesError) errors.push(err);
      else throw err;
    }
  }
  return { policy: new ExecPolicy(rules, hosts), files: loaded, errors };
}

/** The requirements' prefix rules as a policy (restrictive decisions only). */
export function requirementsPolicy(rules: readonly RequirementsPrefixRule[]): ExecPolicy {
  const out: PrefixRule[] = [];
  for (const rule of rules) {
    if (rule.decision !== 'prompt' && rule.decision !== 'forbidden') continue;
    const tokens = rule.pattern.map((el) => ('token' in el ? el.token : el.any_of.length === 1 ? (el.any_of[0] as string) : [...el.any_of]));
    const [first, ...rest] = tokens;
    if (first === undefined) continue;
    for (const head of typeof first === 'string' ? [first] : first) {
      out.push({ first: head, rest, decision: rule.decision, ...(rule.justification ? { justification: rule.justification } : {}), source: { file: 'requirements.toml', line: 0 } });
    }
  }
  return new ExecPolicy(out);
}

/** Reads every rules file of the given layers and overlays the requirements. */
export function loadExecPolicy(options: RulesLoadOptions): RulesLoadResult {
  const files: { file: string; text: string }[] = [];
  const readErrors: RulesError[] = [];
  for (const folder of options.configFolders) {
    for (const file of rulesFilesIn(path.join(folder, RULES_DIR_NAME))) {
      try {
        files.push({ file, text: readFileSync(file, 'utf8') });
      } catch (err) {
        readErrors.push(new RulesError(file, 0, 0, `cannot read: ${err instanceof Error ? err.message : String(err)}`));
      }
    }
  }
  const result = policyFromTexts(files, options.homeDir !== undefined ? { homeDir: options.homeDir } : {});
  const policy = options.requirementsRules?.length ? result.policy.overlay(requirementsPolicy(options.requirementsRules)) : result.policy;
  return { policy, files: result.files, errors: [...readErrors, ...result.errors] };
}
