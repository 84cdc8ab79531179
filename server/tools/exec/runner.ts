// The command runner interface every model-run command goes through, and PassThroughRunner, the
// unsandboxed implementation used until the sandbox runner (issue 6) lands. A runner turns a
// CommandSpec into a RunningProcess: merged stdout+stderr as decoded UTF-8 chunks in arrival
// order, an exit promise, stdin writes, and a kill that takes down the whole process tree. The
// pass-through runner starts each command as the leader of a new process group (detached), so
// SIGTERM and — after a grace period, if any member is still alive — SIGKILL reach the command's
// children and grandchildren too. Groups still running when the server exits are SIGKILLed.
import { spawn, type ChildProcess } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import type { CommandSpec, ExitStatus } from './commandSpec';
import { exitCodeForSignal, groupAlive, signalGroup, trackGroup, untrackGroup } from './processGroup';

export interface RunningProcess {
  /** OS process id of the command (the process-group leader); undefined if it never started. */
  readonly pid: number | undefined;
  /** The argv actually executed (a sandboxing runner may have prefixed it). */
  readonly argv: readonly string[];
  /** Subscribes to merged stdout+stderr text; subscribe right after spawn(). Returns an unsubscribe. */
  onOutput(listener: (chunk: string) => void): () => void;
  /** Resolves once the command has exited and its output has been drained. Never rejects. */
  readonly exit: Promise<ExitStatus>;
  /** True once `exit` has resolved. */
  readonly exited: boolean;
  /** Writes to the command's stdin; rejects when stdin is closed or the process is gone. */
  write(data: string): Promise<void>;
  /** Closes stdin (EOF for the command). */
  closeStdin(): void;
  /** Sends a signal to the whole process group (e.g. SIGINT for Ctrl-C). False if nothing was signalled. */
  signal(sig: NodeJS.Signals): boolean;
  /** SIGTERM the process group, then SIGKILL it after the grace period; resolves with the exit status. */
  kill(): Promise<ExitStatus>;
}

export interface CommandRunner {
  spawn(spec: CommandSpec): RunningProcess;
}

export interface PassThroughRunnerOptions {
  /** Time between SIGTERM and SIGKILL when killing (default 1000 ms). */
  killGraceMs?: number;
  /**
   * After the command exits, how long to wait for its output pipes to close. Background children
   * that inherited the pipes can keep them open forever; after this grace they are abandoned
   * (default 500 ms).
   */
  drainGraceMs?: number;
}

/** Runs commands directly, without any sandbox. */
export class PassThroughRunner implements CommandRunner {
  private readonly killGraceMs: number;
  private readonly drainGraceMs: number;

  constructor(options: PassThroughRunnerOptions = {}) {
    this.killGraceMs = options.killGraceMs ?? 1000;
    this.drainGraceMs = options.drainGraceMs ?? 500;
  }

  spawn(spec: CommandSpec): RunningProcess {
    return new ChildProcessHandle(spec, this.killGraceMs, this.drainGraceMs);
  }
}

const SPAWN_FAILED_EXIT_CODE = 127;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

class ChildProcessHandle implements RunningProcess {
  readonly argv: readonly string[];
  readonly exit: Promise<ExitStatus>;
  private child: ChildProcess | null = null;
  private listeners = new Set<(chunk: string) => void>();
  private resolveExit!: (status: ExitStatus) => void;
  private done = false;
  private timedOut = false;
  private timeoutTimer: NodeJS.Timeout | null = null;
  private killing: Promise<ExitStatus> | null = null;

  constructor(
    spec: CommandSpec,
    private readonly killGraceMs: number,
    private readonly drainGraceMs: number,
  ) {
    this.argv = [...spec.argv];
    this.exit = new Promise<ExitStatus>((resolve) => (this.resolveExit = resolve));
    const [program, ...args] = spec.argv;
    if (!program) {
      this.fail('empty command line');
      return;
    }
    try {
      this.child = spawn(program, args, {
        cwd: spec.cwd,
        env: spec.env,
        detached: process.platform !== 'win32',
        stdio: ['pipe', 'pipe', 'pipe'],
        windowsHide: true,
      });
    } catch (err) {
      this.fail(err instanceof Error ? err.message : String(err));
      return;
    }
    this.wire(this.child);
    if (spec.timeoutMs !== undefined && spec.timeoutMs > 0) {
      this.timeoutTimer = setTimeout(() => {
        this.timedOut = true;
        void this.kill();
      }, spec.timeoutMs);
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
    return new Promise((resolve, reject) => {
      stdin.write(data, (err) => (err ? reject(err) : resolve()));
    });
  }

  closeStdin(): void {
    const stdin = this.child?.stdin;
    if (stdin && !stdin.destroyed && !stdin.writableEnded) stdin.end();
  }

  signal(sig: NodeJS.Signals): boolean {
    const pid = this.child?.pid;
    if (pid === undefined || this.done) return false;
    return signalGroup(pid, sig);
  }

  kill(): Promise<ExitStatus> {
    if (this.done) return this.exit;
    this.killing ??= this.killTree();
    return this.killing;
  }

  private async killTree(): Promise<ExitStatus> {
    const pid = this.child?.pid;
    if (pid === undefined) return this.exit;
    signalGroup(pid, 'SIGTERM');
    const deadline = Date.now() + this.killGraceMs;
    while (Date.now() < deadline && groupAlive(pid)) await sleep(50);
    if (groupAlive(pid)) signalGroup(pid, 'SIGKILL');
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
      if (child.pid !== undefined) trackGroup(child.pid);
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
    this.resolveExit(status);
  }
}
