// Finding a chunk's old lines in a file, the way Codex does: at each strictness level in turn
// (exact; ignoring trailing whitespace; ignoring leading and trailing whitespace; the latter plus
// typographic punctuation and odd spaces read as their ASCII forms) scan for the first position at
// or after `start`. An end-of-file chunk may only match as the file's last lines.

export type MatchLevel = 'exact' | 'trailingWhitespace' | 'whitespace' | 'punctuation';

export interface SeekMatch {
  index: number;
  level: MatchLevel;
}

/** Unicode look-alikes read as ASCII at the most lenient level. */
const ASCII_EQUIVALENT: ReadonlyMap<string, string> = new Map([
  // hyphens and dashes: ‐ ‑ ‒ – — ― and the minus sign −
  ...['\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212'].map((c): [string, string] => [c, '-']),
  // single quotes: ‘ ’ ‚ ‛
  ...['\u2018', '\u2019', '\u201A', '\u201B'].map((c): [string, string] => [c, "'"]),
  // double quotes: “ ” „ ‟
  ...['\u201C', '\u201D', '\u201E', '\u201F'].map((c): [string, string] => [c, '"']),
  // no-break, en/em/thin and other fixed-width spaces, ideographic space
  ...['\u00A0', '\u2002', '\u2003', '\u2004', '\u2005', '\u2006', '\u2007', '\u2008', '\u2009', '\u200A', '\u202F', '\u205F', '\u3000'].map(
    (c): [string, string] => [c, ' '],
  ),
]);
const NON_ASCII_PUNCTUATION = new RegExp(`[${[...ASCII_EQUIVALENT.keys()].join('')}]`, 'g');

/** Trims and replaces typographic punctuation and odd spaces by their ASCII equivalents. */
export function normalisePunctuation(s: string): string {
  return s.trim().replace(NON_ASCII_PUNCTUATION, (c) => ASCII_EQUIVALENT.get(c) ?? c);
}

const LEVELS: ReadonlyArray<[MatchLevel, (s: string) => string]> = [
  ['exact', (s) => s],
  ['trailingWhitespace', (s) => s.trimEnd()],
  ['whitespace', (s) => s.trim()],
  ['punctuation', normalisePunctuation],
];

/**
 * Index of the first occurrence of `pattern` in `lines` at or after `start`, trying each level in
 * order of strictness; null when none matches. With `endOfFile` only the last position is tried.
 * An empty pattern matches at `start`.
 */
export function seekSequence(lines: readonly string[], pattern: readonly string[], start: number, endOfFile: boolean): SeekMatch | null {
  if (pattern.length === 0) return { index: start, level: 'exact' };
  const last = lines.length - pattern.length;
  if (last < 0) return null;
  const first = endOfFile ? last : Math.max(0, start);
  for (const [level, norm] of LEVELS) {
    const wanted = pattern.map(norm);
    const haystack = level === 'exact' ? lines : lines.map(norm);
    for (let i = first; i <= last; i++) {
      let ok = true;
      for (let k = 0; k < wanted.length; k++) {
        if (haystack[i + k] !== wanted[k]) {
          ok = false;
          break;
        }
      }
      if (ok) return { index: i, level };
    }
  }
  return null;
}
