// Where the before/after contents of file changes are kept (no `vscode` import): in memory up to
// a character budget, and — when the extension has a storage folder — on disk too, one JSON file
// per item under a folder per turn, so revert and undo survive both eviction and a window reload.
// Old turns are pruned from disk by count.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod';
import type { ResolvedPath } from './patchReconstruct';

/** What one fileChange item did, once resolved. */
export interface ItemSnapshot {
  readonly threadId: string;
  readonly turnId: string;
  readonly itemId: string;
  /** Orders the items of a turn (time-based, so it stays ordered across reloads). */
  readonly seq: number;
  readonly paths: readonly ResolvedPath[];
  /** [from, to] of each move: reverting either path reverts both. */
  readonly moves: readonly (readonly [string, string])[];
}

const ItemSnapshotFile = z.object({
  threadId: z.string(),
  turnId: z.string(),
  itemId: z.string(),
  seq: z.number(),
  paths: z.array(z.object({ path: z.string(), before: z.string().nullable(), after: z.string().nullable() })),
  moves: z.array(z.tuple([z.string(), z.string()])).default([]),
});

export interface SnapshotStoreOptions {
  /** Folder for the on-disk copies (created 0700), or null to keep them in memory only. */
  readonly dir: string | null;
  /** Characters of file content kept in memory before the oldest items are dropped from it. */
  readonly maxMemoryChars?: number;
  /** Turn folders kept on disk; older ones are deleted by prune(). */
  readonly maxTurnsOnDisk?: number;
}

const hash = (...parts: string[]): string => createHash('sha1').update(parts.join('\0')).digest('hex').slice(0, 24);
const sizeOf = (s: ItemSnapshot): number => s.paths.reduce((n, p) => n + (p.before?.length ?? 0) + (p.after?.length ?? 0), 0);

export class SnapshotStore {
  private readonly memory = new Map<string, ItemSnapshot>(); // insertion order = age
  private memoryChars = 0;
  private readonly writes = new Set<Promise<void>>();
  private readonly maxMemoryChars: number;
  private readonly maxTurnsOnDisk: number;

  constructor(private readonly options: SnapshotStoreOptions) {
    this.maxMemoryChars = options.maxMemoryChars ?? 8_000_000;
    this.maxTurnsOnDisk = options.maxTurnsOnDisk ?? 300;
  }

  /** Keeps a snapshot (replacing one with the same ids); the disk write finishes in the background. */
  put(snapshot: ItemSnapshot): void {
    const key = this.key(snapshot.threadId, snapshot.turnId, snapshot.itemId);
    this.drop(key);
    this.memory.set(key, snapshot);
    this.memoryChars += sizeOf(snapshot);
    while (this.memoryChars > this.maxMemoryChars && this.memory.size > 1) {
      const oldest = this.memory.keys().next().value;
      if (oldest === undefined || oldest === key) break;
      this.drop(oldest);
    }
    if (this.options.dir !== null) this.track(this.persist(this.options.dir, snapshot));
  }

  async get(threadId: string, turnId: string, itemId: string): Promise<ItemSnapshot | null> {
    const inMemory = this.memory.get(this.key(threadId, turnId, itemId));
    if (inMemory) return inMemory;
    if (this.options.dir === null) return null;
    await this.flush();
    return this.load(join(this.turnDir(this.options.dir, threadId, turnId), `${hash(itemId)}.json`));
  }

  /** Every snapshot of a turn, oldest first. */
  async turn(threadId: string, turnId: string): Promise<ItemSnapshot[]> {
    const found = new Map<string, ItemSnapshot>();
    if (this.options.dir !== null) {
      await this.flush();
      const dir = this.turnDir(this.options.dir, threadId, turnId);
      const files = await readdir(dir).catch(() => [] as string[]);
      for (const file of files.filter((f) => f.endsWith('.json'))) {
        const snapshot = await this.load(join(dir, file));
        if (snapshot) found.set(snapshot.itemId, snapshot);
      }
    }
    for (const s of this.memory.values()) if (s.threadId === threadId && s.turnId === turnId) found.set(s.itemId, s);
    return [...found.values()].sort((a, b) => a.seq - b.seq);
  }

  /** Waits for the pending disk writes. */
  async flush(): Promise<void> {
    await Promise.all([...this.writes]);
  }

  /** Deletes the oldest turn folders beyond maxTurnsOnDisk. */
  async prune(): Promise<void> {
    const dir = this.options.dir;
    if (dir === null) return;
    const names = await readdir(dir).catch(() => [] as string[]);
    const dated = await Promise.all(
      names.map(async (name) => ({ name, mtime: (await stat(join(dir, name)).catch(() => null))?.mtimeMs ?? 0 })),
    );
    dated.sort((a, b) => b.mtime - a.mtime);
    for (const { name } of dated.slice(this.maxTurnsOnDisk)) await rm(join(dir, name), { recursive: true, force: true });
  }

  /** Characters of content held in memory now (for tests and logs). */
  get heldChars(): number {
    return this.memoryChars;
  }

  private key(threadId: string, turnId: string, itemId: string): string {
    return JSON.stringify([threadId, turnId, itemId]);
  }

  private turnDir(dir: string, threadId: string, turnId: string): string {
    return join(dir, hash(threadId, turnId));
  }

  private drop(key: string): void {
    const old = this.memory.get(key);
    if (!old) return;
    this.memory.delete(key);
    this.memoryChars -= sizeOf(old);
  }

  private track(write: Promise<void>): void {
    this.writes.add(write);
    void write.finally(() => this.writes.delete(write));
  }

  private async persist(dir: string, snapshot: ItemSnapshot): Promise<void> {
    try {
      const turnDir = this.turnDir(dir, snapshot.threadId, snapshot.turnId);
      await mkdir(turnDir, { recursive: true, mode: 0o700 });
      await writeFile(join(turnDir, `${hash(snapshot.itemId)}.json`), JSON.stringify(snapshot), { mode: 0o600 });
    } catch {
      // The disk copy is a fallback: the snapshot stays in memory until evicted.
    }
  }

  private async load(file: string): Promise<ItemSnapshot | null> {
    try {
      const parsed = ItemSnapshotFile.safeParse(JSON.parse(await readFile(file, 'utf8')));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }
}
