// Exec tools: the child environment per [shell_environment_policy] — inherit all/core/none, the
// KEY/SECRET/TOKEN default excludes, exclude and include_only globs, `set` winning, the overlay and
// the network-disabled flag — plus parsing the TOML table.
import { strict as assert } from 'node:assert';
import {
  buildChildEnv,
  DEFAULT_SHELL_ENVIRONMENT_POLICY,
  envGlob,
  parseShellEnvironmentPolicy,
  type ShellEnvironmentPolicy,
} from '../../server/tools/exec/environment';

const base: NodeJS.ProcessEnv = {
  PATH: '/usr/bin',
  HOME: '/home/u',
  USER: 'u',
  SHELL: '/bin/bash',
  TMPDIR: '/tmp',
  FOO: 'bar',
  API_KEY: 'k',
  my_secret_thing: 's',
  GITHUB_TOKEN: 't',
  KEYBOARD: 'us',
  AWS_REGION: 'eu',
  AWS_PROFILE: 'p',
  UNDEFINED_ONE: undefined,
};

const policy = (p: Partial<ShellEnvironmentPolicy>): ShellEnvironmentPolicy => ({ ...DEFAULT_SHELL_ENVIRONMENT_POLICY, ...p });
const names = (env: Record<string, string>): string[] => Object.keys(env).sort();

describe('exec: shell environment policy', () => {
  it('default: inherit all minus *KEY*/*SECRET*/*TOKEN* (case-insensitive)', () => {
    const env = buildChildEnv(undefined, { baseEnv: base });
    assert.deepEqual(names(env), ['AWS_PROFILE', 'AWS_REGION', 'FOO', 'HOME', 'PATH', 'SHELL', 'TMPDIR', 'USER']);
  });

  it('ignore_default_excludes keeps secrets', () => {
    const env = buildChildEnv(policy({ ignoreDefaultExcludes: true }), { baseEnv: base });
    assert.equal(env.API_KEY, 'k');
    assert.equal(env.my_secret_thing, 's');
    assert.equal(env.GITHUB_TOKEN, 't');
    assert.equal(env.KEYBOARD, 'us');
    assert.ok(!('UNDEFINED_ONE' in env));
  });

  it('inherit = core keeps only the core variables', () => {
    const env = buildChildEnv(policy({ inherit: 'core' }), { baseEnv: base });
    assert.deepEqual(names(env), ['HOME', 'PATH', 'SHELL', 'TMPDIR', 'USER']);
  });

  it('inherit = none starts empty; set still applies', () => {
    assert.deepEqual(buildChildEnv(policy({ inherit: 'none', set: { ONLY: 'yes' } }), { baseEnv: base }), { ONLY: 'yes' });
  });

  it('exclude globs are case-insensitive', () => {
    const env = buildChildEnv(policy({ exclude: ['aws_*', 'F?O'] }), { baseEnv: base });
    assert.deepEqual(names(env), ['HOME', 'PATH', 'SHELL', 'TMPDIR', 'USER']);
  });

  it('include_only whitelists', () => {
    const env = buildChildEnv(policy({ includeOnly: ['PATH', '*home*'] }), { baseEnv: base });
    assert.deepEqual(env, { PATH: '/usr/bin', HOME: '/home/u' });
  });

  it('set always wins: over excludes, include_only and the overlay', () => {
    const env = buildChildEnv(policy({ includeOnly: ['PATH'], exclude: ['MY_*'], set: { MY_TOKEN: 'x', PAGER: 'less' } }), {
      baseEnv: base,
      overlay: { PAGER: 'cat', TERM: 'dumb' },
    });
    assert.deepEqual(env, { PATH: '/usr/bin', MY_TOKEN: 'x', PAGER: 'less', TERM: 'dumb' });
  });

  it('adds CODEX_SANDBOX_NETWORK_DISABLED=1 only when asked', () => {
    assert.ok(!('CODEX_SANDBOX_NETWORK_DISABLED' in buildChildEnv(undefined, { baseEnv: base })));
    assert.equal(buildChildEnv(undefined, { baseEnv: base, networkDisabled: true }).CODEX_SANDBOX_NETWORK_DISABLED, '1');
    assert.equal(buildChildEnv(policy({ inherit: 'none' }), { baseEnv: base, networkDisabled: true }).CODEX_SANDBOX_NETWORK_DISABLED, '1');
  });

  it('globs: * and ? only, regex characters literal', () => {
    assert.ok(envGlob('*KEY*').test('api_key_2'));
    assert.ok(envGlob('A.B').test('a.b'));
    assert.ok(!envGlob('A.B').test('AxB'));
    assert.ok(envGlob('X?').test('XY'));
    assert.ok(!envGlob('X?').test('X'));
    assert.ok(envGlob('a+(b)').test('A+(B)'));
  });

  it('parses the TOML table with defaults and reports bad values', () => {
    assert.deepEqual(parseShellEnvironmentPolicy(undefined), { ok: true, policy: DEFAULT_SHELL_ENVIRONMENT_POLICY });
    const parsed = parseShellEnvironmentPolicy({ inherit: 'core', ignore_default_excludes: true, exclude: ['AWS_*'], set: { A: 'b' }, include_only: ['PATH'] });
    assert.deepEqual(parsed, {
      ok: true,
      policy: { inherit: 'core', ignoreDefaultExcludes: true, exclude: ['AWS_*'], set: { A: 'b' }, includeOnly: ['PATH'] },
    });
    const bad = parseShellEnvironmentPolicy({ inherit: 'some' });
    assert.equal(bad.ok, false);
    assert.match(bad.ok ? '' : bad.error, /^shell_environment_policy: inherit: /);
  });
});
