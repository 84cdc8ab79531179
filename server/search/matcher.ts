// The fuzzy scorer for file paths, hot path. A query (split on whitespace into terms that must all
// match) is matched as a subsequence of an entry's relative path; the score rewards matches at
// segment and word starts, camelCase humps and consecutive runs (in the spirit of fzf's and
// nucleo's Smith-Waterman-style scoring), characters that land in the file name, an exact
// file-name hit and shorter paths, and charges for gaps (weights in scoring.ts). Case is smart.
// Everything here runs on typed arrays without allocating, and gives up early whenever an upper
// bound shows the entry cannot beat the caller's current worst kept result.
import * as fileIndex from './fileIndex';
import * as scoring from './scoring';
import { type CompiledQuery, type QueryTerm } from './scoring';
import { type FileIndex } from './fileIndex';

// Module-local copies of the weights: under a CommonJS loader (the tests and benchmarks run
// through tsx) every use of an imported binding is a getter call, which costs more than the
// arithmetic it feeds in these loops. The bundled server does not care either way.
const {
  BONUS_CONSECUTIVE,
  BONUS_EXACT_NAME,
  BONUS_FILE_NAME,
  DIRECTORY_PENALTY,
  FIRST_CHAR_MULTIPLIER,
  GAP_EXTEND,
  GAP_MAX,
  GAP_START,
  LENGTH_SLOTS,
  NEG,
  REACHABLE,
  SCORE_MATCH,
  isExactName,
  termBound,
} = scoring;
const { BONUS_BITS, BONUS_MAX, BONUS_MAX_IN_NAME, UPPER_FLAG } = fileIndex;

export { compileQuery, narrows, type CompiledQuery, type QueryTerm } from './scoring';

export const NO_MATCH = -1;
/** The entry matches, but its upper bound is below the caller's threshold, so it was not scored. */
export const PRUNED = -2;
/** The entry cannot reach the threshold whether or not it matches; it was not examined. */
export const UNVERIFIED = -3;

// Scratch space shared by all calls (JS is single-threaded): feasible positions per query unit
// (earliest overall, earliest inside the file name, latest), how much of each term fits in the
// file name, two DP rows, and original-case units.
let first = new Int32Array(64);
let firstInName = new Int32Array(64);
let last = new Int32Array(64);
let inNameByTerm = new Int32Array(16);
let bagBoundByTerm = new Int32Array(16);
let rowH0 = new Int32Array(256);
let rowH1 = new Int32Array(256);
let rowR0 = new Int32Array(256);
let rowR1 = new Int32Array(256);
let origUnits = new Uint16Array(256);
let rowLower = new Uint16Array(256);
let rowBonus = new Uint8Array(256);

/** Sizes the scratch space for paths up to `maxLen` units; call before a batch of scoreEntry calls. */
export function prepareScratch(maxLen: number, q: CompiledQuery): void {
  if (maxLen > rowH0.length) {
    const n = Math.max(maxLen, rowH0.length * 2);
    rowH0 = new Int32Array(n);
    rowH1 = new Int32Array(n);
    rowR0 = new Int32Array(n);
    rowR1 = new Int32Array(n);
    origUnits = new Uint16Array(n);
    rowLower = new Uint16Array(n);
    rowBonus = new Uint8Array(n);
  }
  if (q.units > first.length) {
    first = new Int32Array(q.units * 2);
    firstInName = new Int32Array(q.units * 2);
    last = new Int32Array(q.units * 2);
  }
  if (q.terms.length > inNameByTerm.length) {
    inNameByTerm = new Int32Array(q.terms.length * 2);
    bagBoundByTerm = new Int32Array(q.terms.length * 2);
  }
}

/**
 * Set by every scoreEntry call that gets past the character bag: an upper bound of the entry's
 * alignment score for that query, excluding the exact-name bonus and the directory penalty. A
 * caller may keep it to bound the same entry for a longer query typed next (see SearchRun).
 */
export const alignmentBound = new Int32Array(1);

/** The exact-name bonus the entry could earn for `q` (whether each term could be its name). */
export function exactBound(ix: FileIndex, id: number, q: CompiledQuery): number {
  const lower = ix.lower;
  const ns = ix.nameRow(id);
  const nameLen = ix.lens[id]! - ix.nameStarts[id]!;
  const terms = q.terms;
  let exact = 0;
  for (let t = 0; t < terms.length; t++) {
    const tl = terms[t]!.lower;
    const m = tl.length;
    if (m <= nameLen && lower[ns] === tl[0] && (m === nameLen || lower[ns + m] === 46)) exact += BONUS_EXACT_NAME;
  }
  return exact;
}

