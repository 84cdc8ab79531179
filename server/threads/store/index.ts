// Persisted threads: append-only JSONL rollouts (the truth) plus the ThreadIndex that answers
// thread/list quickly. This is the storage layer only; JSON-RPC handlers build on ThreadStore.
export { uuidv7, uuidv7Time, isUuid } from './ids';
export * from './rolloutTypes';
export {
  SESSIONS_DIR,
  ARCHIVED_SESSIONS_DIR,
  CODEX_TS_DIR,
  activeRolloutPath,
  rolloutFileName,
  parseRolloutFileName,
  isoTimestamp,
} from './rolloutPaths';
export { RolloutWriter, type RolloutWriterOptions } from './rolloutWriter';
export { readRollout, scanRolloutLines, parseRolloutLine, nextOrdinalOf, type ReadRolloutResult } from './rolloutReader';
export { sourceKindOf, toPreview, userTextOf, summaryChanges } from './threadMetadata';
export { ThreadIndex, type ThreadIndexOptions, type ThreadListPage, type IndexLoadStats } from './threadIndex';
export type { ReconcileStats } from './indexReconcile';
export { InvalidCursorError, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type ThreadListQuery, type SortDirection } from './threadQuery';
export type { SortKey, FileStamp } from './threadTable';
export { ThreadStore, ThreadNotFoundError, type ThreadStoreOptions, type NewThreadInit, type OpenThread } from './threadStore';
