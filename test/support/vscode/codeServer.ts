// A real VS Code server (code-server 4.100.3, VS Code 1.100.3) for e2e tests: an isolated profile per
// session (user data, extensions, XDG dirs, empty --config), VSIX installation, and a server started
// in its own process group on a free loopback port, stopped with its whole process tree.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeServerBin } from './paths';
import { type GroupProcess, freePort, groupAlive, killGroup, killGroupNow, spawnGroup, waitForHttp } from './processes';

/** User settings for test profiles: no welcome page, trust prompt, telemetry, updates or AI chat panel. */
export const TEST_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'git.openRepositoryInParentFolders': 'never', // sessions live inside this repo's .tools/
};

export interface Profile {
  readonly dir: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly configFile: string;
  /** code-server (even `--version`) and chromium write their state under XDG_*: keep it in the session. */
  readonly env: NodeJS.ProcessEnv;
}

export function createProfile(dir: string, settings: Readonly<Record<string, unknown>> = TEST_SETTINGS): Profile {
  const userDataDir = join(dir, 'user-data');
  const extensionsDir = join(dir, 'extensions');
  const configFile = join(dir, 'code-server.yaml');
  const xdg = join(dir, 'xdg');
  for (const d of [join(userDataDir, 'User'), extensionsDir, join(xdg, 'data'), join(xdg, 'config'), join(xdg, 'cache')]) {
    mkdirSync(d, { recursive: true });
  }
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  writeFileSync(configFile, ''); // an empty --config: code-server doesn't write ~/.config/code-server
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XDG_DATA_HOME: join(xdg, 'data'),
    XDG_CONFIG_HOME: join(xdg, 'config'),
    XDG_CACHE_HOME: join(xdg, 'cache'),
  };
  return { dir, userDataDir, extensionsDir, configFile, env };
}

function profileArgs(profile: Profile): string[] {
  return ['--config', profile.configFile, '--user-data-dir', profile.userDataDir, '--extensions-dir', profile.extensionsDir];
}

export function installExtension(profile: Profile, vsix: string): void {
  const result = spawnSync(codeServerBin(), [...profileArgs(profile), '--install-extension', vsix, '--force'], {
    env: profile.env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0) {
    throw new Error(`installing ${vsix} failed (${result.error?.message ?? `exit ${result.status}`}):\n${result.stdout}${result.stderr}`);
  }
}

export interface CodeServer {
  /** e.g. http://localhost:41234 (no trailing slash) */
  readonly url: string;
  readonly port: number;
  readonly pgid: number;
  readonly profile: Profile;
  /** code-server's stdout and stderr, line by line */
  readonly output: readonly string[];
  stop(): Promise<void>;
}

export interface StartOptions {
  /**
   * `localhost` for tests: webview iframes are served from `<uuid>.localhost`-style hosts, which only
   * resolve under localhost. Use 127.0.0.1 for `npm start`.
   */
  readonly host?: string;
  readonly port?: number;
  /** Extra environment for the server and the extension host it forks. */
  readonly env?: NodeJS.ProcessEnv;
  readonly readyTimeoutMs?: number;
  /** Called with the process group id once the server runs (the e2e runner records it for cleanup). */
  readonly onStarted?: (pgid: number) => void;
}

export async function startCodeServer(profile: Profile, options: StartOptions = {}): Promise<CodeServer> {
  const host = options.host ?? 'localhost';
  const port = options.port ?? (await freePort());
  const output: string[] = [];
  const server: GroupProcess = spawnGroup(
    codeServerBin(),
    [
      ...profileArgs(profile),
      '--auth', 'none',
      '--bind-addr', `${host}:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
    ],
    { env: { ...profile.env, ...options.env }, onOutput: (line) => output.push(line) },
  );
  // If this test process dies without close(), don't leave the server (and its extension hosts) behind.
  const onExit = (): void => killGroupNow(server.pgid);
  process.once('exit', onExit);
  options.onStarted?.(server.pgid);
  let exited = false;
  void server.exited.then(() => (exited = true));

  const url = `http://${host}:${port}`;
  try {
    await waitForHttp(`${url}/healthz`, options.readyTimeoutMs ?? 30_000, () => !exited);
  } catch (error) {
    await killGroup(server.pgid);
    throw new Error(`code-server did not start: ${(error as Error).message}\n${output.slice(-30).join('\n')}`, {
      cause: error,
    });
  }
  return {
    url,
    port,
    pgid: server.pgid,
    profile,
    output,
    async stop() {
      process.removeListener('exit', onExit);
      if (groupAlive(server.pgid)) await killGroup(server.pgid);
    },
  };
}
