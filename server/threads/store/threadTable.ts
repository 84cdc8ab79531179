// The in-memory thread index: one row ("slot") per thread, stored column-wise in typed arrays so
// a snapshot loads without creating per-thread objects, plus two slot orders (by created and by
// updated time, ascending, ties broken by id) kept sorted incrementally for O(log n) cursor seeks.
// Display fields (path, preview, …) live in `details`, filled lazily by the owner (ThreadIndex).
import {
  ALL_SOURCE_KINDS,
  type SessionSourceValue,
  type ThreadGitInfo,
  type ThreadSourceKind,
  type ThreadSummary,
} from './rolloutTypes';

export type SortKey = 'created_at' | 'updated_at';

/** Per-thread fields not needed to filter or sort; kept as parsed objects or raw snapshot bytes. */
export interface ThreadDetails {
  path: string;
  model: string | null;
  source: SessionSourceValue;
  originator: string | null;
  cliVersion: string;
  preview: string;
  name: string | null;
  gitInfo: ThreadGitInfo | null;
  forkedFromId: string | null;
}

/** What reconcile compares against the file system to decide whether to re-read a rollout. */
export interface FileStamp {
  size: number;
  /** 0 means unknown (e.g. after our own append): a matching size is then trusted. */
  mtimeMs: number;
  /** Bytes already folded into the summary (end of the last complete line). */
  scannedBytes: number;
}

/** Columns a snapshot's prefix provides (see indexSnapshot.ts). */
export interface SnapshotColumns {
  count: number;
  /** All ids, 36 characters each, concatenated in row order. */
  idBlob: string;
  created: Float64Array;
  updated: Float64Array;
  flags: Uint8Array;
  kind: Uint8Array;
  provider: Uint32Array;
  cwd: Uint32Array;
  strings: string[];
}

export const ID_CHARS = 36;
export const FLAG_ARCHIVED = 1;
export const FLAG_DELETED = 2;

const KIND_INDEX = new Map<ThreadSourceKind, number>(ALL_SOURCE_KINDS.map((k, i) => [k, i]));

/** The lower-cased text `searchTerm` matches: the name and the preview. */
export function searchTextOf(name: string | null, preview: string): string {
  return `${name ?? ''}\u0000${preview}`.toLowerCase().replace(/\n/g, ' ');
}

export function detailsOf(s: ThreadSummary): ThreadDetails {
  return {
    path: s.path,
    model: s.model,
    source: s.source,
    originator: s.originator,
    cliVersion: s.cliVersion,
    preview: s.preview,
    name: s.name,
    gitInfo: s.gitInfo,
    forkedFromId: s.forkedFromId,
  };
}

function grow<T extends Float64Array | Uint32Array | Uint8Array>(arr: T, capacity: number): T {
  if (arr.length >= capacity) return arr;
  const next = new (arr.constructor as new (n: number) => T)(Math.max(capacity, arr.length * 2, 64));
  next.set(arr);
  return next;
}

export class ThreadTable {
  /** Slots used (live + deleted); slots are never reused until the next snapshot renumbers them. */
  slots = 0;
  live = 0;
  /** Ids of slots; those loaded from a snapshot are cut from `idBlob` on first use. */
  private ids: (string | undefined)[] = [];
  private idBlob = '';
  created: Float64Array = new Float64Array(0);
  updated: Float64Array = new Float64Array(0);
  size: Float64Array = new Float64Array(0);
  mtime: Float64Array = new Float64Array(0);
  scanned: Float64Array = new Float64Array(0);
  /** Bumped whenever a slot changes; reconcile only drops slots it has not seen change. */
  touched: Float64Array = new Float64Array(0);
  flags: Uint8Array = new Uint8Array(0);
  kind: Uint8Array = new Uint8Array(0);
  provider: Uint32Array = new Uint32Array(0);
  cwd: Uint32Array = new Uint32Array(0);
  strings: string[] = [];
  details: (ThreadDetails | undefined)[] = [];
  search: (string | undefined)[] = [];
  byCreated: Uint32Array = new Uint32Array(0);
  byUpdated: Uint32Array = new Uint32Array(0);
  private stringIds = new Map<string, number>();
  private slotById: Map<string, number> | null = null;
  private touchSeq = 1;
  /** touchSeq when the snapshot columns were adopted. */
  private adoptedAt = -1;
  /** Entries in each order (equals `live` between operations). */
  private readonly lens: Record<SortKey, number> = { created_at: 0, updated_at: 0 };

