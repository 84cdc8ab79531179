// SandboxedRunner: the CommandRunner every model-run command goes through. It turns a CommandSpec
// into a plan for this platform and runs it:
//   dangerFullAccess / externalSandbox → the pass-through runner, unchanged (plus
//       CODEX_SANDBOX_NETWORK_DISABLED=1 when an external sandbox says the network is restricted);
//   readOnly / workspaceWrite on Linux → /usr/bin/bwrap … -- argv, the seccomp program on fd 3,
//       synthetic mount points created before and removed after (spawnProcess's extraStdio and
//       onFinished, see process/spawnProcess.ts);
//   … on macOS → /usr/bin/sandbox-exec -p PROFILE -D… -- argv through the pass-through runner;
//   … where no sandbox is possible (no bwrap, blocked user namespaces, WSL1, native Windows) →
//       refused: a process that never starts, exit 127, spawnError = the actionable message.
// It never runs a restricted policy unsandboxed. planCommand() is the same decision without
// side effects, for callers that want to know before spawning (and for tests).
import * as path from 'node:path';
import type { CommandSpec } from '../process/commandSpec';
import { PassThroughRunner, type CommandRunner, type RunningProcess } from '../process/runner';
import { failedProcess, spawnProcess } from '../process/spawnProcess';
import { bwrapArgs } from './bwrapArgs';
import { SandboxError, sandboxErrors } from './errors';
import { type MountPointRegistry, sharedMountPoints, withSyntheticMounts } from './mountPoints';
import { allProtectedMounts, resolveSandbox, sandboxEnv, type ResolvedSandbox } from './policy';
import { getSandboxCapabilities, type SandboxCapabilities } from './probe';
import { isWithin, type SandboxFs } from './sandboxFs';
import { seccompProgram } from './seccomp';
import { SEATBELT_ENV, seatbeltCommand } from './seatbelt';

/** A CommandSpec that may also name the workspace cwd (the turn's cwd) the policy is anchored to. */
export interface SandboxCommandSpec extends CommandSpec {
  /**
   * The directory that is the policy's first writable root. Defaults to `cwd`; pass the turn's cwd
   * so a `workdir` outside the workspace does not become writable.
   */
  sandboxCwd?: string;
}

/** The fd bwrap reads the seccomp program from. */
export const SECCOMP_FD = 3;

export type SandboxPlan =
  | { readonly kind: 'direct'; readonly argv: string[]; readonly env: Record<string, string>; readonly resolved: ResolvedSandbox }
  | {
      readonly kind: 'bwrap';
      readonly file: string;
      readonly args: string[];
      readonly seccomp: Buffer;
      readonly env: Record<string, string>;
      /** Mount points to create before and remove after the run. */
      readonly syntheticMounts: string[];
      readonly resolved: ResolvedSandbox;
    }
  | { readonly kind: 'seatbelt'; readonly argv: string[]; readonly env: Record<string, string>; readonly resolved: ResolvedSandbox }
  | { readonly kind: 'refused'; readonly error: SandboxError };

export interface PlanOptions {
  capabilities: SandboxCapabilities;
  fs?: SandboxFs;
  registry?: MountPointRegistry;
  slashTmp?: string | null;
}

