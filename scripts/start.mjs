// `npm start`: try Codex TS in a real VS Code in your browser. Builds and packages the extension,
// makes sure the pinned code-server is installed, installs the VSIX into a persistent profile under
// .tools/start/, and serves examples/sample-workspace on http://127.0.0.1:$PORT (default 8080,
// no auth: loopback only). Runs until Ctrl-C, then stops code-server's whole process group.
// HOME is left alone so the extension host sees your ~/.codex/config.toml and OPENAI_API_KEY;
// code-server's own state goes to .tools/start/xdg.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureSystemPackages } from './system-packages.mjs';

ensureSystemPackages('start'); // first: a fresh machine learns in seconds what it lacks

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.PORT ?? 8080);
const host = '127.0.0.1';
const state = join(root, '.tools', 'start');
const userDataDir = join(state, 'user-data');
const extensionsDir = join(state, 'extensions');
const configFile = join(state, 'code-server.yaml');
const logFile = join(state, 'code-server.log');
const workspace = join(root, 'examples', 'sample-workspace');
const env = {
  ...process.env,
  XDG_DATA_HOME: join(state, 'xdg', 'data'),
  XDG_CONFIG_HOME: join(state, 'xdg', 'config'),
  XDG_CACHE_HOME: join(state, 'xdg', 'cache'),
};

/** Defaults for a fresh profile only; later changes you make in the UI are kept. */
const SETTINGS = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  // the sample workspace lives inside this repo: don't offer to open the parent repository
  'git.openRepositoryInParentFolders': 'never',
};

function run(what, cmd, args, timeoutMs, options = {}) {
  const result = spawnSync(cmd, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', timeout: timeoutMs, ...options });
  if (result.status !== 0) {
    if (result.stdout) process.stdout.write(result.stdout);
    console.error(`[start] ${what} failed (${result.error?.message ?? `exit ${result.status}`})`);
    process.exit(1);
  }
  return result.stdout.trim().split('\n').at(-1) ?? '';
}

if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`[start] invalid PORT ${process.env.PORT}`);
  process.exit(2);
}
const vsix = run('packaging the extension', process.execPath, ['scripts/package-vsix.mjs'], 240_000);
const codeServer = run('installing code-server', 'bash', ['scripts/ensure-code-server.sh'], 900_000, {
  stdio: ['ignore', 'pipe', 'inherit'],
});

for (const dir of [join(userDataDir, 'User'), extensionsDir, env.XDG_DATA_HOME, env.XDG_CONFIG_HOME, env.XDG_CACHE_HOME]) {
  mkdirSync(dir, { recursive: true });
}
const settingsFile = join(userDataDir, 'User', 'settings.json');
if (!existsSync(settingsFile)) writeFileSync(settingsFile, JSON.stringify(SETTINGS, null, 2));
if (!existsSync(configFile)) writeFileSync(configFile, ''); // don't read or write ~/.config/code-server
const profileArgs = ['--config', configFile, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
run('installing the VSIX', codeServer, [...profileArgs, '--install-extension', vsix, '--force'], 120_000);

const server = spawn(
  codeServer,
  [
    ...profileArgs,
    '--auth', 'none',
    '--bind-addr', `${host}:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    workspace,
  ],
  { cwd: root, env, detached: true, stdio: ['ignore', openSync(logFile, 'a'), openSync(logFile, 'a')] },
);
const pgid = server.pid;

let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  console.log('\n[start] stopping code-server');
  try {
    process.kill(-pgid, 'SIGTERM');
  } catch {
    process.exit(code);
  }
  for (let i = 0; i < 50; i++) {
    try {
      process.kill(-pgid, 0);
    } catch {
      process.exit(code);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // gone
  }
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
process.on('exit', () => {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // already stopped
  }
});
server.on('exit', (code) => {
  if (stopping) return;
  console.error(`[start] code-server exited (${code}); see ${logFile}${code ? ` — is port ${port} in use? Try PORT=8081 npm start` : ''}`);
  process.exit(code || 1);
});

const url = `http://${host}:${port}/?folder=${encodeURIComponent(workspace)}`;
const deadline = Date.now() + 30_000;
for (;;) {
  try {
    if ((await fetch(`http://${host}:${port}/healthz`, { signal: AbortSignal.timeout(2000) })).ok) break;
  } catch {
    // not listening yet
  }
  if (Date.now() > deadline) {
    console.error(`[start] code-server did not answer within 30 s; see ${logFile}`);
    await stop(1);
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
}
console.log(`\n  Codex TS is running in VS Code (code-server) at:\n\n    ${url}\n`);
console.log(`  Open the Codex TS icon in the activity bar. Logs: ${logFile}. Press Ctrl-C to stop.\n`);
(await import('./start-model.mjs')).printStartModel({ env });
