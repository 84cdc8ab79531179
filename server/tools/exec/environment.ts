// The child environment for model-run commands, per `[shell_environment_policy]`:
//   1. start from `inherit`: `all` (the server's environment, default), `core` (HOME, LOGNAME,
//      PATH, SHELL, USER, USERNAME, TMPDIR, TEMP, TMP only) or `none`;
//   2. drop names matching *KEY*, *SECRET*, *TOKEN* (case-insensitive) unless
//      `ignore_default_excludes = true`;
//   3. drop names matching any `exclude` glob (case-insensitive, `*` and `?`);
//   4. when `include_only` is non-empty, keep only names matching one of its globs;
//   5. add the caller's overlay (the exec tools pass EXEC_ENV_OVERLAY: no pagers, dumb terminal);
//   6. apply `set` — explicit values always win, so they come after the filters and the overlay
//      (the seed docs say "always win"; Codex itself applies include_only after set);
//   7. add CODEX_SANDBOX_NETWORK_DISABLED=1 when the caller says the sandbox has no network.
import * as z from 'zod';

export const ShellEnvironmentPolicyInherit = z.enum(['all', 'core', 'none']);
export type ShellEnvironmentPolicyInherit = z.infer<typeof ShellEnvironmentPolicyInherit>;

/** The `[shell_environment_policy]` table as written in config.toml (snake_case keys). */
export const ShellEnvironmentPolicyToml = z.object({
  inherit: ShellEnvironmentPolicyInherit.default('all'),
  ignore_default_excludes: z.boolean().default(false),
  exclude: z.array(z.string()).default([]),
  set: z.record(z.string(), z.string()).default({}),
  include_only: z.array(z.string()).default([]),
  experimental_use_profile: z.boolean().default(false),
});

export interface ShellEnvironmentPolicy {
  inherit: ShellEnvironmentPolicyInherit;
  ignoreDefaultExcludes: boolean;
  exclude: string[];
  set: Record<string, string>;
  includeOnly: string[];
}

export const DEFAULT_SHELL_ENVIRONMENT_POLICY: Readonly<ShellEnvironmentPolicy> = Object.freeze({
  inherit: 'all',
  ignoreDefaultExcludes: false,
  exclude: [],
  set: {},
  includeOnly: [],
});

export const CORE_ENV_VARS: readonly string[] = ['HOME', 'LOGNAME', 'PATH', 'SHELL', 'USER', 'USERNAME', 'TMPDIR', 'TEMP', 'TMP'];
export const DEFAULT_EXCLUDES: readonly string[] = ['*KEY*', '*SECRET*', '*TOKEN*'];
export const NETWORK_DISABLED_ENV_VAR = 'CODEX_SANDBOX_NETWORK_DISABLED';

export type PolicyParseResult = { ok: true; policy: ShellEnvironmentPolicy } | { ok: false; error: string };

/** Validates a raw `[shell_environment_policy]` table (undefined → defaults). */
export function parseShellEnvironmentPolicy(raw: unknown): PolicyParseResult {
  const parsed = ShellEnvironmentPolicyToml.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return { ok: false, error: `shell_environment_policy: ${where}${issue?.message ?? 'invalid value'}` };
  }
  const t = parsed.data;
  return {
    ok: true,
    policy: { inherit: t.inherit, ignoreDefaultExcludes: t.ignore_default_excludes, exclude: t.exclude, set: t.set, includeOnly: t.include_only },
  };
}

/** Compiles a case-insensitive glob (`*` any run, `?` one character) into a RegExp. */
export function envGlob(pattern: string): RegExp {
  let source = '';
  for (const ch of pattern) {
    if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else source += ch.replace(/[\\^$.|+()[\]{}]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'is');
}

function matcher(patterns: readonly string[]): (name: string) => boolean {
  const compiled = patterns.map(envGlob);
  return (name) => compiled.some((re) => re.test(name));
}

export interface ChildEnvOptions {
  /** The environment to inherit from (default process.env). */
  baseEnv?: NodeJS.ProcessEnv;
  /** True when the sandbox policy turns the network off; adds CODEX_SANDBOX_NETWORK_DISABLED=1. */
  networkDisabled?: boolean;
  /** Fixed variables added after the filters and before `set` (e.g. EXEC_ENV_OVERLAY). */
  overlay?: Readonly<Record<string, string>>;
}

/** Builds the complete environment for a child process from the policy. */
export function buildChildEnv(policy: ShellEnvironmentPolicy = DEFAULT_SHELL_ENVIRONMENT_POLICY, options: ChildEnvOptions = {}): Record<string, string> {
  const base = options.baseEnv ?? process.env;
  const env: Record<string, string> = {};
  const core = new Set(CORE_ENV_VARS);
  const isWindows = process.platform === 'win32';
  for (const [name, value] of Object.entries(base)) {
    if (value === undefined) continue;
    if (policy.inherit === 'none') continue;
    if (policy.inherit === 'core' && !(core.has(name) || (isWindows && core.has(name.toUpperCase())))) continue;
    env[name] = value;
  }
  /** Deletes the names for which `shouldDelete` is true. */
  const remove = (shouldDelete: (name: string) => boolean): void => {
    for (const name of Object.keys(env)) if (shouldDelete(name)) delete env[name];
  };
  if (!policy.ignoreDefaultExcludes) remove(matcher(DEFAULT_EXCLUDES));
  if (policy.exclude.length > 0) remove(matcher(policy.exclude));
  if (policy.includeOnly.length > 0) {
    const included = matcher(policy.includeOnly);
    remove((name) => !included(name));
  }
  if (options.overlay) Object.assign(env, options.overlay);
  for (const [name, value] of Object.entries(policy.set)) env[name] = value;
  if (options.networkDisabled) env[NETWORK_DISABLED_ENV_VAR] = '1';
  return env;
}

/**
 * Variables every unified-exec process gets on top of the policy (as Codex does), so tools do not
 * page, colour or prompt: pagers are `cat`, the terminal is dumb, the locale is UTF-8.
 */
export const EXEC_ENV_OVERLAY: Readonly<Record<string, string>> = Object.freeze({
  NO_COLOR: '1',
  TERM: 'dumb',
  LANG: 'C.UTF-8',
  LC_CTYPE: 'C.UTF-8',
  LC_ALL: 'C.UTF-8',
  COLORTERM: '',
  PAGER: 'cat',
  GIT_PAGER: 'cat',
  GH_PAGER: 'cat',
  CODEX_CI: '1',
});
