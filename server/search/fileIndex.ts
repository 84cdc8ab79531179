// The in-memory list of one root's files and directories, laid out for the fuzzy matcher:
// lowercased UTF-16 code units and per-position boundary bonuses live in two shared typed arrays,
// and each entry has offsets plus a few 32-bit "bags" (which characters, pairs and word starts
// occur in its name and directories) that let the matcher bound a score without reading the
// path. Scoring then runs over typed arrays without allocating.

/** Bonus for matching the first character of a path segment (after '/' or at the path start). */
export const BONUS_SEGMENT = 10;
/** Bonus for the first character of a word after '-', '_', '.', ' ' and the like. */
export const BONUS_WORD = 8;
/** Bonus for matching a separator or punctuation character itself (the '.' in "main.js"). */
export const BONUS_NONWORD = 8;
/** Bonus for a camelCase hump or the first digit after letters. */
export const BONUS_CAMEL = 7;
/** The largest bonus any single position can carry; used for upper bounds. */
export const BONUS_MAX = BONUS_SEGMENT;
/** The largest bonus inside a file name except at its first character (no '/' in a name). */
export const BONUS_MAX_IN_NAME = Math.max(BONUS_WORD, BONUS_NONWORD, BONUS_CAMEL);
/**
 * High bit of a `bonus` byte: the unit is uppercase in the original path. Case-sensitive matching
 * compares the lowercase unit plus this flag, so the original spelling need not be stored.
 */
export const UPPER_FLAG = 128;
export const BONUS_BITS = 127;

const CLASS_SEPARATOR = 0; // '/' and the start of the path
const CLASS_NONWORD = 1;
const CLASS_LOWER = 2;
const CLASS_UPPER = 3;
const CLASS_DIGIT = 4;

/** Lowercase table for non-ASCII UTF-16 units, filled lazily (0 = not computed yet). */
const nonAsciiLower = new Uint16Array(65536);

/** Lowercases one UTF-16 unit; a unit whose lowercase form is not one unit stays as it is. */
export function lowerCode(c: number): number {
  if (c < 128) return c >= 65 && c <= 90 ? c + 32 : c;
  let l = nonAsciiLower[c]!;
  if (l === 0) {
    const s = String.fromCharCode(c).toLowerCase();
    l = s.length === 1 ? s.charCodeAt(0) : c;
    nonAsciiLower[c] = l;
  }
  return l;
}

/**
 * Bit of an adjacent pair of lowercased units in a 32-slot bigram bag. Collisions only make the
 * bag claim pairs that are absent, which keeps every bound built on it an upper bound.
 */
export function bigramBit(a: number, b: number): number {
  return 1 << (Math.imul(a * 65599 + b, 0x9e3779b1) >>> 27);
}

/** Bit of a lowercased unit in the character bag: letters, digits, and a few punctuation groups. */
export function maskBit(lc: number): number {
  if (lc >= 97 && lc <= 122) return 1 << (lc - 97);
  if (lc >= 48 && lc <= 57) return 1 << 26;
  if (lc === 46) return 1 << 27; // '.'
  if (lc === 45 || lc === 95) return 1 << 28; // '-' '_'
  if (lc === 47) return 1 << 29; // '/'
  if (lc === 32) return 1 << 30;
  return 1 << 31;
}

function charClass(c: number): number {
  if (c >= 97 && c <= 122) return CLASS_LOWER;
  if (c >= 65 && c <= 90) return CLASS_UPPER;
  if (c >= 48 && c <= 57) return CLASS_DIGIT;
  if (c === 47) return CLASS_SEPARATOR;
  if (c < 128) return CLASS_NONWORD;
  // Non-ASCII: letters that change when lowercased count as uppercase, everything else as lowercase.
  return lowerCode(c) !== c ? CLASS_UPPER : CLASS_LOWER;
}

function bonusFor(prevClass: number, cls: number): number {
  if (cls === CLASS_SEPARATOR || cls === CLASS_NONWORD) return BONUS_NONWORD;
  if (prevClass === CLASS_SEPARATOR) return BONUS_SEGMENT;
  if (prevClass === CLASS_NONWORD) return BONUS_WORD;
  if (prevClass === CLASS_LOWER && cls === CLASS_UPPER) return BONUS_CAMEL;
  if (cls === CLASS_DIGIT && prevClass !== CLASS_DIGIT) return BONUS_CAMEL;
  return 0;
}

