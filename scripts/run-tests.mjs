// `npm test`: installs the Debian packages the tests need (scripts/system-packages.sh test), builds the
// bundles (integration tests spawn dist/server/cli.js), then runs the unit and integration suites and the
// webview component tests in one mocha process so there is one summary line.
import { spawnSync } from 'node:child_process';
import { ensureSystemPackages } from './system-packages.mjs';

function run(cmd, args) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', shell: false });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

ensureSystemPackages('test');
run(process.execPath, ['esbuild.mjs']);
run(process.execPath, [
  'node_modules/mocha/bin/mocha.js',
  '--config',
  'test/.mocharc.json',
  'test/unit/**/*.test.ts',
  'test/integration/**/*.test.ts',
  'test/webview/**/*.test.ts', // component tests in headless chromium (test/webview/harness.ts)
  ...process.argv.slice(2),
]);
