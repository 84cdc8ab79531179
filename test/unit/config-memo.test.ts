// The effective config is built several times per turn, so ConfigLoader reuses what it computed
// while every input is unchanged (same parsed files, same overrides, same project layers); callers
// still get fresh containers, and any edit on disk or change in the request is seen at once.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigLoader } from '../../server/config/effectiveConfig';

describe('config: effective config reuse', () => {
  let root = '';
  let loader: ConfigLoader;
  const home = (): string => join(root, 'home');

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'codex-ts-config-memo-'));
    mkdirSync(home());
    writeFileSync(join(home(), 'config.toml'), 'model = "a"\n');
    loader = new ConfigLoader(
      {
        codexHome: home(),
        userConfig: join(home(), 'config.toml'),
        systemConfig: join(root, 'system.toml'),
        managedConfig: join(root, 'managed.toml'),
        requirements: join(root, 'requirements.toml'),
      },
      ['model_verbosity=low'],
    );
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('gives equal results in fresh containers for unchanged inputs', () => {
    const first = loader.effectiveConfig({ requestFields: { model: 'b' } });
    const second = loader.effectiveConfig({ requestFields: { model: 'b' } });
    assert.deepEqual(second, first);
    assert.notEqual(second.table, first.table);
    assert.notEqual(second.settings, first.settings);
    assert.notEqual(second.origins, first.origins);
    assert.notEqual(second.problems, first.problems);
    second.table.model = 'mutated';
    assert.equal(loader.effectiveConfig({ requestFields: { model: 'b' } }).table.model, 'b');
  });

  it('sees request changes, file edits and new project layers at once', () => {
    assert.equal(loader.effectiveConfig().settings.model, 'a');
    assert.equal(loader.effectiveConfig({ requestFields: { model: 'c' } }).settings.model, 'c');
    assert.equal(loader.effectiveConfig({ requestOverrides: { model: 'd' } }).settings.model, 'd');
    writeFileSync(join(home(), 'config.toml'), `model = "edited"\n[projects."${join(root, 'ws')}"]\ntrust_level = "trusted"\n`);
    assert.equal(loader.effectiveConfig().settings.model, 'edited');
    mkdirSync(join(root, 'ws', '.codex'), { recursive: true });
    assert.equal(loader.effectiveConfig({ cwd: join(root, 'ws') }).settings.model, 'edited');
    writeFileSync(join(root, 'ws', '.codex', 'config.toml'), 'model = "project"\n');
    assert.equal(loader.effectiveConfig({ cwd: join(root, 'ws') }).settings.model, 'project');
    assert.equal(loader.effectiveConfig().settings.model, 'edited');
    assert.equal(loader.effectiveConfig({ cwd: join(root, 'ws') }).table.model_verbosity, 'low');
  });

  it('reports the same problems every time', () => {
    writeFileSync(join(home(), 'config.toml'), 'model = 3\nunknown_key = 1\n');
    const first = loader.effectiveConfig().problems.map((p) => p.message);
    assert.ok(first.length >= 2, JSON.stringify(first));
    assert.deepEqual(loader.effectiveConfig().problems.map((p) => p.message), first);
  });
});
