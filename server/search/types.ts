// Result types of the fuzzy file search, shaped exactly like the app-server protocol's
// FuzzyFileSearchResult (snake_case fields included) so handlers can pass them through unchanged.
// Kept here rather than imported from server/protocol so this library stays a leaf.

export type FuzzyFileMatchType = 'file' | 'directory';

export interface FuzzyFileMatch {
  /** The search root as the caller gave it. */
  root: string;
  /** Path relative to `root`, '/'-separated on every platform. */
  path: string;
  match_type: FuzzyFileMatchType;
  /** Last segment of `path` (a directory's own name for directories). */
  file_name: string;
  /** Higher is better; only comparable within one query. */
  score: number;
  /** Matched character positions in `path` (Unicode code points, ascending), for highlighting. */
  indices: number[] | null;
}

/** Codex returns at most this many results per search. */
export const DEFAULT_RESULT_LIMIT = 50;
