// Reconcile: bring the index in line with the rollout files on disk, which stay the truth. Files
// another program (e.g. the Codex CLI sharing ~/.codex) created, appended to, moved or deleted are
// found by comparing size and mtime per file; only new or changed files are read, appended ones
// only from where the last read stopped.
import { stat } from 'node:fs/promises';
import type { ThreadSummary } from './rolloutTypes';
import { extractRollout, extractTail, mapLimit, walkRollouts, type FoundRollout } from './rolloutScan';
import { FLAG_ARCHIVED, FLAG_DELETED, ThreadTable, type FileStamp } from './threadTable';

export interface ReconcileStats {
  /** Rollout files found on disk. */
  files: number;
  added: number;
  updated: number;
  removed: number;
  unchanged: number;
  ms: number;
}

/** What reconcile needs from the index it repairs. */
export interface ReconcileTarget {
  readonly table: ThreadTable;
  readonly defaultProvider: string;
  summaryOf(slot: number): Promise<ThreadSummary>;
  put(summary: ThreadSummary, stamp: FileStamp): void;
  removeSlot(slot: number): void;
  setStamp(slot: number, stamp: FileStamp): void;
  isClosed(): boolean;
}

// Small on purpose: stats share libuv's 4-thread pool with the reads list() needs, and a long queue
// there would make pages wait behind reconcile.
const STAT_CONCURRENCY = 3;
/** Long loops hand the event loop back this often, so list() calls are not held up. */
const YIELD_EVERY = 512;
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A fresh table with a row for every readable rollout (first file wins for a duplicated id). */
export async function buildTableFromRollouts(codexHome: string, defaultProvider: string): Promise<ThreadTable> {
  const table = new ThreadTable();
  const rows = await mapLimit(await walkRollouts(codexHome), 16, (f) => extractRollout(f, defaultProvider));
  for (const row of rows) if (row && table.slotOf(row.summary.id) === undefined) table.put(row.summary, row.stamp);
  return table;
}

export async function reconcileIndex(target: ReconcileTarget, codexHome: string): Promise<ReconcileStats> {
  const started = performance.now();
  const { table } = target;
  // Rows our own writers touch from here on are fresher than anything this pass reads.
  const startTouch = table.nextTouch;
  const found = await walkRollouts(codexHome);
  const stats: ReconcileStats = { files: found.length, added: 0, updated: 0, removed: 0, unchanged: 0, ms: 0 };
  const seen = new Set<string>();
  const unique: FoundRollout[] = [];
  await yieldToEventLoop();
  table.slotOf(''); // builds the id map now rather than inside a stat callback
  for (const f of found) {
    // The same id in sessions/ and archived_sessions/ (a move in progress): the first one wins.
    if (!seen.has(f.threadId)) {
      seen.add(f.threadId);
      unique.push(f);
    }
  }
  await mapLimit(unique, STAT_CONCURRENCY, async (f) => {
    if (target.isClosed()) return;
    const outcome = await reconcileOne(target, f, startTouch);
    stats[outcome]++;
  });
  if (!target.isClosed()) {
    for (let slot = 0; slot < table.slots; slot++) {
      if (slot % YIELD_EVERY === YIELD_EVERY - 1) await yieldToEventLoop();
      if (table.flags[slot]! & FLAG_DELETED || seen.has(table.id(slot)) || table.touched[slot]! >= startTouch) continue;
      target.removeSlot(slot);
      stats.removed++;
    }
  }
  stats.ms = performance.now() - started;
  return stats;
}

async function reconcileOne(target: ReconcileTarget, f: FoundRollout, startTouch: number): Promise<'added' | 'updated' | 'unchanged'> {
  const { table } = target;
  const slot = table.slotOf(f.threadId);
  if (slot === undefined) {
    const extracted = await extractRollout(f, target.defaultProvider);
    if (!extracted || table.slotOf(f.threadId) !== undefined) return 'unchanged';
    target.put(extracted.summary, extracted.stamp);
    return 'added';
  }
  if (table.touched[slot]! >= startTouch) return 'unchanged';
  let st;
  try {
    st = await stat(f.path);
  } catch {
    return 'unchanged'; // vanished since the walk; the next pass drops it
  }
  const stamp = table.stampOf(slot);
  const archivedNow = (table.flags[slot]! & FLAG_ARCHIVED) !== 0;
  const sameFile = st.size === stamp.size && archivedNow === f.archived;
  if (sameFile && stamp.mtimeMs === st.mtimeMs) return 'unchanged';
  if (sameFile && stamp.mtimeMs === 0) {
    // Our own writer recorded the size but not the mtime: nothing new, just remember the mtime.
    target.setStamp(slot, { ...stamp, mtimeMs: st.mtimeMs });
    return 'unchanged';
  }
  const current = await target.summaryOf(slot);
  if (table.touched[slot]! >= startTouch) return 'unchanged';
  if (stamp.scannedBytes > 0 && st.size >= stamp.scannedBytes) {
    const tail = await extractTail(f.path, { ...current, path: f.path, archived: f.archived }, stamp.scannedBytes);
    if (table.touched[slot]! >= startTouch) return 'unchanged';
    tail.summary.updatedAt = Math.max(current.updatedAt, st.mtimeMs);
    target.put(tail.summary, { size: tail.size, mtimeMs: st.mtimeMs, scannedBytes: tail.scannedBytes });
    return 'updated';
  }
  // Shrunk or never read: start over.
  const extracted = await extractRollout(f, target.defaultProvider);
  if (table.touched[slot]! >= startTouch) return 'unchanged';
  if (extracted) target.put(extracted.summary, extracted.stamp);
  else target.removeSlot(slot);
  return 'updated';
}