  /**
   * Adopts columns decoded from a snapshot (rows in created order, so that order is the identity).
   * File stamps start at 0 and arrive later with the snapshot body (adoptStamps).
   */
  adopt(cols: SnapshotColumns, updatedOrder: Uint32Array): void {
    const n = cols.count;
    this.idBlob = cols.idBlob;
    this.ids = new Array<string | undefined>(n);
    this.created = cols.created;
    this.updated = cols.updated;
    this.flags = cols.flags;
    this.kind = cols.kind;
    this.provider = cols.provider;
    this.cwd = cols.cwd;
    this.strings = cols.strings;
    this.size = new Float64Array(n);
    this.mtime = new Float64Array(n);
    this.scanned = new Float64Array(n);
    this.slots = n;
    this.live = n;
    this.touched = new Float64Array(n);
    this.details = new Array<ThreadDetails | undefined>(n);
    this.search = new Array<string | undefined>(n);
    this.byCreated = new Uint32Array(n);
    for (let i = 0; i < n; i++) this.byCreated[i] = i;
    this.byUpdated = updatedOrder;
    this.lens.created_at = n;
    this.lens.updated_at = n;
    this.stringIds = new Map(cols.strings.map((str, i) => [str, i]));
    this.slotById = null;
    this.adoptedAt = this.touchSeq;
  }

  /** Whether no row has been changed since the snapshot was adopted. */
  private get untouchedSinceAdopt(): boolean {
    return this.touchSeq === this.adoptedAt;
  }

  /** File stamps of snapshot rows, for rows nobody has changed since the snapshot was loaded. */
  adoptStamps(size: Float64Array, mtime: Float64Array, scanned: Float64Array): void {
    const n = Math.min(size.length, this.slots);
    if (this.untouchedSinceAdopt) {
      // Bulk copies: this runs once, in cold code, where a 10,000-row loop costs milliseconds.
      this.size.set(size.subarray(0, n));
      this.mtime.set(mtime.subarray(0, n));
      this.scanned.set(scanned.subarray(0, n));
      return;
    }
    for (let s = 0; s < n; s++) {
      if (this.touched[s] !== 0) continue;
      this.size[s] = size[s]!;
      this.mtime[s] = mtime[s]!;
      this.scanned[s] = scanned[s]!;
    }
  }

  id(slot: number): string {
    let v = this.ids[slot];
    if (v === undefined) {
      v = this.idBlob.substring(slot * ID_CHARS, (slot + 1) * ID_CHARS);
      this.ids[slot] = v;
    }
    return v;
  }

  /** Search texts of snapshot rows, for rows that have none yet (set by a change since). */
  adoptSearch(texts: readonly string[]): void {
    const n = Math.min(texts.length, this.slots);
    if (this.untouchedSinceAdopt && this.search.length === n) {
      this.search = texts.slice(0, n);
      return;
    }
    for (let row = 0; row < n; row++) this.search[row] ??= texts[row];
  }

  get nextTouch(): number {
    return this.touchSeq;
  }

  slotOf(id: string): number | undefined {
    if (!this.slotById) {
      // Built on first need: the first list() after start-up does not pay for it.
      this.slotById = new Map();
      for (let s = 0; s < this.slots; s++) if (!(this.flags[s]! & FLAG_DELETED)) this.slotById.set(this.id(s), s);
    }
    return this.slotById.get(id);
  }

  intern(value: string): number {
    let idx = this.stringIds.get(value);
    if (idx === undefined) {
      idx = this.strings.length;
      this.strings.push(value);
      this.stringIds.set(value, idx);
    }
    return idx;
  }

  /** The full summary of a slot, given its details. */
  summary(slot: number, d: ThreadDetails): ThreadSummary {
    return {
      id: this.id(slot),
      path: d.path,
      archived: (this.flags[slot]! & FLAG_ARCHIVED) !== 0,
      createdAt: this.created[slot]!,
      updatedAt: this.updated[slot]!,
      cwd: this.strings[this.cwd[slot]!]!,
      modelProvider: this.strings[this.provider[slot]!]!,
      model: d.model,
      source: d.source,
      sourceKind: this.kindOf(slot),
      originator: d.originator,
      cliVersion: d.cliVersion,
      preview: d.preview,
      name: d.name,
      gitInfo: d.gitInfo,
      forkedFromId: d.forkedFromId,
    };
  }

  kindOf(slot: number): ThreadSourceKind {
    return ALL_SOURCE_KINDS[this.kind[slot]!] ?? 'unknown';
  }

  /** Adds a thread (or replaces the row of one with the same id). */
  put(summary: ThreadSummary, stamp: FileStamp): number {
    const existing = this.slotOf(summary.id);
    if (existing !== undefined) {
      this.update(existing, summary, stamp);
      return existing;
    }
    const slot = this.slots++;
    this.ensureCapacity(this.slots);
    this.ids[slot] = summary.id;
    this.created[slot] = summary.createdAt;
    this.updated[slot] = summary.updatedAt;
    this.flags[slot] = summary.archived ? FLAG_ARCHIVED : 0;
    this.writeRow(slot, summary, stamp);
    this.slotById!.set(summary.id, slot);
    this.insertOrder('created_at', slot);
    this.insertOrder('updated_at', slot);
    this.live++;
    return slot;
  }

