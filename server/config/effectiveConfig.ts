// The settings a thread runs with, read from $CODEX_HOME/config.toml plus `-c` overrides plus
// per-request overrides. (Full layering — system, profiles, project files, requirements — builds on
// this in the config issue.) Values are validated; a bad value is reported and its default used.
import { join } from 'node:path';
import { z } from 'zod';
import { AskForApproval, SandboxMode } from '../protocol/common';
import { mergeTables, parseOverride, readTomlFile, setPath, type ConfigProblem, type TomlTable } from './tomlFile';

export const DEFAULT_MODEL = 'gpt-5.5';
export const DEFAULT_PROVIDER = 'openai';

const Settings = z.object({
  model: z.string().default(DEFAULT_MODEL),
  model_provider: z.string().default(DEFAULT_PROVIDER),
  approval_policy: AskForApproval.default('on-request'),
  sandbox_mode: SandboxMode.default('read-only'),
  model_reasoning_effort: z.string().optional(),
  model_reasoning_summary: z.enum(['auto', 'concise', 'detailed', 'none']).optional(),
  model_verbosity: z.enum(['low', 'medium', 'high']).optional(),
  base_instructions: z.string().optional(),
  developer_instructions: z.string().optional(),
  model_context_window: z.number().int().positive().optional(),
  model_providers: z.record(z.string(), z.unknown()).default({}),
});
export type EffectiveSettings = z.infer<typeof Settings>;

export interface LoadedConfig {
  readonly table: TomlTable;
  readonly problems: readonly ConfigProblem[];
}

/** Loads the user layer and the command-line overrides once at startup. */
export function loadBaseConfig(codexHome: string, cliOverrides: readonly string[]): LoadedConfig {
  const problems: ConfigProblem[] = [];
  const file = join(codexHome, 'config.toml');
  const result = readTomlFile(file);
  let table: TomlTable = result.kind === 'loaded' ? result.table : {};
  if (result.kind === 'broken') problems.push(result.problem);
  for (const spec of cliOverrides) {
    const parsed = parseOverride(spec);
    if ('error' in parsed) problems.push({ file: '<command line>', line: null, column: null, key: null, message: parsed.error });
    else table = setPath(table, parsed.path, parsed.value);
  }
  return { table, problems };
}

/** Applies a request's `config` map (dotted keys) over the base table. */
export function withRequestOverrides(base: TomlTable, overrides: Record<string, unknown> | null | undefined): TomlTable {
  if (!overrides) return base;
  let table = base;
  for (const [key, value] of Object.entries(overrides)) table = setPath(table, key.split('.'), value);
  return table;
}

/**
 * Validates the keys a thread needs. Each invalid key is reported (file + key) and falls back to
 * its default instead of failing the whole config.
 */
export function resolveSettings(table: TomlTable, source: string): { settings: EffectiveSettings; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  let candidate: TomlTable = { ...table };
  for (let attempt = 0; attempt < 20; attempt++) {
    const parsed = Settings.safeParse(candidate);
    if (parsed.success) return { settings: parsed.data, problems };
    const issue = parsed.error.issues[0];
    const key = issue?.path[0];
    if (issue === undefined || typeof key !== 'string') break;
    problems.push({ file: source, line: null, column: null, key: issue.path.map(String).join('.'), message: issue.message });
    candidate = { ...candidate };
    delete candidate[key];
  }
  return { settings: Settings.parse({}), problems };
}

export { mergeTables };
