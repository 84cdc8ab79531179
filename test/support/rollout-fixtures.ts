// Synthetic rollouts for tests and the thread/list benchmark: realistic files (session_meta, a user
// message, an agent reply) written straight to disk, fast, with varied cwd, provider, source,
// archive state and mtimes. Not used by the server itself.
import { mkdir, utimes, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { uuidv7ForTime } from '../../server/threads/store/ids';
import { activeRolloutPath, archivedPathFor, isoTimestamp, rolloutFileName } from '../../server/threads/store/rolloutPaths';
import { mapLimit } from '../../server/threads/store/rolloutScan';
import type { RolloutLine, SessionSourceValue } from '../../server/threads/store/rolloutTypes';

export interface SyntheticThread {
  id: string;
  path: string;
  createdAt: number;
  /** The file's mtime, which is what the index reports as updatedAt for files it did not write. */
  updatedAt: number;
  cwd: string;
  modelProvider: string;
  source: SessionSourceValue;
  archived: boolean;
  userText: string;
  name: string | null;
}

export interface SyntheticOptions {
  /** Default 0x5eed: the same seed gives the same threads (ids aside). */
  seed?: number;
  /** Creation times spread backwards from here over `spanDays`. Default now, 90 days. */
  endMs?: number;
  spanDays?: number;
  /** Size of session_meta.base_instructions (Codex writes ~21 KB). Default 2000. */
  baseInstructionChars?: number;
  archivedRatio?: number;
  namedRatio?: number;
  cwds?: readonly string[];
  providers?: readonly string[];
  sources?: readonly SessionSourceValue[];
}

/** A small deterministic PRNG (mulberry32), so generated data is reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['refactor', 'the', 'parser', 'add', 'tests', 'for', 'login', 'fix', 'flaky', 'build', 'why', 'does', 'this', 'crash', 'on', 'startup', 'explain', 'module', 'rename', 'config', 'loader', 'and', 'update', 'docs', 'migrate', 'database', 'schema', 'speed', 'up', 'list'];

/** Writes `count` rollouts under codexHome and returns what each should index as. */
export async function writeSyntheticRollouts(codexHome: string, count: number, opts: SyntheticOptions = {}): Promise<SyntheticThread[]> {
  const rand = seededRandom(opts.seed ?? 0x5eed);
  const endMs = opts.endMs ?? Date.now();
  const span = (opts.spanDays ?? 90) * 86_400_000;
  const cwds = opts.cwds ?? Array.from({ length: 20 }, (_, i) => `/home/dev/projects/project-${i}`);
  const providers = opts.providers ?? ['openai', 'openai', 'openai', 'mock', 'azure'];
  const sources = opts.sources ?? ['vscode', 'vscode', 'cli', 'exec', 'mcp', { subagent: 'review' }];
  const instructions = 'You are Codex, a coding agent. '.repeat(Math.ceil((opts.baseInstructionChars ?? 2000) / 31)).slice(0, opts.baseInstructionChars ?? 2000);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const threads: SyntheticThread[] = [];
  for (let i = 0; i < count; i++) {
    // Whole seconds: the file name only has seconds, and equal times exercise the id tie-break.
    const createdAt = Math.floor((endMs - rand() * span) / 1000) * 1000;
    const id = uuidv7ForTime(createdAt);
    const archived = rand() < (opts.archivedRatio ?? 0.1);
    const words = Array.from({ length: 5 + Math.floor(rand() * 60) }, () => pick(WORDS));
    threads.push({
      id,
      path: archived ? archivedPathFor(codexHome, rolloutFileName(createdAt, id)) : activeRolloutPath(codexHome, createdAt, id),
      createdAt,
      updatedAt: Math.min(createdAt + Math.floor(rand() * 3 * 86_400_000), endMs),
      cwd: pick(cwds),
      modelProvider: pick(providers),
      source: pick(sources),
      archived,
      userText: `${words.join(' ')} #${i}`,
      name: rand() < (opts.namedRatio ?? 0.15) ? `Thread ${i} ${pick(WORDS)}` : null,
    });
  }
  const dirs = new Set(threads.map((t) => path.dirname(t.path)));
  await Promise.all([...dirs].map((d) => mkdir(d, { recursive: true })));
  await mapLimit(threads, 64, async (t) => {
    await writeFile(t.path, syntheticRolloutText(t, instructions));
    const mtime = new Date(t.updatedAt);
    await utimes(t.path, mtime, mtime);
  });
  return threads;
}

/** The JSONL text of one synthetic thread. */
export function syntheticRolloutText(t: SyntheticThread, baseInstructions: string): string {
  const ts = isoTimestamp(t.createdAt);
  const lines: Omit<RolloutLine, 'ordinal'>[] = [
    {
      timestamp: ts,
      type: 'session_meta',
      payload: {
        id: t.id, session_id: t.id, timestamp: ts, cwd: t.cwd, originator: 'codex_vscode', cli_version: '0.169.0',
        source: t.source, model_provider: t.modelProvider, base_instructions: { text: baseInstructions },
        history_mode: 'paginated', git: { commit_hash: 'a'.repeat(40), branch: 'main', repository_url: 'https://example.com/repo.git' },
      },
    },
    { timestamp: ts, type: 'event_msg', payload: { type: 'task_started', turn_id: 'turn-1' } },
    { timestamp: ts, type: 'response_item', payload: { type: 'message', role: 'user', content: [{ type: 'input_text', text: t.userText }] } },
    { timestamp: ts, type: 'event_msg', payload: { type: 'user_message', message: t.userText, images: [] } },
    { timestamp: ts, type: 'response_item', payload: { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Done: I looked into it and made the change.', annotations: [] }] } },
  ];
  if (t.name) lines.push({ timestamp: ts, type: 'event_msg', payload: { type: 'thread_name_updated', thread_id: t.id, thread_name: t.name } });
  lines.push({ timestamp: ts, type: 'event_msg', payload: { type: 'task_complete', turn_id: 'turn-1' } });
  return lines.map((l, ordinal) => JSON.stringify({ timestamp: l.timestamp, ordinal, type: l.type, payload: l.payload })).join('\n') + '\n';
}
