// codex.openConfig's config.toml (location, template that is valid Codex config once uncommented,
// 0700/0600 creation, never overwritten) and /init's AGENTS.md scaffold (commands detected from
// the folder's manifests, never overwritten).
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { validateLayer } from '../../server/config/validateLayer';
import { agentsMdScaffold, detectProjectFacts, ensureAgentsMd } from '../../src/editor/agentsMd';
import { codexHomeDir, CONFIG_TEMPLATE, ensureConfigFile } from '../../src/editor/codexConfigFile';

describe('editor: config.toml and AGENTS.md scaffolds', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'codex-editor-files-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('finds CODEX_HOME, else ~/.codex', () => {
    assert.equal(codexHomeDir({ CODEX_HOME: '/custom/home' }, '/home/u'), '/custom/home');
    assert.equal(codexHomeDir({ CODEX_HOME: '  ' }, '/home/u'), '/home/u/.codex');
    assert.equal(codexHomeDir({}, '/home/u'), '/home/u/.codex');
  });

  it('the template is all comments, and valid Codex config once its settings are uncommented', () => {
    assert.deepEqual(Object.keys(parse(CONFIG_TEMPLATE)), []);
    const uncommented = CONFIG_TEMPLATE.split('\n')
      .map((line) => line.replace(/^# (?=[\w.]+ = |\[)/, ''))
      .join('\n');
    const table = parse(uncommented);
    assert.equal(table.model_reasoning_effort, 'medium');
    assert.equal((table.mcp_servers as Record<string, { command?: string }>).filesystem?.command, 'npx');
    const validated = validateLayer(table, 'config.toml', uncommented);
    assert.deepEqual(validated.problems, []);
  });

  it('creates config.toml (folder 0700, file 0600) once and never overwrites it', async () => {
    const home = join(root, 'codex-home');
    const first = await ensureConfigFile(home);
    assert.deepEqual(first, { path: join(home, 'config.toml'), created: true });
    assert.equal(readFileSync(first.path, 'utf8'), CONFIG_TEMPLATE);
    assert.equal(statSync(home).mode & 0o777, 0o700);
    assert.equal(statSync(first.path).mode & 0o777, 0o600);
    writeFileSync(first.path, 'model = "mine"\n');
    assert.deepEqual(await ensureConfigFile(home), { path: first.path, created: false });
    assert.equal(readFileSync(first.path, 'utf8'), 'model = "mine"\n');
  });

  it('detects build and test commands from the manifests', async () => {
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'demo-app', scripts: { build: 'tsc', test: 'mocha', start: 'node .' } }));
    writeFileSync(join(root, 'yarn.lock'), '');
    writeFileSync(join(root, 'go.mod'), 'module x\n');
    const facts = await detectProjectFacts(root);
    assert.equal(facts.name, 'demo-app');
    assert.deepEqual(
      facts.commands.map((c) => c.command),
      ['yarn build', 'yarn test', 'go build ./...', 'go test ./...', 'go vet ./...'],
    );
    const text = agentsMdScaffold(facts);
    assert.ok(text.startsWith('# AGENTS.md — demo-app\n'));
    assert.ok(text.includes('- `yarn test`: run the tests'));
    for (const heading of ['## Project overview', '## Build and test', '## Code style', '## Testing', '## Security and boundaries']) {
      assert.ok(text.includes(heading), heading);
    }
  });

  it('writes AGENTS.md only when it is missing', async () => {
    const created = await ensureAgentsMd(root);
    assert.deepEqual(created, { path: join(root, 'AGENTS.md'), created: true });
    assert.ok(readFileSync(created.path, 'utf8').includes('## Build and test\n\n<!-- e.g.'));
    writeFileSync(created.path, '# mine\n');
    assert.deepEqual(await ensureAgentsMd(root), { path: created.path, created: false });
    assert.equal(readFileSync(created.path, 'utf8'), '# mine\n');
  });
});
