// What a command runner is asked to run, and what it reports when the command ends. The spec is
// complete — argv, cwd, the whole environment and the thread's sandbox policy — so a sandboxing
// runner (issue 6: bubblewrap, Seatbelt) can transform it (e.g. prefix argv with `bwrap …`)
// without knowing anything about tools, sessions or the model.
import type { SandboxPolicy } from '../protocol/common';

export type { SandboxPolicy };

export interface CommandSpec {
  /** argv[0] is the program (absolute, or looked up on env.PATH); never empty. */
  argv: string[];
  /** Absolute working directory; must exist. */
  cwd: string;
  /** The complete child environment (nothing else is inherited). */
  env: Record<string, string>;
  /** The thread's sandbox policy; a pass-through runner ignores it. */
  sandbox: SandboxPolicy;
  /** The workspace (the turn's cwd) a sandbox anchors its writable root to; default `cwd`. */
  sandboxCwd?: string;
  /** Kill the process tree after this long (the `shell` tool's timeout_ms). Unset: no limit. */
  timeoutMs?: number;
  /** Pipes only: no pseudo-terminal is ever allocated. */
  tty: false;
}

export interface ExitStatus {
  /**
   * The exit code; a process killed by a signal reports 128 + the signal number (SIGTERM → 143,
   * SIGKILL → 137), as a shell would. A process that never started reports 127 with spawnError.
   */
  exitCode: number;
  /** The signal that ended the process, if one did. */
  signal: NodeJS.Signals | null;
  /** True when the runner killed it because timeoutMs elapsed. */
  timedOut: boolean;
  /** Set when the process could not be started at all (bad program, bad cwd …). */
  spawnError?: string;
}

/** Exit code conventionally reported for a command that timed out (as Codex does). */
export const TIMEOUT_EXIT_CODE = 124;
