// The thread index's append log: changes made since the last snapshot, one JSON line each
// (a whole summary per change, last one wins). Replayed over the snapshot at load; torn or bad
// lines are skipped, since the rollouts remain the truth and reconcile repairs anything lost.
import { readFileSync } from 'node:fs';
import { appendFile, readdir, unlink } from 'node:fs/promises';
import * as path from 'node:path';
import type { ThreadSummary } from './rolloutTypes';
import type { FileStamp, ThreadTable } from './threadTable';

export type IndexLogEntry =
  | { op: 'put'; summary: ThreadSummary; stamp: FileStamp }
  | { op: 'del'; id: string };

export const SNAPSHOT_FILE = 'thread-index.snapshot';
const LOG_PREFIX = 'thread-index.';
const LOG_SUFFIX = '.log';

export function logFileName(logName: string): string {
  return `${LOG_PREFIX}${logName}${LOG_SUFFIX}`;
}

/** True for any log file name (current or stale) this module writes. */
export function isLogFileName(fileName: string): boolean {
  return fileName.startsWith(LOG_PREFIX) && fileName.endsWith(LOG_SUFFIX);
}

/** Appends entries with a single write (a crash tears at most the last one). */
export async function appendLogEntries(dir: string, logName: string, entries: readonly IndexLogEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const text = entries.map((e) => JSON.stringify(e)).join('\n') + '\n';
  await appendFile(path.join(dir, logFileName(logName)), text, 'utf8');
}

/** Reads a log; a missing file is an empty log. Returns the entries and how many lines were bad. */
export function readLogEntries(dir: string, logName: string): { entries: IndexLogEntry[]; bad: number } {
  let text: string;
  try {
    // Synchronous: the first thread/list waits on it, and a thread-pool round trip under load
    // costs more than reading a small file from the page cache.
    text = readFileSync(path.join(dir, logFileName(logName)), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], bad: 0 };
    throw err;
  }
  const entries: IndexLogEntry[] = [];
  let bad = 0;
  for (const line of text.split('\n')) {
    if (!line) continue;
    try {
      const e = JSON.parse(line) as IndexLogEntry;
      if ((e.op === 'put' && typeof e.summary?.id === 'string' && e.stamp) || (e.op === 'del' && typeof e.id === 'string')) {
        entries.push(e);
      } else bad++;
    } catch {
      bad++;
    }
  }
  return { entries, bad };
}

/** Deletes every log but `current`: the others are folded into the snapshot or orphaned. */
export async function removeLogsExcept(dir: string, current: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    if (isLogFileName(name) && name !== logFileName(current)) await unlink(path.join(dir, name)).catch(() => undefined);
  }
}

/** Replays log entries over a table loaded from the snapshot. */
export function applyLogEntries(table: ThreadTable, entries: readonly IndexLogEntry[]): void {
  for (const e of entries) {
    if (e.op === 'put') table.put(e.summary, e.stamp);
    else {
      const slot = table.slotOf(e.id);
      if (slot !== undefined) table.remove(slot);
    }
  }
}
