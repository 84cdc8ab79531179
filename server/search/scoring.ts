// The fuzzy scorer's weights and the query form both of its implementations share: the fast
// scorer in matcher.ts (used on every entry) and the backtracking one in matchPositions.ts (used
// on the few returned results to report matched indices) must agree on every number here.
import { BONUS_MAX, bigramBit, lowerCode, maskBit } from './fileIndex';

export const SCORE_MATCH = 16;
/** A run of consecutive matches earns at least this per character. */
export const BONUS_CONSECUTIVE = 4;
/** The first query character's position bonus counts this many times (a strong anchor). */
export const FIRST_CHAR_MULTIPLIER = 2;
export const GAP_START = 3;
export const GAP_EXTEND = 1;
/** Cap on one gap's penalty, so one long directory name between matches is not fatal. */
export const GAP_MAX = 15;
/** Per query character matched inside the file name rather than in a directory. */
export const BONUS_FILE_NAME = 6;
/** The term is the whole file name, or the name up to an extension ("main" for main.js). */
export const BONUS_EXACT_NAME = 24;
/** Files outrank equally matching directories, which are rarely what one @-mentions. */
export const DIRECTORY_PENALTY = 2;
/** The final score is raw * 256 + (255 - path length), so shorter paths win ties. */
export const LENGTH_SLOTS = 256;

/** A DP cell no alignment reaches; anything above REACHABLE is a real score. */
export const NEG = -1_000_000_000;
export const REACHABLE = -500_000_000;

export interface QueryTerm {
  readonly lower: Uint16Array;
  readonly orig: Uint16Array;
  /** 1 where the query unit is uppercase (compared against the index's UPPER_FLAG). */
  readonly upper: Uint8Array;
  /** Character bag of the term, each unit's bag bit, and each unit's bigram bit with its predecessor. */
  readonly mask: number;
  readonly bits: Int32Array;
  readonly pairs: Int32Array;
  /** The term contains '/', so a match may run from a directory straight into the file name. */
  readonly hasSlash: boolean;
  /** For ASCII units: the index of their first occurrence in the term (0x7fff when absent). */
  readonly firstAt: Int16Array;
}

export interface CompiledQuery {
  readonly text: string;
  readonly terms: readonly QueryTerm[];
  /** Smart case: the query has an uppercase character, so case must match. */
  readonly caseSensitive: boolean;
  /** Character bag every matching path must contain (see maskBit). */
  readonly mask: number;
  /** Letters the path must contain in uppercase (case-sensitive queries only). */
  readonly upperMask: number;
  /** Total characters over all terms. */
  readonly units: number;
  /** Coarse bounds (no exact-name bonus): every unit in the file name, or all but one. */
  readonly boundAllInName: number;
  readonly boundMostInName: number;
  /** The exact-name bonus every term could earn at most. */
  readonly exactMax: number;
}

/** Compiles a query; null when it has no non-whitespace characters (an empty query matches nothing). */
export function compileQuery(text: string): CompiledQuery | null {
  const parts = text.split(/\s+/).filter((p) => p.length > 0);
  if (parts.length === 0) return null;
  let caseSensitive = false;
  let mask = 0;
  let upperMask = 0;
  let units = 0;
  let boundAllInName = 0;
  let boundMostInName = 0;
  const terms = parts.map((part) => {
    const lower = new Uint16Array(part.length);
    const orig = new Uint16Array(part.length);
    const upper = new Uint8Array(part.length);
    const bits = new Int32Array(part.length);
    const pairs = new Int32Array(part.length);
    let termMask = 0;
    for (let i = 0; i < part.length; i++) {
      const c = part.charCodeAt(i);
      const lc = lowerCode(c);
      orig[i] = c;
      lower[i] = lc;
      bits[i] = maskBit(lc);
      if (i > 0) pairs[i] = bigramBit(lower[i - 1]!, lc);
      termMask |= bits[i]!;
      if (lc !== c) {
        caseSensitive = true;
        upper[i] = 1;
        upperMask |= maskBit(lc);
      }
    }
    mask |= termMask;
    units += part.length;
    boundAllInName += termBound(part.length, part.length);
    boundMostInName += termBound(part.length, part.length - 1);
    const hasSlash = part.includes('/');
    const firstAt = new Int16Array(128).fill(0x7fff);
    for (let i = lower.length - 1; i >= 0; i--) if (lower[i]! < 128) firstAt[lower[i]!] = Math.min(i, 0x7ffe);
    return { lower, orig, upper, mask: termMask, bits, pairs, hasSlash, firstAt };
  });
  const exactMax = terms.length * BONUS_EXACT_NAME;
  return { text, terms, caseSensitive, mask, upperMask, units, boundAllInName, boundMostInName, exactMax };
}

/** The most a term of `m` units can score with `inName` of them in the file name (no exact bonus). */
export function termBound(m: number, inName: number): number {
  return m * (SCORE_MATCH + BONUS_MAX) + BONUS_MAX * (FIRST_CHAR_MULTIPLIER - 1) + inName * BONUS_FILE_NAME;
}

/**
 * Whether every path matching `next` also matches `prev`, so a search for `next` may start from
 * `prev`'s matches (typing more characters narrows the list).
 */
export function narrows(prev: CompiledQuery, next: CompiledQuery): boolean {
  if (prev.caseSensitive && !next.caseSensitive) return false;
  return prev.terms.every((pt) =>
    next.terms.some((nt) =>
      prev.caseSensitive ? isSubsequence(pt.orig, nt.orig) : isSubsequence(pt.lower, nt.lower),
    ),
  );
}

function isSubsequence(needle: Uint16Array, hay: Uint16Array): boolean {
  let i = 0;
  for (let j = 0; j < hay.length && i < needle.length; j++) if (hay[j] === needle[i]) i++;
  return i === needle.length;
}

/** The term is the file name, or the file name up to a '.' (units compared as given). */
export function isExactName(hay: Uint16Array, hs: number, len: number, nameRel: number, tq: Uint16Array): boolean {
  const m = tq.length;
  const nameLen = len - nameRel;
  if (m > nameLen) return false;
  const base = hs + nameRel;
  for (let j = 0; j < m; j++) if (hay[base + j] !== tq[j]) return false;
  return m === nameLen || hay[base + m] === 46;
}
