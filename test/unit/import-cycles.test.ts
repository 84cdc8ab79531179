// scripts/check-import-cycles.mjs (`npm run check:cycles`): the folder-level import graph of a tree,
// resolved with the TypeScript compiler (path aliases included), fails on every cycle between
// folders and names one import per step, and on every broken layer rule (server/layers.json);
// test files do not count. server/ itself must pass.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const SCRIPT = path.resolve(__dirname, '../../scripts/check-import-cycles.mjs');

function check(cwd: string, args: string[] = []): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [SCRIPT, ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A tiny tree under a temp dir: `files` maps paths (relative to it) to their text. */
function fixture(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'import-cycles-'));
  const tsconfig = { compilerOptions: { module: 'preserve', moduleResolution: 'bundler', baseUrl: '.', paths: { '@lib/*': ['src/*'] } }, include: ['src/**/*.ts'] };
  writeFileSync(path.join(root, 'tsconfig.json'), JSON.stringify(tsconfig));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

describe('import cycle check (scripts/check-import-cycles.mjs)', () => {
  const made: string[] = [];
  const tree = (files: Record<string, string>): string => {
    const root = fixture(files);
    made.push(root);
    return root;
  };
  after(() => {
    for (const root of made) rmSync(root, { recursive: true, force: true });
  });

  it('passes on the server/ tree of this repository', () => {
    const result = check(path.resolve(__dirname, '../..'));
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /No import cycles between the folders of server\/ .*; the \d+ layer rules of server\/layers\.json hold\./);
  });

  it('fails on a planted cycle (one side through the path alias) and names an import for each step', () => {
    const root = tree({
      'src/a/one.ts': "import { two } from '../b/two';\nexport const one = (): number => two() + 1;\n",
      'src/b/two.ts': "// b reaches back into a\nimport type { Shape } from '@lib/a/shape';\nexport const two = (): number => 2;\nexport type Alias = Shape;\n",
      'src/a/shape.ts': 'export interface Shape { readonly n: number }\n',
      'src/c/user.ts': "import { one } from '../a/one';\nexport const three = one();\n",
    });
    const result = check(root, ['--root', 'src', '--tsconfig', 'tsconfig.json']);
    assert.equal(result.status, 1, result.stdout);
    assert.match(result.stderr, /1 import cycle\(s\) between the folders of src\//);
    assert.match(result.stderr, /\{src\/a, src\/b\}/);
    assert.match(result.stderr, /src\/a → src\/b {3}e\.g\. src\/a\/one\.ts:1 imports '\.\.\/b\/two'/);
    assert.match(result.stderr, /src\/b → src\/a {3}e\.g\. src\/b\/two\.ts:2 imports '@lib\/a\/shape'/);
    assert.doesNotMatch(result.stderr, /src\/c/, 'a folder outside the cycle is not listed');
  });

  it('reports each cycle of a tree, and one walk through all folders of a longer cycle', () => {
    const root = tree({
      'src/a/x.ts': "export { y } from '../b/y';\n",
      'src/b/y.ts': "import { z } from '../c/z';\nexport const y = z;\n",
      'src/c/z.ts': "export const z = 1;\nexport const back = (): Promise<unknown> => import('../a/x');\n",
      'src/d/p.ts': "export { q } from '../e/q';\nexport const p = 1;\n",
      'src/e/q.ts': "export const q = (): unknown => require('../d/p');\n",
    });
    const result = check(root, ['--root', 'src', '--tsconfig', 'tsconfig.json']);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /2 import cycle\(s\)/);
    assert.match(result.stderr, /\{src\/a, src\/b, src\/c\}\n {4}src\/a → src\/b .*\n {4}src\/b → src\/c .*\n {4}src\/c → src\/a {3}e\.g\. src\/c\/z\.ts:2 imports '\.\.\/a\/x'/);
    assert.match(result.stderr, /\{src\/d, src\/e\}/);
  });

  it('ignores test files, so a test importing across folders does not make a cycle', () => {
    const root = tree({
      'src/a/one.ts': "import { two } from '../b/two';\nexport const one = two;\n",
      'src/b/two.ts': 'export const two = 2;\n',
      'src/b/two.test.ts': "import { one } from '../a/one';\nexport const checked = one;\n",
    });
    const result = check(root, ['--root', 'src', '--tsconfig', 'tsconfig.json', '--graph']);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^src\/a → src\/b 1$/m);
    assert.match(result.stdout, /^src\/b → \(nothing\)$/m);
  });

  it('fails on broken layer rules, naming the rule and one import per offending folder pair', () => {
    const rules = {
      rules: [
        { folder: 'src/low', mustNotImport: ['src/high'], why: 'low sits below high' },
        { folder: 'src/leaf', mayImport: ['src/low'], why: 'a leaf' },
        { folder: 'src/loop', mustNotImport: ['*Handlers.ts'], why: 'no handler modules' },
      ],
    };
    const root = tree({
      'src/high/top.ts': "export const top = 1;\n",
      'src/high/api/routeHandlers.ts': "export const route = 1;\n",
      'src/low/base.ts': "import { top } from '../high/top';\nexport const base = top;\n",
      'src/low/deep/more.ts': "import { route } from '../../high/api/routeHandlers';\nexport const more = route;\n",
      'src/leaf/ok.ts': "import { base } from '../low/base';\nimport { inner } from './sub/inner';\nexport const ok = base + inner;\n",
      'src/leaf/sub/inner.ts': 'export const inner = 1;\n',
      'src/leaf/bad.ts': "import { top } from '@lib/high/top';\nexport const bad = top;\n",
      'src/loop/run.ts': "import { route } from '../high/api/routeHandlers';\nimport { top } from '../high/top';\nexport const run = route + top;\n",
    });
    writeFileSync(path.join(root, 'rules.json'), JSON.stringify(rules));
    const result = check(root, ['--root', 'src', '--tsconfig', 'tsconfig.json', '--rules', 'rules.json']);
    assert.equal(result.status, 1, result.stdout);
    assert.doesNotMatch(result.stderr, /import cycle/);
    assert.match(result.stderr, /Layer rule broken: src\/low must not import src\/high \(low sits below high\):\n {4}src\/low → src\/high {3}e\.g\. src\/low\/base\.ts:1 imports '\.\.\/high\/top'\n {4}src\/low\/deep → src\/high\/api {3}e\.g\. src\/low\/deep\/more\.ts:1/);
    assert.match(result.stderr, /Layer rule broken: src\/leaf must import only src\/low \(a leaf\):\n {4}src\/leaf → src\/high {3}e\.g\. src\/leaf\/bad\.ts:1 imports '@lib\/high\/top'\n\n/);
    assert.match(result.stderr, /Layer rule broken: src\/loop must not import \*Handlers\.ts \(no handler modules\):\n {4}src\/loop → src\/high\/api {3}e\.g\. src\/loop\/run\.ts:1 imports '\.\.\/high\/api\/routeHandlers'\n\n/);
  });
});
