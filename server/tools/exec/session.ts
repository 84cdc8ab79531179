// One running command of the exec tools: the process, the output produced since the model last
// read it (a bounded head+tail buffer), the whole output for the commandExecution item
// (aggregatedOutput, also bounded), and the exit once it happens. The session streams every chunk
// to its onOutput callback (item/commandExecution/outputDelta) and reports the end exactly once
// to onExit, whichever tool call — or none — observes it.
import type { ExitStatus } from '../../process/commandSpec';
import { capturedText, DEFAULT_OUTPUT_CAPACITY_BYTES, HeadTailBuffer, type CapturedOutput } from '../../process/outputBuffer';
import type { RunningProcess } from '../../process/runner';

/** What the caller learns when a command ends (to complete its commandExecution item). */
export interface ExecSessionEnd {
  processId: number;
  exitCode: number;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  spawnError: string | null;
  durationMs: number;
  /** Everything the command printed (stdout+stderr merged), middle elided past 1 MiB. */
  aggregatedOutput: string;
}

export interface ExecSessionInit {
  processId: number;
  process: RunningProcess;
  /** Display form of the command, e.g. `/bin/bash -lc 'ls'`. */
  command: string;
  cwd: string;
  onOutput?: (chunk: string) => void;
  onExit?: (end: ExecSessionEnd) => void;
  capacityBytes?: number;
  now?: () => number;
  /** Where a throwing onOutput/onExit callback is reported; the session carries on regardless. */
  onCallbackError?: (err: unknown) => void;
}

export class ExecSession {
  readonly processId: number;
  readonly process: RunningProcess;
  readonly command: string;
  readonly cwd: string;
  readonly startedAt: number;
  lastUsed: number;
  private readonly pending: HeadTailBuffer;
  private readonly aggregate: HeadTailBuffer;
  private readonly now: () => number;
  private end: ExecSessionEnd | null = null;
  /** Resolves with the end record once the process has exited and its output is drained. */
  readonly ended: Promise<ExecSessionEnd>;

  constructor(init: ExecSessionInit) {
    this.processId = init.processId;
    this.process = init.process;
    this.command = init.command;
    this.cwd = init.cwd;
    this.now = init.now ?? Date.now;
    this.startedAt = this.now();
    this.lastUsed = this.startedAt;
    const capacity = init.capacityBytes ?? DEFAULT_OUTPUT_CAPACITY_BYTES;
    this.pending = new HeadTailBuffer(capacity);
    this.aggregate = new HeadTailBuffer(capacity);
    const guard = (call: () => void): void => {
      try {
        call();
      } catch (err) {
        init.onCallbackError?.(err);
      }
    };
    const { onOutput, onExit } = init;
    init.process.onOutput((chunk) => {
      this.pending.push(chunk);
      this.aggregate.push(chunk);
      if (onOutput) guard(() => onOutput(chunk));
    });
    this.ended = init.process.exit.then((status) => {
      const end = this.endRecord(status);
      this.end = end;
      if (onExit) guard(() => onExit(end));
      return end;
    });
  }

  /** The end record, once the process has exited. */
  get exitInfo(): ExecSessionEnd | null {
    return this.end;
  }

  get hasExited(): boolean {
    return this.end !== null;
  }

  /** Waits until the process has exited or the deadline (epoch ms) has passed, whichever is first. */
  async waitUntil(deadline: number): Promise<void> {
    if (this.end) return;
    const remaining = deadline - this.now();
    if (remaining <= 0) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, remaining)));
    await Promise.race([this.ended.then(() => undefined), timeout]);
    clearTimeout(timer);
  }

  /** Output produced since the previous takeOutput(); the pending buffer is emptied. */
  takeOutput(): CapturedOutput {
    return this.pending.take();
  }

  /** Everything printed so far, middle elided past the buffer capacity. */
  aggregatedOutput(): string {
    return capturedText(this.aggregate.snapshot());
  }

  private endRecord(status: ExitStatus): ExecSessionEnd {
    return {
      processId: this.processId,
      exitCode: status.exitCode,
      signal: status.signal,
      timedOut: status.timedOut,
      spawnError: status.spawnError ?? null,
      durationMs: Math.max(0, this.now() - this.startedAt),
      aggregatedOutput: this.aggregatedOutput(),
    };
  }
}
