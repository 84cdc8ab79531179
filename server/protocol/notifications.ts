// Server → client notifications: one entry per method with its params schema. The server's
// outgoing channel is typed by this table (a notification with the wrong shape does not compile);
// a client can validate what a server sends with the same schemas.
import * as z from 'zod';
import { ThreadItem } from './items';
import { McpServerOauthLoginCompleted } from './mcpOauth';
import { McpServerStartupStatusUpdated, McpToolCallProgress } from './mcp';
import { FuzzySessionCompleted, FuzzySessionUpdated } from './searchMethods';
import { AccountLoginCompleted, AccountRateLimitsUpdated, AccountUpdated, WindowsSandboxSetupCompleted } from './sessionMethods';
import { Thread, ThreadGoal, ThreadReadState, ThreadStatus, ThreadTokenUsage, Turn, TurnError } from './thread';
import { wireObject } from './wire';

export const TurnPlanStepStatus = z.enum(['pending', 'inProgress', 'completed']);
export type TurnPlanStepStatus = z.output<typeof TurnPlanStepStatus>;
export const TurnPlanStep = z.lazy(() => wireObject({ step: z.string(), status: TurnPlanStepStatus }));
export type TurnPlanStep = z.output<typeof TurnPlanStep>;

const Position = wireObject({ line: z.number(), column: z.number() });
const OfThread = { threadId: z.string() };
const OfTurn = { threadId: z.string(), turnId: z.string() };
const OfItem = { threadId: z.string(), turnId: z.string(), itemId: z.string() };

/** What one server notification carries. */
export interface ServerNotificationEntry {
  readonly params: z.ZodType;
}

/** An entry whose params schema is built on first use (see `wire.ts`). */
function notification<P extends z.ZodType>(params: () => P): { params: z.ZodLazy<P> } {
  return { params: z.lazy(params) };
}

