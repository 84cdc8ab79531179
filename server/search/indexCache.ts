// Shares walked FileIndexes between one-shot fuzzy searches. A composer that sends one
// `fuzzyFileSearch` per keystroke would otherwise re-walk the whole tree for every character; here
// a walk started less than `maxAgeMs` ago (finished or still running) is reused, so results are
// never older than that window, and concurrent searches of one root share a single walk.
import * as path from 'node:path';
import { FileIndex } from './fileIndex';
import { walkDirectory, type WalkOptions } from './walker';

export interface FileIndexCacheOptions {
  /** Reuse a walk that started at most this long ago. 0 disables reuse. Default 2000 ms. */
  maxAgeMs?: number;
  walk?: Omit<WalkOptions, 'signal'>;
}

interface CacheEntry {
  readonly index: FileIndex;
  readonly startedAt: number;
  readonly promise: Promise<FileIndex>;
  readonly controller: AbortController;
  done: boolean;
  waiters: number;
}

const DEFAULT_MAX_AGE_MS = 2000;

export class FileIndexCache {
  private readonly entries = new Map<string, CacheEntry>();
  private readonly maxAgeMs: number;

  constructor(private readonly options: FileIndexCacheOptions = {}) {
    this.maxAgeMs = options.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
  }

  /**
   * The complete index of `root`, walked now or reused from a recent walk. If every caller waiting
   * on a walk gives up (its signal aborts), the walk itself is aborted and forgotten.
   */
  async acquire(root: string, signal?: AbortSignal): Promise<FileIndex> {
    signal?.throwIfAborted();
    const key = path.resolve(root);
    let entry = this.entries.get(key);
    if (entry === undefined || performance.now() - entry.startedAt > this.maxAgeMs) {
      entry = this.startWalk(key, root);
    }
    entry.waiters++;
    try {
      return await raceAbort(entry.promise, signal);
    } finally {
      entry.waiters--;
      if (!entry.done && entry.waiters === 0) {
        entry.controller.abort();
        if (this.entries.get(key) === entry) this.entries.delete(key);
      }
    }
  }

  /** Forgets every index (in-flight walks finish for their current waiters). */
  clear(): void {
    this.entries.clear();
  }

  private startWalk(key: string, root: string): CacheEntry {
    const index = new FileIndex(root);
    const controller = new AbortController();
    const startedAt = performance.now();
    const promise = walkDirectory(key, index, { ...this.options.walk, signal: controller.signal }).then(() => {
      entry.done = true;
      // Drop the index once it is too old to be reused, so its memory does not linger.
      const ttl = Math.max(0, this.maxAgeMs - (performance.now() - startedAt));
      setTimeout(() => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      }, ttl).unref();
      return index;
    });
    // Waiters observe failures through their own await; this keeps an abandoned walk quiet.
    promise.catch(() => undefined);
    const entry: CacheEntry = { index, startedAt, promise, controller, done: false, waiters: 0 };
    if (this.maxAgeMs > 0) this.entries.set(key, entry);
    return entry;
  }
}

/** Settles with `promise`, or rejects with the signal's reason as soon as it aborts. */
export function raceAbort<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}
