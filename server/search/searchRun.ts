// One query's search over one or more FileIndexes, resumable in time slices: it keeps the best
// `limit` entries in a fixed-size heap, remembers every candidate entry (with a bound of its
// score), and can continue as the indexes grow (a session searching a tree that is still being
// walked). A run for a query that extends the previous one (typing "mai" after "ma") starts from
// the previous run's candidates instead of the whole index, seeds its heap with the previous
// best results, and reuses the previous bounds, so most entries cost a couple of array reads.
import { BONUS_MAX, type FileIndex } from './fileIndex';
import { matchPositions } from './matchPositions';
import { alignmentBound, exactBound, narrows, prepareScratch, scoreEntry, type CompiledQuery } from './matcher';
import { advanceMatch } from './subsequence';
import * as scoring from './scoring';
import { type FuzzyFileMatch } from './types';

/** Growable list of candidate entry ids of one index, each with a bound of its alignment score. */
class MatchList {
  ids = new Int32Array(256);
  /** Upper bound of the entry's alignment score for the run's query (see alignmentBound). */
  bounds = new Int32Array(256);
  /** Where the greedy match of the (one-term) query ends in the path; -1 when not checked. */
  ends = new Int32Array(256);
  count = 0;
  push(id: number, bound: number, end: number): void {
    if (this.count === this.ids.length) {
      const n = this.ids.length * 2;
      const ids = new Int32Array(n);
      const bounds = new Int32Array(n);
      const ends = new Int32Array(n);
      ids.set(this.ids);
      bounds.set(this.bounds);
      ends.set(this.ends);
      this.ids = ids;
      this.bounds = bounds;
      this.ends = ends;
    }
    this.ids[this.count] = id;
    this.ends[this.count] = end;
    this.bounds[this.count++] = bound;
  }
}

/** The `limit` best entries: a binary heap whose root is the worst kept entry. */
class TopK {
  readonly scores: Float64Array;
  readonly srcs: Int32Array;
  readonly ids: Int32Array;
  size = 0;

  constructor(
    readonly limit: number,
    private readonly indexes: readonly FileIndex[],
  ) {
    this.scores = new Float64Array(limit);
    this.srcs = new Int32Array(limit);
    this.ids = new Int32Array(limit);
  }

  /** The score an entry must reach to be considered (0 until the heap is full). */
  get threshold(): number {
    return this.size < this.limit ? 0 : this.scores[0]!;
  }

  /** Adds the entry if it beats the worst kept one; returns whether the kept set changed. */
  offer(score: number, src: number, id: number): boolean {
    let i: number;
    if (this.size < this.limit) {
      // Sift up from a new leaf while the newcomer ranks below its parent.
      i = this.size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (this.compare(score, src, id, parent) >= 0) break;
        this.move(parent, i);
        i = parent;
      }
    } else {
      if (this.compare(score, src, id, 0) <= 0) return false;
      // Replace the root and sift down while a child ranks below the newcomer.
      i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= this.size) break;
        const r = l + 1;
        const child = r < this.size && this.compare(this.scores[r]!, this.srcs[r]!, this.ids[r]!, l) < 0 ? r : l;
        if (this.compare(score, src, id, child) <= 0) break;
        this.move(child, i);
        i = child;
      }
    }
    this.scores[i] = score;
    this.srcs[i] = src;
    this.ids[i] = id;
    return true;
  }

  /** Negative when (score, src, id) ranks below slot `at`: lower score, then later path, then later root. */
  private compare(score: number, src: number, id: number, at: number): number {
    const s = this.scores[at]!;
    if (score !== s) return score < s ? -1 : 1;
    const a = this.indexes[src]!.paths[id]!;
    const b = this.indexes[this.srcs[at]!]!.paths[this.ids[at]!]!;
    if (a !== b) return a > b ? -1 : 1;
    return this.srcs[at]! - src;
  }

  private move(from: number, to: number): void {
    this.scores[to] = this.scores[from]!;
    this.srcs[to] = this.srcs[from]!;
    this.ids[to] = this.ids[from]!;
  }
}