  /** Rewrites a slot's fields; re-sorts it if its timestamps moved. */
  update(slot: number, summary: ThreadSummary, stamp?: FileStamp): void {
    if (this.created[slot] !== summary.createdAt) {
      this.removeOrder('created_at', slot);
      this.created[slot] = summary.createdAt;
      this.insertOrder('created_at', slot);
    }
    this.setUpdatedAt(slot, summary.updatedAt);
    this.flags[slot] = (this.flags[slot]! & ~FLAG_ARCHIVED) | (summary.archived ? FLAG_ARCHIVED : 0);
    this.writeRow(slot, summary, stamp);
  }

  setUpdatedAt(slot: number, updatedAt: number): void {
    if (this.updated[slot] === updatedAt) return;
    this.removeOrder('updated_at', slot);
    this.updated[slot] = updatedAt;
    this.insertOrder('updated_at', slot);
    this.touched[slot] = this.touchSeq++;
  }

  setStamp(slot: number, stamp: FileStamp): void {
    this.size[slot] = stamp.size;
    this.mtime[slot] = stamp.mtimeMs;
    this.scanned[slot] = stamp.scannedBytes;
    this.touched[slot] = this.touchSeq++;
  }

  stampOf(slot: number): FileStamp {
    return { size: this.size[slot]!, mtimeMs: this.mtime[slot]!, scannedBytes: this.scanned[slot]! };
  }

  remove(slot: number): void {
    if (this.flags[slot]! & FLAG_DELETED) return;
    this.removeOrder('created_at', slot);
    this.removeOrder('updated_at', slot);
    this.flags[slot] = this.flags[slot]! | FLAG_DELETED;
    this.slotById?.delete(this.id(slot));
    this.details[slot] = undefined;
    this.search[slot] = undefined;
    this.live--;
    this.adoptedAt = -1; // rows differ from the snapshot now: no bulk adoption of its body
  }

  order(key: SortKey): Uint32Array {
    return key === 'created_at' ? this.byCreated : this.byUpdated;
  }

  keyColumn(key: SortKey): Float64Array {
    return key === 'created_at' ? this.created : this.updated;
  }

  /** First position in `key` order whose (value, id) is >= the given pair. */
  lowerBound(key: SortKey, value: number, id: string): number {
    const order = this.order(key);
    const col = this.keyColumn(key);
    let lo = 0;
    let hi = this.lens[key];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const s = order[mid]!;
      const v = col[s]!;
      if (v < value || (v === value && this.id(s) < id)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private writeRow(slot: number, summary: ThreadSummary, stamp?: FileStamp): void {
    this.provider[slot] = this.intern(summary.modelProvider);
    this.cwd[slot] = this.intern(summary.cwd);
    this.kind[slot] = KIND_INDEX.get(summary.sourceKind) ?? KIND_INDEX.get('unknown')!;
    this.details[slot] = detailsOf(summary);
    this.search[slot] = searchTextOf(summary.name, summary.preview);
    if (stamp) this.setStamp(slot, stamp);
    this.touched[slot] = this.touchSeq++;
  }

  private insertOrder(key: SortKey, slot: number): void {
    const order = this.order(key);
    const pos = this.lowerBound(key, this.keyColumn(key)[slot]!, this.id(slot));
    order.copyWithin(pos + 1, pos, this.lens[key]);
    order[pos] = slot;
    this.lens[key]++;
  }

  private removeOrder(key: SortKey, slot: number): void {
    const order = this.order(key);
    const len = this.lens[key];
    let pos = this.lowerBound(key, this.keyColumn(key)[slot]!, this.id(slot));
    while (pos < len && order[pos] !== slot) pos++;
    if (pos >= len) return;
    order.copyWithin(pos, pos + 1, len);
    this.lens[key]--;
  }

  private ensureCapacity(n: number): void {
    this.created = grow(this.created, n);
    this.updated = grow(this.updated, n);
    this.size = grow(this.size, n);
    this.mtime = grow(this.mtime, n);
    this.scanned = grow(this.scanned, n);
    this.touched = grow(this.touched, n);
    this.flags = grow(this.flags, n);
    this.kind = grow(this.kind, n);
    this.provider = grow(this.provider, n);
    this.cwd = grow(this.cwd, n);
    this.byCreated = grow(this.byCreated, n);
    this.byUpdated = grow(this.byUpdated, n);
  }
}
