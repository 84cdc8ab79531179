// ThreadIndex: the persisted summary of every rollout that answers thread/list without opening
// rollout files. Files (under $CODEX_HOME/codex-ts/): a binary snapshot (indexSnapshot.ts) plus an
// append log of later changes (indexLog.ts). Start-up reads only the snapshot's column prefix (and
// a page reads only its rows' details), synchronously, so no page waits on the thread pool; search
// texts and all details load in the background. Missing or corrupt files are
// rebuilt from the rollouts, and a background reconcile picks up changes other programs made.
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { appendLogEntries, applyLogEntries, readLogEntries, removeLogsExcept, type IndexLogEntry } from './indexLog';
import { buildTableFromRollouts, reconcileIndex, type ReconcileStats } from './indexReconcile';
import { encodeSnapshot, SnapshotCorruptError } from './indexSnapshot';
import { SnapshotFile, writeSnapshotFile } from './indexSnapshotFile';
import { CODEX_TS_DIR } from './rolloutPaths';
import type { ThreadSummary } from './rolloutTypes';
import { needsSearch, selectPage, type ThreadListQuery } from './threadQuery';
import { ThreadTable, type FileStamp, type ThreadDetails } from './threadTable';

export interface ThreadIndexOptions {
  codexHome: string;
  /** Folder for the index files. Default `$CODEX_HOME/codex-ts`. */
  dir?: string;
  /** Provider recorded for rollouts whose session_meta names none. Default 'openai'. */
  defaultProvider?: string;
  /** Reconcile with the rollouts in the background once loaded. Default true. */
  reconcileAfterLoad?: boolean;
  /** Delay (ms) after load before background reads and reconcile start, so that a client's first
   *  requests are not queued behind them (a search loads what it needs at once). Default 50. */
  backgroundDelayMs?: number;
  /** Rewrite the snapshot once the append log holds this many entries. Default 2000. */
  compactAfterLogEntries?: number;
  /** Changes are batched into the append log this long (ms) unless flush() is called. Default 200. */
  logDelayMs?: number;
  logger?: (message: string) => void;
}

export interface ThreadListPage {
  data: ThreadSummary[];
  /** Pass as `cursor` (same sort and direction) for the next page; null when this was the last. */
  nextCursor: string | null;
  /** Pass as `cursor` with the opposite direction to page back; null for an empty page. */
  backwardsCursor: string | null;
}

export interface IndexLoadStats {
  source: 'snapshot' | 'rebuild';
  threads: number;
  logEntries: number;
  /** Why a rebuild happened (missing/corrupt snapshot). */
  reason?: string;
  ms: number;
}

export class ThreadIndex {
  readonly codexHome: string;
  readonly dir: string;
  readonly defaultProvider: string;
  private table = new ThreadTable();
  private snap: SnapshotFile | null = null;
  private loadPromise: Promise<IndexLoadStats> | null = null;
  private ready = false;
  private closed = false;
  private pending: (() => void)[] = [];
  private logName = '';
  private logCount = 0;
  private dirty = new Set<string>();
  private logTimer: NodeJS.Timeout | null = null;
  private logChain: Promise<void> = Promise.resolve();
  private compacting: Promise<void> | null = null;
  private searchAdopted: SnapshotFile | null = null;
  private repairing: Promise<void> | null = null;
  private wakeBackground: () => void = () => undefined;
  /** The background reconcile started after load (if enabled). */
  reconciled: Promise<ReconcileStats | null> = Promise.resolve(null);

  constructor(private readonly options: ThreadIndexOptions) {
    this.codexHome = options.codexHome;
    this.dir = options.dir ?? path.join(options.codexHome, CODEX_TS_DIR);
    this.defaultProvider = options.defaultProvider ?? 'openai';
  }

  /** Loads (once) the snapshot and log, or rebuilds them from the rollouts. */
  load(): Promise<IndexLoadStats> {
    this.loadPromise ??= this.doLoad();
    return this.loadPromise;
  }

