// Follows fileChange items in the server's notifications and records what each did to the files
// (no `vscode` import): the files are read when the item starts and again when it completes,
// resolveChange() works out the before/after contents, and the SnapshotStore keeps them. Also
// plans and performs restores (revert one item, undo a turn) through an injected FileAccess.
import type { FileUpdateChange, ServerNotification, ThreadItem } from '@protocol';
import { combineChanges, type FileState, resolveChange, type ResolvedPath } from './patchReconstruct';
import type { ItemSnapshot, SnapshotStore } from './snapshotStore';

/** File operations on host paths. */
export interface FileAccess {
  /** The file's text, null when it does not exist, undefined when it cannot be read. */
  read(path: string): Promise<FileState | undefined>;
  /** Writes the text, creating parent folders. */
  write(path: string, text: string): Promise<void>;
  /** Deletes the file (no error when it is already gone). */
  remove(path: string): Promise<void>;
}

type FileChangeItem = Extract<ThreadItem, { type: 'fileChange' }>;
type Reads = Map<string, FileState | undefined>;

/** Every path a fileChange item may touch (move destinations included). */
export function touchedPaths(changes: readonly FileUpdateChange[]): string[] {
  const paths = new Set<string>();
  for (const change of changes) {
    paths.add(change.path);
    if (change.kind.type === 'update' && change.kind.move_path !== null) paths.add(change.kind.move_path);
  }
  return [...paths];
}

/** A path whose current content is not what the change left there (someone edited it since). */
export interface RestoreConflict {
  readonly path: string;
  readonly expected: FileState;
  readonly actual: FileState | undefined;
}

function movesOf(changes: readonly FileUpdateChange[]): [string, string][] {
  const moves: [string, string][] = [];
  for (const c of changes) if (c.kind.type === 'update' && c.kind.move_path !== null && c.kind.move_path !== c.path) moves.push([c.path, c.kind.move_path]);
  return moves;
}

/** The paths of an item to restore when reverting `path`: it, and the other end of a move. */
export function pathsToRevert(snapshot: ItemSnapshot, path: string): ResolvedPath[] {
  const wanted = new Set([path]);
  for (const [from, to] of snapshot.moves) if (wanted.has(from) || wanted.has(to)) wanted.add(from).add(to);
  return snapshot.paths.filter((p) => wanted.has(p.path));
}

let seqCounter = 0;
const nextSeq = (): number => Date.now() * 1000 + (seqCounter++ % 1000);

export class ChangeTracker {
  private readonly startReads = new Map<string, Promise<Reads>>();
  private readonly pending = new Map<string, Promise<void>>();

