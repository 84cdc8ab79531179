// The command runner interface every model-run command goes through, and PassThroughRunner, the
// unsandboxed implementation (the sandbox's SandboxedRunner uses it where a policy restricts
// nothing, and implements the same interface for the rest). A runner turns a
// CommandSpec into a RunningProcess: merged stdout+stderr as decoded UTF-8 chunks in arrival
// order, an exit promise, stdin writes, and a kill that takes down the whole process tree. The
// pass-through runner starts each command as the leader of a new process group (detached), so
// SIGTERM and — after a grace period, if any member is still alive — SIGKILL reach the command's
// children and grandchildren too. Groups still running when the server exits are SIGKILLed.
// The process handling itself lives in spawnProcess.ts, shared with the sandboxed runner.
import type { CommandSpec, ExitStatus } from './commandSpec';
import { failedProcess, spawnProcess, type SpawnProcessOptions } from './spawnProcess';

/** The pipe a chunk came through (both carry the command's output; a login profile's noise precedes a marker on each). */
export type OutputStream = 'stdout' | 'stderr';

export interface RunningProcess {
  /** OS process id of the command (the process-group leader); undefined if it never started. */
  readonly pid: number | undefined;
  /** The argv actually executed (a sandboxing runner may have prefixed it). */
  readonly argv: readonly string[];
  /** Subscribes to merged stdout+stderr text; subscribe right after spawn(). Returns an unsubscribe. */
  onOutput(listener: (chunk: string, stream: OutputStream) => void): () => void;
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

export type PassThroughRunnerOptions = Pick<SpawnProcessOptions, 'killGraceMs' | 'drainGraceMs'>;

/** Runs commands directly, without any sandbox. */
export class PassThroughRunner implements CommandRunner {
  private readonly killGraceMs: number;
  private readonly drainGraceMs: number;

  constructor(options: PassThroughRunnerOptions = {}) {
    this.killGraceMs = options.killGraceMs ?? 1000;
    this.drainGraceMs = options.drainGraceMs ?? 500;
  }

  spawn(spec: CommandSpec): RunningProcess {
    const [file, ...args] = spec.argv;
    if (!file) return failedProcess([], 'empty command line');
    return spawnProcess({
      file,
      args,
      cwd: spec.cwd,
      env: spec.env,
      timeoutMs: spec.timeoutMs,
      killGraceMs: this.killGraceMs,
      drainGraceMs: this.drainGraceMs,
    });
  }
}
