// The webview's normalised state: threads → turns → items by id, the server requests waiting for
// the user, the connection state, settings and host facts, the active thread and composer drafts.
// Containers are private maps; what the getters hand out is immutable and replaced on change
// (types.ts), so `useStore(selector)` (hooks.ts) re-renders only what changed. Server messages
// go through `applyNotification` (notifications.ts) and `applyThreadSnapshot` (snapshot.ts).
import type { ServerNotification, Thread, ThreadItem, ThreadStatus } from '@protocol';
import { applyNotification as reduceNotification } from './notifications';
import { SessionFacts } from './sessionFacts';
import { applyOlderTurns, applyThreadSnapshot as mergeSnapshot, type SnapshotOptions } from './snapshot';
import type {
  HostInfo,
  ItemView,
  PendingServerRequest,
  PersistedState,
  PersistenceBackend,
  ServerConnectionState,
  ThreadView,
  TurnView,
  WebviewSettings,
} from './types';

/** Command output kept per item; older output is dropped from the front. */
export const OUTPUT_CAP_CHARS = 200_000;
const IDLE: ThreadStatus = { type: 'idle' };

/** A two-level map (thread id → id → value): no key strings built on every lookup. */
class ByThread<V> {
  private readonly maps = new Map<string, Map<string, V>>();
  get(threadId: string, id: string): V | undefined {
    return this.maps.get(threadId)?.get(id);
  }
  set(threadId: string, id: string, value: V): void {
    let map = this.maps.get(threadId);
    if (!map) this.maps.set(threadId, (map = new Map()));
    map.set(id, value);
  }
}

export interface StoreOptions {
  readonly persistence?: PersistenceBackend;
  /**
   * Defers telling subscribers about server notifications to `schedule(flush)` (the page: the next
   * animation frame), so several deltas arriving within one frame cost one render. Any other
   * change (user input, requests, host facts) still notifies at once, flushing what was deferred.
   */
  readonly schedule?: (flush: () => void) => void;
}

export class WebviewStore extends SessionFacts {
  private readonly threads = new Map<string, ThreadView>();
  private readonly turns = new ByThread<TurnView>();
  private readonly items = new ByThread<ItemView>();
  /** Per thread: bumped whenever one of its turn views or its turn list changes. */
  private readonly structure = new Map<string, number>();
  private readonly listeners = new Set<() => void>();
  private batchDepth = 0;
  private dirty = false;
  private flushScheduled = false;

  private pendingList: readonly PendingServerRequest[] = [];
  private serverState: ServerConnectionState = { state: 'starting' };
  private host: HostInfo | null = null;
  private settingsValue: WebviewSettings | null = null;
  private activeId: string | null = null;
  private draftMap: Readonly<Record<string, string>> = {};

  constructor(private readonly options: StoreOptions = {}) {
    super();
    const loaded = parsePersisted(options.persistence?.load());
    this.activeId = loaded.activeThreadId;
    this.draftMap = loaded.drafts;
  }

  // --- subscription ------------------------------------------------------------------------

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Runs `fn` and notifies subscribers once at the end (not once per change inside). */
  batch<T>(fn: () => T): T {
    this.batchDepth++;
    try {
      return fn();
    } finally {
      this.batchDepth--;
      if (this.batchDepth === 0 && this.dirty) this.flush();
    }
  }

  /** Marks the state changed; subscribers hear of it now, or at the end of the current batch. */
  changed(): void {
    this.dirty = true;
    if (this.batchDepth === 0) this.flush();
  }

  private flush(): void {
    this.dirty = false;
    for (const listener of [...this.listeners]) listener();
  }

  // --- server messages -----------------------------------------------------------------------

  applyNotification(notification: ServerNotification): void {
    const schedule = this.options.schedule;
    if (!schedule || this.batchDepth > 0) {
      this.batch(() => reduceNotification(this, notification));
      return;
    }
    // A batch whose end does not flush: the scheduled flush (or the next immediate change) does.
    this.batchDepth++;
    try {
      reduceNotification(this, notification);
    } finally {
      this.batchDepth--;
    }
    if (this.dirty && !this.flushScheduled) {
      this.flushScheduled = true;
      schedule(() => {
        this.flushScheduled = false;
        if (this.dirty && this.batchDepth === 0) this.flush();
      });
    }
  }

  /** Merges a thread with its turns (thread/read, thread/resume, thread/resynced) without losing items. */
  applyThreadSnapshot(thread: Thread, options?: SnapshotOptions): void {
    this.batch(() => mergeSnapshot(this, thread, options));
  }

