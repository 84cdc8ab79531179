// Chooses and prepares the launch for the current settings: WSL (Windows with the setting on,
// outside remote windows) through prepareWslLaunch, else the direct plan. No vscode dependency:
// the shell passes the host facts, tests pass a Windows platform and a fake wsl.exe.
import type { PreparedLaunch } from './connectionCore';
import { directLaunchPlan, shouldUseWsl, type HostLaunchInputs } from './launchPlan';
import type { ConnectionSettings } from './types';
import { execWslRunner, prepareWslLaunch, type WslRunner } from './wsl/launcher';
import { IDENTITY_PATHS } from './wsl/paths';

export interface LaunchHost {
  readonly platform: NodeJS.Platform;
  readonly remoteName: string | undefined;
  readonly execPath: string;
  readonly serverScript: string;
  /** Working directory of the server: the first workspace folder, else the home directory. */
  cwd(): string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** wsl.exe (found on PATH by default). */
  readonly wslExe?: string;
  /** Runs wsl.exe (defaults to execFile of `wslExe`). */
  readonly wslRunner?: WslRunner;
}

export function createLaunchPreparer(host: LaunchHost): (settings: ConnectionSettings) => Promise<PreparedLaunch> {
  return async (settings) => {
    const inputs: HostLaunchInputs = {
      platform: host.platform,
      remoteName: host.remoteName,
      settings,
      execPath: host.execPath,
      serverScript: host.serverScript,
      cwd: host.cwd(),
      env: host.env,
    };
    if (!shouldUseWsl(inputs)) return { ok: true, plan: directLaunchPlan(inputs), paths: IDENTITY_PATHS };
    const wslExe = host.wslExe ?? 'wsl.exe';
    const launch = await prepareWslLaunch(inputs, host.wslRunner ?? execWslRunner(wslExe, host.env), wslExe);
    if (!launch.ok) return launch;
    return { ok: true, plan: launch.plan, paths: launch.paths, warnings: launch.warnings };
  };
}
