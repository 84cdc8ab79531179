// The one-shot fuzzy file search behind `fuzzyFileSearch {query, roots, cancellationToken}`: walk
// (or reuse a recent walk of) each root, score every entry, return the best 50 with matched
// indices. Also the cancellation-token bookkeeping the protocol asks for: a new search carrying a
// token cancels the previous search that carried the same token.
import { FileIndex } from './fileIndex';
import { FileIndexCache } from './indexCache';
import { compileQuery } from './matcher';
import { SearchRun } from './searchRun';
import { DEFAULT_RESULT_LIMIT, type FuzzyFileMatch } from './types';
import { walkDirectory, type WalkOptions } from './walker';

export interface FuzzyFileSearchOptions {
  /** Maximum results. Default 50, as Codex. */
  limit?: number;
  /** Aborting rejects the search with the signal's reason. */
  signal?: AbortSignal;
  /** Where recent walks are shared; null walks every root afresh. Default: one process-wide cache. */
  cache?: FileIndexCache | null;
  /** Walk options when `cache` is null (a cache carries its own). */
  walk?: Omit<WalkOptions, 'signal'>;
  /** Longest stretch of scoring before yielding to the event loop. Default 10 ms. */
  sliceMs?: number;
}

/** The process-wide cache used when options.cache is not given. */
export const sharedIndexCache = new FileIndexCache();

/** Searches `roots` for `query`; an empty query or no roots gives no results. */
export async function fuzzyFileSearch(
  query: string,
  roots: readonly string[],
  options: FuzzyFileSearchOptions = {},
): Promise<FuzzyFileMatch[]> {
  const { signal } = options;
  signal?.throwIfAborted();
  const compiled = compileQuery(query);
  if (compiled === null || roots.length === 0) return [];
  const cache = options.cache === undefined ? sharedIndexCache : options.cache;
  const indexes = await Promise.all(
    roots.map(async (root) => {
      if (cache !== null) return cache.acquire(root, signal);
      const index = new FileIndex(root);
      await walkDirectory(root, index, { ...options.walk, signal });
      return index;
    }),
  );
  const run = new SearchRun(compiled, indexes, { limit: options.limit ?? DEFAULT_RESULT_LIMIT, labels: roots });
  const sliceMs = options.sliceMs ?? 10;
  // Scoring a very large tree can take a while; yield between slices so other requests proceed.
  while (!run.step(performance.now() + sliceMs)) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    signal?.throwIfAborted();
  }
  return run.results();
}

/**
 * Maps protocol cancellation tokens to AbortSignals: `begin(token)` aborts whatever search
 * began with the same token and returns the new search's signal; `end` forgets it when done.
 */
export class CancellationTokens {
  private readonly live = new Map<string, AbortController>();

  begin(token: string | null | undefined): AbortSignal | undefined {
    if (token == null) return undefined;
    this.live.get(token)?.abort(new DOMException('superseded by a newer search', 'AbortError'));
    const controller = new AbortController();
    this.live.set(token, controller);
    return controller.signal;
  }

  end(token: string | null | undefined, signal: AbortSignal | undefined): void {
    if (token == null) return;
    if (this.live.get(token)?.signal === signal) this.live.delete(token);
  }
}
