// Unit tests for the fuzzy path scorer: ranking sanity, matched indices, smart case, and that the
// fast scorer and the backtracking one used for indices always agree on the score.
import { strict as assert } from 'node:assert';
import { FileIndex } from '../../server/search/fileIndex';
import { compileQuery, prepareScratch, scoreEntry, NO_MATCH } from '../../server/search/matcher';
import { matchPositions } from '../../server/search/matchPositions';
import { SearchRun } from '../../server/search/searchRun';
import { type FuzzyFileMatch } from '../../server/search/types';

/** Builds an index the way the walker would: parent directories first, files below them. */
function indexOf(paths: readonly string[], dirs: readonly string[] = []): FileIndex {
  const ix = new FileIndex('/root');
  const handles = new Map<string, number>();
  const ensureDir = (dir: string): number => {
    if (dir === '') return -1;
    const known = handles.get(dir);
    if (known !== undefined) return known;
    const cut = dir.lastIndexOf('/');
    const parent = ensureDir(cut < 0 ? '' : dir.slice(0, cut));
    const handle = ix.add(parent, dir.slice(cut + 1), dir, true);
    handles.set(dir, handle);
    return handle;
  };
  for (const d of dirs) ensureDir(d);
  for (const p of paths) {
    const cut = p.lastIndexOf('/');
    ix.add(ensureDir(cut < 0 ? '' : p.slice(0, cut)), p.slice(cut + 1), p, false);
  }
  return ix;
}

function search(ix: FileIndex, query: string, limit = 50): FuzzyFileMatch[] {
  const q = compileQuery(query);
  if (!q) return [];
  const run = new SearchRun(q, [ix], { limit });
  run.step();
  return run.results();
}

const paths = (results: FuzzyFileMatch[]): string[] => results.map((r) => r.path);