/**
 * Scores entry `id` of `ix` against `q`, after the caller checked the character bag
 * (ix.masks[id] against q.mask) and called prepareScratch. Returns the score (> 0); NO_MATCH;
 * PRUNED when the entry matches but cannot reach `minScore` (the caller's worst kept result); or
 * UNVERIFIED when a bound computed without reading the path is already below `minScore`, so
 * whether it matches was not checked either.
 */
export function scoreEntry(ix: FileIndex, id: number, q: CompiledQuery, minScore: number): number {
  const len = ix.lens[id]!;
  const nameRel = ix.nameStarts[id]!;
  const lower = ix.lower;
  const terms = q.terms;
  const lengthTerm = LENGTH_SLOTS - 1 - (len < LENGTH_SLOTS - 1 ? len : LENGTH_SLOTS - 1);
  const dirPenalty = ix.dirs[id] === 1 ? DIRECTORY_PENALTY : 0;
  // Bounds from per-entry bags only, without reading the path; for typical queries they settle
  // most entries. First an O(1) one (are all query characters in the file name; could a term be
  // the whole name?), then the per-unit one of termBagBound.
  const ns = ix.nameRow(id);
  const exact = exactBound(ix, id, q);
  const coarse = (ix.nameMasks[id]! & q.mask) === q.mask ? q.boundAllInName : q.boundMostInName;
  alignmentBound[0] = coarse;
  if ((coarse + exact - dirPenalty) * LENGTH_SLOTS + lengthTerm < minScore) return UNVERIFIED;
  let bag = 0;
  for (let t = 0; t < terms.length; t++) {
    const tb = termBagBound(ix, id, terms[t]!, lower[ns]!, nameRel > 0);
    bagBoundByTerm[t] = tb;
    bag += tb;
  }
  alignmentBound[0] = bag;
  let ub = bag + exact - dirPenalty;
  if (ub * LENGTH_SLOTS + lengthTerm < minScore) return UNVERIFIED;

  if (q.caseSensitive && (ix.upperMasks[id]! & q.upperMask) !== q.upperMask) return NO_MATCH;
  // From here on the full path is needed; a file's row is assembled from its directory's.
  let hay: Uint16Array = lower;
  let bon: Uint8Array = ix.bonus;
  let s = ix.materialize(id, rowLower, rowBonus);
  if (s < 0) {
    hay = rowLower;
    bon = rowBonus;
    s = 0;
  }
  const lowerRow = hay;
  let hs = s;
  if (q.caseSensitive) {
    if (!feasible(lowerRow, bon, s, len, nameRel, q, true)) return NO_MATCH;
    // The DP compares units directly, so give it the original spelling of this (matching) path.
    const p = ix.paths[id]!;
    for (let j = 0; j < len; j++) origUnits[j] = p.charCodeAt(j);
    hay = origUnits;
    hs = 0;
  } else if (!feasible(lowerRow, bon, s, len, nameRel, q, false)) return NO_MATCH;

  // A tighter bound, now that we know how much of each term can sit in the file name.
  ub = -dirPenalty;
  for (let t = 0; t < terms.length; t++) {
    const tq = q.caseSensitive ? terms[t]!.orig : terms[t]!.lower;
    const inName = inNameByTerm[t]!;
    const byName = termBound(tq.length, inName);
    const bag = bagBoundByTerm[t]!;
    ub += bag < byName ? bag : byName;
    if (inName === tq.length && isExactName(hay, hs, len, nameRel, tq)) ub += BONUS_EXACT_NAME;
  }
  if (ub * LENGTH_SLOTS + lengthTerm < minScore) return PRUNED;

  let raw = -dirPenalty;
  let off = 0;
  for (let t = 0; t < terms.length; t++) {
    const tq = q.caseSensitive ? terms[t]!.orig : terms[t]!.lower;
    const m = tq.length;
    let best: number;
    if (inNameByTerm[t] === m) {
      // Align inside the file name first (short). If that already beats anything an alignment
      // starting in a directory could reach, the full-path DP cannot improve on it.
      let i = 0;
      let c = tq[0]!;
      for (let j = nameRel; i < m; j++) {
        if (hay[hs + j] === c) {
          firstInName[off + i] = j;
          if (++i < m) c = tq[i]!;
        }
      }
      best = alignScore(hay, hs, bon, s, nameRel, tq, off, firstInName);
      if (best < termBound(m, m - 1)) best = alignScore(hay, hs, bon, s, nameRel, tq, off, first);
      if (isExactName(hay, hs, len, nameRel, tq)) best += BONUS_EXACT_NAME;
    } else {
      best = alignScore(hay, hs, bon, s, nameRel, tq, off, first);
    }
    raw += best;
    off += m;
  }
  return raw * LENGTH_SLOTS + lengthTerm;
}

