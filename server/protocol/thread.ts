// Threads and turns as clients see them: runtime status, turn status and errors, token usage,
// goals and read state.
import * as z from 'zod';
import { GitInfo, ReasoningEffort, SessionSource } from './common';
import { ThreadItem } from './items';
import { Opaque, wireObject } from './wire';

export const ThreadActiveFlag = z.enum(['waitingOnApproval', 'waitingOnUserInput']);
export type ThreadActiveFlag = z.output<typeof ThreadActiveFlag>;
export const ThreadStatus = z.lazy(() => z.discriminatedUnion('type', [
  wireObject({ type: z.literal('notLoaded') }),
  wireObject({ type: z.literal('idle') }),
  wireObject({ type: z.literal('systemError') }),
  wireObject({ type: z.literal('active'), activeFlags: z.array(ThreadActiveFlag) }),
]));
export type ThreadStatus = z.output<typeof ThreadStatus>;

export const TurnStatus = z.enum(['completed', 'interrupted', 'failed', 'inProgress']);
export type TurnStatus = z.output<typeof TurnStatus>;
export const TurnItemsView = z.enum(['notLoaded', 'summary', 'full']);
export type TurnItemsView = z.output<typeof TurnItemsView>;

const HttpStatus = wireObject({ httpStatusCode: z.number().nullable() });
/**
 * Machine-readable error class: Codex's `CodexErrorInfo` variants (codex-ts produces some of them).
 * Codex itself accepts any other string or object here, for variants newer than the client.
 */
export const CodexErrorInfo = z.lazy(() => z.union([
  z.enum([
    'contextWindowExceeded',
    'usageLimitExceeded',
    'rateLimitExceeded',
    'serverOverloaded',
    'modelNotFound',
    'internalServerError',
    'unauthorized',
    'badRequest',
    'threadRollbackFailed',
    'sandboxError',
    'other',
  ]),
  wireObject({ httpConnectionFailed: HttpStatus }),
  wireObject({ responseStreamConnectionFailed: HttpStatus }),
  wireObject({ responseStreamDisconnected: HttpStatus }),
  wireObject({ responseTooManyFailedAttempts: HttpStatus }),
  z.string(),
  z.record(z.string(), z.unknown()),
]));
export type CodexErrorInfo = z.output<typeof CodexErrorInfo>;

export const TurnError = z.lazy(() => wireObject({
  message: z.string(),
  codexErrorInfo: CodexErrorInfo.nullable(),
  additionalDetails: z.string().nullable(),
  misalignment: Opaque,
}));
export type TurnError = z.output<typeof TurnError>;

export const Turn = z.lazy(() => wireObject({
  id: z.string(),
  rootTurnId: z.string().nullable(),
  items: z.array(ThreadItem),
  itemsView: TurnItemsView,
  status: TurnStatus,
  error: TurnError.nullable(),
  /** Seconds since the epoch, like Codex. */
  startedAt: z.number().nullable(),
  completedAt: z.number().nullable(),
  durationMs: z.number().nullable(),
}));
export type Turn = z.output<typeof Turn>;

export const Thread = z.lazy(() => wireObject({
  id: z.string(),
  sessionId: z.string(),
  forkedFromId: z.string().nullable(),
  parentThreadId: z.string().nullable(),
  preview: z.string(),
  ephemeral: z.boolean(),
  section: Opaque,
  sectionEnteredAt: z.number().nullable(),
  projectId: z.string().nullable(),
  historyMode: z.enum(['legacy', 'paginated']),
  modelProvider: z.string(),
  model: z.string().nullable(),
  reasoningEffort: ReasoningEffort.nullable(),
  /** Seconds since the epoch. */
  createdAt: z.number(),
  updatedAt: z.number(),
  recencyAt: z.number().nullable(),
  status: ThreadStatus,
  path: z.string().nullable(),
  cwd: z.string(),
  cliVersion: z.string(),
  originator: z.string().nullable(),
  source: SessionSource,
  threadSource: z.string().nullable(),
  agentNickname: z.string().nullable(),
  agentRole: z.string().nullable(),
  gitInfo: GitInfo.nullable(),
  name: z.string().nullable(),
  turns: z.array(Turn),
}));
export type Thread = z.output<typeof Thread>;

export const TokenUsageBreakdown = z.lazy(() => wireObject({
  totalTokens: z.number(),
  inputTokens: z.number(),
  cachedInputTokens: z.number(),
  cacheWriteInputTokens: z.number(),
  outputTokens: z.number(),
  reasoningOutputTokens: z.number(),
}));
export type TokenUsageBreakdown = z.output<typeof TokenUsageBreakdown>;
export const ThreadTokenUsage = z.lazy(() => wireObject({ total: TokenUsageBreakdown, last: TokenUsageBreakdown, modelContextWindow: z.number().nullable() }));
export type ThreadTokenUsage = z.output<typeof ThreadTokenUsage>;

export const ThreadGoalStatus = z.enum(['active', 'paused', 'blocked', 'usageLimited', 'budgetLimited', 'complete']);
export type ThreadGoalStatus = z.output<typeof ThreadGoalStatus>;
export const ThreadGoal = z.lazy(() => wireObject({
  threadId: z.string(),
  objective: z.string(),
  status: ThreadGoalStatus,
  tokenBudget: z.number().nullable(),
  tokensUsed: z.number(),
  timeUsedSeconds: z.number(),
  createdAt: z.number(),
  updatedAt: z.number(),
}));
export type ThreadGoal = z.output<typeof ThreadGoal>;

export const ThreadReadState = z.lazy(() => wireObject({
  firstUnread: z.discriminatedUnion('type', [wireObject({ type: z.literal('threadStart') }), wireObject({ type: z.literal('turn'), turnId: z.string() })]).nullable(),
  revision: z.string(),
}));
export type ThreadReadState = z.output<typeof ThreadReadState>;
