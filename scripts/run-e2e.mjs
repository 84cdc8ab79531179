// `npm run test:e2e`: packages the extension, makes sure the pinned code-server is installed, then
// runs both e2e suites against a real VS Code (code-server + headless Debian chromium):
//   1. test/e2e/**/*.e2e.ts  UI specs driven with playwright-core (mocha, in this repo's Node)
//   2. test/e2e/host/*.ts    mocha suites inside the extension host (test/support/vscode/run-host-tests.ts),
//                            once on the bundled server and once on the real `codex` (codex.cliExecutable)
// Every step has a hard timeout; each child runs in its own process group, and everything a run
// started (code-server groups, chromium) is swept from .tools/e2e-runs/<ts>/ at the end.
// First the Debian packages (scripts/system-packages.sh e2e). The last line is "N passed, N failed, N skipped";
// the exit code is non-zero on any failure.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { closingLine, suiteCounts } from './suite-counts.mjs';
import { ensureSystemPackages } from './system-packages.mjs';

ensureSystemPackages('e2e');

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runsDir = join(root, '.tools', 'e2e-runs');
const runDir = join(runsDir, new Date().toISOString().replace(/[:.]/g, '-'));
const KEEP_RUNS = 5;
const t0 = Date.now();
const seconds = (ms) => (ms / 1000).toFixed(1);
const timings = [];
const children = new Set();

/** Runs a command in its own process group, echoing its output; kills the group after timeoutMs. */
function step(name, cmd, args, timeoutMs) {
  return new Promise((resolve) => {
    const started = Date.now();
    console.log(`\n[e2e] ${name}`);
    const child = spawn(cmd, args, {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CODEX_TS_E2E_RUN_DIR: runDir },
    });
    children.add(child);
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk) => process.stderr.write(chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`[e2e] ${name}: timed out after ${seconds(timeoutMs)} s, stopping it`);
      killGroup(child.pid, 'SIGTERM');
      setTimeout(() => killGroup(child.pid, 'SIGKILL'), 10_000).unref();
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      const elapsed = Date.now() - started;
      timings.push([name, elapsed]);
      console.log(`[e2e] ${name}: ${timedOut ? 'TIMEOUT' : code === 0 ? 'ok' : `failed (${code ?? signal})`} in ${seconds(elapsed)} s`);
      resolve({ code: timedOut ? 124 : (code ?? 1), output });
    });
  });
}

function killGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
  } catch {
    // already gone
  }
}

/** Kills whatever this run left behind: recorded code-server groups, then any process naming the run dir. */
function sweep() {
  if (!existsSync(runDir)) return;
  const leftovers = [];
  for (const entry of readdirSync(runDir, { recursive: true })) {
    if (!String(entry).endsWith('code-server.pgid')) continue;
    const pgid = Number(readFileSync(join(runDir, String(entry)), 'utf8'));
    try {
      process.kill(-pgid, 0);
      leftovers.push(`code-server group ${pgid}`);
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // stopped cleanly
    }
  }
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    if (Number(pid) !== process.pid && commandLine(pid).includes(runDir)) {
      leftovers.push(`pid ${pid}`);
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        // exited meanwhile
      }
    }
  }
  if (leftovers.length > 0) console.warn(`[e2e] killed leftovers: ${leftovers.join(', ')}`);
}

function commandLine(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return ''; // exited, or not ours to read
  }
}

function pruneOldRuns() {
  if (!existsSync(runsDir)) return;
  const runs = readdirSync(runsDir).sort();
  for (const old of runs.slice(0, Math.max(0, runs.length - KEEP_RUNS))) {
    rmSync(join(runsDir, old), { recursive: true, force: true });
  }
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    for (const child of children) killGroup(child.pid, 'SIGKILL');
    sweep();
    process.exit(130);
  });
}

mkdirSync(runDir, { recursive: true });
pruneOldRuns();
const node = process.execPath;
const total = { passed: 0, failed: 0, skipped: 0 };
const setup = [
  ['package the VSIX', node, ['scripts/package-vsix.mjs'], 240_000],
  ['ensure code-server', 'bash', ['scripts/ensure-code-server.sh'], 900_000],
];
let setupOk = true;
for (const [name, cmd, args, timeoutMs] of setup) {
  const result = await step(name, cmd, args, timeoutMs);
  if (result.code !== 0) {
    setupOk = false;
    total.failed += 1;
    break;
  }
}
if (setupOk) {
  const mocha = join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');
  const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const suites = [
    ['UI specs (playwright)', node, [mocha, '--config', 'test/.mocharc.json', '--no-color', '--timeout', '120000', 'test/e2e/**/*.e2e.ts'], 420_000],
    ['extension host suite', node, [tsx, 'test/support/vscode/run-host-tests.ts'], 300_000],
    ['extension host suite (real codex)', node, [tsx, 'test/support/vscode/run-host-tests.ts', '--server', 'codex'], 300_000],
  ];
  for (const [name, cmd, args, timeoutMs] of suites) {
    const result = suiteCounts(await step(name, cmd, args, timeoutMs));
    total.passed += result.passed;
    total.failed += result.failed;
    total.skipped += result.skipped;
  }
}
sweep();

console.log('\n[e2e] timings:');
for (const [name, ms] of timings) console.log(`  ${name.padEnd(28)} ${seconds(ms).padStart(6)} s`);
console.log(`  ${'total'.padEnd(28)} ${seconds(Date.now() - t0).padStart(6)} s`);
console.log(`[e2e] run directory: ${runDir}`);
console.log(closingLine(total));
process.exit(total.failed > 0 ? 1 : 0);