  /** One page of thread/list. Throws InvalidCursorError for a bad cursor. */
  async list(query: ThreadListQuery = {}): Promise<ThreadListPage> {
    await this.load();
    if (needsSearch(query)) await this.loadSearch();
    const page = await this.select((table) => selectPage(table, query));
    return { data: page.slots.map((s) => this.materialize(s)), nextCursor: page.nextCursor, backwardsCursor: page.backwardsCursor };
  }

  async get(threadId: string): Promise<ThreadSummary | null> {
    await this.load();
    const id = threadId.toLowerCase();
    const { slots } = await this.select((table) => ({ slots: [table.slotOf(id)].filter((s) => s !== undefined) }));
    return slots[0] === undefined ? null : this.materialize(slots[0]);
  }

  /** Number of indexed threads (0 until loaded). */
  get size(): number {
    return this.table.live;
  }

  /** Adds or replaces a thread's row (applied as soon as the index is loaded). */
  put(summary: ThreadSummary, stamp: FileStamp = { size: 0, mtimeMs: 0, scannedBytes: 0 }): void {
    this.whenReady(() => {
      this.table.put(summary, stamp);
      this.markDirty(summary.id);
    });
  }

  /** Merges changed fields into a thread's row; ignored for an unknown id. */
  update(threadId: string, changes: Partial<Omit<ThreadSummary, 'id'>>, stamp?: FileStamp): void {
    this.whenReady(() => {
      const slot = this.table.slotOf(threadId);
      if (slot === undefined) return;
      const apply = (): void => {
        const next = { ...this.materialize(slot), ...changes };
        if (changes.updatedAt !== undefined) next.updatedAt = Math.max(next.updatedAt, changes.updatedAt);
        this.table.update(slot, next, stamp);
        this.markDirty(threadId);
      };
      if (this.detailsSync(slot)) apply();
      else void this.ensureDetails([slot]).then(apply, (err: unknown) => this.log(`index update failed: ${String(err)}`));
    });
  }

  /** Our writer appended bytes: the file is `size` bytes, all of them folded into the row. */
  noteWritten(threadId: string, size: number): void {
    this.whenReady(() => {
      const slot = this.table.slotOf(threadId);
      if (slot === undefined) return;
      this.table.setStamp(slot, { size, mtimeMs: 0, scannedBytes: size });
      this.markDirty(threadId);
    });
  }

  remove(threadId: string): void {
    this.whenReady(() => {
      const slot = this.table.slotOf(threadId);
      if (slot !== undefined) this.removeSlot(slot);
    });
  }

  /** Compares the index with the rollouts on disk and applies the differences. */
  async reconcile(): Promise<ReconcileStats> {
    await this.load();
    await this.loadSearch();
    const stats = await reconcileIndex(
      {
        table: this.table,
        defaultProvider: this.defaultProvider,
        summaryOf: async (slot) => {
          await this.ensureDetails([slot]);
          return this.materialize(slot);
        },
        put: (summary, stamp) => this.put(summary, stamp),
        removeSlot: (slot) => this.removeSlot(slot),
        setStamp: (slot, stamp) => {
          this.table.setStamp(slot, stamp);
          this.markDirty(this.table.id(slot));
        },
        isClosed: () => this.closed,
      },
      this.codexHome,
    );
    if (this.logCount + this.dirty.size >= (this.options.compactAfterLogEntries ?? 2000)) await this.compact();
    return stats;
  }

  /** Re-reads every rollout into a fresh index and writes a new snapshot. */
  async rebuild(): Promise<{ threads: number; ms: number }> {
    const started = performance.now();
    const table = await buildTableFromRollouts(this.codexHome, this.defaultProvider);
    await this.closeSnapshot();
    this.table = table;
    this.dirty.clear();
    // Not compact(): a compaction that found the old snapshot damaged is waiting on this rebuild.
    await this.writeSnapshot();
    return { threads: table.live, ms: performance.now() - started };
  }

  /** Writes a fresh snapshot (and starts a new, empty append log). */
  compact(): Promise<void> {
    this.compacting ??= this.doCompact().finally(() => {
      this.compacting = null;
    });
    return this.compacting;
  }

