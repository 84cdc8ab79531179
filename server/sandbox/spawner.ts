// The thin spawner behind the sandboxed runner. PassThroughRunner cannot be reused for bwrap: the
// seccomp program has to reach bwrap on an extra inherited file descriptor (fd 3), and the
// synthetic mount points have to be released when the command ends. So this is a RunningProcess
// of our own with the same contract: merged stdout+stderr as UTF-8 chunks in arrival order, an
// exit promise that never rejects, stdin writes, a timeout, and a kill that takes the whole tree
// down (SIGTERM to the process group, SIGKILL after a grace period). Under bwrap the tree dies
// with bwrap anyway: the inner bwrap is the PID-namespace init and has --die-with-parent.
// `stdio: 'inherit'` is for the `codex-ts sandbox` CLI: the command talks to the terminal and stays
// in the CLI's (foreground) process group, so it can read the terminal and gets Ctrl-C.
import { spawn, type ChildProcess } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import type { Readable, Writable } from 'node:stream';
import type { ExitStatus } from '../tools/exec/commandSpec';
import { exitCodeForSignal, groupAlive, signalGroup, trackGroup, untrackGroup } from '../tools/exec/processGroup';
import type { RunningProcess } from '../tools/exec/runner';

export interface LaunchOptions {
  /** Absolute path of the program to start (bwrap). */
  file: string;
  args: readonly string[];
  /** What RunningProcess.argv reports (default [file, ...args]). */
  argv?: readonly string[];
  cwd: string;
  env: Record<string, string>;
  timeoutMs?: number;
  /** Payloads written to fds 3, 4, … and then closed (EOF). */
  fdPayloads?: readonly Buffer[];
  stdio?: 'pipe' | 'inherit';
  killGraceMs?: number;
  drainGraceMs?: number;
  /** Called once when the process has ended (or failed to start). */
  onSettled?: () => void;
}

const SPAWN_FAILED_EXIT_CODE = 127;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts a process; never throws (a failure to start is reported through `exit`). */
export function launch(options: LaunchOptions): RunningProcess {
  return new LaunchedProcess(options);
}

/** A process that never started: `exit` resolves at once with exit code 127 and `spawnError`. */
export function failedProcess(argv: readonly string[], message: string): RunningProcess {
  const status: ExitStatus = { exitCode: SPAWN_FAILED_EXIT_CODE, signal: null, timedOut: false, spawnError: message };
  return {
    pid: undefined,
    argv: [...argv],
    onOutput: () => () => undefined,
    exit: Promise.resolve(status),
    exited: true,
    write: () => Promise.reject(new Error('stdin is closed')),
    closeStdin: () => undefined,
    signal: () => false,
    kill: () => Promise.resolve(status),
  };
}

class LaunchedProcess implements RunningProcess {
  readonly argv: readonly string[];
  readonly exit: Promise<ExitStatus>;
  private child: ChildProcess | null = null;
  private readonly listeners = new Set<(chunk: string) => void>();
  private resolveExit!: (status: ExitStatus) => void;
  private done = false;
  private timedOut = false;
  private timeoutTimer: NodeJS.Timeout | null = null;
  private killing: Promise<ExitStatus> | null = null;
  private readonly killGraceMs: number;
  private readonly drainGraceMs: number;
  /** Own process group (pipes) or the caller's (inherit). */
  private readonly detached: boolean;