/** Receives the walker's entries; returns the entry's handle, passed back as its children's parent. */
export interface WalkSink {
  add(parent: number, name: string, rel: string, isDir: boolean): number;
  /** Called once when the walk completes. */
  finish?(): void;
}

/**
 * Sizes of the last complete index per root, so the next walk of the same root allocates its
 * arrays once instead of growing them through a dozen doublings (less copying and GC).
 */
const sizeHints = new Map<string, { entries: number; units: number }>();

/**
 * One root's entries. Directories store their whole path's units (their children's prefix);
 * files store only their name's units, and `materialize` assembles a file's full row on demand,
 * which the matcher needs only for the few entries its bag bounds cannot rule out. Fields are
 * public for the matcher's hot loop; treat them as read-only.
 */
export class FileIndex implements WalkSink {
  count = 0;
  /** Paths relative to the root, '/'-separated. */
  paths: string[] = [];
  /** Parent directory's handle, -1 for entries directly under the root. */
  parents = new Int32Array(1024);
  /** Where the entry's stored units start in `lower`/`bonus` (see the class comment). */
  rows = new Int32Array(1024);
  /** Length of the whole path, and the offset of the file name within it. */
  lens = new Int32Array(1024);
  nameStarts = new Int32Array(1024);
  /** Character bag of the lowercased path, and of the file name alone (see maskBit). */
  masks = new Int32Array(1024);
  nameMasks = new Int32Array(1024);
  /** File name only: adjacent pairs (see bigramBit), and characters at word or segment starts. */
  nameBigrams = new Int32Array(1024);
  nameBounds = new Int32Array(1024);
  /** Directory part only (everything before the file name): character bag and word-start bag. */
  dirMasks = new Int32Array(1024);
  dirBounds = new Int32Array(1024);
  /** Letters that occur in uppercase somewhere in the path (for case-sensitive queries). */
  upperMasks = new Int32Array(1024);
  /** 1 for directories. */
  dirs = new Uint8Array(1024);
  lower: Uint16Array;
  bonus: Uint8Array;
  /** Units used in `lower`/`bonus`, and the longest path (sizes the matcher's scratch rows). */
  used = 0;
  maxLen = 0;

  constructor(readonly root: string) {
    const hint = sizeHints.get(root);
    const units = Math.max(1024 * 32, Math.ceil((hint?.units ?? 0) * 1.1));
    this.lower = new Uint16Array(units);
    this.bonus = new Uint8Array(units);
    const entries = Math.ceil((hint?.entries ?? 0) * 1.1);
    if (entries > this.rows.length) this.growEntries(entries);
  }

  finish(): void {
    sizeHints.set(this.root, { entries: this.count, units: this.used });
  }