  constructor(
    private readonly files: FileAccess,
    private readonly store: SnapshotStore,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  /** Feed every server notification here. */
  handle(notification: ServerNotification): void {
    if (notification.method === 'item/started' && notification.params.item.type === 'fileChange') {
      const { threadId, turnId, item } = notification.params;
      this.startReads.set(this.key(threadId, turnId, item.id), this.readAll(touchedPaths(item.changes)));
    } else if (notification.method === 'item/completed' && notification.params.item.type === 'fileChange') {
      const { threadId, turnId, item } = notification.params;
      const key = this.key(threadId, turnId, item.id);
      const start = this.startReads.get(key);
      this.startReads.delete(key);
      if (item.status !== 'completed') return; // declined or failed: the files were not written
      const done = this.complete(threadId, turnId, item, start).finally(() => this.pending.delete(key));
      this.pending.set(key, done);
    } else if (notification.method === 'turn/completed') {
      // Items that never completed (an interrupted or failed turn) leave no start reads behind.
      const prefix = JSON.stringify([notification.params.threadId, notification.params.turn.id]).slice(0, -1);
      for (const key of [...this.startReads.keys()]) if (key.startsWith(`${prefix},`)) this.startReads.delete(key);
    }
  }

  /** Items whose start reads are held (started, not completed). */
  get startedItems(): number {
    return this.startReads.size;
  }

  /**
   * Resolves and stores the fileChange items of a turn read from the thread's history (no snapshot
   * was taken live, e.g. before a reload without storage): newest first against the current disk,
   * each older item against the state the newer ones were undone to. Items already known are kept.
   */
  async recordHistory(threadId: string, turnId: string, items: readonly FileChangeItem[]): Promise<void> {
    const overlay = new Map<string, FileState | undefined>();
    const completed = items.filter((item) => item.status === 'completed');
    for (let index = completed.length - 1; index >= 0; index -= 1) {
      const item = completed[index] as FileChangeItem;
      let snapshot = await this.item(threadId, turnId, item.id);
      if (!snapshot) {
        const reads: Reads = new Map();
        for (const p of touchedPaths(item.changes)) reads.set(p, overlay.has(p) ? overlay.get(p) : await this.files.read(p));
        const paths = this.resolveAll(item, new Map(), reads);
        if (!paths) return; // older items cannot be connected to the disk either
        snapshot = { threadId, turnId, itemId: item.id, seq: index, paths, moves: movesOf(item.changes) };
        this.store.put(snapshot);
      }
      for (const p of snapshot.paths) overlay.set(p.path, p.before);
    }
  }

  /** The snapshot of an item, after any resolution still running for it. */
  async item(threadId: string, turnId: string, itemId: string): Promise<ItemSnapshot | null> {
    await this.pending.get(this.key(threadId, turnId, itemId));
    return this.store.get(threadId, turnId, itemId);
  }

  /** What the turn did to each path: its state before the turn and after its last change. */
  async turn(threadId: string, turnId: string): Promise<ResolvedPath[]> {
    const prefix = JSON.stringify([threadId, turnId]).slice(0, -1);
    await Promise.all([...this.pending].filter(([k]) => k.startsWith(`${prefix},`)).map(([, p]) => p));
    const items = await this.store.turn(threadId, turnId);
    return combineChanges(items.map((s) => s.paths));
  }

  /** The paths whose current content differs from what the change left (a restore would lose edits). */
  async conflicts(paths: readonly ResolvedPath[]): Promise<RestoreConflict[]> {
    const out: RestoreConflict[] = [];
    for (const p of paths) {
      const actual = await this.files.read(p.path);
      if (actual !== p.after) out.push({ path: p.path, expected: p.after, actual });
    }
    return out;
  }

  /** Puts each path back to its `before` state: rewrites, re-creates or deletes it. */
  async restore(paths: readonly ResolvedPath[]): Promise<void> {
    // Deletions first, so a move's source can be re-created where the destination was (a→b, b→a).
    for (const p of paths) if (p.before === null) await this.files.remove(p.path);
    for (const p of paths) if (p.before !== null) await this.files.write(p.path, p.before);
  }

  private key(threadId: string, turnId: string, itemId: string): string {
    return JSON.stringify([threadId, turnId, itemId]);
  }

  private async readAll(paths: readonly string[]): Promise<Reads> {
    const reads: Reads = new Map();
    await Promise.all(paths.map(async (p) => reads.set(p, await this.files.read(p).catch(() => undefined))));
    return reads;
  }

  private async complete(threadId: string, turnId: string, item: FileChangeItem, start: Promise<Reads> | undefined): Promise<void> {
    const startReads = (await start) ?? new Map<string, FileState | undefined>();
    const endReads = await this.readAll(touchedPaths(item.changes));
    const paths = this.resolveAll(item, startReads, endReads);
    if (paths) this.store.put({ threadId, turnId, itemId: item.id, seq: nextSeq(), paths, moves: movesOf(item.changes) });
  }

  private resolveAll(item: FileChangeItem, startReads: Reads, endReads: Reads): ResolvedPath[] | null {
    const paths: ResolvedPath[] = [];
    for (const change of item.changes) {
      const resolved = resolveChange(change, (p) => startReads.get(p), (p) => endReads.get(p));
      if (!resolved) {
        this.log(`snapshot: cannot reconstruct ${change.path} of item ${item.id} (changed by something else meanwhile)`);
        return null;
      }
      paths.push(...resolved);
    }
    // Several changes of one item to the same path combine like a turn's.
    return combineChanges(paths.map((p) => [p]));
  }
}