export const serverNotifications = {
  /** A turn hit an error; `willRetry` says whether the server tries again by itself. */
  error: notification(() => wireObject({ error: TurnError, willRetry: z.boolean(), ...OfTurn })),
  /** Something the user should know that is not an error (a thread's, or the server's). */
  warning: notification(() => wireObject({ threadId: z.string().nullable(), message: z.string() })),
  /** A request used a deprecated way of doing something. */
  deprecationNotice: notification(() => wireObject({ summary: z.string(), details: z.string().nullable() })),
  /** A config file has a problem; `range` is where in `path` (1-based line and column). */
  configWarning: notification(() =>
    wireObject({
      summary: z.string(),
      details: z.string().nullable(),
      path: z.string().optional(),
      range: wireObject({ start: Position, end: Position }).optional(),
    }),
  ),
  /** A thread was started (or forked); follows the response. */
  'thread/started': notification(() => wireObject({ thread: Thread })),
  /** A thread's runtime status changed (idle, active with flags, …). */
  'thread/status/changed': notification(() => wireObject({ ...OfThread, status: ThreadStatus })),
  /** Where the unread part of a thread starts. */
  'thread/readState/changed': notification(() => wireObject({ ...OfThread, readState: ThreadReadState })),
  /** A thread's rollout moved to the archive. */
  'thread/archived': notification(() => wireObject(OfThread)),
  /** A thread's rollout came back from the archive. */
  'thread/unarchived': notification(() => wireObject(OfThread)),
  /** A thread was unloaded (no subscriber for a while). */
  'thread/closed': notification(() => wireObject(OfThread)),
  /** A thread was renamed; no `threadName` means the name was cleared. */
  'thread/name/updated': notification(() => wireObject({ ...OfThread, threadName: z.string().optional() })),
  /** A thread's goal was set or changed. */
  'thread/goal/updated': notification(() => wireObject({ ...OfThread, turnId: z.string().nullable(), goal: ThreadGoal })),
  /** A thread's goal was cleared. */
  'thread/goal/cleared': notification(() => wireObject(OfThread)),
  /** A thread's history was compacted by a turn. */
  'thread/compacted': notification(() => wireObject(OfTurn)),
  /** Token counts after a model response. */
  'thread/tokenUsage/updated': notification(() => wireObject({ ...OfTurn, tokenUsage: ThreadTokenUsage })),
  /** A turn began; follows the turn/start response. */
  'turn/started': notification(() => wireObject({ ...OfThread, turn: Turn })),
  /** A turn ended (completed, interrupted or failed). */
  'turn/completed': notification(() => wireObject({ ...OfThread, turn: Turn })),
  /** The unified diff of everything the turn changed so far. */
  'turn/diff/updated': notification(() => wireObject({ ...OfTurn, diff: z.string() })),
  /** The agent's plan for the turn changed. */
  'turn/plan/updated': notification(() => wireObject({ ...OfTurn, explanation: z.string().nullable(), plan: z.array(TurnPlanStep) })),
  /** An item began. */
  'item/started': notification(() => wireObject({ item: ThreadItem, ...OfTurn, startedAtMs: z.number() })),
  /** An item finished, in its final form. */
  'item/completed': notification(() => wireObject({ item: ThreadItem, ...OfTurn, completedAtMs: z.number() })),
  /** More text of an agent message. */
  'item/agentMessage/delta': notification(() => wireObject({ ...OfItem, delta: z.string() })),
  /** More text of a reasoning summary part. */
  'item/reasoning/summaryTextDelta': notification(() => wireObject({ ...OfItem, delta: z.string(), summaryIndex: z.number() })),
  /** A new reasoning summary part began. */
  'item/reasoning/summaryPartAdded': notification(() => wireObject({ ...OfItem, summaryIndex: z.number() })),
  /** More raw reasoning text. */
  'item/reasoning/textDelta': notification(() => wireObject({ ...OfItem, delta: z.string(), contentIndex: z.number() })),
  /** More output of a running command. */
  'item/commandExecution/outputDelta': notification(() => wireObject({ ...OfItem, delta: z.string() })),
  /** Input written to a running command's terminal. */
  'item/commandExecution/terminalInteraction': notification(() => wireObject({ ...OfItem, processId: z.string(), stdin: z.string() })),
  /** A server request was answered, or is no longer waited for (its card can go). */
  'serverRequest/resolved': notification(() => wireObject({ ...OfThread, requestId: z.union([z.string(), z.number()]) })),
  /** Rate limits after a model response (all null for an API key). */
  'account/rateLimits/updated': notification(() => AccountRateLimitsUpdated),
  /** The signed-in account changed (login or logout). */
  'account/updated': notification(() => AccountUpdated),
  /** An account/login/start finished. */
  'account/login/completed': notification(() => AccountLoginCompleted),
  /** Results of a fuzzy search session's latest query. */
  'fuzzyFileSearch/sessionUpdated': notification(() => FuzzySessionUpdated),
  /** A fuzzy search session finished walking its roots. */
  'fuzzyFileSearch/sessionCompleted': notification(() => FuzzySessionCompleted),
  /** windowsSandbox/setupStart finished. */
  'windowsSandbox/setupCompleted': notification(() => WindowsSandboxSetupCompleted),
  /** An MCP OAuth login (mcpServer/oauth/login) ended. */
  'mcpServer/oauthLogin/completed': notification(() => McpServerOauthLoginCompleted),
  /** An MCP server of a thread is starting, ready, failed or cancelled. */
  'mcpServer/startupStatus/updated': notification(() => McpServerStartupStatusUpdated),
  /** Progress message of a running MCP tool call. */
  'item/mcpToolCall/progress': notification(() => McpToolCallProgress),
} as const satisfies Record<string, ServerNotificationEntry>;

export type ServerNotificationMethod = keyof typeof serverNotifications;
/** Method → params, as the server sends them. */
export type ServerNotifications = { [M in ServerNotificationMethod]: z.output<(typeof serverNotifications)[M]['params']> };

/** A notification as a tagged union, for consumers (extension, webview) that switch on `method`. */
export type ServerNotification = {
  [M in ServerNotificationMethod]: { method: M; params: ServerNotifications[M] };
}[ServerNotificationMethod];

export function isServerNotificationMethod(method: string): method is ServerNotificationMethod {
  return Object.prototype.hasOwnProperty.call(serverNotifications, method);
}
