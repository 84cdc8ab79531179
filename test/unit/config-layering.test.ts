// The config layering matrix: system → user → profile → trusted project layers (root to cwd) →
// `-c` → request overrides → managed_config.toml, constrained by requirements.toml. Each case
// asserts effective values and the layer each value comes from (its origin), on the fixture tree
// in test/fixtures/config/matrix (copied to a temp dir, `{{ROOT}}` replaced by its path).
import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigLoader, type EffectiveConfig, type EffectiveConfigRequest } from '../../server/config/effectiveConfig';
import { getPath } from '../../server/config/tables';

const FIXTURES = resolve(__dirname, '../fixtures/config/matrix');

function materialize(): string {
  const root = mkdtempSync(join(tmpdir(), 'codex-ts-config-matrix-'));
  cpSync(FIXTURES, root, { recursive: true });
  const visit = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) visit(path);
      else if (name.endsWith('.toml')) writeFileSync(path, readFileSync(path, 'utf8').replaceAll('{{ROOT}}', root));
    }
  };
  visit(root);
  return root;
}

interface Setup {
  home?: string;
  system?: boolean;
  managed?: string;
  requirements?: string;
  cli?: string[];
}

type OriginType = 'system' | 'user' | 'project' | 'sessionFlags' | 'legacyManagedConfigTomlFromFile' | 'default';

