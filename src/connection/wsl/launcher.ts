// Prepares a launch inside WSL: lists the distros with `wsl.exe -l -v`, picks a WSL 2 one, learns
// its automount root and translates the server's paths with `wslpath`, probes Node and the
// Linux-side CODEX_HOME, and returns the launch plan plus the path translator for the traffic.
import { execFile } from 'node:child_process';
import { homedir } from 'node:os';
import { wslLaunchPlan, type HostLaunchInputs, type LaunchPlan } from '../launchPlan';
import { chooseDistro, decodeWslOutput, parseProbeOutput, parseWslList, probeProblem, PROBE_SCRIPT } from './detect';
import { mountRootFromWslpath, windowsToLinux, wslPathTranslator, type PathTranslator } from './paths';

export interface WslCommandResult {
  readonly code: number | null;
  readonly stdout: Buffer;
  readonly stderr: Buffer;
}

/** Runs wsl.exe with `args` (injected in tests). */
export type WslRunner = (args: readonly string[]) => Promise<WslCommandResult>;

export function execWslRunner(wslExe: string, env: Readonly<Record<string, string | undefined>>, timeoutMs = 30_000): WslRunner {
  return (args) =>
    new Promise((resolve) => {
      execFile(wslExe, [...args], { encoding: 'buffer', timeout: timeoutMs, windowsHide: true, env: { ...env } }, (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        const spawnFailure = error && typeof error.code === 'string' ? Buffer.from(`${error.message}\n`) : Buffer.alloc(0);
        resolve({ code, stdout: Buffer.from(stdout), stderr: Buffer.concat([Buffer.from(stderr), spawnFailure]) });
      });
    });
}

export type WslLaunch =
  | { readonly ok: true; readonly plan: LaunchPlan; readonly paths: PathTranslator; readonly distro: string; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly reason: string };

function firstLine(result: WslCommandResult): string {
  const text = `${decodeWslOutput(result.stderr)}\n${decodeWslOutput(result.stdout)}`;
  return text.split(/\r?\n/).map((l) => l.trim()).find((l) => l.length > 0) ?? `exit code ${String(result.code)}`;
}

export async function prepareWslLaunch(inputs: HostLaunchInputs, run: WslRunner, wslExe = 'wsl.exe'): Promise<WslLaunch> {
  const list = await run(['-l', '-v']);
  const distros = parseWslList(decodeWslOutput(list.stdout));
  if (list.code !== 0 && distros.length === 0) {
    return { ok: false, reason: `WSL is not available (wsl.exe -l -v: ${firstLine(list)}). Turn off codex.runCodexInWindowsSubsystemForLinux or install WSL 2.` };
  }
  const choice = chooseDistro(distros);
  if (!choice.ok) return choice;
  const distro = choice.distro.name;
  const inDistro = (...args: string[]): Promise<WslCommandResult> => run(['-d', distro, '--exec', ...args]);
  const wslpath = async (hostPath: string): Promise<string | null> => {
    const result = await inDistro('wslpath', '-a', '-u', hostPath);
    const out = decodeWslOutput(result.stdout).trim();
    return result.code === 0 && out.startsWith('/') ? out : null;
  };

  const [driveRoot, linuxCwd, linuxServer, probeResult] = await Promise.all([
    wslpath('C:\\'),
    wslpath(inputs.cwd),
    wslpath(inputs.serverScript),
    inDistro('/bin/bash', '-lic', PROBE_SCRIPT),
  ]);
  const ctx = { distro, mountRoot: (driveRoot && mountRootFromWslpath(driveRoot)) ?? '/mnt/' };
  const paths = wslPathTranslator(ctx);
  const probe = parseProbeOutput(decodeWslOutput(probeResult.stdout));
  const cli = inputs.settings.cliExecutable?.trim();
  if (!cli) {
    const problem = probeProblem(distro, probe);
    if (problem) return { ok: false, reason: problem };
  }
  const linuxCodexHome = probe.codexHome;
  if (!linuxCodexHome) return { ok: false, reason: `Could not start a shell in the WSL distribution "${distro}": ${firstLine(probeResult)}` };
  const warnings: string[] = [];
  if (linuxCodexHome.startsWith(ctx.mountRoot)) {
    warnings.push(
      `CODEX_HOME in WSL (${linuxCodexHome}) is on a Windows drive: sharing Codex state between Windows and WSL can corrupt its SQLite database.`,
    );
  }
  const plan = wslLaunchPlan({
    wslExe,
    distro,
    linuxCwd: linuxCwd ?? paths.toServerPath(inputs.cwd),
    linuxCodexHome,
    program: cli
      ? { kind: 'cli', executable: windowsToLinux(cli, ctx) ?? cli }
      : { kind: 'node', node: probe.node!, serverScript: linuxServer ?? paths.toServerPath(inputs.serverScript) },
    // wsl.exe's own directory does not matter (--cd sets the server's); the home folder always exists.
    hostCwd: homedir(),
    env: inputs.env,
  });
  return { ok: true, plan, paths, distro, warnings };
}
