// Unit tests for the one-shot fuzzy file search over real temp directories: .gitignore handling
// (root, nested, negation, directory patterns, info/exclude, parent repositories), `.git`
// skipping, symlinks, the 50-result cap, multiple roots, cancellation and the index cache.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileIndexCache, fuzzyFileSearch, CancellationTokens } from '../../server/search';
import { IgnoreRules, IGNORED, NO_RULE, WHITELISTED, globToRegExp } from '../../server/search/gitignore';
import { skipBecause } from '../support/system-tools';

/** Creates files (content '') and directories (paths ending in '/') under `root`. */
function makeTree(root: string, entries: Record<string, string>): void {
  for (const [rel, content] of Object.entries(entries)) {
    const abs = path.join(root, rel);
    if (rel.endsWith('/')) fs.mkdirSync(abs, { recursive: true });
    else {
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      fs.writeFileSync(abs, content);
    }
  }
}

/** Every path a search can see: a query made of a character every path contains. */
async function visible(root: string): Promise<string[]> {
  const found = new Set<string>();
  // Single letters cover every path; each query is capped at 50, so ask for more.
  for (const ch of 'abcdefghijklmnopqrstuvwxyz0123456789._-') {
    for (const r of await fuzzyFileSearch(ch, [root], { cache: null, limit: 10_000 })) found.add(r.path);
  }
  return [...found].sort();
}

describe('fuzzy file search: gitignore rules', () => {
  const verdict = (text: string, rel: string, isDir = false, base = ''): number => {
    const rules = IgnoreRules.parse(text, base)!;
    const name = rel.slice(rel.lastIndexOf('/') + 1);
    return rules.match(name, rel, rel.split('/').length, isDir);
  };

  it('matches names, extensions, prefixes, anchored paths and ** globs', () => {
    assert.equal(verdict('node_modules', 'a/node_modules', true), IGNORED);
    assert.equal(verdict('*.log', 'deep/x/err.log'), IGNORED);
    assert.equal(verdict('tmp*', 'x/tmpfile'), IGNORED);
    assert.equal(verdict('/dist', 'dist', true), IGNORED);
    assert.equal(verdict('/dist', 'pkg/dist', true), NO_RULE);
    assert.equal(verdict('docs/**/*.md', 'docs/a/b/c.md'), IGNORED);
    assert.equal(verdict('docs/**/*.md', 'docs/c.md'), IGNORED);
    assert.equal(verdict('**/cache', 'a/b/cache', true), IGNORED);
    assert.equal(verdict('out/**', 'out/x/y.js'), IGNORED);
    assert.equal(verdict('out/**', 'out', true), NO_RULE);
    assert.equal(verdict('a?c.[jt]s', 'src/abc.ts'), IGNORED);
    assert.equal(verdict('[!a]*.txt', 'b.txt'), IGNORED);
    assert.equal(verdict('[!a]*.txt', 'a.txt'), NO_RULE);
  });

  it('applies directory-only patterns to directories only', () => {
    assert.equal(verdict('build/', 'build', true), IGNORED);
    assert.equal(verdict('build/', 'build', false), NO_RULE);
  });

  it('lets a later negation win, and honours escapes, comments and trailing spaces', () => {
    assert.equal(verdict('*.log\n!keep.log', 'keep.log'), WHITELISTED);
    assert.equal(verdict('!keep.log\n*.log', 'keep.log'), IGNORED);
    assert.equal(verdict('# comment\n\\#notes', '#notes'), IGNORED);
    assert.equal(verdict('\\!bang', '!bang'), IGNORED);
    assert.equal(verdict('spaced   ', 'spaced'), IGNORED);
    assert.equal(IgnoreRules.parse('# only a comment\n\n', ''), null);
  });

  it('matches anchored patterns relative to the ignore file directory', () => {
    assert.equal(verdict('/gen', 'pkg/gen', true, 'pkg'), IGNORED);
    assert.equal(verdict('/gen', 'pkg/sub/gen', true, 'pkg'), NO_RULE);
    assert.equal(verdict('sub/gen', 'pkg/sub/gen', true, 'pkg'), IGNORED);
  });

  it('translates globs to anchored regular expressions', () => {
    assert.ok(globToRegExp('a/**/b').test('a/b'));
    assert.ok(globToRegExp('a/**/b').test('a/x/y/b'));
    assert.ok(!globToRegExp('a/*/b').test('a/x/y/b'));
    assert.ok(globToRegExp('f\\*o').test('f*o'));
    assert.ok(!globToRegExp('f\\*o').test('fxo'));
  });
});