  constructor(private readonly options: LaunchOptions) {
    this.argv = [...(options.argv ?? [options.file, ...options.args])];
    this.killGraceMs = options.killGraceMs ?? 1000;
    this.drainGraceMs = options.drainGraceMs ?? 500;
    this.exit = new Promise<ExitStatus>((resolve) => (this.resolveExit = resolve));
    const payloads = options.fdPayloads ?? [];
    const inherit = options.stdio === 'inherit';
    this.detached = !inherit;
    try {
      this.child = spawn(options.file, [...options.args], {
        cwd: options.cwd,
        env: options.env,
        detached: this.detached,
        stdio: [inherit ? 'inherit' : 'pipe', inherit ? 'inherit' : 'pipe', inherit ? 'inherit' : 'pipe', ...payloads.map(() => 'pipe' as const)],
      });
    } catch (err) {
      this.fail(err instanceof Error ? err.message : String(err));
      return;
    }
    payloads.forEach((payload, i) => {
      const stream = this.child?.stdio[3 + i] as Writable | null | undefined;
      stream?.on('error', () => undefined);
      stream?.end(payload);
    });
    this.wire(this.child);
    if (options.timeoutMs !== undefined && options.timeoutMs > 0) {
      this.timeoutTimer = setTimeout(() => {
        this.timedOut = true;
        void this.kill();
      }, options.timeoutMs);
    }
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get exited(): boolean {
    return this.done;
  }

  onOutput(listener: (chunk: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  write(data: string): Promise<void> {
    const stdin = this.child?.stdin;
    if (!stdin || this.done || stdin.destroyed || stdin.writableEnded) return Promise.reject(new Error('stdin is closed'));
    return new Promise((resolve, reject) => stdin.write(data, (err) => (err ? reject(err) : resolve())));
  }

  closeStdin(): void {
    const stdin = this.child?.stdin;
    if (stdin && !stdin.destroyed && !stdin.writableEnded) stdin.end();
  }

  signal(sig: NodeJS.Signals): boolean {
    const pid = this.child?.pid;
    if (pid === undefined || this.done) return false;
    return this.signalTree(pid, sig);
  }

  private signalTree(pid: number, sig: NodeJS.Signals): boolean {
    if (this.detached) return signalGroup(pid, sig);
    try {
      process.kill(pid, sig);
      return true;
    } catch {
      return false;
    }
  }

  kill(): Promise<ExitStatus> {
    if (this.done) return this.exit;
    this.killing ??= this.killTree();
    return this.killing;
  }

  private async killTree(): Promise<ExitStatus> {
    const pid = this.child?.pid;
    if (pid === undefined) return this.exit;
    this.signalTree(pid, 'SIGTERM');
    const alive = (): boolean => (this.detached ? groupAlive(pid) : !this.done);
    const deadline = Date.now() + this.killGraceMs;
    while (Date.now() < deadline && alive()) await sleep(25);
    if (alive()) this.signalTree(pid, 'SIGKILL');
    return this.exit;
  }

  private emit(chunk: string): void {
    if (chunk === '') return;
    for (const listener of this.listeners) listener(chunk);
  }

  private wire(child: ChildProcess): void {
    const streams = [child.stdout, child.stderr].filter((s): s is Readable => s !== null);
    let open = streams.length;
    let leaderExit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
    let drainTimer: NodeJS.Timeout | null = null;
    const finish = (): void => {
      if (!leaderExit || this.done) return;
      if (drainTimer) clearTimeout(drainTimer);
      for (const s of streams) if (!s.destroyed) s.destroy();
      const { code, signal } = leaderExit;
      this.settle({ exitCode: code ?? (signal ? exitCodeForSignal(signal) : 1), signal, timedOut: this.timedOut });
    };
    for (const stream of streams) {
      const decoder = new StringDecoder('utf8');
      stream.on('data', (buf: Buffer) => this.emit(decoder.write(buf)));
      stream.once('end', () => {
        this.emit(decoder.end());
        open -= 1;
        if (open === 0) finish();
      });
      stream.on('error', () => undefined);
    }
    child.stdin?.on('error', () => undefined);
    child.once('spawn', () => {
      if (child.pid !== undefined && this.detached) trackGroup(child.pid);
    });
    child.once('error', (err) => {
      if (child.pid === undefined) this.fail(err.message);
    });
    child.once('exit', (code, signal) => {
      leaderExit = { code, signal };
      if (open === 0) finish();
      else drainTimer = setTimeout(finish, this.drainGraceMs);
    });
  }

  private fail(message: string): void {
    this.settle({ exitCode: SPAWN_FAILED_EXIT_CODE, signal: null, timedOut: false, spawnError: message });
  }

  private settle(status: ExitStatus): void {
    if (this.done) return;
    this.done = true;
    if (this.timeoutTimer) clearTimeout(this.timeoutTimer);
    const pid = this.child?.pid;
    if (pid !== undefined) untrackGroup(pid);
    this.child?.stdin?.destroy();
    for (let i = 3; i < (this.child?.stdio.length ?? 0); i++) (this.child?.stdio[i] as Writable | null | undefined)?.destroy();
    try {
      this.options.onSettled?.();
    } catch {
      // Cleanup problems must not break the exit report.
    }
    this.resolveExit(status);
  }
}