export interface SearchRunOptions {
  limit: number;
  /** The root string to report for each index (the caller's spelling); defaults to index.root. */
  labels?: readonly string[];
  /** A previous run over the same indexes; used when this query narrows it. */
  previous?: SearchRun | null;
}

/** How many entries to process between clock reads. */
const CLOCK_INTERVAL = 1024;

// Module-local references: under a CommonJS loader an imported binding is a getter call on every
// use, which is measurable in a loop over 100k entries.
const score = scoreEntry;
const exactBonusBound = exactBound;
const lastBound = alignmentBound;
/** The most one more query character can add to an alignment: a match, the top bonus, the name bonus. */
const PER_APPENDED_UNIT = scoring.SCORE_MATCH + scoring.BONUS_FILE_NAME + BONUS_MAX;
const NO_MATCH_CODE = -1;
const { LENGTH_SLOTS, DIRECTORY_PENALTY } = scoring;
const LONGEST_RANKED = LENGTH_SLOTS - 1;
const NONE_SEEDED = new Uint8Array(0);

export class SearchRun {
  private readonly top: TopK;
  private readonly matches: MatchList[];
  /** Per index: entries [0, scanned) have been examined (phase 2). */
  private readonly scanned: number[];
  /** Per index: the previous run's matches still to examine (phase 1), or null. */
  private readonly candidates: (MatchList | null)[];
  private readonly candidatePos: number[];
  /** Whether the kept results changed since the last call to takeChanged(). */
  private changed = false;
  /** Per index: 1 for entries already considered while seeding from the previous run's results. */
  private readonly seeded: (Uint8Array | null)[];
  /**
   * When this query is the previous one with characters appended, the most the appended
   * characters can add to a candidate's alignment; the previous bounds plus this still bound the
   * candidates, which prunes most of them without any per-character work. -1 otherwise.
   */
  private readonly appendDelta: number;
  /**
   * One-term, case-insensitive query typed forward from the previous one: candidates carry where
   * their greedy match ended, so each is re-checked by scanning for the appended units only, and
   * those that stopped matching are dropped. `appendFrom` is the first appended unit.
   */
  private readonly trackEnds: boolean;
  private readonly appendFrom: number;
  /**
   * One term, case-insensitive: every entry is checked with a greedy subsequence scan before it
   * is considered (an entry that is not a subsequence cannot match), and its match end is kept.
   */
  private readonly oneTerm: boolean;

  constructor(
    readonly query: CompiledQuery,
    readonly indexes: readonly FileIndex[],
    private readonly options: SearchRunOptions,
  ) {
    this.top = new TopK(Math.max(1, options.limit), indexes);
    this.matches = indexes.map(() => new MatchList());
    const prev = options.previous;
    const canNarrow =
      prev != null &&
      prev.indexes.length === indexes.length &&
      prev.indexes.every((ix, i) => ix === indexes[i] && prev.coverage(i) >= 0) &&
      narrows(prev.query, query);
    this.scanned = indexes.map((_, i) => (canNarrow ? prev!.coverage(i) : 0));
    this.candidates = indexes.map((_, i) => (canNarrow ? prev!.matches[i]! : null));
    this.candidatePos = indexes.map(() => 0);
    this.appendDelta = canNarrow && isAppend(prev!.query, query) ? (query.units - prev!.query.units) * PER_APPENDED_UNIT : -1;
    this.oneTerm = query.terms.length === 1 && !query.caseSensitive;
    this.trackEnds = this.oneTerm && this.appendDelta >= 0 && !prev!.query.caseSensitive;
    this.appendFrom = this.trackEnds ? prev!.query.terms[0]!.lower.length : 0;
    this.seeded = indexes.map(() => null);
    if (prev != null && prev.indexes.length === indexes.length && prev.indexes.every((ix, i) => ix === indexes[i])) {
      this.seedFrom(prev);
    }
  }

