// Where the e2e harness finds things (repo root, the pinned code-server, the packaged VSIX) and
// where each run keeps its state: `.tools/e2e-runs/<timestamp>/` (git-ignored), or the directory in
// CODEX_TS_E2E_RUN_DIR when scripts/run-e2e.mjs drives the run (it sweeps that directory afterwards).
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { missingToolMessage } from '../system-tools';

export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
export const TEST_RESULTS_DIR = join(REPO_ROOT, 'test-results');

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** The VSIX built by `npm run package` (scripts/package-vsix.mjs). */
export function packagedVsix(): string {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  const vsix = join(REPO_ROOT, 'dist', `${pkg.name}-${pkg.version}.vsix`);
  if (!existsSync(vsix)) throw new Error(`${vsix} is missing: run \`npm run package\` first`);
  return vsix;
}

/** tools/code-server's binary, installed by scripts/ensure-code-server.sh. */
export function codeServerBin(): string {
  const bin = process.env.CODE_SERVER_BIN ?? join(REPO_ROOT, 'tools', 'code-server', 'node_modules', '.bin', 'code-server');
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run scripts/ensure-code-server.sh first`);
  return bin;
}

/** Debian's chromium (or $CHROMIUM); missing, the test fails with the command that installs it. */
export function chromiumBin(): string {
  const bin = process.env.CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(bin)) throw new Error(missingToolMessage('chromium', process.env.CHROMIUM ? `the chromium in $CHROMIUM (${bin})` : bin));
  return bin;
}

/** A fresh directory for one code-server + browser session, inside this run's directory. */
export function newSessionDir(label: string): string {
  const runRoot = process.env.CODEX_TS_E2E_RUN_DIR ?? join(REPO_ROOT, '.tools', 'e2e-runs', timestamp());
  mkdirSync(runRoot, { recursive: true });
  return mkdtempSync(join(runRoot, `${label}-`));
}

export function timestamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}
