// How to start the app-server, pure (platform and environment passed in, so tests on Linux cover
// the Windows/WSL shapes): the bundled server on the editor's own Node, `codex.cliExecutable` with
// `app-server`, or either of them inside a WSL 2 distro through `wsl.exe --exec`.
import type { ConnectionSettings } from './types';

export interface LaunchPlan {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Needed to run a `.cmd`/`.bat` shim on Windows. */
  readonly shell: boolean;
  /** For the log: what runs, in words. */
  readonly description: string;
}

export interface HostLaunchInputs {
  readonly platform: NodeJS.Platform;
  /** `vscode.env.remoteName`: set in Remote-WSL/SSH/container windows, where the host is already remote. */
  readonly remoteName: string | undefined;
  readonly settings: ConnectionSettings;
  /** The editor's own runtime (`process.execPath`), run as Node with ELECTRON_RUN_AS_NODE=1. */
  readonly execPath: string;
  /** The bundled server's entry, `<extension>/dist/server/cli.js`. */
  readonly serverScript: string;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** WSL routing applies only to a local Windows window with the setting on. */
export function shouldUseWsl(inputs: Pick<HostLaunchInputs, 'platform' | 'remoteName' | 'settings'>): boolean {
  return inputs.platform === 'win32' && !inputs.remoteName && inputs.settings.runInWsl;
}

export function directLaunchPlan(inputs: HostLaunchInputs): LaunchPlan {
  const cli = inputs.settings.cliExecutable?.trim();
  if (cli) {
    // A .cmd/.bat shim (npm's codex.cmd) only runs through cmd.exe, which needs the path quoted.
    const shell = inputs.platform === 'win32' && /\.(cmd|bat)$/i.test(cli);
    return {
      command: shell ? `"${cli}"` : cli,
      args: ['app-server'],
      env: { ...inputs.env },
      cwd: inputs.cwd,
      shell,
      description: `${cli} app-server (codex.cliExecutable)`,
    };
  }
  return {
    command: inputs.execPath,
    args: [inputs.serverScript, 'app-server'],
    env: { ...inputs.env, ELECTRON_RUN_AS_NODE: '1' },
    cwd: inputs.cwd,
    shell: false,
    description: `bundled server ${inputs.serverScript} on ${inputs.execPath}`,
  };
}

export interface WslLaunchInputs {
  readonly wslExe: string;
  readonly distro: string;
  /** The server's working directory, as a distro path. */
  readonly linuxCwd: string;
  /** The Linux-side CODEX_HOME (never the Windows one: the two must not share SQLite state). */
  readonly linuxCodexHome: string;
  /** Either the distro's node with the bundled server (distro path), or a Linux codex executable. */
  readonly program: { readonly kind: 'node'; readonly node: string; readonly serverScript: string } | { readonly kind: 'cli'; readonly executable: string };
  /** Host working directory for wsl.exe itself. */
  readonly hostCwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** WSLENV with `name` passed to the distro as is (`/u`: Windows → WSL only, no path translation). */
export function withWslenv(wslenv: string | undefined, name: string): string {
  const kept = (wslenv ?? '')
    .split(':')
    .filter((entry) => entry.length > 0 && entry.split('/')[0] !== name);
  return [...kept, `${name}/u`].join(':');
}

export function wslLaunchPlan(inputs: WslLaunchInputs): LaunchPlan {
  const program =
    inputs.program.kind === 'node' ? [inputs.program.node, inputs.program.serverScript] : [inputs.program.executable];
  return {
    command: inputs.wslExe,
    args: ['-d', inputs.distro, '--cd', inputs.linuxCwd, '--exec', ...program, 'app-server'],
    env: { ...inputs.env, CODEX_HOME: inputs.linuxCodexHome, WSLENV: withWslenv(inputs.env.WSLENV, 'CODEX_HOME') },
    cwd: inputs.hostCwd,
    shell: false,
    description: `${program.join(' ')} app-server in WSL distribution ${inputs.distro} (CODEX_HOME=${inputs.linuxCodexHome})`,
  };
}
