// Threads and turns as clients see them: runtime status, turn status and errors, token usage.
import type { GitInfo, ReasoningEffort, SessionSource } from './common';
import type { ThreadItem } from './items';

export type ThreadActiveFlag = 'waitingOnApproval' | 'waitingOnUserInput';
export type ThreadStatus =
  | { type: 'notLoaded' }
  | { type: 'idle' }
  | { type: 'systemError' }
  | { type: 'active'; activeFlags: ThreadActiveFlag[] };

export type TurnStatus = 'completed' | 'interrupted' | 'failed' | 'inProgress';
export type TurnItemsView = 'notLoaded' | 'summary' | 'full';

/** Machine-readable error class, mirroring Codex's `CodexErrorInfo` variants we produce. */
export type CodexErrorInfo =
  | 'contextWindowExceeded'
  | 'usageLimitExceeded'
  | 'rateLimitExceeded'
  | 'serverOverloaded'
  | 'modelNotFound'
  | 'internalServerError'
  | 'unauthorized'
  | 'badRequest'
  | 'threadRollbackFailed'
  | 'sandboxError'
  | 'other'
  | { httpConnectionFailed: { httpStatusCode: number | null } }
  | { responseStreamConnectionFailed: { httpStatusCode: number | null } }
  | { responseStreamDisconnected: { httpStatusCode: number | null } }
  | { responseTooManyFailedAttempts: { httpStatusCode: number | null } };

export interface TurnError {
  message: string;
  codexErrorInfo: CodexErrorInfo | null;
  additionalDetails: string | null;
  misalignment: null;
}

export interface Turn {
  id: string;
  rootTurnId: string | null;
  items: ThreadItem[];
  itemsView: TurnItemsView;
  status: TurnStatus;
  error: TurnError | null;
  /** Seconds since the epoch, like Codex. */
  startedAt: number | null;
  completedAt: number | null;
  durationMs: number | null;
}

export interface Thread {
  id: string;
  sessionId: string;
  forkedFromId: string | null;
  parentThreadId: string | null;
  preview: string;
  ephemeral: boolean;
  section: null;
  sectionEnteredAt: number | null;
  projectId: string | null;
  historyMode: 'legacy' | 'paginated';
  modelProvider: string;
  model: string | null;
  reasoningEffort: ReasoningEffort | null;
  /** Seconds since the epoch. */
  createdAt: number;
  updatedAt: number;
  recencyAt: number | null;
  status: ThreadStatus;
  path: string | null;
  cwd: string;
  cliVersion: string;
  originator: string | null;
  source: SessionSource;
  threadSource: string | null;
  agentNickname: string | null;
  agentRole: string | null;
  gitInfo: GitInfo | null;
  name: string | null;
  turns: Turn[];
}

export interface TokenUsageBreakdown {
  totalTokens: number;
  inputTokens: number;
  cachedInputTokens: number;
  cacheWriteInputTokens: number;
  outputTokens: number;
  reasoningOutputTokens: number;
}
export interface ThreadTokenUsage {
  total: TokenUsageBreakdown;
  last: TokenUsageBreakdown;
  modelContextWindow: number | null;
}

export type ThreadGoalStatus = 'active' | 'paused' | 'blocked' | 'usageLimited' | 'budgetLimited' | 'complete';
export interface ThreadGoal {
  threadId: string;
  objective: string;
  status: ThreadGoalStatus;
  tokenBudget: number | null;
  tokensUsed: number;
  timeUsedSeconds: number;
  createdAt: number;
  updatedAt: number;
}

export interface ThreadReadState {
  firstUnread: { type: 'threadStart' } | { type: 'turn'; turnId: string } | null;
  revision: string;
}
