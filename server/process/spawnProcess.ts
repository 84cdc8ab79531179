// The one spawning core behind every RunningProcess: PassThroughRunner (plain commands) and the
// sandboxed runner (bwrap with the seccomp program on fd 3, synthetic mount points released when
// the command ends) both start their processes here. Contract: merged stdout+stderr as UTF-8
// chunks in arrival order, an exit promise that never rejects, stdin writes, a timeout, and a kill
// that takes the whole tree down — the command leads a new process group (detached), so SIGTERM
// and, after a grace period if any member is still alive, SIGKILL reach its children and
// grandchildren too. Groups still running when the server exits are SIGKILLed.
// `stdio: 'inherit'` is for the `codex-ts sandbox` CLI: the command talks to the terminal and stays
// in the CLI's (foreground) process group, so it can read the terminal and gets Ctrl-C; only the
// process itself is signalled then.
import { spawn, type ChildProcess } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import type { Readable, Writable } from 'node:stream';
import type { ExitStatus } from './commandSpec';
import { exitCodeForSignal, groupAlive, signalGroup, trackGroup, untrackGroup } from './processGroup';
import type { OutputStream, RunningProcess } from './runner';

export interface SpawnProcessOptions {
  /** The program to start. */
  file: string;
  args: readonly string[];
  /** What RunningProcess.argv reports (default [file, ...args]). */
  argv?: readonly string[];
  cwd: string;
  /** The complete child environment. */
  env: Record<string, string>;
  /** Kill the process tree after this long; the exit status then says timedOut. */
  timeoutMs?: number | undefined;
  /** Payloads written to extra inherited fds 3, 4, … and then closed (EOF). */
  extraStdio?: readonly Buffer[];
  /** 'pipe' (default): own process group, output captured. 'inherit': the caller's terminal and group. */
  stdio?: 'pipe' | 'inherit' | undefined;
  /** Time between SIGTERM and SIGKILL when killing (default 1000 ms). */
  killGraceMs?: number | undefined;
  /**
   * After the command exits, how long to wait for its output pipes to close. Background children
   * that inherited the pipes can keep them open forever; after this grace they are abandoned
   * (default 500 ms).
   */
  drainGraceMs?: number | undefined;
  /** Called once when the process has ended (or failed to start); errors it throws are ignored. */
  onFinished?: () => void;
}

export const SPAWN_FAILED_EXIT_CODE = 127;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts a process; never throws (a failure to start is reported through `exit`). */
export function spawnProcess(options: SpawnProcessOptions): RunningProcess {
  return new ChildProcessHandle(options);
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

class ChildProcessHandle implements RunningProcess {
  readonly argv: readonly string[];
  readonly exit: Promise<ExitStatus>;
  private child: ChildProcess | null = null;
  private readonly listeners = new Set<(chunk: string, stream: OutputStream) => void>();
  private resolveExit!: (status: ExitStatus) => void;
  private done = false;
  private timedOut = false;
  private timeoutTimer: NodeJS.Timeout | null = null;
  private killing: Promise<ExitStatus> | null = null;
  private readonly killGraceMs: number;
  private readonly drainGraceMs: number;
  /** Own process group (pipes) or the caller's (inherit). */
  private readonly ownGroup: boolean;

  constructor(private readonly options: SpawnProcessOptions) {
    this.argv = [...(options.argv ?? [options.file, ...options.args])];
    this.killGraceMs = options.killGraceMs ?? 1000;
    this.drainGraceMs = options.drainGraceMs ?? 500;
    this.exit = new Promise<ExitStatus>((resolve) => (this.resolveExit = resolve));
    const extra = options.extraStdio ?? [];
    const std = options.stdio === 'inherit' ? 'inherit' : 'pipe';
    this.ownGroup = std === 'pipe';
    try {
      this.child = spawn(options.file, [...options.args], {
        cwd: options.cwd,
        env: options.env,
        detached: this.ownGroup && process.platform !== 'win32',
        stdio: [std, std, std, ...extra.map(() => 'pipe' as const)],
        windowsHide: true,
      });
    } catch (err) {
      this.fail(err instanceof Error ? err.message : String(err));
      return;
    }
    extra.forEach((payload, i) => {
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

  onOutput(listener: (chunk: string, stream: OutputStream) => void): () => void {
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
    if (this.ownGroup) return signalGroup(pid, sig);
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
    const alive = (): boolean => (this.ownGroup ? groupAlive(pid) : !this.done);
    const deadline = Date.now() + this.killGraceMs;
    while (Date.now() < deadline && alive()) await sleep(25);
    if (alive()) this.signalTree(pid, 'SIGKILL');
    return this.exit;
  }

  private emit(chunk: string, stream: OutputStream): void {
    if (chunk === '') return;
    for (const listener of this.listeners) listener(chunk, stream);
  }

  private wire(child: ChildProcess): void {
    const named: [Readable | null, OutputStream][] = [
      [child.stdout, 'stdout'],
      [child.stderr, 'stderr'],
    ];
    const piped = named.filter((entry): entry is [Readable, OutputStream] => entry[0] !== null);
    const streams = piped.map(([s]) => s);
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
    for (const [stream, name] of piped) {
      const decoder = new StringDecoder('utf8');
      stream.on('data', (buf: Buffer) => this.emit(decoder.write(buf), name));
      stream.once('end', () => {
        this.emit(decoder.end(), name);
        open -= 1;
        if (open === 0) finish();
      });
      stream.on('error', () => undefined);
    }
    child.stdin?.on('error', () => undefined);
    child.once('spawn', () => {
      if (child.pid !== undefined && this.ownGroup) trackGroup(child.pid);
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
      this.options.onFinished?.();
    } catch {
      // Cleanup problems must not break the exit report.
    }
    this.resolveExit(status);
  }
}