describe('fuzzy file search: matcher', () => {
  it('ranks an exact file-name match above a scattered subsequence', () => {
    const ix = indexOf(['ui/tools/list.ts', 'lib/utils.ts', 'src/u/t/i/l/s.ts']);
    assert.equal(search(ix, 'utils')[0]!.path, 'lib/utils.ts');
  });

  it('finds src/main.js for "mainjs" ahead of other candidates', () => {
    const ix = indexOf(['src/domain/adjacent.js', 'src/main.js', 'src/app/mainView.tsx', 'docs/main.md', 'lib/majestic.json']);
    const res = search(ix, 'mainjs');
    assert.equal(res[0]!.path, 'src/main.js');
    assert.deepEqual(res[0]!.indices, [4, 5, 6, 7, 9, 10]);
    assert.ok(!paths(res).includes('docs/main.md'));
  });

  it('prefers matches in the file name over matches in directories', () => {
    const ix = indexOf(['config/index.ts', 'src/config.ts']);
    // The directory `config` itself is an entry too; it ranks below the equally named file.
    assert.deepEqual(paths(search(ix, 'config')), ['src/config.ts', 'config', 'config/index.ts']);
  });

  it('rewards camelCase humps and word starts', () => {
    const ix = indexOf(['src/fabric.ts', 'src/FooBar.ts']);
    assert.equal(search(ix, 'fb')[0]!.path, 'src/FooBar.ts');
    const ix2 = indexOf(['a/user_list_view.ts', 'a/ulterior.ts']);
    assert.equal(search(ix2, 'ulv')[0]!.path, 'a/user_list_view.ts');
  });

  it('breaks ties by shorter path, then alphabetically', () => {
    const ix = indexOf(['a/b/c/main.ts', 'main.ts', 'x/main.ts', 'b/main.ts']);
    assert.deepEqual(paths(search(ix, 'main')), ['main.ts', 'b/main.ts', 'x/main.ts', 'a/b/c/main.ts']);
  });

  it('reports indices of the characters that matched, ascending', () => {
    const ix = indexOf(['packages/server/src/searchSession.ts']);
    for (const query of ['sess', 'srvss', 'pkg/search', 'searchS', 'src sess']) {
      const [hit] = search(ix, query);
      assert.ok(hit, query);
      const idx = hit.indices!;
      assert.equal(idx.length, query.replace(/\s/g, '').length, query);
      const matched = idx.map((i) => hit.path[i]!.toLowerCase()).join('');
      assert.equal(matched, query.replace(/\s/g, '').toLowerCase(), query);
      assert.deepEqual([...idx].sort((a, b) => a - b), idx);
    }
  });

  it('is case-insensitive for lowercase queries and case-sensitive otherwise (smart case)', () => {
    const ix = indexOf(['src/main.js', 'src/Main.java']);
    assert.deepEqual(paths(search(ix, 'main')).sort(), ['src/Main.java', 'src/main.js']);
    assert.deepEqual(paths(search(ix, 'Main')), ['src/Main.java']);
  });

  it('requires every whitespace-separated term to match', () => {
    const ix = indexOf(['server/search/walker.ts', 'server/rpc/walker.ts', 'test/search.ts']);
    assert.deepEqual(paths(search(ix, 'search walker')), ['server/search/walker.ts']);
  });

  it('reports directories with match_type "directory" and files with "file"', () => {
    const ix = indexOf(['src/components/button.tsx'], ['src/components']);
    const res = search(ix, 'components');
    const byPath = new Map(res.map((r) => [r.path, r]));
    assert.equal(byPath.get('src/components')!.match_type, 'directory');
    assert.equal(byPath.get('src/components')!.file_name, 'components');
    assert.equal(byPath.get('src/components/button.tsx')!.match_type, 'file');
    assert.equal(byPath.get('src/components/button.tsx')!.file_name, 'button.tsx');
  });

  it('reports indices in code points for paths with astral characters', () => {
    const ix = indexOf(['docs/\u{1F600}notes.md']);
    const [hit] = search(ix, 'notes');
    assert.deepEqual(hit!.indices, [6, 7, 8, 9, 10]);
  });

  it('does not match when the characters are out of order or missing', () => {
    const ix = indexOf(['src/main.js']);
    assert.deepEqual(search(ix, 'jsmain'), []);
    assert.deepEqual(search(ix, 'mainz'), []);
    assert.equal(compileQuery('   '), null);
  });

  it('keeps only the best `limit` results, best first', () => {
    const files = Array.from({ length: 120 }, (_, i) => `dir${i % 7}/file${i}.ts`);
    const ix = indexOf(files);
    const res = search(ix, 'file', 50);
    assert.equal(res.length, 50);
    for (let i = 1; i < res.length; i++) assert.ok(res[i - 1]!.score >= res[i]!.score);
    // The full ranking's top 50 is exactly what the heap kept.
    const all = search(ix, 'file', 1000);
    assert.deepEqual(paths(res), paths(all).slice(0, 50));
  });

  it('gives a run narrowed from the previous keystroke the same results as a fresh run', () => {
    let seed = 11;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const words = ['user', 'service', 'main', 'view', 'api', 'client', 'src', 'handler', 'button', 'test'];
    const name = (): string => {
      const parts = Array.from({ length: 1 + rnd(3) }, () => words[rnd(words.length)]!);
      const joined = rnd(2) ? parts.join('-') : parts.map((w, i) => (i ? w[0]!.toUpperCase() + w.slice(1) : w)).join('');
      return joined + ['.ts', '.md', '.tsx', ''][rnd(4)];
    };
    const files = Array.from({ length: 4000 }, () => Array.from({ length: 1 + rnd(4) }, () => words[rnd(words.length)]).join('/') + '/' + name());
    const ix = indexOf([...new Set(files)]);
    for (const word of ['userservice', 'mainview', 'srchandler', 'apiClient', 'test button']) {
      let previous: SearchRun | null = null;
      const typed = [...Array.from({ length: word.length }, (_, k) => word.slice(0, k + 1)), word.slice(0, 3)];
      for (const query of typed) {
        const q = compileQuery(query)!;
        const narrowed: SearchRun = new SearchRun(q, [ix], { limit: 20, previous });
        narrowed.step();
        const fresh = new SearchRun(q, [ix], { limit: 20 });
        fresh.step();
        assert.deepEqual(narrowed.results(), fresh.results(), query);
        previous = narrowed;
      }
    }
  });

  it('scores the same in the fast scorer and the backtracking one', () => {
    // A deterministic pseudo-random corpus of paths and queries drawn from them.
    let seed = 7;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const words = ['src', 'lib', 'main', 'index', 'userService', 'Button', 'api_client', 'file-search', 'a1b2', 'x.y'];
    const exts = ['.ts', '.js', '.md', ''];
    const corpus = Array.from({ length: 300 }, () => {
      const depth = 1 + rnd(4);
      const segs = Array.from({ length: depth }, () => words[rnd(words.length)]!);
      return segs.join('/') + exts[rnd(exts.length)];
    });
    const ix = indexOf([...new Set(corpus)]);
    for (let n = 0; n < 200; n++) {
      const source = ix.paths[rnd(ix.count)]!;
      const len = 1 + rnd(6);
      let query = '';
      for (let k = 0, pos = rnd(source.length); k < len && pos < source.length; k++, pos += 1 + rnd(4)) query += source[pos];
      if (rnd(5) === 0) query = query.toUpperCase();
      const q = compileQuery(query);
      if (!q) continue;
      prepareScratch(ix.maxLen, q);
      for (let id = 0; id < ix.count; id++) {
        const fast: number = (ix.masks[id]! & q.mask) === q.mask ? scoreEntry(ix, id, q, 0) : NO_MATCH;
        const slow = matchPositions(ix, id, q);
        assert.equal(fast, slow === null ? NO_MATCH : slow.score, `${query} on ${ix.paths[id]}`);
      }
    }
  });
});
