// ThreadStore: the storage facade the thread/turn layer uses. It creates, resumes, forks, archives
// and lists persisted threads, owns the RolloutWriters it hands out, and keeps the ThreadIndex up to
// date from their appends (new thread, first user message → preview, name, updatedAt, archive).
import { access, mkdir, rename, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { uuidv7 } from './ids';
import { parseRolloutLine, readRollout, scanRolloutLines, nextOrdinalOf, type ReadRolloutResult } from './rolloutReader';
import { activeRolloutPath, archivedPathFor, isoTimestamp, unarchivedPathFor } from './rolloutPaths';
import { extractRollout, findRolloutByScan } from './rolloutScan';
import type { JsonValue, RolloutGitInfo, RolloutLine, SessionMetaPayload, SessionSourceValue, ThreadSummary } from './rolloutTypes';
import { applyLine, emptySummary, summaryChanges } from './threadMetadata';
import { ThreadIndex, type ThreadIndexOptions, type ThreadListPage } from './threadIndex';
import type { ThreadListQuery } from './threadQuery';
import { RolloutWriter } from './rolloutWriter';

export interface ThreadStoreOptions {
  /** The CODEX_HOME folder (sessions/, archived_sessions/, codex-ts/ live under it). */
  codexHome: string;
  /** fsync rollouts in flush()/close(). Default false (the OS flushes; a crash may lose the tail). */
  fsync?: boolean;
  /** Index tuning; codexHome is taken from above. */
  index?: Omit<ThreadIndexOptions, 'codexHome'>;
  /** Clock (tests). */
  now?: () => number;
}

/** session_meta fields for a new thread. */
export interface NewThreadInit {
  /** Default: a new UUIDv7. */
  id?: string;
  cwd: string;
  originator: string;
  cliVersion: string;
  /** e.g. 'vscode', 'cli', 'exec', 'mcp' (app-server), or a sub-agent object. */
  source: SessionSourceValue;
  modelProvider: string;
  model?: string | null;
  baseInstructions?: string | null;
  git?: RolloutGitInfo | null;
  /** Further session_meta fields (history_mode, context_window, …), written as given. */
  extra?: Record<string, JsonValue>;
}

/** A thread open for appending. Append through `writer`; the index follows automatically. */
export interface OpenThread {
  id: string;
  path: string;
  writer: RolloutWriter;
}

export class ThreadNotFoundError extends Error {
  constructor(readonly threadId: string) {
    super(`no rollout found for thread id ${threadId}`);
  }
}

export class ThreadStore {
  readonly codexHome: string;
  readonly index: ThreadIndex;
  private readonly writers = new Map<string, { writer: RolloutWriter; summary: ThreadSummary }>();
  private readonly now: () => number;

  /** Starts loading the index at once, so the first list() finds it (nearly) ready. */
  constructor(private readonly options: ThreadStoreOptions) {
    this.codexHome = options.codexHome;
    this.now = options.now ?? Date.now;
    this.index = new ThreadIndex({ ...options.index, codexHome: options.codexHome });
    void this.index.load().catch(() => undefined);
  }

  /** Creates a rollout whose first line (session_meta) is on disk when this resolves. */
  async createThread(init: NewThreadInit): Promise<OpenThread> {
    const createdAt = this.now();
    const id = (init.id ?? uuidv7(createdAt)).toLowerCase();
    const filePath = activeRolloutPath(this.codexHome, createdAt, id);
    const meta: SessionMetaPayload = {
      id,
      session_id: id,
      timestamp: isoTimestamp(createdAt),
      cwd: init.cwd,
      originator: init.originator,
      cli_version: init.cliVersion,
      source: init.source,
      model_provider: init.modelProvider,
      ...(init.model ? { model: init.model } : {}),
      ...(init.baseInstructions ? { base_instructions: { text: init.baseInstructions } } : {}),
      ...(init.git ? { git: init.git } : {}),
      ...init.extra,
    };
    const summary = emptySummary({ id, path: filePath, archived: false, createdAt, updatedAt: createdAt, defaultProvider: init.modelProvider });
    applyLine(summary, { timestamp: meta.timestamp, type: 'session_meta', payload: meta });
    this.index.put(summary);
    const open = await this.openWriter(summary, 0);
    open.writer.append({ type: 'session_meta', payload: meta, timestamp: meta.timestamp });
    await open.writer.flush();
    return open;
  }

  /** Opens an existing thread for appending (the same writer if it is already open). */
  async resumeThread(threadId: string, opts: { nextOrdinal?: number } = {}): Promise<OpenThread> {
    const id = threadId.toLowerCase();
    const open = this.writers.get(id);
    if (open && !open.writer.isClosed) return { id, path: open.summary.path, writer: open.writer };
    const summary = await this.getThread(id);
    if (!summary) throw new ThreadNotFoundError(id);
    return this.openWriter(summary, opts.nextOrdinal ?? (await nextOrdinalOf(summary.path)));
  }

  /**
   * Copies a thread into a new rollout with a new id: a new session_meta (forked_from_id set,
   * fields from `overrides` applied), then every other valid line of the source, byte for byte.
   */
  async forkThread(sourceId: string, overrides: Partial<SessionMetaPayload> = {}): Promise<OpenThread> {
    const source = await this.getThread(sourceId);
    if (!source) throw new ThreadNotFoundError(sourceId);
    await this.writers.get(source.id)?.writer.flush();
    const createdAt = this.now();
    const id = (overrides.id ?? uuidv7(createdAt)).toLowerCase();
    const chunks: Buffer[] = [];
    let meta: SessionMetaPayload | null = null;
    await scanRolloutLines(source.path, (raw, _n, terminated) => {
      if (!terminated) return; // a torn tail is not history
      const parsed = parseRolloutLine(raw.toString('utf8'));
      if (!parsed.ok && parsed.kind === 'malformed-line') return;
      if (parsed.ok && parsed.line.type === 'session_meta') {
        if (!meta && parsed.line.payload.id.toLowerCase() === source.id) meta = parsed.line.payload;
        return;
      }
      chunks.push(Buffer.from(raw), Buffer.from('\n'));
    });
    const sourceMeta = meta as SessionMetaPayload | null;
    if (!sourceMeta) throw new ThreadNotFoundError(sourceId);
    const newMeta: SessionMetaPayload = {
      ...sourceMeta,
      session_id: id,
      ...overrides,
      id,
      forked_from_id: source.id,
      timestamp: isoTimestamp(createdAt),
    };
    const metaLine = JSON.stringify({ timestamp: newMeta.timestamp, ordinal: 0, type: 'session_meta', payload: newMeta }) + '\n';
    const filePath = activeRolloutPath(this.codexHome, createdAt, id);
    // Write under a temporary name and rename, so reconcile never sees a half-copied fork.
    await mkdir(path.dirname(filePath), { recursive: true });
    const tmp = `${filePath}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(tmp, Buffer.concat([Buffer.from(metaLine), ...chunks]));
    await rename(tmp, filePath);
    const extracted = await extractRollout({ path: filePath, threadId: id, archived: false, nameCreatedAt: createdAt }, source.modelProvider);
    if (!extracted) throw new Error(`fork of ${source.id} produced an unreadable rollout`);
    extracted.summary.updatedAt = createdAt;
    this.index.put(extracted.summary, extracted.stamp);
    return this.openWriter(extracted.summary, 1 + chunks.length / 2);
  }

  /** The rollout path for a thread id: via the index, else by searching the folders. */
  async findRolloutPath(threadId: string): Promise<string | null> {
    return (await this.getThread(threadId))?.path ?? null;
  }

  /** A thread's summary; falls back to (and repairs the index from) the files if the index is stale. */
  async getThread(threadId: string): Promise<ThreadSummary | null> {
    const id = threadId.toLowerCase();
    const live = this.writers.get(id);
    if (live && !live.writer.isClosed) return { ...live.summary };
    const indexed = await this.index.get(id);
    if (indexed && (await exists(indexed.path))) return indexed;
    const found = await findRolloutByScan(this.codexHome, id);
    const extracted = found ? await extractRollout(found, this.index.defaultProvider) : null;
    if (!extracted) {
      if (indexed) this.index.remove(id);
      return null;
    }
    this.index.put(extracted.summary, extracted.stamp);
    return extracted.summary;
  }

  listThreads(query: ThreadListQuery = {}): Promise<ThreadListPage> {
    return this.index.list(query);
  }

  /** Every line of a thread's rollout, plus warnings for lines that had to be skipped. */
  async readThread(threadId: string): Promise<ReadRolloutResult & { summary: ThreadSummary }> {
    const summary = await this.getThread(threadId);
    if (!summary) throw new ThreadNotFoundError(threadId);
    await this.writers.get(summary.id)?.writer.flush();
    return { ...(await readRollout(summary.path)), summary };
  }

  /** Moves the rollout to archived_sessions/ (same file name). An open writer keeps working. */
  archiveThread(threadId: string): Promise<ThreadSummary> {
    return this.move(threadId, true);
  }

  /** Moves an archived rollout back to sessions/YYYY/MM/DD/. */
  unarchiveThread(threadId: string): Promise<ThreadSummary> {
    return this.move(threadId, false);
  }

  /** Writes everything queued by every open writer, then the index log. */
  async flush(): Promise<void> {
    await Promise.all([...this.writers.values()].map((w) => (w.writer.isClosed ? undefined : w.writer.flush())));
    await this.index.flush();
  }

  async close(): Promise<void> {
    await Promise.all([...this.writers.values()].map((w) => w.writer.close()));
    this.writers.clear();
    await this.index.close();
  }

  private async move(threadId: string, archive: boolean): Promise<ThreadSummary> {
    const summary = await this.getThread(threadId);
    if (!summary) throw new ThreadNotFoundError(threadId);
    if (summary.archived === archive) return summary;
    const fileName = path.basename(summary.path);
    const dest = archive ? archivedPathFor(this.codexHome, fileName) : unarchivedPathFor(this.codexHome, fileName);
    if (!dest) throw new Error(`not a rollout file name: ${fileName}`);
    await mkdir(path.dirname(dest), { recursive: true });
    await rename(summary.path, dest);
    const changes = { path: dest, archived: archive };
    const live = this.writers.get(summary.id);
    if (live) Object.assign(live.summary, changes);
    this.index.update(summary.id, changes);
    return { ...summary, ...changes };
  }

  private async openWriter(summary: ThreadSummary, nextOrdinal: number): Promise<OpenThread> {
    const live = { summary: { ...summary } };
    const id = summary.id;
    const writer = await RolloutWriter.open(summary.path, {
      fsync: this.options.fsync,
      nextOrdinal,
      now: this.now,
      onAppend: (line: RolloutLine) => {
        const changes = summaryChanges(live.summary, line) ?? {};
        const updatedAt = Math.max(live.summary.updatedAt, this.now());
        Object.assign(live.summary, changes, { updatedAt });
        this.index.update(id, { ...changes, updatedAt });
      },
      onWritten: (size) => this.index.noteWritten(id, size),
    });
    this.writers.set(id, { summary: live.summary, writer });
    return { id, path: summary.path, writer };
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await access(p);
    return true;
  } catch {
    return false;
  }
}
