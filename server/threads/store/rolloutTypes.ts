// The shapes of rollout (JSONL) lines and of the thread summaries the store keeps about them.
// Payloads the store does not interpret stay open JSON records, so upper layers can add event and
// item kinds without touching the store.
import { ThreadSourceKind as ThreadSourceKindSchema, type ThreadSourceKind as ProtocolThreadSourceKind } from '../../protocol/common';

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | JsonObject;
/** A JSON object; `undefined` members are allowed (JSON.stringify drops them) so optional fields fit. */
export interface JsonObject {
  [key: string]: JsonValue | undefined;
}

/** One line of a rollout file: `{"timestamp", "ordinal", "type", "payload"}`. */
export interface RolloutLineOf<T extends string, P> {
  /** ISO-8601 with milliseconds, UTC (`2026-11-21T04:53:16.139Z`). */
  timestamp: string;
  /** 0-based position in the file; Codex writes it, older rollouts lack it. */
  ordinal?: number;
  type: T;
  payload: P;
}

/** `session_meta.source` as Codex writes it: a string, or an object for sub-agents and custom. */
export type SessionSourceValue = string | { [key: string]: JsonValue };

/** `session_meta.git` (snake_case, as Codex writes it). */
export interface RolloutGitInfo {
  commit_hash?: string | null;
  branch?: string | null;
  repository_url?: string | null;
  [key: string]: JsonValue | undefined;
}

/** Line 1 of every rollout. Known fields are typed; anything else is kept as is. */
export interface SessionMetaPayload {
  id: string;
  session_id?: string;
  forked_from_id?: string | null;
  /** Creation time, ISO-8601. */
  timestamp: string;
  cwd: string;
  originator?: string;
  cli_version?: string;
  source?: SessionSourceValue;
  model_provider?: string | null;
  model?: string | null;
  base_instructions?: { text: string; [key: string]: JsonValue | undefined } | null;
  history_mode?: string;
  git?: RolloutGitInfo | null;
  [key: string]: JsonValue | undefined;
}

/** A Responses-API item exactly as sent to or received from the model; opaque to the store. */
export interface ResponseItemPayload {
  type: string;
  [key: string]: JsonValue | undefined;
}

/** `event_msg` payloads: `payload.type` names the event (task_started, token_count, …). */
export interface EventMsgPayload {
  type: string;
  [key: string]: JsonValue | undefined;
}

export interface TurnContextPayload {
  turn_id?: string;
  cwd?: string;
  model?: string;
  [key: string]: JsonValue | undefined;
}

export type SessionMetaLine = RolloutLineOf<'session_meta', SessionMetaPayload>;
export type ResponseItemLine = RolloutLineOf<'response_item', ResponseItemPayload>;
export type EventMsgLine = RolloutLineOf<'event_msg', EventMsgPayload>;
export type TurnContextLine = RolloutLineOf<'turn_context', TurnContextPayload>;
/** Kinds Codex writes that the store only carries (history compaction, world snapshots, usage). */
export type CompactedLine = RolloutLineOf<'compacted', JsonObject>;
export type WorldStateLine = RolloutLineOf<'world_state', JsonObject>;
export type TokenUsageRecordLine = RolloutLineOf<'token_usage_record', JsonObject>;

export type RolloutLine =
  | SessionMetaLine
  | ResponseItemLine
  | EventMsgLine
  | TurnContextLine
  | CompactedLine
  | WorldStateLine
  | TokenUsageRecordLine;

export type RolloutLineType = RolloutLine['type'];
export const ROLLOUT_LINE_TYPES: readonly RolloutLineType[] = [
  'session_meta',
  'response_item',
  'event_msg',
  'turn_context',
  'compacted',
  'world_state',
  'token_usage_record',
];

/** What callers hand to a writer: the writer stamps `timestamp` (if absent) and `ordinal`. */
export type RolloutLineInput = {
  [K in RolloutLineType]: Omit<Extract<RolloutLine, { type: K }>, 'timestamp' | 'ordinal'> & { timestamp?: string };
}[RolloutLineType];

/** A problem found while reading a rollout; reading never throws for bad content. */
export interface RolloutWarning {
  /** 1-based line number in the file. */
  line: number;
  kind: 'torn-last-line' | 'malformed-line' | 'unknown-type';
  message: string;
}

/** `thread/list` source kinds: the protocol's ThreadSourceKind (one definition, in server/protocol). */
export type ThreadSourceKind = ProtocolThreadSourceKind;

export const ALL_SOURCE_KINDS: readonly ThreadSourceKind[] = ThreadSourceKindSchema.options;
/** What `thread/list` shows when `sourceKinds` is omitted or empty (as Codex does). */
export const INTERACTIVE_SOURCE_KINDS: readonly ThreadSourceKind[] = ['cli', 'vscode'];

export interface ThreadGitInfo {
  sha: string | null;
  branch: string | null;
  originUrl: string | null;
}

/** What the index knows about one thread: enough to answer `thread/list` without opening files. */
export interface ThreadSummary {
  id: string;
  /** Absolute path of the rollout file. */
  path: string;
  archived: boolean;
  /** Epoch milliseconds (the protocol's Thread wants seconds: divide by 1000). */
  createdAt: number;
  /** Epoch milliseconds of the last append (ours) or the file's mtime (other writers). */
  updatedAt: number;
  cwd: string;
  modelProvider: string;
  model: string | null;
  source: SessionSourceValue;
  sourceKind: ThreadSourceKind;
  originator: string | null;
  cliVersion: string;
  /** First user text, whitespace-collapsed, at most PREVIEW_MAX_CHARS characters. */
  preview: string;
  name: string | null;
  gitInfo: ThreadGitInfo | null;
  forkedFromId: string | null;
}

export const PREVIEW_MAX_CHARS = 200;
