// Greedy subsequence matching over a FileIndex entry's lowercased path, resumable: where the
// earliest in-order match of some query units ends, continuing from where a shorter query's match
// ended. Typing forward ("use" → "user"), a search run keeps that end per candidate, so checking a
// candidate costs a short scan for the appended characters, and entries the longer query no
// longer matches leave the candidate list for good (greedy earliest matching is exact for "is it
// a subsequence").
import type { FileIndex } from './fileIndex';

/**
 * Matches `units[from..]` in order in the entry's path from path position `start` on. Returns the
 * position of the last unit matched (start - 1 when there is nothing to match), or -1 when the
 * units do not all occur.
 */
export function advanceMatch(ix: FileIndex, id: number, start: number, units: Uint16Array, from: number): number {
  const m = units.length;
  let u = from;
  if (u >= m) return start - 1;
  let want = units[u]!;
  const lower = ix.lower;
  const len = ix.lens[id]!;
  const parent = ix.parents[id]!;
  let p = start;
  if (ix.dirs[id] === 1 || parent < 0) {
    // The whole path is stored contiguously.
    const base = ix.rows[id]!;
    for (; p < len; p++) {
      if (lower[base + p] !== want) continue;
      if (++u === m) return p;
      want = units[u]!;
    }
    return -1;
  }
  // A file: its directory's row, '/', then its name's units.
  const ps = ix.rows[parent]!;
  const pl = ix.lens[parent]!;
  for (; p < pl; p++) {
    if (lower[ps + p] !== want) continue;
    if (++u === m) return p;
    want = units[u]!;
  }
  if (p === pl) {
    if (want === 47) {
      if (++u === m) return p;
      want = units[u]!;
    }
    p++;
  }
  const ns = ix.rows[id]! - pl - 1;
  for (; p < len; p++) {
    if (lower[ns + p] !== want) continue;
    if (++u === m) return p;
    want = units[u]!;
  }
  return -1;
}
