// CLI (`tsx test/support/vscode/run-host-tests.ts`): bundles test/e2e/host/*.ts with esbuild into
// dist/test/e2e-host/ (CommonJS; `vscode` and `mocha` stay external, mocha resolves from the repo's
// node_modules), runs them inside code-server's extension host with the repo as the development
// extension, and ends with "N passed, N failed, N skipped". Exit code 0 only if every test passed.
// `--server codex` runs the same suites with `codex.cliExecutable` set to the real `codex` binary of
// the @openai/codex dev dependency (CODEX_TS_E2E_SERVER=codex tells the suites which server runs).
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { runHostTests } from './hostTests';
import { REPO_ROOT } from './paths';

const SOURCE_DIR = join(REPO_ROOT, 'test', 'e2e', 'host');
const OUT_DIR = join(REPO_ROOT, 'dist', 'test', 'e2e-host');

async function main(): Promise<number> {
  const entryPoints = readdirSync(SOURCE_DIR)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(SOURCE_DIR, f));
  rmSync(OUT_DIR, { recursive: true, force: true }); // no stale suites from deleted files
  await build({
    entryPoints,
    outdir: OUT_DIR,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    tsconfig: join(REPO_ROOT, 'tsconfig.json'),
    logLevel: 'warning',
  });
  const realCodex = process.argv.includes('--server') && process.argv[process.argv.indexOf('--server') + 1] === 'codex';
  const result = await runHostTests({
    extensionDevelopmentPath: REPO_ROOT,
    settings: realCodex ? { 'codex.cliExecutable': join(REPO_ROOT, 'node_modules', '.bin', 'codex') } : {},
    env: { CODEX_TS_E2E_SERVER: realCodex ? 'codex' : 'bundled' },
    testsEntry: join(OUT_DIR, 'index.js'),
    timeoutMs: Number(process.env.EXT_TEST_TIMEOUT_MS ?? 180_000),
  });
  console.log(`[host] extension host run exited with ${result.exitCode} (logs: ${result.sessionDir})`);
  console.log(`${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped`);
  return result.exitCode === 0 && result.failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    console.log('0 passed, 1 failed, 0 skipped');
    process.exit(1);
  },
);