/**
 * Upper bound of one term's alignment score from the entry's bags. An alignment puts units
 * [0, k) in the directory part and [k, m) in the file name, for some k. Inside the name only the
 * first character carries the segment bonus (others at most BONUS_MAX_IN_NAME); a unit can only
 * continue a run (and inherit its bonus) if the name's bigram bag has the pair, otherwise it pays
 * a gap and earns a bonus only if the name's word-start bag has it. The first unit in the name
 * after directory units always pays a gap (no '/' in the term), and the first unit overall earns
 * the doubled bonus only if some word start holds it. Directory units are bounded generously.
 * k = 0 (name only) through k = m (directories only) are scored in one backward pass.
 */
function termBagBound(ix: FileIndex, id: number, term: QueryTerm, nameFirst: number, hasDir: boolean): number {
  const m = term.lower.length;
  const bits = term.bits;
  if (term.hasSlash) return termBound(m, m - 1);
  const nameMask = ix.nameMasks[id]!;
  const nameBigrams = ix.nameBigrams[id]!;
  const nameBounds = ix.nameBounds[id]!;
  const dirOk = hasDir && (ix.dirMasks[id]! & bits[0]!) !== 0;
  const dirFirst = SCORE_MATCH + ((ix.dirBounds[id]! & bits[0]!) !== 0 ? BONUS_MAX * FIRST_CHAR_MULTIPLIER : 0);
  const dirUnit = SCORE_MATCH + BONUS_MAX;
  // A run inherits the segment bonus only if it passes the name's first character.
  const tl = term.lower;
  let startAt = m;
  if (nameFirst < 128) startAt = term.firstAt[nameFirst]!;
  else {
    for (let i = 0; i < m; i++) {
      if (tl[i] === nameFirst) {
        startAt = i;
        break;
      }
    }
  }
  let best = dirOk ? dirFirst + (m - 1) * dirUnit : NEG; // k = m
  let inner = 0; // bound of units k+1..m-1, each inside the name after a unit inside the name
  for (let k = m - 1; k >= 0; k--) {
    const bit = bits[k]!;
    if ((nameMask & bit) === 0) break; // units k..m-1 cannot all be in the name
    const own = tl[k] === nameFirst ? BONUS_MAX : (nameBounds & bit) !== 0 ? BONUS_MAX_IN_NAME : 0;
    if (k === 0) {
      const nameOnly = SCORE_MATCH + BONUS_FILE_NAME + own * FIRST_CHAR_MULTIPLIER + inner;
      if (nameOnly > best) best = nameOnly;
    } else {
      if (dirOk) {
        const split = dirFirst + (k - 1) * dirUnit + SCORE_MATCH + BONUS_FILE_NAME - GAP_START + own + inner;
        if (split > best) best = split;
      }
      inner +=
        (nameBigrams & term.pairs[k]!) !== 0
          ? SCORE_MATCH + BONUS_FILE_NAME + (startAt <= k ? BONUS_MAX : BONUS_MAX_IN_NAME)
          : SCORE_MATCH + BONUS_FILE_NAME - GAP_START + own;
    }
  }
  return best;
}

/**
 * Whether every term is a subsequence of the path (with `cased`, also matching the UPPER_FLAG of
 * each unit); fills `first`/`last` (earliest and latest feasible position of each query unit) and
 * `inNameByTerm` (how long a tail of each term fits in the file name).
 */
