// One thread in memory: its settings, turns, model-visible history, usage, goal and runtime
// status (with the requests waiting on the client), plus the rollout writer every change is
// appended to. The turn runner and the thread handlers mutate it only through these methods, so
// the rollout and the in-memory state agree. Whatever lives beside it (the tools' exec sessions)
// registers an unload listener instead of being known here.
import type { ThreadItem } from '../protocol/items';
import type { Thread, ThreadActiveFlag, ThreadGoal, ThreadStatus, ThreadTokenUsage, Turn } from '../protocol/thread';
import type { Notify } from '../protocol/senders';
import type { RolloutWriter, ThreadSummary, JsonObject } from './store';
import type { ThreadEvent } from './rolloutEvents';
import type { ThreadSettings } from './threadSettings';
import { VERSION } from '../util/version';

export interface ActiveTurn {
  readonly turn: Turn;
  readonly abort: AbortController;
  /** Input sent with turn/steer while the turn runs; consumed before the next model request. */
  readonly pendingInput: unknown[][];
  readonly done: Promise<void>;
  /** Set for turns that take no input (review, manual compaction): turn/steer refuses them. */
  readonly kind?: 'review' | 'compact';
}

export interface HistoryEntry {
  turnId: string | null;
  item: unknown;
}

export class LoadedThread {
  status: ThreadStatus = { type: 'idle' };
  subscribed = true;
  active: ActiveTurn | null = null;
  unloadTimer: NodeJS.Timeout | null = null;
  /** Whether the opening context (instructions, environment) is already in the history. */
  contextSent: boolean;
  /** Requests waiting on the client, per flag (they drive the status's `activeFlags`). */
  private readonly waiting: Record<ThreadActiveFlag, number> = { waitingOnApproval: 0, waitingOnUserInput: 0 };
  private readonly unloadListeners: (() => Promise<void>)[] = [];

  constructor(
    readonly id: string,
    public summary: ThreadSummary,
    public settings: ThreadSettings,
    readonly turns: Turn[],
    public history: HistoryEntry[],
    public tokenUsage: ThreadTokenUsage | null,
    public goal: ThreadGoal | null,
    private readonly writer: RolloutWriter | null,
    private readonly notify: Notify,
    readonly ephemeral: boolean,
  ) {
    this.contextSent = history.length > 0;
  }

  get name(): string | null {
    return this.summary.name;
  }

  setStatus(status: ThreadStatus): void {
    if (JSON.stringify(status) === JSON.stringify(this.status)) return;
    this.status = status;
    this.notify('thread/status/changed', { threadId: this.id, status });
  }

  /** Marks the thread as waiting on the client (an approval, a question) or done waiting, and announces the new flags. */
  setWaiting(flag: ThreadActiveFlag, delta: 1 | -1): void {
    this.waiting[flag] = Math.max(0, this.waiting[flag] + delta);
    if (this.status.type !== 'active') return;
    const activeFlags = (Object.keys(this.waiting) as ThreadActiveFlag[]).filter((f) => this.waiting[f] > 0);
    this.setStatus({ type: 'active', activeFlags });
  }

  /** Runs `listener` when the thread unloads, before its rollout closes (e.g. to end the commands it left running). */
  onUnload(listener: () => Promise<void>): void {
    this.unloadListeners.push(listener);
  }

  /** Called by the thread manager on unload: runs the unload listeners one after another. */
  async runUnloadListeners(): Promise<void> {
    for (const listener of this.unloadListeners) await listener();
  }

  /** Appends a thread event to the rollout (ephemeral threads keep it in memory only). */
  record(event: ThreadEvent): void {
    this.writer?.append({ type: 'event_msg', payload: event as unknown as JsonObject & { type: string } });
    this.summary.updatedAt = Date.now();
  }

