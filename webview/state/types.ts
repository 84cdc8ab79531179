// The shapes the webview store hands out. Every value here is immutable: a change replaces the
// object (and only that object), so a selector returning one of them re-renders exactly the
// components that show it — a streaming delta replaces one ItemView, not its turn or thread.
import type {
  RateLimitSnapshot,
  ServerNotifications,
  Thread,
  ThreadGoal,
  ThreadItem,
  ThreadReadState,
  ThreadStatus,
  ThreadTokenUsage,
  TurnError,
  TurnItemsView,
  TurnPlanStep,
  TurnStatus,
} from '@protocol';
import type { HostToWebviewMessage, ServerConnectionState, WebviewSettings } from '../../bridge/messages';

export type HostInfo = Extract<HostToWebviewMessage, { type: 'hostInfo' }>;
export type ThreadMeta = Omit<Thread, 'turns'>;

/** One item of a turn, plus what streamed for it that the item itself has no field for. */
export interface ItemView {
  readonly threadId: string;
  readonly turnId: string;
  readonly item: ThreadItem;
  /** `item/mcpToolCall/progress` messages, oldest first. */
  readonly progress: readonly string[];
  /** Input written to an interactive command (`item/commandExecution/terminalInteraction`). */
  readonly stdin: readonly string[];
  /** Characters of command output dropped from the front to keep the output under the cap. */
  readonly outputDroppedChars: number;
}

/** An `error` notification of a turn: retried (willRetry) or final. */
export interface TurnErrorEvent {
  readonly error: TurnError;
  readonly willRetry: boolean;
  /** Position among the turn's error events (row key). */
  readonly seq: number;
}

export interface TurnPlan {
  readonly explanation: string | null;
  readonly steps: readonly TurnPlanStep[];
}

export interface TurnView {
  readonly id: string;
  readonly threadId: string;
  readonly status: TurnStatus;
  readonly error: TurnError | null;
  readonly startedAt: number | null;
  readonly completedAt: number | null;
  readonly durationMs: number | null;
  readonly itemsView: TurnItemsView;
  readonly itemIds: readonly string[];
  readonly plan: TurnPlan | null;
  /** The turn's aggregated unified diff (`turn/diff/updated`). */
  readonly diff: string | null;
  readonly errors: readonly TurnErrorEvent[];
  /** `thread/compacted` named this turn. */
  readonly compacted: boolean;
  /** The user undid the turn's file changes here (`turn/undone` from the host): how many files were restored. */
  readonly undone: { readonly files: number } | null;
}

/** Paging of older turns: cursor for `thread/turns/list` (desc), or done. */
export type OlderTurns =
  | { readonly state: 'unknown' }
  | { readonly state: 'idle'; readonly cursor: string }
  | { readonly state: 'loading'; readonly cursor: string }
  | { readonly state: 'done' };

export interface ThreadView {
  readonly id: string;
  /** The thread's metadata (null until a snapshot or thread/started arrived). */
  readonly meta: ThreadMeta | null;
  readonly status: ThreadStatus;
  readonly name: string | null;
  readonly archived: boolean;
  readonly closed: boolean;
  /** Turns oldest first. */
  readonly turnIds: readonly string[];
  readonly tokenUsage: ThreadTokenUsage | null;
  readonly goal: ThreadGoal | null;
  readonly readState: ThreadReadState | null;
  readonly olderTurns: OlderTurns;
}

export type ServerRequestParams = { readonly threadId?: unknown; readonly turnId?: unknown; readonly itemId?: unknown };

/** A server request (approval, question, elicitation) waiting for the user's answer. */
export interface PendingServerRequest {
  readonly id: string | number;
  readonly method: string;
  readonly params: unknown;
  readonly threadId: string | null;
  readonly turnId: string | null;
  /** The item it is about (approvals), else null: shown at the end of its turn. */
  readonly itemId: string | null;
  /** Arrival order. */
  readonly seq: number;
}

/** A message for the user not tied to a turn: warnings, deprecation and config notices. */
export interface Notice {
  readonly seq: number;
  readonly kind: 'warning' | 'deprecation' | 'config';
  readonly threadId: string | null;
  readonly summary: string;
  readonly details: string | null;
  readonly path: string | null;
}

/**
 * A message about the chat view itself, shown under the header until the user's next action
 * (sending, a new chat, opening another chat): the thread it showed is gone and it fell back to a
 * new chat, or re-opening the thread failed for another reason (the text has no internal ids).
 */
export type ChatNotice = { readonly type: 'threadGone' } | { readonly type: 'reopenFailed'; readonly reason: string };

export interface FuzzySearchView {
  readonly sessionId: string;
  readonly query: string;
  readonly files: ServerNotifications['fuzzyFileSearch/sessionUpdated']['files'];
  readonly completed: boolean;
}

export type McpStartupView = Omit<ServerNotifications['mcpServer/startupStatus/updated'], 'name'>;
export interface McpLoginView {
  readonly success: boolean;
  readonly error: string | null;
  readonly loginId: string | null;
}
export type AccountView = ServerNotifications['account/updated'];
export type LoginView = ServerNotifications['account/login/completed'];

/** What the webview keeps in VS Code's webview state. */
export interface PersistedState {
  readonly activeThreadId: string | null;
  /** Composer drafts by thread id ('' for a new, not yet started chat). */
  readonly drafts: Readonly<Record<string, string>>;
}

export interface PersistenceBackend {
  load(): unknown;
  save(state: PersistedState): void;
}

export type { RateLimitSnapshot, ServerConnectionState, WebviewSettings };