  add(parent: number, name: string, rel: string, isDir: boolean): number {
    const id = this.count;
    if (id === this.rows.length) this.growEntries();
    const prefix = parent >= 0 ? this.lens[parent]! + 1 : 0;
    const len = prefix + name.length;
    const stored = isDir ? len : name.length;
    if (this.used + stored > this.lower.length) this.growUnits(stored);
    const lower = this.lower;
    const bonus = this.bonus;
    let w = this.used;
    if (isDir && parent >= 0) {
      // A directory's row is its parent's row + '/' + its name; its children will copy it.
      const ps = this.rows[parent]!;
      lower.copyWithin(w, ps, ps + prefix - 1);
      bonus.copyWithin(w, ps, ps + prefix - 1);
      w += prefix - 1;
      lower[w] = 47;
      bonus[w] = BONUS_NONWORD;
      w++;
    }
    // The name always follows '/' or starts the path, so its first character is a segment start.
    let prevClass = CLASS_SEPARATOR;
    let nameMask = 0;
    let nameBigrams = 0;
    let nameBounds = 0;
    let upperMask = parent >= 0 ? this.upperMasks[parent]! : 0;
    let prevLower = -1;
    for (let i = 0; i < name.length; i++, w++) {
      const c = name.charCodeAt(i);
      const lc = lowerCode(c);
      const cls = charClass(c);
      const bit = maskBit(lc);
      lower[w] = lc;
      let b = bonusFor(prevClass, cls);
      if (b >= BONUS_CAMEL) nameBounds |= bit;
      if (lc !== c) {
        b |= UPPER_FLAG;
        upperMask |= bit;
      }
      bonus[w] = b;
      nameMask |= bit;
      if (prevLower >= 0) nameBigrams |= bigramBit(prevLower, lc);
      prevLower = lc;
      prevClass = cls;
    }
    this.parents[id] = parent;
    this.rows[id] = this.used;
    this.lens[id] = len;
    this.nameStarts[id] = prefix;
    this.nameMasks[id] = nameMask;
    this.nameBigrams[id] = nameBigrams;
    this.nameBounds[id] = nameBounds;
    if (parent >= 0) {
      const dirMask = this.masks[parent]! | (1 << 29);
      this.dirMasks[id] = dirMask;
      this.dirBounds[id] = this.dirBounds[parent]! | this.nameBounds[parent]! | (1 << 29);
      this.masks[id] = dirMask | nameMask;
    } else {
      this.dirMasks[id] = 0;
      this.dirBounds[id] = 0;
      this.masks[id] = nameMask;
    }
    this.upperMasks[id] = upperMask;
    if (len > this.maxLen) this.maxLen = len;
    this.dirs[id] = isDir ? 1 : 0;
    this.paths.push(rel);
    this.used = w;
    this.count = id + 1;
    return id;
  }

  /** Offset of the entry's file-name units in `lower`/`bonus`. */
  nameRow(id: number): number {
    return this.dirs[id] === 1 ? this.rows[id]! + this.nameStarts[id]! : this.rows[id]!;
  }

  /**
   * Where the entry's full row can be read: `lower`/`bonus` at the returned offset when the index
   * holds it contiguously (directories, and files directly under the root), else -1 after
   * copying it to the start of `lowerOut`/`bonusOut` (which must hold lens[id] units).
   */
  materialize(id: number, lowerOut: Uint16Array, bonusOut: Uint8Array): number {
    const parent = this.parents[id]!;
    if (this.dirs[id] === 1 || parent < 0) return this.rows[id]!;
    const ps = this.rows[parent]!;
    const pl = this.lens[parent]!;
    const lower = this.lower;
    const bonus = this.bonus;
    for (let j = 0; j < pl; j++) {
      lowerOut[j] = lower[ps + j]!;
      bonusOut[j] = bonus[ps + j]!;
    }
    lowerOut[pl] = 47;
    bonusOut[pl] = BONUS_NONWORD;
    const ns = this.rows[id]!;
    const nl = this.lens[id]! - pl - 1;
    for (let j = 0; j < nl; j++) {
      lowerOut[pl + 1 + j] = lower[ns + j]!;
      bonusOut[pl + 1 + j] = bonus[ns + j]!;
    }
    return -1;
  }

  /** The entry's last path segment (for a directory, its own name). */
  fileName(id: number): string {
    return this.paths[id]!.slice(this.nameStarts[id]);
  }

  private growEntries(capacity = this.rows.length * 2): void {
    const n = capacity;
    this.parents = grow(this.parents, new Int32Array(n));
    this.rows = grow(this.rows, new Int32Array(n));
    this.lens = grow(this.lens, new Int32Array(n));
    this.nameStarts = grow(this.nameStarts, new Int32Array(n));
    this.masks = grow(this.masks, new Int32Array(n));
    this.nameMasks = grow(this.nameMasks, new Int32Array(n));
    this.nameBigrams = grow(this.nameBigrams, new Int32Array(n));
    this.nameBounds = grow(this.nameBounds, new Int32Array(n));
    this.dirMasks = grow(this.dirMasks, new Int32Array(n));
    this.dirBounds = grow(this.dirBounds, new Int32Array(n));
    this.upperMasks = grow(this.upperMasks, new Int32Array(n));
    this.dirs = grow(this.dirs, new Uint8Array(n));
  }

  private growUnits(need: number): void {
    let n = this.lower.length * 2;
    while (n < this.used + need) n *= 2;
    this.lower = grow(this.lower, new Uint16Array(n));
    this.bonus = grow(this.bonus, new Uint8Array(n));
  }
}

function grow<T extends Int32Array | Uint16Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
