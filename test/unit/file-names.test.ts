// One file-naming convention (ARCHITECTURE.md): production modules are camelCase (`threadIndex.ts`), React
// components PascalCase (`SignInCard.tsx`); tests are kebab-case `<area>-<topic>.test.ts`. Checked over the
// files git tracks, so a new file with another style fails here rather than in review.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const tracked = (...dirs: string[]): string[] =>
  execFileSync('git', ['ls-files', '--', ...dirs], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter((f) => f !== '');

describe('file names follow one convention', () => {
  it('production modules are camelCase (.ts) or camel/PascalCase (.tsx)', () => {
    const bad = tracked('server', 'src', 'webview', 'bridge', 'jsonrpc')
      .filter((f) => /\.tsx?$/.test(f))
      .filter((f) => !/^[a-z][a-zA-Z0-9]*\.ts$|^[A-Za-z][a-zA-Z0-9]*\.tsx$/.test(path.basename(f)));
    assert.deepEqual(bad, []);
  });

  it('tests are kebab-case <area>-<topic>.test.ts', () => {
    const bad = tracked('test')
      .filter((f) => /\.test\.tsx?$/.test(f))
      .filter((f) => !/^[a-z0-9]+(-[a-z0-9]+)*\.test\.tsx?$/.test(path.basename(f)));
    assert.deepEqual(bad, []);
  });
});