  /**
   * Scores the previous query's best entries first: after one more keystroke they are usually
   * still good, so the kept set starts with a high bar and the bounds prune from the first entry.
   */
  private seedFrom(prev: SearchRun): void {
    const top = prev.top;
    prepareScratch(Math.max(...this.indexes.map((ix) => ix.maxLen)), this.query);
    for (let slot = 0; slot < top.size; slot++) {
      const src = top.srcs[slot]!;
      const id = top.ids[slot]!;
      const ix = this.indexes[src]!;
      const flags = (this.seeded[src] ??= new Uint8Array(ix.count));
      flags[id] = 1;
      if ((ix.masks[id]! & this.query.mask) === this.query.mask) this.consider(src, ix, id);
    }
  }

  /**
   * Entries [0, n) of index `src` whose matches this run knows completely, or -1 while it is
   * still working through a previous run's candidates.
   */
  coverage(src: number): number {
    const c = this.candidates[src];
    if (c != null && this.candidatePos[src]! < c.count) return -1;
    return this.scanned[src]!;
  }

  /** Whether the run has examined every entry the indexes hold right now. */
  get caughtUp(): boolean {
    return this.indexes.every((ix, i) => this.coverage(i) === ix.count);
  }

  /** Works until caught up or until performance.now() passes `deadline`; returns caughtUp. */
  step(deadline = Infinity): boolean {
    const q = this.query;
    const qm = q.mask;
    let tick = 0;
    for (let src = 0; src < this.indexes.length; src++) {
      const ix = this.indexes[src]!;
      const masks = ix.masks;
      prepareScratch(ix.maxLen, q);
      const seeded = this.seeded[src] ?? NONE_SEEDED;
      const seededEnd = seeded.length;
      const c = this.candidates[src];
      if (c != null) {
        let pos = this.candidatePos[src]!;
        const ids = c.ids;
        const bounds = c.bounds;
        const delta = this.appendDelta;
        const list = this.matches[src]!;
        const track = this.trackEnds;
        const oneTerm = this.oneTerm;
        const ends = c.ends;
        const units = q.terms[0]!.lower;
        const appendFrom = this.appendFrom;
        for (; pos < c.count; pos++) {
          const id = ids[pos]!;
          if ((masks[id]! & qm) !== qm || (id < seededEnd && seeded[id] === 1)) continue;
          let end = -1;
          if (oneTerm) {
            const was = track ? ends[pos]! : -1;
            end = was >= 0 ? advanceMatch(ix, id, was + 1, units, appendFrom) : advanceMatch(ix, id, 0, units, 0);
            if (end < 0) continue; // no longer a subsequence: gone for every narrower query too
          }
          if (delta >= 0) {
            // The previous bound plus what the appended characters can add (exact-name bonus
            // checked only when the cheap test is not conclusive).
            const bound = bounds[pos]! + delta;
            const len = ix.lens[id]!;
            const rest = (len < LONGEST_RANKED ? LONGEST_RANKED - len : 0) - ix.dirs[id]! * DIRECTORY_PENALTY * LENGTH_SLOTS;
            const threshold = this.top.threshold;
            if (
              (bound + q.exactMax) * LENGTH_SLOTS + rest < threshold ||
              (bound + exactBonusBound(ix, id, q)) * LENGTH_SLOTS + rest < threshold
            ) {
              list.push(id, bound, end);
              continue;
            }
          }
          this.consider(src, ix, id, end);
          if (++tick >= CLOCK_INTERVAL) {
            tick = 0;
            if (performance.now() > deadline) {
              this.candidatePos[src] = pos + 1;
              return false;
            }
          }
        }
        this.candidatePos[src] = pos;
      }
      let id = this.scanned[src]!;
      const end = ix.count;
      const oneTerm = this.oneTerm;
      const units = q.terms[0]!.lower;
      for (; id < end; id++) {
        // The character-bag test rejects most entries before any per-character work.
        if ((masks[id]! & qm) !== qm || (id < seededEnd && seeded[id] === 1)) continue;
        let matchEnd = -1;
        if (oneTerm) {
          matchEnd = advanceMatch(ix, id, 0, units, 0);
          if (matchEnd < 0) continue;
        }
        this.consider(src, ix, id, matchEnd);
        if (++tick >= CLOCK_INTERVAL) {
          tick = 0;
          if (performance.now() > deadline) {
            this.scanned[src] = id + 1;
            return false;
          }
        }
      }
      this.scanned[src] = id;
    }
    return true;
  }