/** Decides how a spec runs here. Pure apart from reading the filesystem (through `fs`). */
export function planCommand(spec: SandboxCommandSpec, options: PlanOptions): SandboxPlan {
  let resolved: ResolvedSandbox;
  try {
    resolved = resolveSandbox(spec.sandbox, {
      cwd: spec.cwd,
      ...(spec.sandboxCwd !== undefined ? { sandboxCwd: spec.sandboxCwd } : {}),
      env: spec.env,
      ...(options.fs ? { fs: options.fs } : {}),
      ...(options.slashTmp !== undefined ? { slashTmp: options.slashTmp } : {}),
    });
  } catch (err) {
    if (err instanceof SandboxError) return { kind: 'refused', error: err };
    throw err;
  }
  if (resolved.type === 'unrestricted') {
    return { kind: 'direct', argv: [...spec.argv], env: sandboxEnv(spec.env, resolved.network), resolved };
  }
  const caps = options.capabilities;
  if (!caps.available) return { kind: 'refused', error: caps.error ?? sandboxErrors.unsupportedPlatform(caps.platform) };
  if (options.registry) resolved = withSyntheticMounts(resolved, options.registry);
  if (resolved.type !== 'restricted') throw new Error('unreachable');
  if (caps.backend === 'seatbelt') {
    const cmd = seatbeltCommand(resolved, spec.argv);
    return { kind: 'seatbelt', argv: [cmd.file, ...cmd.args], env: sandboxEnv(spec.env, resolved.network, SEATBELT_ENV), resolved };
  }
  if (caps.backend !== 'bwrap' || caps.bwrapPath === null || caps.seccompArch === null) {
    return { kind: 'refused', error: caps.error ?? sandboxErrors.unsupportedPlatform(caps.platform) };
  }
  const bwrapPath = caps.bwrapPath;
  if (resolved.writableRoots.some((root) => isWithin(path.resolve(bwrapPath), root.path))) {
    return { kind: 'refused', error: sandboxErrors.bwrapInWritableRoot(bwrapPath) };
  }
  const env = sandboxEnv(spec.env, resolved.network);
  if (caps.wsl !== null) delete env.WSL_INTEROP;
  return {
    kind: 'bwrap',
    file: bwrapPath,
    args: bwrapArgs(resolved, { argv: spec.argv, disableUserns: caps.disableUserns, seccompFd: SECCOMP_FD, maskRunWsl: caps.maskRunWsl }),
    seccomp: seccompProgram({ arch: caps.seccompArch, mode: resolved.network ? 'vsock' : 'restricted', denyUserns: !caps.disableUserns }),
    env,
    syntheticMounts: allProtectedMounts(resolved)
      .filter((m) => m.mode === 'synthetic')
      .map((m) => m.path),
    resolved,
  };
}

export interface SandboxedRunnerOptions {
  /** Runs unsandboxed and Seatbelt-wrapped commands (default: a PassThroughRunner). */
  passThrough?: CommandRunner;
  /** The capability probe result, or a function returning it (default: the cached probe). */
  capabilities?: SandboxCapabilities | (() => SandboxCapabilities);
  killGraceMs?: number;
  drainGraceMs?: number;
  fs?: SandboxFs;
  registry?: MountPointRegistry;
  /** Inherit the terminal instead of piping (the `codex-ts sandbox` CLI). Not for the tools. */
  stdio?: 'pipe' | 'inherit';
}

export class SandboxedRunner implements CommandRunner {
  private readonly passThrough: CommandRunner;
  private readonly registry: MountPointRegistry;

  constructor(private readonly options: SandboxedRunnerOptions = {}) {
    this.passThrough =
      options.passThrough ??
      new PassThroughRunner({
        ...(options.killGraceMs !== undefined ? { killGraceMs: options.killGraceMs } : {}),
        ...(options.drainGraceMs !== undefined ? { drainGraceMs: options.drainGraceMs } : {}),
      });
    this.registry = options.registry ?? sharedMountPoints;
  }

  /** The capabilities this runner plans with. */
  capabilities(): SandboxCapabilities {
    const caps = this.options.capabilities;
    if (caps === undefined) return getSandboxCapabilities();
    return typeof caps === 'function' ? caps() : caps;
  }

  /** How `spec` would run, without running it. */
  plan(spec: SandboxCommandSpec): SandboxPlan {
    return planCommand(spec, {
      capabilities: this.capabilities(),
      registry: this.registry,
      ...(this.options.fs ? { fs: this.options.fs } : {}),
    });
  }

  spawn(spec: SandboxCommandSpec): RunningProcess {
    const plan = this.plan(spec);
    switch (plan.kind) {
      case 'refused':
        return failedProcess(spec.argv, plan.error.message);
      case 'direct':
      case 'seatbelt': {
        if (this.options.stdio === 'inherit') {
          const [file = '', ...args] = plan.argv;
          return spawnProcess({ file, args, cwd: spec.cwd, env: plan.env, stdio: 'inherit', timeoutMs: spec.timeoutMs });
        }
        const { sandboxCwd: _ignored, ...base } = spec;
        return this.passThrough.spawn({ ...base, argv: plan.argv, env: plan.env });
      }
      case 'bwrap': {
        let release: () => void;
        try {
          release = this.registry.acquire(plan.syntheticMounts);
        } catch (err) {
          return failedProcess(spec.argv, err instanceof Error ? err.message : String(err));
        }
        return spawnProcess({
          file: plan.file,
          args: plan.args,
          cwd: spec.cwd,
          env: plan.env,
          timeoutMs: spec.timeoutMs,
          extraStdio: [plan.seccomp],
          stdio: this.options.stdio,
          killGraceMs: this.options.killGraceMs,
          drainGraceMs: this.options.drainGraceMs,
          onFinished: release,
        });
      }
    }
  }
}
