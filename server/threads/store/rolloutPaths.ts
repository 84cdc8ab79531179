// Where rollout files live under CODEX_HOME and how their names encode creation time and thread
// id, matching Codex: sessions/YYYY/MM/DD/rollout-YYYY-MM-DDTHH-MM-SS-<uuid>.jsonl (local time),
// and archived_sessions/<same file name>.
import * as path from 'node:path';

export const SESSIONS_DIR = 'sessions';
export const ARCHIVED_SESSIONS_DIR = 'archived_sessions';
/** Our own files (the thread index) live here, away from files Codex owns. */
export const CODEX_TS_DIR = 'codex-ts';

const FILE_RE = /^rollout-(\d{4})-(\d{2})-(\d{2})T(\d{2})-(\d{2})-(\d{2})-([0-9a-fA-F-]{36})\.jsonl$/;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `rollout-2026-11-21T05-53-16-<id>.jsonl` for a creation time (local clock, like Codex). */
export function rolloutFileName(createdAtMs: number, threadId: string): string {
  const d = new Date(createdAtMs);
  const stamp =
    `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` +
    `T${pad(d.getHours())}-${pad(d.getMinutes())}-${pad(d.getSeconds())}`;
  return `rollout-${stamp}-${threadId}.jsonl`;
}

/** The day folder (relative to CODEX_HOME/sessions) a creation time files under. */
export function dayDir(createdAtMs: number): string {
  const d = new Date(createdAtMs);
  return path.join(pad(d.getFullYear(), 4), pad(d.getMonth() + 1), pad(d.getDate()));
}

/** Absolute path of a new, active rollout. */
export function activeRolloutPath(codexHome: string, createdAtMs: number, threadId: string): string {
  return path.join(codexHome, SESSIONS_DIR, dayDir(createdAtMs), rolloutFileName(createdAtMs, threadId));
}

export interface ParsedRolloutName {
  threadId: string;
  /** Creation time from the name (local clock, whole seconds), epoch ms. */
  createdAtMs: number;
  /** `sessions/YYYY/MM/DD` sub-folder the name belongs in. */
  dayDir: string;
}

/** Parses a rollout file name (not a path); null for anything else. */
export function parseRolloutFileName(fileName: string): ParsedRolloutName | null {
  const m = FILE_RE.exec(fileName);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const createdAtMs = new Date(y, mo - 1, d, h, mi, s).getTime();
  if (Number.isNaN(createdAtMs)) return null;
  return { threadId: m[7]!.toLowerCase(), createdAtMs, dayDir: path.join(m[1]!, m[2]!, m[3]!) };
}

/** Where an active rollout with this file name goes when it is unarchived. */
export function unarchivedPathFor(codexHome: string, fileName: string): string | null {
  const parsed = parseRolloutFileName(fileName);
  if (!parsed) return null;
  return path.join(codexHome, SESSIONS_DIR, parsed.dayDir, fileName);
}

export function archivedPathFor(codexHome: string, fileName: string): string {
  return path.join(codexHome, ARCHIVED_SESSIONS_DIR, fileName);
}

/** True when the path is inside CODEX_HOME/archived_sessions. */
export function isArchivedPath(codexHome: string, filePath: string): boolean {
  const rel = path.relative(path.join(codexHome, ARCHIVED_SESSIONS_DIR), filePath);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** ISO-8601 UTC with milliseconds, the rollout timestamp format. */
export function isoTimestamp(ms: number): string {
  return new Date(ms).toISOString();
}
