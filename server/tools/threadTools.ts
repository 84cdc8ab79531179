// Tool state that lives as long as a loaded thread, across its turns: the exec session manager
// (write_stdin continues a command started in an earlier turn), which exec session belongs to
// which commandExecution item, what the user approved for the session, and the collaboration mode
// set by the last turn/start. Kept beside the thread in a WeakMap so the thread model stays
// tool-agnostic; the commands a thread left running are killed when it unloads.
import type { Logger } from '../util/log';
import type { CommandRunner } from '../process';
import { ExecSessionManager } from './exec';
import { SessionApprovals } from './approvals/sessionApprovals';
import type { ToolConfig } from './toolConfig';
import type { ToolThread } from './types';

export type CollaborationModeKind = 'plan' | 'default';

/** Where an exec session's output and end are reported. */
export interface ExecSessionOwner {
  readonly itemId: string;
  readonly turnId: string;
}

export class ThreadTools {
  readonly approvals = new SessionApprovals();
  /** Exec session id → the commandExecution item it reports to. */
  readonly execOwners = new Map<number, ExecSessionOwner>();
  collaborationMode: CollaborationModeKind = 'default';
  private execManager: ExecSessionManager | null = null;
  /** Serialises apply_patch calls: parallel patches to one file would otherwise race. */
  private patchQueue: Promise<unknown> = Promise.resolve();

  constructor(private readonly log: Logger) {}

  /** The thread's exec manager, created with the config (and runner) of its first use. */
  exec(config: ToolConfig, runner?: CommandRunner): ExecSessionManager {
    this.execManager ??= new ExecSessionManager({
      ...(runner ? { runner } : {}),
      shellEnvironmentPolicy: config.shellEnvironmentPolicy,
      allowLoginShell: config.allowLoginShell,
      ...(config.toolOutputTokenLimit !== null ? { maxOutputTokensLimit: config.toolOutputTokenLimit } : {}),
      ...(config.backgroundTerminalMaxTimeoutMs !== null ? { maxEmptyPollMs: config.backgroundTerminalMaxTimeoutMs } : {}),
      logger: this.log,
    });
    return this.execManager;
  }

  /** Kills every command the thread started (turn interrupt, unload). */
  async killAll(): Promise<void> {
    await this.execManager?.killAll();
  }

  /** Runs `task` after every apply_patch queued before it. */
  serialisePatch<T>(task: () => Promise<T>): Promise<T> {
    const run = this.patchQueue.then(task, task);
    this.patchQueue = run.catch(() => undefined);
    return run;
  }
}

const state = new WeakMap<ToolThread, ThreadTools>();

/** The tool state of a thread, created on first use; commands the thread left running end when it unloads. */
export function threadTools(thread: ToolThread, log: Logger): ThreadTools {
  let tools = state.get(thread);
  if (!tools) {
    const created = new ThreadTools(log);
    thread.onUnload(() => created.killAll());
    state.set(thread, created);
    tools = created;
  }
  return tools;
}