  /** Writes pending changes to the append log. */
  async flush(): Promise<void> {
    if (this.logTimer) clearTimeout(this.logTimer);
    this.logTimer = null;
    if (this.loadPromise) await this.loadPromise.catch(() => undefined);
    const entries: IndexLogEntry[] = [];
    const notYet: string[] = [];
    for (const id of this.dirty) {
      const slot = this.table.slotOf(id);
      if (slot === undefined) entries.push({ op: 'del', id });
      else if (this.detailsSync(slot)) entries.push({ op: 'put', summary: this.materialize(slot), stamp: this.table.stampOf(slot) });
      else notYet.push(id); // details still on disk: log it once they are loaded
    }
    this.dirty = new Set(notYet);
    const logName = this.logName;
    this.logCount += entries.length;
    this.logChain = this.logChain
      .then(() => mkdir(this.dir, { recursive: true }))
      .then(() => appendLogEntries(this.dir, logName, entries))
      .catch((err: unknown) => this.log(`index log write failed: ${String(err)}`));
    await this.logChain;
  }

  /** Flushes, stops background work and releases files. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.flush();
    this.closed = true;
    this.wakeBackground();
    await this.reconciled.catch(() => null);
    await this.compacting?.catch(() => undefined);
    await this.closeSnapshot();
  }

  private async doLoad(): Promise<IndexLoadStats> {
    // The snapshot's prefix and the log are read synchronously (~1-2 ms at 10,000 threads): not
    // inside the caller's tick (the server constructs the store while starting up).
    await new Promise<void>((resolve) => setImmediate(resolve));
    const started = performance.now();
    let stats: IndexLoadStats;
    try {
      stats = await this.loadSnapshot(started);
    } catch (err) {
      const reason = err instanceof SnapshotCorruptError ? err.message : (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no snapshot' : String(err);
      if (reason !== 'no snapshot') this.log(`thread index unusable (${reason}); rebuilding from rollouts`);
      await this.closeSnapshot();
      this.table = new ThreadTable();
      const r = await this.rebuild();
      stats = { source: 'rebuild', threads: r.threads, logEntries: 0, reason, ms: performance.now() - started };
    }
    this.ready = true;
    for (const op of this.pending.splice(0)) op();
    // The timer does not keep the process alive; close() fires it early so nothing waits on it.
    const delay = new Promise<void>((resolve) => {
      this.wakeBackground = resolve;
      setTimeout(resolve, this.options.backgroundDelayMs ?? 50).unref();
    });
    // Warm-up: with search texts and all details in memory, pages need no file reads at all.
    const warm = delay.then(async () => {
      if (!this.closed) await this.loadSearch();
      if (!this.closed) await this.guard((snap) => snap.loadAllDetails());
    });
    if (this.options.reconcileAfterLoad !== false) {
      this.reconciled = warm
        .then(() => (this.closed ? null : this.reconcile()))
        .catch((err: unknown) => {
          this.log(`thread index reconcile failed: ${String(err)}`);
          return null;
        });
    }
    return stats;
  }

  private async loadSnapshot(started: number): Promise<IndexLoadStats> {
    const snap = await SnapshotFile.open(this.dir);
    this.table.adopt(snap.prefix.cols, snap.prefix.updatedOrder);
    this.snap = snap;
    this.logName = snap.prefix.header.logName;
    const { entries } = readLogEntries(this.dir, this.logName);
    applyLogEntries(this.table, entries);
    this.logCount = entries.length;
    if (this.logCount >= (this.options.compactAfterLogEntries ?? 2000)) void this.compact().catch(() => undefined);
    return { source: 'snapshot', threads: this.table.live, logEntries: entries.length, ms: performance.now() - started };
  }

  /** Adopts (once) the snapshot's file stamps and search texts. A bad part means a rebuild. */
  private loadSearch(): Promise<void> {
    return this.guard(async (snap) => {
      const part = await snap.readSearchPart();
      if (this.snap !== snap || this.searchAdopted === snap) return;
      this.searchAdopted = snap;
      this.table.adoptStamps(part.size, part.mtime, part.scanned);
      this.table.adoptSearch(part.search);
    });
  }

