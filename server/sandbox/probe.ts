// Startup capability probe, cached: can this machine sandbox commands, and how?
//   Linux   find bwrap by absolute path — system locations first, then absolute PATH entries, never
//           a directory under the server's cwd — read `bwrap --help` for --disable-userns and
//           --seccomp, then do one trial run with the namespaces we use. WSL1 is refused (no
//           user namespaces); WSL2 is Linux plus masking /run/WSL. The seccomp filter needs x64
//           or arm64.
//   macOS   /usr/bin/sandbox-exec must exist.
//   Windows and anything else: unavailable, with the message pointing at WSL2.
// An unavailable result carries an actionable SandboxError; sandboxed modes then fail closed.
// The probe is synchronous (a few ms, once) so the runner can stay synchronous; warm it at startup
// with getSandboxCapabilities().
import { spawnSync } from 'node:child_process';
import { accessSync, constants as fsConstants, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { sandboxErrors, type SandboxError } from './errors';
import { seccompArchFor, type SeccompArch } from './seccomp';
import { isWithin } from './sandboxFs';

export type SandboxBackend = 'bwrap' | 'seatbelt' | 'none';

export interface SandboxCapabilities {
  readonly platform: NodeJS.Platform;
  readonly backend: SandboxBackend;
  /** True when restricted policies can be enforced. */
  readonly available: boolean;
  /** Why not, when unavailable. */
  readonly error: SandboxError | null;
  readonly bwrapPath: string | null;
  readonly bwrapVersion: string | null;
  /** bubblewrap understands --disable-userns (≥ 0.8); otherwise seccomp denies nested userns. */
  readonly disableUserns: boolean;
  readonly seccompArch: SeccompArch | null;
  /** 1 or 2 under WSL, else null. */
  readonly wsl: 1 | 2 | null;
  /** WSL2 with /run/WSL present: mask it inside the sandbox. */
  readonly maskRunWsl: boolean;
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
  error?: string;
}

export interface ProbeEnvironment {
  platform: NodeJS.Platform;
  arch: string;
  /** The server's PATH and cwd (bwrap under the cwd is never used). */
  pathEnv: string;
  cwd: string;
  /** Runs a program synchronously (bounded by a timeout). */
  run(file: string, args: readonly string[]): RunResult;
  isExecutable(p: string): boolean;
  exists(p: string): boolean;
  readText(p: string): string | null;
  /** An explicit bwrap to use instead of searching. */
  bwrapPath?: string;
}

/** Where bubblewrap is looked for before PATH. */
export const SYSTEM_BWRAP_PATHS: readonly string[] = ['/usr/bin/bwrap', '/bin/bwrap', '/usr/local/bin/bwrap'];

/** Names the bwrap the probe uses instead of searching (tests simulate a missing bwrap with it). */
export const BWRAP_PATH_ENV = 'CODEX_TS_BWRAP_PATH';

export function defaultProbeEnvironment(): ProbeEnvironment {
  const explicit = process.env[BWRAP_PATH_ENV];
  return {
    ...(explicit ? { bwrapPath: explicit } : {}),
    platform: process.platform,
    arch: process.arch,
    pathEnv: process.env.PATH ?? '',
    cwd: process.cwd(),
    run(file, args) {
      const r = spawnSync(file, [...args], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: '/usr/bin:/bin' } });
      return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', ...(r.error ? { error: r.error.message } : {}) };
    },
    isExecutable(p) {
      try {
        if (!statSync(p).isFile()) return false;
        accessSync(p, fsConstants.X_OK);
        return true;
      } catch {
        return false;
      }
    },
    exists(p) {
      try {
        statSync(p);
        return true;
      } catch {
        return false;
      }
    },
    readText(p) {
      try {
        return readFileSync(p, 'utf8');
      } catch {
        return null;
      }
    },
  };
}

/** The bwrap to use: system locations, then absolute PATH entries outside `cwd`. */
export function findBwrap(env: Pick<ProbeEnvironment, 'pathEnv' | 'cwd' | 'isExecutable'>): string | null {
  for (const candidate of SYSTEM_BWRAP_PATHS) if (env.isExecutable(candidate)) return candidate;
  for (const dir of env.pathEnv.split(path.delimiter)) {
    if (!dir || !path.isAbsolute(dir)) continue;
    const normalized = path.resolve(dir);
    if (isWithin(normalized, path.resolve(env.cwd))) continue;
    const candidate = path.join(normalized, 'bwrap');
    if (env.isExecutable(candidate)) return candidate;
  }
  return null;
}

