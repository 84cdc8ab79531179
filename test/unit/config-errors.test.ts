// Broken config at every layer: a TOML syntax error leaves that layer out and names file, line and
// column; a value of the wrong type is dropped (the rest of its file applies) and names the key
// too; unknown keys are kept and warned about. Nothing here is fatal: the other layers still apply.
import { strict as assert } from 'node:assert';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigLoader, type ConfigPaths, type EffectiveConfig } from '../../server/config/effectiveConfig';
import { warningFor } from '../../server/config/configWarnings';
import type { ConfigProblem } from '../../server/config/tomlFile';
import { configForWire } from '../../server/config/configRead';

const BROKEN = resolve(__dirname, '../fixtures/config/broken');

describe('config errors per layer', () => {
  let root = '';
  let paths: ConfigPaths;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'codex-ts-config-errors-'));
    const home = join(root, 'home');
    mkdirSync(home);
    paths = {
      codexHome: home,
      userConfig: join(home, 'config.toml'),
      systemConfig: join(root, 'system.toml'),
      managedConfig: join(root, 'managed.toml'),
      requirements: join(root, 'requirements.toml'),
    };
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const syntaxAt = (problem: ConfigProblem | undefined, file: string): void => {
    assert.ok(problem, 'a problem is reported');
    assert.equal(problem.file, file);
    assert.equal(problem.line, 3);
    assert.equal(problem.column, 10);
    assert.match(problem.message, /illegal character/);
    const warning = warningFor(problem);
    assert.equal(warning.path, file);
    assert.deepEqual(warning.range, { start: { line: 3, column: 10 }, end: { line: 3, column: 10 } });
    assert.ok(warning.summary.startsWith(`${file}:3:10: `), warning.summary);
  };

  function load(cli: string[] = [], cwd: string | null = null, overrides: Record<string, unknown> | null = null): EffectiveConfig {
    return new ConfigLoader(paths, cli).effectiveConfig({ cwd, requestOverrides: overrides });
  }

  it('a broken system config is left out; the user layer still applies', () => {
    copyFileSync(join(BROKEN, 'syntax.toml'), paths.systemConfig);
    writeFileSync(paths.userConfig, 'model_verbosity = "high"\n');
    const config = load();
    syntaxAt(config.problems.find((p) => p.file === paths.systemConfig), paths.systemConfig);
    assert.equal(config.table.model, undefined);
    assert.equal(config.table.model_verbosity, 'high');
    assert.match(config.layers.find((l) => l.kind === 'system')?.disabledReason ?? '', /system\.toml:3:10: /);
  });

  it('a broken user config is left out; built-in defaults and the system layer stand in', () => {
    writeFileSync(paths.systemConfig, 'model = "system-model"\n');
    copyFileSync(join(BROKEN, 'syntax.toml'), paths.userConfig);
    const config = load();
    syntaxAt(config.problems.find((p) => p.file === paths.userConfig), paths.userConfig);
    assert.equal(config.settings.model, 'system-model');
    assert.equal(config.settings.approval_policy, 'on-request');
  });

  it('a broken trusted project config is left out; the user layer still applies', () => {
    const project = join(root, 'project');
    mkdirSync(join(project, '.git'), { recursive: true });
    mkdirSync(join(project, '.codex'));
    copyFileSync(join(BROKEN, 'syntax.toml'), join(project, '.codex/config.toml'));
    writeFileSync(paths.userConfig, `model = "user-model"\n[projects."${project}"]\ntrust_level = "trusted"\n`);
    const config = load([], project);
    syntaxAt(config.problems.find((p) => p.file.endsWith('.codex/config.toml')), join(project, '.codex/config.toml'));
    assert.equal(config.table.model, 'user-model');
  });

  it('a broken managed_config.toml is left out', () => {
    copyFileSync(join(BROKEN, 'syntax.toml'), paths.managedConfig);
    writeFileSync(paths.userConfig, 'model = "user-model"\n');
    const config = load();
    syntaxAt(config.problems.find((p) => p.file === paths.managedConfig), paths.managedConfig);
    assert.equal(config.table.model, 'user-model');
  });

  it('a broken requirements.toml is reported and imposes nothing', () => {
    copyFileSync(join(BROKEN, 'syntax.toml'), paths.requirements);
    writeFileSync(paths.userConfig, 'approval_policy = "never"\n');
    const config = load();
    syntaxAt(config.problems.find((p) => p.file === paths.requirements), paths.requirements);
    assert.equal(config.requirements, null);
    assert.equal(config.table.approval_policy, 'never');
  });

  it('values of the wrong type are dropped with file, line, column and key; the rest applies', () => {
    copyFileSync(join(BROKEN, 'types.toml'), paths.userConfig);
    const config = load();
    const byKey = new Map(config.problems.map((p) => [p.key, p]));
    assert.deepEqual([...byKey.keys()].sort(), ['mcp_servers.docs.command', 'model_verbosity', 'sandbox_workspace_write.network_access']);
    assert.deepEqual({ ...byKey.get('model_verbosity'), message: undefined }, { file: paths.userConfig, line: 3, column: 1, key: 'model_verbosity', message: undefined, severity: 'error' });
    assert.equal(byKey.get('sandbox_workspace_write.network_access')?.line, 6);
    assert.equal(byKey.get('mcp_servers.docs.command')?.line, 9);
    assert.match(byKey.get('model_verbosity')?.message ?? '', /expected one of "low"\|"medium"\|"high"/);
    assert.equal(config.table.model, 'typed-ok');
    assert.equal(config.table.model_verbosity, undefined);
    assert.deepEqual(config.table.mcp_servers, { docs: { args: ['--stdio'] } });
    const summary = warningFor(byKey.get('model_verbosity') as ConfigProblem).summary;
    assert.ok(summary.startsWith(`${paths.userConfig}:3:1: model_verbosity: `), summary);
  });

  it('unknown keys are kept and warned about, never fatal', () => {
    writeFileSync(paths.userConfig, 'model = "m"\nmodle = "typo"\n[features]\nanything_goes = true\n[history]\npersist = "none"\n');
    const config = load();
    assert.equal(config.table.modle, 'typo');
    assert.deepEqual({ ...(config.table.history as object) }, { persist: 'none' });
    const unknown = config.problems.filter((p) => p.severity === 'warning').map((p) => `${p.key}@${p.line}`);
    assert.deepEqual(unknown.sort(), ['history.persist@6', 'modle@2']);
  });

  it('a -c override that is not key=value, or has a bad value, is reported; the others apply', () => {
    const config = load(['not-an-override', 'model_verbosity=7', 'model="cli-model"']);
    assert.ok(config.problems.some((p) => p.file === '-c' && p.message.includes("'not-an-override'")));
    assert.ok(config.problems.some((p) => p.file === '-c' && p.key === 'model_verbosity'));
    assert.equal(config.table.model, 'cli-model');
    assert.equal(warningFor(config.problems[0] as ConfigProblem).path, undefined, 'no file path for -c');
  });

  it('a bad request override is dropped and reported the same way', () => {
    const config = load([], null, { approval_policy: 'sometimes', 'bad..key': 1, model: 'req-model' });
    assert.ok(config.problems.some((p) => p.key === 'approval_policy'));
    assert.ok(config.problems.some((p) => p.key === 'bad..key'));
    assert.equal(config.table.model, 'req-model');
    assert.equal(config.settings.approval_policy, 'on-request');
  });

  it('deprecated and documented approval forms are normalised to the protocol form', () => {
    writeFileSync(paths.userConfig, 'approval_policy = { reject = { sandbox_approval = true, rules = false, mcp_elicitations = true } }\n[profiles.old]\napproval_policy = "on-failure"\n');
    const config = load();
    assert.deepEqual(config.table.approval_policy, {
      granular: { sandbox_approval: false, rules: true, skill_approval: true, request_permissions: true, mcp_elicitations: false },
    });
    // on-failure is kept (its behaviour differs from on-request); config/read shows it as on-request.
    const old = new ConfigLoader(paths, []).effectiveConfig({ profile: 'old' });
    assert.equal(old.settings.approval_policy, 'on-failure');
    assert.equal(configForWire(old.table).approval_policy, 'on-request');
    assert.ok(config.problems.some((p) => p.key === 'profiles.old.approval_policy' && p.message.includes('deprecated')));
  });

  it('approval_policy = "untrusted" is accepted (the real server exits on it; we do not)', () => {
    writeFileSync(paths.userConfig, 'approval_policy = "untrusted"\n');
    const config = load();
    assert.equal(config.settings.approval_policy, 'untrusted');
    assert.equal(config.problems.length, 0);
  });
});
