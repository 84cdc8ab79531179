// Persisted threads: append-only JSONL rollouts (the truth) plus the ThreadIndex that answers
// thread/list quickly. This is the storage layer only; JSON-RPC handlers build on ThreadStore.
export { uuidv7, uuidv7Time, isUuid } from './ids';
export * from './rollout-types';
export {
  SESSIONS_DIR,
  ARCHIVED_SESSIONS_DIR,
  CODEX_TS_DIR,
  activeRolloutPath,
  rolloutFileName,
  parseRolloutFileName,
  isoTimestamp,
} from './rollout-paths';
export { RolloutWriter, type RolloutWriterOptions } from './rollout-writer';
export { readRollout, scanRolloutLines, parseRolloutLine, nextOrdinalOf, type ReadRolloutResult } from './rollout-reader';
export { sourceKindOf, toPreview, userTextOf, summaryChanges } from './thread-metadata';
export { ThreadIndex, type ThreadIndexOptions, type ThreadListPage, type IndexLoadStats } from './thread-index';
export type { ReconcileStats } from './index-reconcile';
export { InvalidCursorError, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type ThreadListQuery, type SortDirection } from './thread-query';
export type { SortKey, FileStamp } from './thread-table';
export { ThreadStore, ThreadNotFoundError, type ThreadStoreOptions, type NewThreadInit, type OpenThread } from './thread-store';
