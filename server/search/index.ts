// Public surface of the fuzzy file search used by the composer's @-mentions: the one-shot search,
// the typing session, their result type, and the pieces a handler or a benchmark may want directly.
export { fuzzyFileSearch, sharedIndexCache, CancellationTokens, type FuzzyFileSearchOptions } from './fuzzySearch';
export {
  FuzzySearchSession,
  type FuzzySearchSessionCallbacks,
  type FuzzySearchSessionOptions,
  type FuzzySearchSessionUpdate,
} from './searchSession';
export { FileIndexCache, type FileIndexCacheOptions } from './indexCache';
export { FileIndex } from './fileIndex';
export { walkDirectory, type WalkOptions, type WalkStats } from './walker';
export { compileQuery, type CompiledQuery } from './matcher';
export { DEFAULT_RESULT_LIMIT, type FuzzyFileMatch, type FuzzyFileMatchType } from './types';
