// Owns the loaded threads: creates, resumes (replaying the rollout), forks and unloads them, and
// answers reads of threads that are not loaded straight from the store.
import { uuidv7, ThreadNotFoundError, type RolloutWriter, type ThreadStore, type ThreadSummary, type RolloutLine } from './store';
import { replayRollout, type ReplayedThread } from './rolloutEvents';
import { LoadedThread, summaryToThread } from './loadedThread';
import type { Notify } from '../protocol/senders';
import type { ThreadSettings } from './threadSettings';
import { readGitInfo } from './gitInfo';
import { invalidRequest } from '../rpc/rpcError';
import type { Logger } from '../util/log';
import type { Thread } from '../protocol/thread';
import { VERSION } from '../util/version';

export interface ThreadManagerOptions {
  readonly store: ThreadStore;
  readonly notify: Notify;
  readonly log: Logger;
  /** How long an unsubscribed thread stays loaded (ms). */
  readonly unloadGraceMs: number;
  readonly originator: () => string;
}

const UUID = /^(urn:uuid:)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function checkThreadId(threadId: string): string {
  if (!UUID.test(threadId)) throw invalidRequest(`invalid thread id: ${threadId}`);
  return threadId.replace(/^urn:uuid:/i, '').toLowerCase();
}

/** The settings a thread last ran with, from its newest turn_context line. */
function lastTurnContext(lines: readonly RolloutLine[]): Record<string, unknown> | null {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i];
    if (line?.type === 'turn_context') return line.payload as Record<string, unknown>;
  }
  return null;
}

export class ThreadManager {
  readonly loaded = new Map<string, LoadedThread>();

  constructor(private readonly options: ThreadManagerOptions) {}

  get(threadId: string): LoadedThread | undefined {
    return this.loaded.get(threadId.toLowerCase());
  }

  /** A loaded thread, or the error Codex gives for one that is not. */
  require(threadId: string): LoadedThread {
    const id = checkThreadId(threadId);
    const thread = this.loaded.get(id);
    if (!thread) throw invalidRequest(`thread not found: ${threadId}`);
    return thread;
  }

  async create(settings: ThreadSettings, ephemeral: boolean): Promise<LoadedThread> {
    const git = await readGitInfo(settings.cwd);
    const now = Date.now();
    const init = {
      cwd: settings.cwd,
      originator: this.options.originator(),
      cliVersion: VERSION,
      source: 'vscode',
      modelProvider: settings.modelProvider,
      model: settings.model,
      baseInstructions: settings.baseInstructions,
      git,
      extra: { history_mode: 'paginated' },
    };
    let thread: LoadedThread;
    if (ephemeral) {
      const id = uuidv7(now);
      const summary: ThreadSummary = {
        id, path: '', archived: false, createdAt: now, updatedAt: now, cwd: settings.cwd, modelProvider: settings.modelProvider,
        model: settings.model, source: 'vscode', sourceKind: 'vscode', originator: init.originator, cliVersion: VERSION,
        preview: '', name: null, gitInfo: git ? { sha: git.commit_hash ?? null, branch: git.branch ?? null, originUrl: git.repository_url ?? null } : null,
        forkedFromId: null,
      };
      thread = new LoadedThread(id, summary, settings, [], [], null, null, null, this.options.notify, true);
    } else {
      const open = await this.options.store.createThread(init);
      const summary = await this.options.store.getThread(open.id);
      if (!summary) throw new Error(`thread ${open.id} vanished right after creation`);
      thread = new LoadedThread(open.id, summary, settings, [], [], null, null, open.writer, this.options.notify, false);
    }
    this.loaded.set(thread.id, thread);
    return thread;
  }

  /** Loads a stored thread (or returns the loaded one), replaying its rollout. */
  async resume(threadId: string, settingsFor: (previous: Partial<ThreadSettings>) => ThreadSettings): Promise<{ thread: LoadedThread; warnings: string[] }> {
    const id = checkThreadId(threadId);
    const existing = this.loaded.get(id);
    if (existing) {
      existing.subscribed = true;
      this.cancelUnload(existing);
      return { thread: existing, warnings: [] };
    }
    const read = await this.storeCall(threadId, () => this.options.store.readThread(id));
    const open = await this.options.store.resumeThread(id);
    const { thread, replayed } = this.loadFromLines(id, read, open.writer, settingsFor);
    // Loading is a status change the client hears about (notLoaded → idle) when the handler answers.
    thread.status = { type: 'notLoaded' };
    this.loaded.set(id, thread);
    const warnings = [...read.warnings.map((w) => `${read.summary.path}:${w.line}: ${w.message}`), ...replayed.warnings];
    for (const warning of warnings) this.options.log.warn(`resume ${id}: ${warning}`);
    return { thread, warnings };
  }

