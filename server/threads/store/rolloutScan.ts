// Finding rollout files on disk and deriving index rows from them: the folder walk used by rebuild
// and reconcile, full and tail (appended bytes only) extraction, and the by-id fallback search.
import { readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { uuidv7Time } from './ids';
import { parseRolloutLine, scanRolloutLines } from './rolloutReader';
import { ARCHIVED_SESSIONS_DIR, SESSIONS_DIR, dayDir, parseRolloutFileName } from './rolloutPaths';
import type { ThreadSummary } from './rolloutTypes';
import { applyLine, emptySummary, mayChangeSummary, summaryChanges } from './threadMetadata';
import type { FileStamp } from './threadTable';

export interface FoundRollout {
  path: string;
  threadId: string;
  archived: boolean;
  /** Creation time from the file name (whole seconds, local clock). */
  nameCreatedAt: number;
}

/** Every rollout file under sessions/ and archived_sessions/ (missing folders are empty). */
export async function walkRollouts(codexHome: string): Promise<FoundRollout[]> {
  const found: FoundRollout[] = [];
  await walk(path.join(codexHome, SESSIONS_DIR), false, found, 0);
  await walk(path.join(codexHome, ARCHIVED_SESSIONS_DIR), true, found, 0);
  return found;
}

async function walk(dir: string, archived: boolean, out: FoundRollout[], depth: number): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  const subdirs: string[] = [];
  for (const e of entries) {
    if (e.isDirectory()) {
      if (depth < 4) subdirs.push(path.join(dir, e.name));
      continue;
    }
    const parsed = e.isFile() ? parseRolloutFileName(e.name) : null;
    if (parsed) out.push({ path: path.join(dir, e.name), threadId: parsed.threadId, archived, nameCreatedAt: parsed.createdAtMs });
  }
  // Two at a time: a burst of readdirs would fill libuv's thread pool and stall list()'s reads.
  await mapLimit(subdirs, 2, (d) => walk(d, archived, out, depth + 1));
}

/** Runs fn over items with at most `limit` in flight; results keep the input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export interface Extracted {
  summary: ThreadSummary;
  stamp: FileStamp;
}

/**
 * Reads a rollout and derives its row. Lines that cannot change the summary are not parsed (see
 * mayChangeSummary), so big tool outputs cost only a byte scan. updatedAt is the file's mtime.
 * Returns null if the file vanished or holds no session_meta for its id.
 */
export async function extractRollout(found: FoundRollout, defaultProvider: string): Promise<Extracted | null> {
  try {
    const st = await stat(found.path);
    const summary = emptySummary({
      id: found.threadId,
      path: found.path,
      archived: found.archived,
      createdAt: found.nameCreatedAt,
      updatedAt: st.mtimeMs,
      defaultProvider,
    });
    let sawMeta = false;
    // An unterminated last line is used if it parses (some writers omit the final newline); it
    // stays outside scannedBytes, so a later tail read sees it again (applying a line is idempotent).
    const scan = await scanRolloutLines(found.path, (raw) => {
      if (!mayChangeSummary(raw, summary.preview === '')) return;
      const parsed = parseRolloutLine(raw.toString('utf8'));
      if (!parsed.ok) return;
      if (parsed.line.type === 'session_meta' && parsed.line.payload.id.toLowerCase() === found.threadId) sawMeta = true;
      applyLine(summary, parsed.line);
    });
    if (!sawMeta) return null;
    summary.updatedAt = Math.max(st.mtimeMs, summary.createdAt);
    return { summary, stamp: { size: scan.totalBytes, mtimeMs: st.mtimeMs, scannedBytes: scan.completeBytes } };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** Folds only the bytes appended since `fromOffset` into a copy of `current`. */
export async function extractTail(filePath: string, current: ThreadSummary, fromOffset: number): Promise<{ summary: ThreadSummary; scannedBytes: number; size: number }> {
  const summary = { ...current };
  const scan = await scanRolloutLines(
    filePath,
    (raw) => {
      if (!mayChangeSummary(raw, summary.preview === '')) return;
      const parsed = parseRolloutLine(raw.toString('utf8'));
      if (!parsed.ok) return;
      const changes = summaryChanges(summary, parsed.line);
      if (changes) Object.assign(summary, changes);
    },
    { fromOffset },
  );
  return { summary, scannedBytes: scan.completeBytes, size: scan.totalBytes };
}

/**
 * Finds a rollout by thread id without the index. A UUIDv7 id carries its creation time, so the
 * matching day folder (and its neighbours, for clock and time-zone slack) is tried before a walk.
 */
export async function findRolloutByScan(codexHome: string, threadId: string): Promise<FoundRollout | null> {
  const id = threadId.toLowerCase();
  const suffix = `-${id}.jsonl`;
  const t = uuidv7Time(id);
  if (t !== null) {
    for (const delta of [0, -86_400_000, 86_400_000]) {
      const dir = path.join(codexHome, SESSIONS_DIR, dayDir(t + delta));
      const hit = await findIn(dir, suffix, false);
      if (hit) return hit;
    }
    const archived = await findIn(path.join(codexHome, ARCHIVED_SESSIONS_DIR), suffix, true);
    if (archived) return archived;
  }
  const all = await walkRollouts(codexHome);
  return all.find((f) => f.threadId === id) ?? null;
}

async function findIn(dir: string, suffix: string, archived: boolean): Promise<FoundRollout | null> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return null;
  }
  for (const name of names) {
    if (!name.toLowerCase().endsWith(suffix)) continue;
    const parsed = parseRolloutFileName(name);
    if (parsed) return { path: path.join(dir, name), threadId: parsed.threadId, archived, nameCreatedAt: parsed.createdAtMs };
  }
  return null;
}
