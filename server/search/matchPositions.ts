// Matched character positions for the few results a search returns: the same alignment score the
// fast scorer in matcher.ts finds, recomputed over every column with full matrices and
// back-pointers so the client can highlight which characters of the path matched. It shares no
// code with the fast scorer (no windows, bounds or shortcuts), which makes it a check on it too.
import * as fileIndex from './fileIndex';
import { type FileIndex } from './fileIndex';
import * as scoring from './scoring';
import { type CompiledQuery } from './scoring';

// Module-local copies (see matcher.ts: imported bindings are getters under a CommonJS loader).
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
} = scoring;
const { BONUS_BITS } = fileIndex;

// Scratch space reused by every call (JS is single-threaded): the entry's row, the haystack, the
// DP matrices and a per-column "matched" flag. Grown on demand, never shrunk; the results list
// calls this for up to `limit` entries per update, so not allocating per call matters.
let rowLower = new Uint16Array(256);
let rowBonus = new Uint8Array(256);
let hay = new Uint16Array(256);
let matched = new Uint8Array(256);
let H = new Float64Array(4096);
let R = new Int32Array(4096);
let P = new Int32Array(4096);

function ensureScratch(len: number, cells: number): void {
  if (len > hay.length) {
    const n = Math.max(len, hay.length * 2);
    rowLower = new Uint16Array(n);
    rowBonus = new Uint8Array(n);
    hay = new Uint16Array(n);
    matched = new Uint8Array(n);
  }
  if (cells > H.length) {
    const n = Math.max(cells, H.length * 2);
    H = new Float64Array(n);
    R = new Int32Array(n);
    P = new Int32Array(n);
  }
}

/**
 * The matched positions (UTF-16 offsets into the path, ascending, unique) and the score of the
 * best alignment, or null when the entry does not match.
 */
export function matchPositions(
  ix: FileIndex,
  id: number,
  q: CompiledQuery,
): { score: number; positions: number[] } | null {
  const path = ix.paths[id]!;
  const len = path.length;
  const nameRel = ix.nameStarts[id]!;
  let longest = 0;
  for (const term of q.terms) longest = Math.max(longest, term.lower.length);
  ensureScratch(len, longest * len);
  const at = ix.materialize(id, rowLower, rowBonus);
  const bonus = at < 0 ? rowBonus : ix.bonus;
  const bs = at < 0 ? 0 : at;
  for (let j = 0; j < len; j++) {
    hay[j] = q.caseSensitive ? path.charCodeAt(j) : at < 0 ? rowLower[j]! : ix.lower[bs + j]!;
  }
  matched.fill(0, 0, len);
  let raw = ix.dirs[id] === 1 ? -DIRECTORY_PENALTY : 0;
  for (const term of q.terms) {
    const tq = q.caseSensitive ? term.orig : term.lower;
    const m = tq.length;
    // H: best score with unit i at column j; R: the bonus its run carries; P: the column of unit
    // i - 1 on that best alignment (for the backtrace).
    const cells = m * len;
    H.fill(NEG, 0, cells);
    R.fill(0, 0, cells);
    P.fill(-1, 0, cells);
    for (let j = 0; j < len; j++) {
      if (hay[j] !== tq[0]) continue;
      const b = bonus[bs + j]! & BONUS_BITS;
      H[j] = SCORE_MATCH + b * FIRST_CHAR_MULTIPLIER + (j >= nameRel ? BONUS_FILE_NAME : 0);
      R[j] = b;
    }
    for (let i = 1; i < m; i++) {
      const row = (i - 1) * len;
      // Best predecessor two or more columns back, under the affine and under the capped penalty.
      let roll = NEG;
      let rollAt = -1;
      let best = NEG;
      let bestAt = -1;
      for (let j = 1; j < len; j++) {
        if (j >= 2) {
          const h = H[row + j - 2]!;
          if (h - GAP_START >= roll - GAP_EXTEND) {
            roll = h - GAP_START;
            rollAt = j - 2;
          } else roll -= GAP_EXTEND;
          if (h > best) {
            best = h;
            bestAt = j - 2;
          }
        }
        if (hay[j] !== tq[i]) continue;
        const b = bonus[bs + j]! & BONUS_BITS;
        let score: number;
        let pred: number;
        if (roll >= best - GAP_MAX) {
          score = roll + SCORE_MATCH + b;
          pred = rollAt;
        } else {
          score = best - GAP_MAX + SCORE_MATCH + b;
          pred = bestAt;
        }
        let run = b;
        const ph = H[row + j - 1]!;
        if (ph > REACHABLE) {
          const runBonus = Math.max(b, R[row + j - 1]!);
          const sc = ph + SCORE_MATCH + Math.max(runBonus, BONUS_CONSECUTIVE);
          if (sc >= score) {
            score = sc;
            pred = j - 1;
            run = runBonus;
          }
        }
        if (score <= REACHABLE) continue;
        H[i * len + j] = score + (j >= nameRel ? BONUS_FILE_NAME : 0);
        R[i * len + j] = run;
        P[i * len + j] = pred;
      }
    }
    const lastRow = (m - 1) * len;
    let end = -1;
    for (let j = 0; j < len; j++) {
      if (H[lastRow + j]! > REACHABLE && (end < 0 || H[lastRow + j]! > H[lastRow + end]!)) end = j;
    }
    if (end < 0) return null;
    raw += H[lastRow + end]!;
    for (let i = m - 1, j = end; i >= 0; i--) {
      matched[j] = 1;
      j = P[i * len + j]!;
    }
    if (isExactName(hay, 0, len, nameRel, tq)) raw += BONUS_EXACT_NAME;
  }
  const positions: number[] = [];
  for (let j = 0; j < len; j++) if (matched[j] === 1) positions.push(j);
  const lengthTerm = LENGTH_SLOTS - 1 - Math.min(len, LENGTH_SLOTS - 1);
  return { score: raw * LENGTH_SLOTS + lengthTerm, positions };
}