  async fork(threadId: string, settingsFor: (previous: Partial<ThreadSettings>) => ThreadSettings): Promise<LoadedThread> {
    const id = checkThreadId(threadId);
    await this.loaded.get(id)?.flush();
    const open = await this.storeCall(threadId, () => this.options.store.forkThread(id));
    const read = await this.options.store.readThread(open.id);
    const { thread } = this.loadFromLines(open.id, read, open.writer, settingsFor);
    this.loaded.set(open.id, thread);
    return thread;
  }

  /** Reads any thread: the loaded state, or a replay of its rollout (status notLoaded). */
  async read(threadId: string, includeTurns: boolean): Promise<Thread> {
    const id = checkThreadId(threadId);
    const loaded = this.loaded.get(id);
    if (loaded) return loaded.toThread(includeTurns);
    const replayed = await this.replayStored(id, threadId);
    return summaryToThread(replayed.summary, { type: 'notLoaded' }, includeTurns ? replayed.turns : []);
  }

  async replayStored(id: string, asGiven: string): Promise<ReplayedThread & { summary: ThreadSummary }> {
    try {
      const read = await this.options.store.readThread(id);
      return { ...replayRollout(read.lines), summary: read.summary };
    } catch (error) {
      if (error instanceof ThreadNotFoundError) throw invalidRequest(`thread not loaded: ${asGiven}`);
      throw error;
    }
  }

  /** After the last subscriber leaves: unload once the grace period passes and no turn runs. */
  scheduleUnload(thread: LoadedThread): void {
    this.cancelUnload(thread);
    thread.unloadTimer = setTimeout(() => void this.unloadWhenIdle(thread), this.options.unloadGraceMs);
  }

  cancelUnload(thread: LoadedThread): void {
    if (thread.unloadTimer) clearTimeout(thread.unloadTimer);
    thread.unloadTimer = null;
  }

  private async unloadWhenIdle(thread: LoadedThread): Promise<void> {
    thread.unloadTimer = null;
    if (thread.subscribed) return;
    if (thread.active) await thread.active.done;
    if (thread.subscribed || this.loaded.get(thread.id) !== thread) return;
    this.loaded.delete(thread.id);
    // What lives beside the thread ends with it (the tools kill the commands it left running).
    await thread.runUnloadListeners();
    await thread.close();
    thread.setStatus({ type: 'notLoaded' });
    this.options.notify('thread/closed', { threadId: thread.id });
  }

  async shutdown(): Promise<void> {
    for (const thread of this.loaded.values()) {
      this.cancelUnload(thread);
      thread.active?.abort.abort();
    }
    await Promise.all([...this.loaded.values()].map((t) => t.active?.done));
    await this.options.store.close();
  }

  /** Runs a store call, turning "no such rollout" into the error Codex gives clients. */
  private async storeCall<T>(threadId: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof ThreadNotFoundError) throw invalidRequest(`no rollout found for thread id ${threadId}`);
      throw error;
    }
  }

  /** A LoadedThread rebuilt from its rollout lines (shared by resume and fork). */
  private loadFromLines(
    id: string,
    read: { lines: RolloutLine[]; summary: ThreadSummary },
    writer: RolloutWriter,
    settingsFor: (previous: Partial<ThreadSettings>) => ThreadSettings,
  ): { thread: LoadedThread; replayed: ReplayedThread } {
    const replayed = replayRollout(read.lines);
    const thread = new LoadedThread(
      id,
      read.summary,
      settingsFor(this.previousSettings(read.summary, read.lines)),
      replayed.turns,
      replayed.history,
      replayed.tokenUsage,
      replayed.goal,
      writer,
      this.options.notify,
      false,
    );
    return { thread, replayed };
  }

  private previousSettings(summary: ThreadSummary, lines: readonly RolloutLine[]): Partial<ThreadSettings> {
    const ctx = lastTurnContext(lines);
    const meta = lines.find((l) => l.type === 'session_meta');
    const base = meta?.type === 'session_meta' ? meta.payload.base_instructions?.text : undefined;
    const previous: Partial<ThreadSettings> = { cwd: summary.cwd, modelProvider: summary.modelProvider };
    if (summary.model) previous.model = summary.model;
    if (typeof base === 'string') previous.baseInstructions = base;
    if (ctx) {
      if (typeof ctx.model === 'string') previous.model = ctx.model;
      if (typeof ctx.effort === 'string') previous.reasoningEffort = ctx.effort;
      if (ctx.approval_policy === 'on-failure') {
        previous.approvalPolicy = 'on-request';
        previous.approvalOnFailure = true;
      } else if (ctx.approval_policy !== undefined) previous.approvalPolicy = ctx.approval_policy as ThreadSettings['approvalPolicy'];
      if (ctx.sandbox_policy !== undefined) previous.sandbox = ctx.sandbox_policy as ThreadSettings['sandbox'];
    }
    return previous;
  }
}