  /** Prepends older turns from a `thread/turns/list` page (newest first); cursor null = no more. */
  applyOlderTurns(threadId: string, page: Parameters<typeof applyOlderTurns>[2], cursor: string | null): void {
    this.batch(() => applyOlderTurns(this, threadId, page, cursor));
  }

  addServerRequest(request: { id: string | number; method: string; params: unknown }): void {
    const params = (typeof request.params === 'object' && request.params !== null ? request.params : {}) as Record<
      string,
      unknown
    >;
    const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
    const entry: PendingServerRequest = {
      id: request.id,
      method: request.method,
      params: request.params,
      threadId: str(params.threadId),
      turnId: str(params.turnId),
      itemId: str(params.itemId),
      seq: this.nextSeq(),
    };
    this.pendingList = [...this.pendingList.filter((r) => r.id !== request.id), entry];
    this.changed();
  }

  /** The request was answered here or resolved by the server (`serverRequest/resolved`). */
  removeServerRequest(id: string | number): void {
    if (!this.pendingList.some((r) => r.id === id)) return;
    this.pendingList = this.pendingList.filter((r) => r.id !== id);
    this.changed();
  }

  setServerState(server: ServerConnectionState): void {
    this.serverState = server;
    // Requests of a server that went away can no longer be answered.
    if (server.state !== 'ready' && server.state !== 'starting' && this.pendingList.length > 0) this.pendingList = [];
    this.changed();
  }

  setHostInfo(info: HostInfo): void {
    this.host = info;
    this.settingsValue = info.settings;
    this.serverState = info.server;
    if (info.openThreadId !== null) this.activeId = info.openThreadId;
    this.changed();
  }

  setSettings(settings: WebviewSettings): void {
    this.settingsValue = settings;
    this.changed();
  }

  // --- view state (persisted) ----------------------------------------------------------------

  /** Shows a thread (null: a new chat). Also the user's next action after a chat notice: it clears. */
  setActiveThread(threadId: string | null): void {
    this.clearChatNotice();
    if (this.activeId === threadId) return;
    this.activeId = threadId;
    this.persist();
    this.changed();
  }

  /** The composer's draft for a thread ('' = the new chat). An empty text removes it. */
  setDraft(threadId: string, text: string): void {
    if ((this.draftMap[threadId] ?? '') === text) return;
    const next = { ...this.draftMap };
    if (text === '') delete next[threadId];
    else next[threadId] = text;
    this.draftMap = next;
    this.persist();
    this.changed();
  }

  private persist(): void {
    this.options.persistence?.save({ activeThreadId: this.activeId, drafts: this.draftMap });
  }

  // --- getters (stable references) -----------------------------------------------------------

  /** Changes whenever the thread's turn list or one of its turn views changes (cheap memo key). */
  turnsVersion(threadId: string): number {
    return this.structure.get(threadId) ?? 0;
  }

  private bump(threadId: string): void {
    this.structure.set(threadId, (this.structure.get(threadId) ?? 0) + 1);
  }

  thread(threadId: string): ThreadView | undefined {
    return this.threads.get(threadId);
  }
  threadIds(): string[] {
    return [...this.threads.keys()];
  }
  turn(threadId: string, turnId: string): TurnView | undefined {
    return this.turns.get(threadId, turnId);
  }
  item(threadId: string, itemId: string): ItemView | undefined {
    return this.items.get(threadId, itemId);
  }
  get pendingRequests(): readonly PendingServerRequest[] {
    return this.pendingList;
  }
  pendingRequest(id: string | number): PendingServerRequest | undefined {
    return this.pendingList.find((r) => r.id === id);
  }
  get server(): ServerConnectionState {
    return this.serverState;
  }
  get hostInfo(): HostInfo | null {
    return this.host;
  }
  get settings(): WebviewSettings | null {
    return this.settingsValue;
  }
  get activeThreadId(): string | null {
    return this.activeId;
  }
  get drafts(): Readonly<Record<string, string>> {
    return this.draftMap;
  }

  // --- mutators for the reducers (notifications.ts, snapshot.ts) -----------------------------

  /** The thread's view, created empty if unknown. */
  ensureThread(threadId: string): ThreadView {
    let thread = this.threads.get(threadId);
    if (!thread) {
      thread = {
        id: threadId,
        meta: null,
        status: IDLE,
        name: null,
        archived: false,
        closed: false,
        turnIds: [],
        tokenUsage: null,
        goal: null,
        readState: null,
        olderTurns: { state: 'unknown' },
      };
      this.threads.set(threadId, thread);
      this.changed();
    }
    return thread;
  }