  private consider(src: number, ix: FileIndex, id: number, end = -1): void {
    const q = this.query;
    const threshold = this.top.threshold;
    // The coarsest bound, inline: are all query characters in the file name (each term could
    // also be the exact name)? Near the end of a word this rules out almost every entry.
    const len = ix.lens[id]!;
    const coarse =
      ((ix.nameMasks[id]! & q.mask) === q.mask ? q.boundAllInName : q.boundMostInName) +
      q.exactMax -
      ix.dirs[id]! * DIRECTORY_PENALTY;
    let bound = coarse - q.exactMax + ix.dirs[id]! * DIRECTORY_PENALTY;
    if (coarse * LENGTH_SLOTS + (len < LONGEST_RANKED ? LONGEST_RANKED - len : 0) >= threshold) {
      const s = score(ix, id, q, threshold);
      if (s === NO_MATCH_CODE) return;
      if (s >= 0 && this.top.offer(s, src, id)) this.changed = true;
      bound = lastBound[0]!;
    }
    // A match, or not examined at all: either way a candidate for narrower queries.
    this.matches[src]!.push(id, bound, end);
  }

  /** Returns whether the kept results changed since the previous call, and resets the flag. */
  takeChanged(): boolean {
    const c = this.changed;
    this.changed = false;
    return c;
  }

  /** The kept results, best first (score, then path, then root order), with matched indices. */
  results(): FuzzyFileMatch[] {
    const top = this.top;
    const order: number[] = [];
    for (let i = 0; i < top.size; i++) order.push(i);
    order.sort((a, b) => {
      const d = top.scores[b]! - top.scores[a]!;
      if (d !== 0) return d;
      const pa = this.indexes[top.srcs[a]!]!.paths[top.ids[a]!]!;
      const pb = this.indexes[top.srcs[b]!]!.paths[top.ids[b]!]!;
      if (pa !== pb) return pa < pb ? -1 : 1;
      return top.srcs[a]! - top.srcs[b]!;
    });
    return order.map((slot) => {
      const src = top.srcs[slot]!;
      const id = top.ids[slot]!;
      const ix = this.indexes[src]!;
      const path = ix.paths[id]!;
      const aligned = matchPositions(ix, id, this.query);
      return {
        root: this.options.labels?.[src] ?? ix.root,
        path,
        match_type: ix.dirs[id] === 1 ? 'directory' : 'file',
        file_name: ix.fileName(id),
        score: top.scores[slot]!,
        indices: aligned ? toCodePointIndices(path, aligned.positions) : null,
      };
    });
  }
}

/** Whether `next` is `prev` with characters appended to its last term (typing forward). */
function isAppend(prev: CompiledQuery, next: CompiledQuery): boolean {
  const n = prev.terms.length;
  if (next.terms.length !== n) return false;
  for (let t = 0; t < n; t++) {
    const a = prev.terms[t]!.lower;
    const b = next.terms[t]!.lower;
    if (t < n - 1 ? a.length !== b.length : a.length > b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  }
  return true;
}

/** Converts UTF-16 offsets to code point indices (what Codex reports), when the path needs it. */
function toCodePointIndices(path: string, positions: number[]): number[] {
  if (!/[\uD800-\uDFFF]/.test(path)) return positions;
  const out: number[] = [];
  let cp = 0;
  let unit = 0;
  for (const p of positions) {
    while (unit < p) {
      const c = path.charCodeAt(unit);
      unit += c >= 0xd800 && c <= 0xdbff && unit + 1 < path.length ? 2 : 1;
      cp++;
    }
    if (out[out.length - 1] !== cp) out.push(cp);
  }
  return out;
}