describe('config layering matrix', () => {
  let root = '';
  before(() => {
    root = materialize();
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  function load(setup: Setup, request: EffectiveConfigRequest = {}): EffectiveConfig {
    const codexHome = join(root, setup.home ?? 'home');
    const loader = new ConfigLoader(
      {
        codexHome,
        userConfig: join(codexHome, 'config.toml'),
        systemConfig: setup.system ? join(root, 'system/config.toml') : join(root, 'absent/config.toml'),
        managedConfig: setup.managed ? join(root, 'managed', setup.managed) : join(root, 'absent/managed_config.toml'),
        requirements: setup.requirements ? join(root, 'requirements', setup.requirements) : join(root, 'absent/requirements.toml'),
      },
      setup.cli ?? [],
    );
    return loader.effectiveConfig({ ...request, cwd: request.cwd ? join(root, request.cwd) : null });
  }

  function expectValue(config: EffectiveConfig, key: string, value: unknown, origin: OriginType, detail?: string): void {
    const path = key.split('.');
    assert.deepEqual(getPath(config.table, path), value, `${key} value`);
    const found = config.origins.get(key);
    if (origin === 'default') {
      assert.equal(found, undefined, `${key} should have no origin`);
      return;
    }
    assert.ok(found, `${key} should have an origin`);
    assert.equal(found.layer.name.type, origin, `${key} origin`);
    if (detail !== undefined) assert.ok(JSON.stringify(found.layer.name).includes(detail), `${key} origin ${JSON.stringify(found.layer.name)} should mention ${detail}`);
  }

  it('user config alone; unset keys have built-in defaults and no origin', () => {
    const config = load({});
    expectValue(config, 'model', 'user-model', 'user');
    expectValue(config, 'sandbox_mode', 'workspace-write', 'user');
    expectValue(config, 'model_verbosity', undefined, 'default');
    assert.equal(config.settings.model, 'user-model');
    assert.equal(config.settings.model_provider, 'openai');
  });

  it('the system layer sits under the user layer', () => {
    const config = load({ system: true });
    expectValue(config, 'model', 'user-model', 'user');
    expectValue(config, 'model_verbosity', 'low', 'system');
    expectValue(config, 'features.shell_snapshot', true, 'system');
    assert.deepEqual(config.layers.map((l) => l.kind).slice(0, 2), ['system', 'user']);
  });

  it('a profile chosen per request sits over the user layer', () => {
    const config = load({ system: true }, { profile: 'fast' });
    expectValue(config, 'model', 'fast-model', 'user', '"profile":"fast"');
    expectValue(config, 'model_reasoning_effort', 'low', 'user', '"profile":"fast"');
    expectValue(config, 'approval_policy', 'on-request', 'user', '"profile":null');
    assert.equal(config.profile, 'fast');
  });

  it('a profile chosen with -c profile=… and by `profile = …` in config.toml', () => {
    const viaCli = load({ cli: ['profile="deep"'] });
    expectValue(viaCli, 'model', 'deep-model', 'user', '"profile":"deep"');
    expectValue(viaCli, 'approval_policy', 'never', 'user', '"profile":"deep"');
    const viaFile = load({ home: 'home-profile' });
    expectValue(viaFile, 'model', 'deep-model', 'user', '"profile":"deep"');
  });

  it('a request `config` map can select the profile; a missing profile is a warning, not an error', () => {
    expectValue(load({}, { requestOverrides: { profile: 'fast' } }), 'model', 'fast-model', 'user', '"profile":"fast"');
    const missing = load({}, { profile: 'nope' });
    expectValue(missing, 'model', 'user-model', 'user');
    assert.ok(missing.problems.some((p) => p.message.includes('`nope` not found')));
  });

  it('trusted project layers apply from the project root down to cwd, closest wins', () => {
    const config = load({ system: true }, { cwd: 'repo/pkg/deep' });
    expectValue(config, 'model', 'pkg-model', 'project', `${root}/repo/pkg/.codex`);
    expectValue(config, 'model_reasoning_effort', 'low', 'project', `${root}/repo/.codex`);
    expectValue(config, 'model_verbosity', 'low', 'system');
    const projects = config.layers.filter((l) => l.kind === 'project');
    assert.deepEqual(projects.map((l) => l.name), [
      { type: 'project', dotCodexFolder: join(root, 'repo/.codex') },
      { type: 'project', dotCodexFolder: join(root, 'repo/pkg/.codex') },
    ]);
  });

  it('project layers beat the selected profile', () => {
    expectValue(load({}, { cwd: 'repo/pkg/deep', profile: 'fast' }), 'model', 'pkg-model', 'project');
  });

  it('an untrusted project is listed but ignored, with the reason', () => {
    const config = load({}, { cwd: 'untrusted' });
    expectValue(config, 'model', 'user-model', 'user');
    expectValue(config, 'approval_policy', 'on-request', 'user');
    const layer = config.layers.find((l) => l.kind === 'project');
    assert.ok(layer?.disabledReason?.includes('is marked as untrusted'));
    assert.deepEqual({ ...layer?.rawTable }, { model: 'evil-model', approval_policy: 'never' });
  });

  it('a project with no trust entry is ignored and the reason says how to trust it', () => {
    const config = load({}, { cwd: 'unlisted' });
    expectValue(config, 'model', 'user-model', 'user');
    const layer = config.layers.find((l) => l.kind === 'project');
    assert.equal(layer?.disabledReason, `To load project-local config, hooks, and exec policies, add ${join(root, 'unlisted')} as a trusted project in ${join(root, 'home/config.toml')}.`);
  });

  it('-c overrides beat project layers; a value that is not TOML is taken as a string', () => {
    const config = load({}, { cwd: 'repo/pkg/deep' });
    const withCli = load({ cli: ['model="cli-model"', 'sandbox_mode=read-only', 'features.goals=true'] }, { cwd: 'repo/pkg/deep' });
    expectValue(config, 'model', 'pkg-model', 'project');
    expectValue(withCli, 'model', 'cli-model', 'sessionFlags');
    expectValue(withCli, 'sandbox_mode', 'read-only', 'sessionFlags');
    expectValue(withCli, 'features.goals', true, 'sessionFlags');
  });

  it('request overrides beat -c, and typed request fields beat the request map', () => {
    const config = load({ cli: ['model="cli-model"'] }, { requestOverrides: { model: 'map-model', 'features.goals': true }, requestFields: { model: 'field-model' } });
    expectValue(config, 'model', 'field-model', 'sessionFlags');
    expectValue(config, 'features.goals', true, 'sessionFlags');
    const mapOnly = load({ cli: ['model="cli-model"'] }, { requestOverrides: { model: 'map-model' } });
    expectValue(mapOnly, 'model', 'map-model', 'sessionFlags');
  });

  it('managed_config.toml beats -c and request overrides, and marks its keys as enforced', () => {
    const config = load(
      { managed: 'managed_config.toml', cli: ['sandbox_mode="danger-full-access"', 'model_verbosity="low"'] },
      { cwd: 'repo/pkg/deep', requestFields: { approval_policy: 'never' } },
    );
    expectValue(config, 'sandbox_mode', 'workspace-write', 'legacyManagedConfigTomlFromFile');
    expectValue(config, 'approval_policy', 'on-request', 'legacyManagedConfigTomlFromFile');
    expectValue(config, 'model_verbosity', 'high', 'legacyManagedConfigTomlFromFile');
    expectValue(config, 'sandbox_workspace_write.network_access', false, 'legacyManagedConfigTomlFromFile');
    expectValue(config, 'model', 'pkg-model', 'project');
    assert.ok(config.settings.enforced?.has('approval_policy'));
    assert.ok(!config.settings.enforced?.has('model'));
  });

  it('requirements force disallowed values back to allowed ones and say so', () => {
    const config = load({ requirements: 'strict.toml' }, { requestFields: { approval_policy: 'never', sandbox_mode: 'danger-full-access' }, requestOverrides: { web_search: 'live' } });
    const requirementsFile = join(root, 'requirements/strict.toml');
    expectValue(config, 'approval_policy', 'on-request', 'system', requirementsFile);
    expectValue(config, 'sandbox_mode', 'read-only', 'system', requirementsFile);
    expectValue(config, 'web_search', 'cached', 'system', requirementsFile);
    assert.equal(config.settings.approval_policy, 'on-request');
    assert.ok(config.settings.enforced?.has('sandbox_mode'));
    const warnings = config.problems.filter((p) => p.file === requirementsFile && p.severity === 'warning').map((p) => p.key);
    assert.deepEqual(warnings.sort(), ['approval_policy', 'mcp_servers.remote.enabled', 'mcp_servers.rogue.enabled', 'sandbox_mode', 'web_search']);
  });

  it('requirements keep allowed values untouched', () => {
    const config = load({ requirements: 'strict.toml' });
    expectValue(config, 'approval_policy', 'on-request', 'user');
    expectValue(config, 'sandbox_mode', 'workspace-write', 'user');
    assert.equal(config.adjustments.filter((a) => a.path[0] !== 'mcp_servers').length, 0);
  });

  it('the MCP identity allow-list disables servers whose name or identity does not match', () => {
    const config = load({ requirements: 'strict.toml' });
    expectValue(config, 'mcp_servers.docs.command', 'codex-mcp', 'user');
    assert.equal(getPath(config.table, ['mcp_servers', 'docs', 'enabled']), undefined);
    expectValue(config, 'mcp_servers.remote.enabled', false, 'system');
    expectValue(config, 'mcp_servers.rogue.enabled', false, 'system');
  });

  it('an empty [mcp_servers] requirement disables every server; [] web search modes leave only disabled', () => {
    const config = load({ requirements: 'lockdown.toml' });
    for (const name of ['docs', 'remote', 'rogue']) expectValue(config, `mcp_servers.${name}.enabled`, false, 'system');
    expectValue(config, 'approval_policy', 'untrusted', 'system');
    expectValue(config, 'sandbox_mode', 'read-only', 'system');
    expectValue(config, 'web_search', 'disabled', 'system');
  });

  it('requirements apply to managed values too (requirements are the last word)', () => {
    const config = load({ managed: 'managed_config.toml', requirements: 'lockdown.toml' });
    expectValue(config, 'sandbox_mode', 'read-only', 'system');
  });

  it('a legacy managed approval_policy is also a requirement allowing only that value', () => {
    const config = load({ managed: 'legacy-untrusted.toml' }, { requestFields: { approval_policy: 'never' } });
    expectValue(config, 'approval_policy', 'untrusted', 'legacyManagedConfigTomlFromFile');
    assert.deepEqual(config.requirements?.allowedApprovalPolicies, ['untrusted']);
  });

  it('requirement prefix rules: prompt and forbidden are kept, allow is rejected', () => {
    const config = load({ requirements: 'strict.toml' });
    assert.deepEqual(config.requirements?.prefixRules.map((r) => r.decision), ['forbidden', 'prompt']);
    const problem = config.problems.find((p) => p.key?.startsWith('rules.prefix_rules.2'));
    assert.ok(problem?.message.includes('this rule is ignored'), JSON.stringify(config.problems));
  });

  it('edits on disk are seen by the next call without a new loader', () => {
    const home = join(root, 'home');
    const file = join(home, 'config.toml');
    const original = readFileSync(file, 'utf8');
    const loader = new ConfigLoader({ codexHome: home, userConfig: file, systemConfig: join(root, 'x'), managedConfig: join(root, 'y'), requirements: join(root, 'z') }, []);
    try {
      assert.equal(loader.effectiveConfig().table.model, 'user-model');
      writeFileSync(file, original.replace('model = "user-model"', 'model = "edited-model-with-a-longer-name"'));
      assert.equal(loader.effectiveConfig().table.model, 'edited-model-with-a-longer-name');
    } finally {
      writeFileSync(file, original);
    }
  });
});
