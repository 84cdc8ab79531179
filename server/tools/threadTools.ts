// Tool state that lives as long as a loaded thread, across its turns: the exec session manager
// (write_stdin continues a command started in an earlier turn), which exec session belongs to
// which commandExecution item, what the user approved for the session, the collaboration mode
// set by the last turn/start, and the requests waiting on the client (they drive the thread's
// `activeFlags`). Kept beside the thread in a WeakMap so the thread model stays tool-agnostic.
import type { ThreadActiveFlag } from '../protocol/thread';
import type { LoadedThread } from '../threads/loadedThread';
import type { Logger } from '../util/log';
import { ExecSessionManager, type CommandRunner } from './exec';
import { SessionApprovals } from './approvals/sessionApprovals';
import type { ToolConfig } from './toolConfig';

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
  private readonly waiting: Record<ThreadActiveFlag, number> = { waitingOnApproval: 0, waitingOnUserInput: 0 };
  /** Serialises apply_patch calls: parallel patches to one file would otherwise race. */
  private patchQueue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly thread: LoadedThread,
    private readonly log: Logger,
  ) {}

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

  /** Marks the thread as waiting on the client (or done waiting) and announces the new flags. */
  setWaiting(flag: ThreadActiveFlag, delta: 1 | -1): void {
    this.waiting[flag] = Math.max(0, this.waiting[flag] + delta);
    if (this.thread.status.type !== 'active') return;
    const activeFlags = (Object.keys(this.waiting) as ThreadActiveFlag[]).filter((f) => this.waiting[f] > 0);
    this.thread.setStatus({ type: 'active', activeFlags });
  }
}

const state = new WeakMap<LoadedThread, ThreadTools>();

export function threadTools(thread: LoadedThread, log: Logger): ThreadTools {
  let tools = state.get(thread);
  if (!tools) {
    tools = new ThreadTools(thread, log);
    state.set(thread, tools);
  }
  return tools;
}

/** The tool state of a thread if it has any (nothing is created). */
export function existingThreadTools(thread: LoadedThread): ThreadTools | undefined {
  return state.get(thread);
}