  /** Picks slots and loads their details; if the snapshot proves damaged, rebuilds and picks again. */
  private async select<T extends { slots: number[] }>(pick: (table: ThreadTable) => T): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const table = this.table;
      const picked = pick(table);
      try {
        await this.ensureDetails(picked.slots);
      } catch (err) {
        if (!(err instanceof SnapshotCorruptError) || attempt > 0) throw err;
        await this.rebuildAfter(err);
      }
      if (table === this.table) return picked; // else rebuilt meanwhile: slots are stale
    }
  }

  /** Runs a read of the current snapshot; if the snapshot turns out damaged, rebuilds instead. */
  private async guard(work: (snap: SnapshotFile) => Promise<void>): Promise<void> {
    const snap = this.snap;
    if (!snap) return;
    try {
      await work(snap);
    } catch (err) {
      // Closed or replaced meanwhile (its handle was closed under the read): nothing to repair.
      if (this.closed || this.snap !== snap) return;
      await this.rebuildAfter(err);
    }
  }

  /** One rebuild for however many readers found the snapshot damaged. */
  private rebuildAfter(err: unknown): Promise<void> {
    this.repairing ??= (async () => {
      this.log(`thread index snapshot unusable (${String(err)}); rebuilding from rollouts`);
      await this.rebuild();
    })().finally(() => {
      this.repairing = null;
    });
    return this.repairing;
  }

  private async closeSnapshot(): Promise<void> {
    const snap = this.snap;
    this.snap = null;
    // close() waits for reads in flight; their guard() notices the swap and gives up quietly.
    if (snap) await snap.close();
  }

  private async doCompact(): Promise<void> {
    await this.loadSearch();
    await this.guard((snap) => snap.loadAllDetails());
    await this.writeSnapshot();
  }

  /** Encodes the table (synchronously, so it is one consistent state) and replaces the snapshot. */
  private async writeSnapshot(): Promise<void> {
    const snap = this.snap;
    await this.logChain;
    const logName = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
    const buf = encodeSnapshot(this.table, logName, (slot) => {
      const d = this.table.details[slot] ?? (this.snap === snap ? snap?.rawDetail(slot) : undefined);
      if (d) return d;
      throw new Error(`thread index: no details for ${this.table.id(slot)}`);
    });
    // Everything dirty so far is in this snapshot; later changes go to the new log.
    this.dirty.clear();
    this.logName = logName;
    this.logCount = 0;
    await writeSnapshotFile(this.dir, buf);
    await removeLogsExcept(this.dir, logName);
  }

  private whenReady(op: () => void): void {
    if (this.ready) op();
    else this.pending.push(op);
  }

  private markDirty(id: string): void {
    this.dirty.add(id);
    if (this.logTimer || this.closed) return;
    this.logTimer = setTimeout(() => {
      this.logTimer = null;
      void this.flush();
    }, this.options.logDelayMs ?? 200);
    this.logTimer.unref();
  }

  private removeSlot(slot: number): void {
    const id = this.table.id(slot);
    this.table.remove(slot);
    this.markDirty(id);
  }

  private detailsSync(slot: number): ThreadDetails | undefined {
    const have = this.table.details[slot];
    if (have) return have;
    const d = this.snap?.detailSync(slot);
    if (d) this.table.details[slot] = d;
    return d;
  }

  /** Makes details available for these slots: from the loaded body, else by positional reads. */
  private async ensureDetails(slots: readonly number[]): Promise<void> {
    const missing = slots.filter((s) => !this.detailsSync(s));
    const snap = this.snap;
    if (missing.length === 0 || !snap) return;
    const read = await snap.readDetails(missing);
    for (const [slot, d] of read) this.table.details[slot] ??= d;
  }

  private materialize(slot: number): ThreadSummary {
    const d = this.detailsSync(slot);
    if (!d) throw new Error(`thread index: details not loaded for ${this.table.id(slot)}`);
    return this.table.summary(slot, d);
  }

  private log(message: string): void {
    this.options.logger?.(message);
  }
}