  updateThread(threadId: string, patch: Partial<Omit<ThreadView, 'id'>>): ThreadView {
    const next = { ...this.ensureThread(threadId), ...patch };
    this.threads.set(threadId, next);
    if (patch.turnIds !== undefined) this.bump(threadId);
    this.changed();
    return next;
  }

  /** The turn's view, created (and appended to its thread) if unknown. */
  ensureTurn(threadId: string, turnId: string): TurnView {
    let turn = this.turns.get(threadId, turnId);
    if (!turn) {
      turn = {
        id: turnId,
        threadId,
        status: 'inProgress',
        error: null,
        startedAt: null,
        completedAt: null,
        durationMs: null,
        itemsView: 'full',
        itemIds: [],
        plan: null,
        diff: null,
        errors: [],
        compacted: false,
        undone: null,
      };
      this.turns.set(threadId, turnId, turn);
      const thread = this.ensureThread(threadId);
      if (!thread.turnIds.includes(turnId)) this.updateThread(threadId, { turnIds: [...thread.turnIds, turnId] });
      this.changed();
    }
    return turn;
  }

  updateTurn(threadId: string, turnId: string, patch: Partial<Omit<TurnView, 'id' | 'threadId'>>): TurnView {
    const next = { ...this.ensureTurn(threadId, turnId), ...patch };
    this.turns.set(threadId, turnId, next);
    this.bump(threadId);
    this.changed();
    return next;
  }

  /** Sets an item (appending it to its turn if new), keeping what streamed beside it. */
  putItem(threadId: string, turnId: string, item: ThreadItem): ItemView {
    const turn = this.ensureTurn(threadId, turnId);
    const previous = this.items.get(threadId, item.id);
    const { item: capped, dropped } = capOutput(item);
    const next: ItemView = previous
      ? { ...previous, item: capped, turnId, outputDroppedChars: dropped ?? previous.outputDroppedChars }
      : { threadId, turnId, item: capped, progress: [], stdin: [], outputDroppedChars: dropped ?? 0 };
    this.items.set(threadId, item.id, next);
    if (!turn.itemIds.includes(item.id)) this.updateTurn(threadId, turnId, { itemIds: [...turn.itemIds, item.id] });
    this.changed();
    return next;
  }

  /** Replaces an item's view through `update`; unknown items are left alone (returns undefined). */
  updateItem(threadId: string, itemId: string, update: (view: ItemView) => ItemView): ItemView | undefined {
    const previous = this.items.get(threadId, itemId);
    if (!previous) return undefined;
    const next = update(previous);
    if (next !== previous) {
      this.items.set(threadId, itemId, next);
      this.changed();
    }
    return next;
  }

  /** The host restored the files the turn changed (ui/undoTurn); unknown turns are left alone. */
  markTurnUndone(threadId: string, turnId: string, files: number): void {
    if (this.turns.get(threadId, turnId)) this.updateTurn(threadId, turnId, { undone: { files } });
  }

  /** Stores an item view as is (snapshot merges). */
  setItemView(view: ItemView): void {
    this.items.set(view.threadId, view.item.id, view);
    this.changed();
  }

  setTurnView(view: TurnView): void {
    this.turns.set(view.threadId, view.id, view);
    this.bump(view.threadId);
    this.changed();
  }

}

/** A command item with more output than the cap keeps the end of it. */
function capOutput(item: ThreadItem): { item: ThreadItem; dropped: number | undefined } {
  if (item.type !== 'commandExecution' || item.aggregatedOutput === null) return { item, dropped: undefined };
  const cut = item.aggregatedOutput.length - OUTPUT_CAP_CHARS;
  if (cut <= 0) return { item, dropped: 0 };
  return { item: { ...item, aggregatedOutput: item.aggregatedOutput.slice(cut) }, dropped: cut };
}

function parsePersisted(value: unknown): PersistedState {
  const empty: PersistedState = { activeThreadId: null, drafts: {} };
  if (typeof value !== 'object' || value === null) return empty;
  const record = value as Record<string, unknown>;
  const drafts: Record<string, string> = {};
  if (typeof record.drafts === 'object' && record.drafts !== null) {
    for (const [id, text] of Object.entries(record.drafts)) if (typeof text === 'string') drafts[id] = text;
  }
  return { activeThreadId: typeof record.activeThreadId === 'string' ? record.activeThreadId : null, drafts };
}
