// Server → client notifications: method → params. The server's outgoing channel is typed by this
// table, so a notification with the wrong shape does not compile.
import type { ThreadItem } from './items';
import type { FuzzyFileSearchResult, RateLimitSnapshot } from './clientRequests';
import type { McpServerOauthLoginCompleted } from './mcpOauth';
import type { McpServerNotifications } from './mcp';
import type { Thread, ThreadGoal, ThreadReadState, ThreadStatus, ThreadTokenUsage, Turn, TurnError } from './thread';

export type TurnPlanStepStatus = 'pending' | 'inProgress' | 'completed';
export interface TurnPlanStep {
  step: string;
  status: TurnPlanStepStatus;
}

export interface ServerNotifications extends McpServerNotifications {
  error: { error: TurnError; willRetry: boolean; threadId: string; turnId: string };
  warning: { threadId: string | null; message: string };
  deprecationNotice: { summary: string; details: string | null };
  configWarning: {
    summary: string;
    details: string | null;
    path?: string;
    /** Where in `path` the problem is (1-based line and column). */
    range?: { start: { line: number; column: number }; end: { line: number; column: number } };
  };
  'thread/started': { thread: Thread };
  'thread/status/changed': { threadId: string; status: ThreadStatus };
  'thread/readState/changed': { threadId: string; readState: ThreadReadState };
  'thread/archived': { threadId: string };
  'thread/unarchived': { threadId: string };
  'thread/closed': { threadId: string };
  'thread/name/updated': { threadId: string; threadName?: string };
  'thread/goal/updated': { threadId: string; turnId: string | null; goal: ThreadGoal };
  'thread/goal/cleared': { threadId: string };
  'thread/compacted': { threadId: string; turnId: string };
  'thread/tokenUsage/updated': { threadId: string; turnId: string; tokenUsage: ThreadTokenUsage };
  'turn/started': { threadId: string; turn: Turn };
  'turn/completed': { threadId: string; turn: Turn };
  'turn/diff/updated': { threadId: string; turnId: string; diff: string };
  'turn/plan/updated': { threadId: string; turnId: string; explanation: string | null; plan: TurnPlanStep[] };
  'item/started': { item: ThreadItem; threadId: string; turnId: string; startedAtMs: number };
  'item/completed': { item: ThreadItem; threadId: string; turnId: string; completedAtMs: number };
  'item/agentMessage/delta': { threadId: string; turnId: string; itemId: string; delta: string };
  'item/reasoning/summaryTextDelta': { threadId: string; turnId: string; itemId: string; delta: string; summaryIndex: number };
  'item/reasoning/summaryPartAdded': { threadId: string; turnId: string; itemId: string; summaryIndex: number };
  'item/reasoning/textDelta': { threadId: string; turnId: string; itemId: string; delta: string; contentIndex: number };
  'item/commandExecution/outputDelta': { threadId: string; turnId: string; itemId: string; delta: string };
  'item/commandExecution/terminalInteraction': { threadId: string; turnId: string; itemId: string; processId: string; stdin: string };
  'serverRequest/resolved': { threadId: string; requestId: string | number };
  'account/rateLimits/updated': { rateLimits: RateLimitSnapshot };
  'account/updated': { authMode: 'apikey' | null; planType: null };
  'account/login/completed': { loginId: string | null; success: boolean; error: string | null; onboardingEntrypoint: null };
  'fuzzyFileSearch/sessionUpdated': { sessionId: string; query: string; files: FuzzyFileSearchResult[] };
  'fuzzyFileSearch/sessionCompleted': { sessionId: string };
  'windowsSandbox/setupCompleted': { mode: 'elevated' | 'unelevated'; success: boolean; error: string | null };
  'mcpServer/oauthLogin/completed': McpServerOauthLoginCompleted;
}
export type ServerNotificationMethod = keyof ServerNotifications;

/** A notification as a tagged union, for consumers (extension, webview) that switch on `method`. */
export type ServerNotification = {
  [M in ServerNotificationMethod]: { method: M; params: ServerNotifications[M] };
}[ServerNotificationMethod];
