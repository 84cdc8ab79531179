// AGENTS.md discovery and the user-instructions text: global file (override wins), project docs
// from the git root down to cwd (closest last, override and fallback names per directory), the
// shared byte budget, blank files, and the exact message shape. Temp dirs with a real `git init`.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  candidateFilenames,
  combineUserInstructions,
  discoverProjectDocPaths,
  loadUserInstructions,
  readGlobalInstructions,
  readProjectDocs,
  userInstructionsText,
  utf8Prefix,
} from '../../server/context/projectDocs';

describe('agent: AGENTS.md project docs', () => {
  let root: string;
  let repo: string;
  let home: string;
  let nested: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'codex-ts-agents-md-'));
    repo = join(root, 'repo');
    home = join(root, 'codex-home');
    nested = join(repo, 'packages', 'app');
    mkdirSync(nested, { recursive: true });
    mkdirSync(home);
    execFileSync('git', ['init', '-q', repo]);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const write = (path: string, text: string): void => writeFileSync(path, text);

  it('collects AGENTS.md from the git root down to cwd, closest last, and not above the root', async () => {
    write(join(root, 'AGENTS.md'), 'above the repo: never read');
    write(join(repo, 'AGENTS.md'), 'root rules');
    write(join(repo, 'packages', 'AGENTS.md'), 'packages rules');
    write(join(nested, 'AGENTS.md'), 'app rules');
    assert.deepEqual(await discoverProjectDocPaths({ cwd: nested }), [
      join(repo, 'AGENTS.md'),
      join(repo, 'packages', 'AGENTS.md'),
      join(nested, 'AGENTS.md'),
    ]);
    const docs = await readProjectDocs({ cwd: nested });
    assert.equal(combineUserInstructions(null, docs), 'root rules\n\npackages rules\n\napp rules');
  });

  it('uses only cwd when there is no git root', async () => {
    const plain = join(root, 'plain', 'sub');
    mkdirSync(plain, { recursive: true });
    write(join(root, 'plain', 'AGENTS.md'), 'parent');
    write(join(plain, 'AGENTS.md'), 'here');
    // A marker nothing above the temp dir has (a stray /tmp/.git would otherwise make /tmp the root).
    assert.deepEqual(await discoverProjectDocPaths({ cwd: plain, rootMarkers: ['.codex-ts-test-root'] }), [join(plain, 'AGENTS.md')]);
  });

  it('prefers AGENTS.override.md, then AGENTS.md, then the fallback names, one file per directory', async () => {
    write(join(repo, 'AGENTS.md'), 'root');
    write(join(repo, 'AGENTS.override.md'), 'root override');
    write(join(repo, 'packages', 'CLAUDE.md'), 'fallback');
    write(join(nested, 'AGENTS.md'), 'app');
    write(join(nested, 'CLAUDE.md'), 'ignored: AGENTS.md exists here');
    const options = { cwd: nested, fallbackFilenames: ['CLAUDE.md', '', 'AGENTS.md'] };
    assert.deepEqual(candidateFilenames(options.fallbackFilenames), ['AGENTS.override.md', 'AGENTS.md', 'CLAUDE.md']);
    assert.deepEqual(await discoverProjectDocPaths(options), [join(repo, 'AGENTS.override.md'), join(repo, 'packages', 'CLAUDE.md'), join(nested, 'AGENTS.md')]);
    assert.deepEqual(await discoverProjectDocPaths({ cwd: nested }), [join(repo, 'AGENTS.override.md'), join(nested, 'AGENTS.md')]);
  });

  it('honours custom project root markers', async () => {
    write(join(repo, 'packages', '.root'), '');
    write(join(repo, 'AGENTS.md'), 'repo');
    write(join(repo, 'packages', 'AGENTS.md'), 'packages');
    assert.deepEqual(await discoverProjectDocPaths({ cwd: nested, rootMarkers: ['.root'] }), [join(repo, 'packages', 'AGENTS.md')]);
  });

  it('shares project_doc_max_bytes across files, cuts on a character boundary and skips blank files', async () => {
    write(join(repo, 'AGENTS.md'), 'A'.repeat(10));
    write(join(repo, 'packages', 'AGENTS.md'), '   \n\t\n');
    write(join(nested, 'AGENTS.md'), 'ééé'); // 6 bytes
    let docs = await readProjectDocs({ cwd: nested, maxBytes: 13 });
    assert.deepEqual(
      docs.map((d) => [d.text, d.truncated]),
      [
        ['A'.repeat(10), false],
        ['é', true],
      ],
    );
    docs = await readProjectDocs({ cwd: nested, maxBytes: 4 });
    assert.deepEqual(docs.map((d) => d.text), ['AAAA']);
    assert.deepEqual(await readProjectDocs({ cwd: nested, maxBytes: 0 }), []);
    assert.deepEqual(await discoverProjectDocPaths({ cwd: nested, maxBytes: 0 }), []);
    assert.equal(utf8Prefix(Buffer.from('aé'), 2).toString(), 'a');
  });

  it('follows a symlinked AGENTS.md and ignores a dangling one', async () => {
    write(join(root, 'shared.md'), 'shared rules');
    symlinkSync(join(root, 'shared.md'), join(repo, 'AGENTS.md'));
    symlinkSync(join(root, 'missing.md'), join(nested, 'AGENTS.md'));
    assert.deepEqual((await readProjectDocs({ cwd: nested })).map((d) => d.text), ['shared rules']);
  });

  it('reads the global file from CODEX_HOME, the override winning unless it is blank', async () => {
    assert.equal(await readGlobalInstructions(home), null);
    write(join(home, 'AGENTS.md'), '  global rules \n');
    assert.deepEqual(await readGlobalInstructions(home), { path: join(home, 'AGENTS.md'), text: 'global rules' });
    write(join(home, 'AGENTS.override.md'), '\n');
    assert.equal((await readGlobalInstructions(home))?.text, 'global rules');
    write(join(home, 'AGENTS.override.md'), 'override rules');
    assert.equal((await readGlobalInstructions(home))?.text, 'override rules');
  });

  it('joins global and project docs with the project-doc separator and wraps them for the model', async () => {
    write(join(home, 'AGENTS.md'), 'global');
    write(join(repo, 'AGENTS.md'), 'root');
    write(join(nested, 'AGENTS.md'), 'app');
    const loaded = await loadUserInstructions(home, { cwd: nested });
    assert.equal(loaded.text, 'global\n\n--- project-doc ---\n\nroot\n\napp');
    assert.deepEqual(loaded.sources, [join(home, 'AGENTS.md'), join(repo, 'AGENTS.md'), join(nested, 'AGENTS.md')]);
    assert.equal(userInstructionsText('/work/app', 'be brief'), '# AGENTS.md instructions for /work/app\n\n<INSTRUCTIONS>\nbe brief\n</INSTRUCTIONS>');
    assert.equal(combineUserInstructions(null, []), null);
    assert.equal(combineUserInstructions('only global', []), 'only global');
  });
});