function feasible(
  lower: Uint16Array,
  bon: Uint8Array,
  s: number,
  len: number,
  nameRel: number,
  q: CompiledQuery,
  cased: boolean,
): boolean {
  const terms = q.terms;
  let off = 0;
  for (let t = 0; t < terms.length; t++) {
    const tq = terms[t]!.lower;
    const up = terms[t]!.upper;
    const m = tq.length;
    let i = 0;
    let c = tq[0]!;
    for (let j = 0; j < len; j++) {
      if (lower[s + j] === c && (!cased || (bon[s + j]! & UPPER_FLAG) === up[i]! * UPPER_FLAG)) {
        first[off + i] = j;
        if (++i === m) break;
        c = tq[i]!;
      }
    }
    if (i < m) return false;
    i = m - 1;
    c = tq[i]!;
    let inName = 0;
    for (let j = len - 1; ; j--) {
      if (lower[s + j] === c && (!cased || (bon[s + j]! & UPPER_FLAG) === up[i]! * UPPER_FLAG)) {
        last[off + i] = j;
        if (j >= nameRel) inName++;
        if (i === 0) break;
        c = tq[--i]!;
      }
    }
    inNameByTerm[t] = inName;
    off += m;
  }
  return true;
}

/**
 * The best alignment score of one term, by dynamic programming over rows (query units) and the
 * columns between each unit's earliest (`firsts`) and latest feasible positions. H is the best
 * score with unit i matched at column j; R is the bonus of the run that column j continues. Gaps
 * cost min(GAP_START + (g - 1) * GAP_EXTEND, GAP_MAX), tracked in O(1) per column.
 */
function alignScore(
  hay: Uint16Array,
  hs: number,
  bon: Uint8Array,
  bs: number,
  nameRel: number,
  tq: Uint16Array,
  off: number,
  firsts: Int32Array,
): number {
  let prevH = rowH0;
  let prevR = rowR0;
  let curH = rowH1;
  let curR = rowR1;
  let pf = firsts[off]!;
  let pl = last[off]!;
  const c0 = tq[0]!;
  for (let j = pf; j <= pl; j++) {
    if (hay[hs + j] === c0) {
      const b = bon[bs + j]! & BONUS_BITS;
      prevH[j] = SCORE_MATCH + b * FIRST_CHAR_MULTIPLIER + (j >= nameRel ? BONUS_FILE_NAME : 0);
      prevR[j] = b;
    } else prevH[j] = NEG;
  }
  const m = tq.length;
  for (let i = 1; i < m; i++) {
    const fi = firsts[off + i]!;
    const li = last[off + i]!;
    const c = tq[i]!;
    let roll = NEG; // best prevH[k] minus the uncapped affine gap penalty, over k <= j - 2
    let best = NEG; // best prevH[k] over k <= j - 2 (pays the capped penalty)
    for (let j = pf + 1; j <= li; j++) {
      const k = j - 2;
      if (k >= pf && k <= pl) {
        const h = prevH[k]!;
        const extended = roll - GAP_EXTEND;
        const opened = h - GAP_START;
        roll = extended > opened ? extended : opened;
        if (h > best) best = h;
      } else roll -= GAP_EXTEND;
      if (j < fi) continue;
      if (hay[hs + j] !== c) {
        curH[j] = NEG;
        continue;
      }
      const b = bon[bs + j]! & BONUS_BITS;
      const capped = best - GAP_MAX;
      let score = (roll > capped ? roll : capped) + SCORE_MATCH + b;
      let run = b;
      if (j - 1 <= pl) {
        const ph = prevH[j - 1]!;
        if (ph > REACHABLE) {
          // A consecutive match inherits its run's bonus: "main" after '/' keeps the segment bonus.
          const pr = prevR[j - 1]!;
          const runBonus = b > pr ? b : pr;
          const sc = ph + SCORE_MATCH + (runBonus > BONUS_CONSECUTIVE ? runBonus : BONUS_CONSECUTIVE);
          if (sc >= score) {
            score = sc;
            run = runBonus;
          }
        }
      }
      curH[j] = score + (j >= nameRel ? BONUS_FILE_NAME : 0);
      curR[j] = run;
    }
    const th = prevH;
    prevH = curH;
    curH = th;
    const tr = prevR;
    prevR = curR;
    curR = tr;
    pf = fi;
    pl = li;
  }
  let result = NEG;
  for (let j = pf; j <= pl; j++) if (prevH[j]! > result) result = prevH[j]!;
  return result;
}