describe('fuzzy file search: one-shot', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzzy-search-'));
  });
  afterEach(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('respects root and nested .gitignore files, negation, directory patterns and info/exclude', async () => {
    makeTree(tmp, {
      '.gitignore': 'node_modules/\n*.log\n!keep.log\n/build\n',
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.git/info/exclude': 'secret.txt\n',
      'src/main.js': '',
      'src/debug.log': '',
      'src/keep.log': '',
      'src/build/out.js': '',
      'build/out.js': '',
      'node_modules/pkg/index.js': '',
      'secret.txt': '',
      'pkg/.gitignore': 'generated/\n!*.log\n',
      'pkg/generated/a.ts': '',
      'pkg/trace.log': '',
      'pkg/lib.ts': '',
    });
    assert.deepEqual(await visible(tmp), [
      '.gitignore',
      'pkg',
      'pkg/.gitignore',
      'pkg/lib.ts',
      'pkg/trace.log',
      'src',
      'src/build',
      'src/build/out.js',
      'src/keep.log',
      'src/main.js',
    ]);
  });

  it('skips .git but keeps other hidden files', async () => {
    makeTree(tmp, { '.git/config': '', '.git/objects/ab/cdef': '', '.env': '', '.github/workflows/ci.yml': '' });
    const seen = await visible(tmp);
    assert.ok(seen.every((p) => !p.startsWith('.git/') && p !== '.git'), seen.join());
    assert.ok(seen.includes('.env') && seen.includes('.github/workflows/ci.yml'));
  });

  it("applies a parent repository's .gitignore when the root is a subdirectory", async () => {
    makeTree(tmp, { '.git/HEAD': '', '.gitignore': '*.tmp\n/app/cache/\n', 'app/a.ts': '', 'app/b.tmp': '', 'app/cache/c.ts': '' });
    assert.deepEqual(await visible(path.join(tmp, 'app')), ['a.ts']);
  });

  it('ranks, reports matches in the protocol shape, and finds src/main.js for "mainjs"', async () => {
    makeTree(tmp, { 'src/main.js': '', 'src/domain/adjacent.js': '', 'docs/maintenance.json': '' });
    const [first] = await fuzzyFileSearch('mainjs', [tmp], { cache: null });
    assert.deepEqual(first, {
      root: tmp,
      path: 'src/main.js',
      match_type: 'file',
      file_name: 'main.js',
      score: first!.score,
      indices: [4, 5, 6, 7, 9, 10],
    });
  });

  it('caps results at 50, best first', async () => {
    const entries: Record<string, string> = {};
    for (let i = 0; i < 80; i++) entries[`d${i % 5}/report-${i}.txt`] = '';
    makeTree(tmp, entries);
    const res = await fuzzyFileSearch('report', [tmp], { cache: null });
    assert.equal(res.length, 50);
    for (let i = 1; i < res.length; i++) assert.ok(res[i - 1]!.score >= res[i]!.score);
  });

  it('searches several roots and labels each result with its root', async () => {
    const a = path.join(tmp, 'a');
    const b = path.join(tmp, 'b');
    makeTree(tmp, { 'a/alpha-config.ts': '', 'b/beta-config.ts': '', 'b/other.md': '' });
    const res = await fuzzyFileSearch('config', [a, b], { cache: null });
    assert.deepEqual(res.map((r) => [r.root, r.path]).sort(), [
      [a, 'alpha-config.ts'],
      [b, 'beta-config.ts'],
    ]);
  });

  it('returns nothing for an empty query, no roots, or a missing root', async () => {
    makeTree(tmp, { 'a.txt': '' });
    assert.deepEqual(await fuzzyFileSearch('', [tmp], { cache: null }), []);
    assert.deepEqual(await fuzzyFileSearch('  ', [tmp], { cache: null }), []);
    assert.deepEqual(await fuzzyFileSearch('a', [], { cache: null }), []);
    assert.deepEqual(await fuzzyFileSearch('a', [path.join(tmp, 'missing')], { cache: null }), []);
  });

  it('follows symlinked directories once and does not loop', async function () {
    if (process.platform === 'win32') skipBecause(this, 'Windows needs special rights to create symlinks');
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzzy-outside-'));
    try {
      makeTree(outside, { 'shared/util.ts': '' });
      makeTree(tmp, { 'src/app.ts': '' });
      fs.symlinkSync(path.join(outside, 'shared'), path.join(tmp, 'linked'));
      fs.symlinkSync(tmp, path.join(tmp, 'src', 'loop'));
      fs.symlinkSync(path.join(tmp, 'nowhere'), path.join(tmp, 'dangling'));
      const seen = await visible(tmp);
      assert.ok(seen.includes('linked/util.ts'), seen.join());
      assert.ok(seen.includes('src/loop'), 'the looping link itself is listed');
      assert.ok(!seen.some((p) => p.startsWith('src/loop/')), 'but not walked');
      assert.ok(!seen.includes('dangling'));
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('rejects when cancelled, and a new search with the same token cancels the old one', async () => {
    makeTree(tmp, { 'a.txt': '' });
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(fuzzyFileSearch('a', [tmp], { signal: controller.signal, cache: null }), { name: 'AbortError' });
    const tokens = new CancellationTokens();
    const first = tokens.begin('t1');
    const second = tokens.begin('t1');
    assert.equal(first!.aborted, true);
    assert.equal(second!.aborted, false);
    assert.equal(tokens.begin(null), undefined);
  });

  it('reuses a recent walk through the index cache, and walks afresh once it is too old', async () => {
    makeTree(tmp, { 'first.ts': '' });
    const cache = new FileIndexCache({ maxAgeMs: 60_000 });
    assert.equal((await fuzzyFileSearch('first', [tmp], { cache })).length, 1);
    makeTree(tmp, { 'second.ts': '' });
    assert.equal((await fuzzyFileSearch('second', [tmp], { cache })).length, 0, 'served from the cached walk');
    assert.equal((await fuzzyFileSearch('second', [tmp], { cache: null })).length, 1);
    const fresh = new FileIndexCache({ maxAgeMs: 0 });
    assert.equal((await fuzzyFileSearch('second', [tmp], { cache: fresh })).length, 1);
  });
});