  /** Appends a model-visible item to the history and the rollout. */
  pushHistory(turnId: string | null, item: unknown): void {
    this.history.push({ turnId, item });
    this.writer?.append({ type: 'response_item', payload: item as JsonObject & { type: string } });
  }

  /** Replaces the model-visible history (compaction) and records the replacement in the rollout. */
  replaceHistory(entries: HistoryEntry[], message: string): void {
    this.history = entries;
    // turn_ids (ours; Codex has only the items) keeps what rollback needs: the opening context has none.
    const payload = { message, replacement_history: entries.map((entry) => entry.item) as JsonObject[], turn_ids: entries.map((entry) => entry.turnId) };
    this.writer?.append({ type: 'compacted', payload });
  }

  recordTurnContext(turnId: string): void {
    this.writer?.append({
      type: 'turn_context',
      payload: {
        turn_id: turnId,
        cwd: this.settings.cwd,
        model: this.settings.model,
        model_provider: this.settings.modelProvider,
        // Codex's rollouts say "on-failure" for that policy; resume reads it back (threadManager.ts).
        approval_policy: (this.settings.approvalOnFailure === true ? 'on-failure' : this.settings.approvalPolicy) as JsonObject[string],
        sandbox_policy: this.settings.sandbox as unknown as JsonObject,
        effort: this.settings.reasoningEffort,
        summary: this.settings.reasoningSummary,
      },
    });
  }

  completeItem(turn: Turn, item: ThreadItem): void {
    turn.items.push(item);
    this.record({ type: 'item_completed', turn_id: turn.id, item });
    if (!this.summary.preview && item.type === 'userMessage') {
      const text = item.content.find((part) => part.type === 'text');
      if (text && text.type === 'text') this.summary.preview = text.text.replace(/\s+/g, ' ').trim().slice(0, 200);
    }
  }

  async flush(): Promise<void> {
    await this.writer?.flush();
  }

  async close(): Promise<void> {
    await this.writer?.close();
  }

  /** The protocol view of this thread. */
  toThread(includeTurns: boolean): Thread {
    return summaryToThread(this.summary, this.status, includeTurns ? this.turns : [], {
      ephemeral: this.ephemeral,
      model: this.settings.model,
      reasoningEffort: this.settings.reasoningEffort,
    });
  }
}

/** Protocol Thread from a stored summary (times in seconds, as Codex sends them). */
export function summaryToThread(
  summary: ThreadSummary,
  status: ThreadStatus,
  turns: Turn[],
  extra: { ephemeral?: boolean; model?: string | null; reasoningEffort?: string | null } = {},
): Thread {
  const source = summary.source;
  const protocolSource =
    source === 'vscode' || source === 'cli' || source === 'exec' || source === 'appServer'
      ? source
      : source === 'mcp' || source === 'app_server'
        ? 'appServer'
        : 'unknown';
  return {
    id: summary.id,
    sessionId: summary.id,
    forkedFromId: summary.forkedFromId,
    parentThreadId: null,
    preview: summary.preview,
    ephemeral: extra.ephemeral ?? false,
    section: null,
    sectionEnteredAt: null,
    projectId: null,
    historyMode: 'paginated',
    modelProvider: summary.modelProvider,
    model: extra.model ?? summary.model,
    reasoningEffort: extra.reasoningEffort ?? null,
    createdAt: Math.floor(summary.createdAt / 1000),
    updatedAt: Math.floor(summary.updatedAt / 1000),
    recencyAt: null,
    status,
    path: extra.ephemeral ? null : summary.path,
    cwd: summary.cwd,
    cliVersion: summary.cliVersion || VERSION,
    originator: summary.originator,
    source: protocolSource,
    threadSource: null,
    agentNickname: null,
    agentRole: null,
    gitInfo: summary.gitInfo ? { sha: summary.gitInfo.sha ?? null, branch: summary.gitInfo.branch ?? null, originUrl: summary.gitInfo.originUrl ?? null } : null,
    name: summary.name,
    turns,
  };
}
