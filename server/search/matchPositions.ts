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
  const rowLower = new Uint16Array(len);
  const rowBonus = new Uint8Array(len);
  const at = ix.materialize(id, rowLower, rowBonus);
  const bonus = at < 0 ? rowBonus : ix.bonus;
  const bs = at < 0 ? 0 : at;
  const hay = new Uint16Array(len);
  for (let j = 0; j < len; j++) {
    hay[j] = q.caseSensitive ? path.charCodeAt(j) : at < 0 ? rowLower[j]! : ix.lower[bs + j]!;
  }
  const positions = new Set<number>();
  let raw = ix.dirs[id] === 1 ? -DIRECTORY_PENALTY : 0;
  for (const term of q.terms) {
    const tq = q.caseSensitive ? term.orig : term.lower;
    const m = tq.length;
    // H: best score with unit i at column j; R: the bonus its run carries; P: the column of unit
    // i - 1 on that best alignment (for the backtrace).
    const H = new Float64Array(m * len).fill(NEG);
    const R = new Int32Array(m * len);
    const P = new Int32Array(m * len).fill(-1);
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
      positions.add(j);
      j = P[i * len + j]!;
    }
    if (isExactName(hay, 0, len, nameRel, tq)) raw += BONUS_EXACT_NAME;
  }
  const lengthTerm = LENGTH_SLOTS - 1 - Math.min(len, LENGTH_SLOTS - 1);
  return { score: raw * LENGTH_SLOTS + lengthTerm, positions: [...positions].sort((a, b) => a - b) };
}