/** 1 or 2 when running under WSL (from the kernel release string), else null. */
export function detectWsl(osrelease: string | null): 1 | 2 | null {
  if (!osrelease || !/microsoft/i.test(osrelease)) return null;
  return /WSL2|microsoft-standard/i.test(osrelease) ? 2 : 1;
}

const base = (platform: NodeJS.Platform): Omit<SandboxCapabilities, 'backend' | 'available' | 'error'> => ({
  platform,
  bwrapPath: null,
  bwrapVersion: null,
  disableUserns: false,
  seccompArch: null,
  wsl: null,
  maskRunWsl: false,
});

function unavailable(platform: NodeJS.Platform, backend: SandboxBackend, error: SandboxError, extra: Partial<SandboxCapabilities> = {}): SandboxCapabilities {
  return { ...base(platform), backend, available: false, error, ...extra };
}

/** Runs the probe (uncached). */
export function probeSandbox(env: ProbeEnvironment = defaultProbeEnvironment()): SandboxCapabilities {
  const { platform } = env;
  if (platform === 'win32') return unavailable(platform, 'none', sandboxErrors.windows());
  if (platform === 'darwin') {
    if (!env.exists('/usr/bin/sandbox-exec')) return unavailable(platform, 'seatbelt', sandboxErrors.seatbeltMissing());
    return { ...base(platform), backend: 'seatbelt', available: true, error: null };
  }
  if (platform !== 'linux') return unavailable(platform, 'none', sandboxErrors.unsupportedPlatform(platform));

  const wsl = detectWsl(env.readText('/proc/sys/kernel/osrelease'));
  if (wsl === 1) return unavailable(platform, 'bwrap', sandboxErrors.wsl1(), { wsl });
  const seccompArch = seccompArchFor(env.arch);
  if (seccompArch === null) return unavailable(platform, 'bwrap', sandboxErrors.unsupportedPlatform(`Linux/${env.arch} (no seccomp filter for this CPU)`), { wsl });
  const bwrapPath = env.bwrapPath ?? findBwrap(env);
  if (bwrapPath === null || !env.isExecutable(bwrapPath)) return unavailable(platform, 'bwrap', sandboxErrors.bwrapMissing(), { wsl, seccompArch });

  const help = env.run(bwrapPath, ['--help']);
  const helpText = `${help.stdout}\n${help.stderr}`;
  if (help.error !== undefined || !helpText.includes('--seccomp')) {
    return unavailable(platform, 'bwrap', sandboxErrors.bwrapFailed(bwrapPath, help.error ?? 'bwrap --help does not list --seccomp (too old)'), { wsl, seccompArch, bwrapPath });
  }
  const disableUserns = helpText.includes('--disable-userns');
  const version = env.run(bwrapPath, ['--version']).stdout.trim() || null;
  const maskRunWsl = wsl === 2 && env.exists('/run/WSL');
  const trial = [
    '--new-session', '--die-with-parent', '--ro-bind', '/', '/', '--dev', '/dev',
    '--unshare-user', '--unshare-pid', '--unshare-ipc', '--unshare-uts', '--unshare-cgroup-try', '--unshare-net',
    ...(disableUserns ? ['--disable-userns'] : []),
    '--proc', '/proc', '--cap-drop', 'ALL', '--', 'true',
  ];
  const r = env.run(bwrapPath, trial);
  const extra = { wsl, seccompArch, bwrapPath, bwrapVersion: version, disableUserns, maskRunWsl };
  if (r.status !== 0) return unavailable(platform, 'bwrap', sandboxErrors.bwrapFailed(bwrapPath, r.error ?? r.stderr), extra);
  return { ...base(platform), ...extra, backend: 'bwrap', available: true, error: null };
}

let cached: SandboxCapabilities | null = null;

/** The probe result for this process, computed once. */
export function getSandboxCapabilities(): SandboxCapabilities {
  cached ??= probeSandbox();
  return cached;
}

/** Forgets the cached probe (tests; after the user installed bubblewrap). */
export function resetSandboxCapabilities(): void {
  cached = null;
}
