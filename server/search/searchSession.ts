// A typing-as-you-search session behind `fuzzyFileSearch/sessionStart|sessionUpdate|sessionStop`:
// the roots are walked once in the background into in-memory indexes, and each query update is
// scored against them, streaming partial results while the walk is still running. Results reach
// the caller through callbacks (the handler turns them into `fuzzyFileSearch/sessionUpdated` and
// `fuzzyFileSearch/sessionCompleted` notifications). Only the latest query is ever reported: a
// newer update abandons an older one that has not finished.
import { FileIndex } from './fileIndex';
import { compileQuery } from './matcher';
import { SearchRun } from './searchRun';
import { DEFAULT_RESULT_LIMIT, type FuzzyFileMatch } from './types';
import { walkDirectory, type WalkOptions, type WalkStats } from './walker';

export interface FuzzySearchSessionUpdate {
  query: string;
  files: FuzzyFileMatch[];
}

export interface FuzzySearchSessionCallbacks {
  /** Results for `query` (partial while the walk runs, then final). */
  onUpdated(update: FuzzySearchSessionUpdate): void;
  /** The results last reported for `query` are final. Called once per query that is not superseded. */
  onCompleted(query: string): void;
}

export interface FuzzySearchSessionOptions {
  limit?: number;
  walk?: Omit<WalkOptions, 'signal'>;
  /** Minimum spacing of partial updates while walking. Default 50 ms. */
  progressIntervalMs?: number;
  /** Longest stretch of scoring before yielding to the event loop. Default 8 ms. */
  sliceMs?: number;
}

interface QueryState {
  readonly query: string;
  /** Null for an empty query, which matches nothing. */
  readonly run: SearchRun | null;
  lastEmitAt: number;
  done: boolean;
}

export class FuzzySearchSession {
  /** Settles when every root has been walked (or the session was stopped). */
  readonly walked: Promise<WalkStats[]>;
  private readonly indexes: FileIndex[];
  private readonly controller = new AbortController();
  private readonly progressTimer: NodeJS.Timeout;
  private walking = true;
  private stopped = false;
  private current: QueryState | null = null;
  /** The latest run whose match list is usable as a starting point for a narrower query. */
  private base: SearchRun | null = null;
  private scheduled = false;

  constructor(
    readonly roots: readonly string[],
    private readonly callbacks: FuzzySearchSessionCallbacks,
    private readonly options: FuzzySearchSessionOptions = {},
  ) {
    this.indexes = roots.map((root) => new FileIndex(root));
    const signal = this.controller.signal;
    const empty: WalkStats = { entries: 0, directories: 0, errors: 0, truncated: false };
    this.walked = Promise.all(
      roots.map((root, i) =>
        // Unreadable directories are skipped inside the walk; anything else (or stop()) just ends
        // this root's walk with what it found, rather than failing the whole session.
        walkDirectory(root, this.indexes[i]!, { ...options.walk, signal }).catch(() => empty),
      ),
    ).finally(() => {
      this.walking = false;
      clearInterval(this.progressTimer);
      this.schedule();
    });
    // Let a query typed early see the entries found since, without waiting for the whole walk.
    this.progressTimer = setInterval(() => this.schedule(), this.progressIntervalMs);
    this.progressTimer.unref();
  }

  /** Whether the background walk is still running. */
  get isWalking(): boolean {
    return this.walking;
  }

  /** Entries indexed so far across all roots. */
  get entryCount(): number {
    let n = 0;
    for (const ix of this.indexes) n += ix.count;
    return n;
  }

  /** Sets the query; results arrive through the callbacks. Ignored after stop(). */
  update(query: string): void {
    if (this.stopped) return;
    const prev = this.current?.run ?? null;
    if (prev !== null && prev.indexes.every((_, i) => prev.coverage(i) >= 0)) this.base = prev;
    const compiled = compileQuery(query);
    const run =
      compiled === null
        ? null
        : new SearchRun(compiled, this.indexes, {
            limit: this.options.limit ?? DEFAULT_RESULT_LIMIT,
            labels: this.roots,
            previous: this.base,
          });
    this.current = { query, run, lastEmitAt: -Infinity, done: false };
    this.schedule();
  }

  /** Ends the session: the walk is aborted and no callback fires afterwards. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.current = null;
    this.base = null;
    clearInterval(this.progressTimer);
    this.controller.abort();
  }

  private get progressIntervalMs(): number {
    return this.options.progressIntervalMs ?? 50;
  }

  private schedule(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    // Deferred, so a burst of updates in one tick only ever computes the last query.
    setImmediate(() => {
      this.scheduled = false;
      this.process();
    });
  }

  private process(): void {
    const state = this.current;
    if (this.stopped || state === null || state.done) return;
    const run = state.run;
    if (run === null) {
      state.done = true;
      this.callbacks.onUpdated({ query: state.query, files: [] });
      this.callbacks.onCompleted(state.query);
      return;
    }
    const caughtUp = run.step(performance.now() + (this.options.sliceMs ?? 8));
    // A callback may have stopped the session or replaced the query; only report the latest.
    if (this.current !== state) return;
    if (!caughtUp) {
      this.emitPartial(state, run);
      this.schedule();
      return;
    }
    if (this.walking) {
      this.emitPartial(state, run);
      return; // the progress timer or the end of the walk schedules the next step
    }
    state.done = true;
    run.takeChanged();
    this.callbacks.onUpdated({ query: state.query, files: run.results() });
    if (this.current === state) this.callbacks.onCompleted(state.query);
  }

  private emitPartial(state: QueryState, run: SearchRun): void {
    const now = performance.now();
    if (now - state.lastEmitAt < this.progressIntervalMs || !run.takeChanged()) return;
    state.lastEmitAt = now;
    this.callbacks.onUpdated({ query: state.query, files: run.results() });
  }
}
