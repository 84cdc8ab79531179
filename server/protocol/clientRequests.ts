// Client → server requests: the parameter schema (validated at the stdio boundary) and the result
// type of every method the server implements. Adding a method = one entry here + one handler.
import * as z from 'zod';
import {
  ApprovalsReviewer,
  AskForApproval,
  JsonValue,
  Personality,
  ReasoningEffort,
  ReasoningSummary,
  SandboxMode,
  SandboxPolicy,
  SortDirection,
  ThreadSourceKind,
} from './common';
import { UserInput } from './items';
import { ConfigBatchWriteParams, ConfigReadParams, ConfigValueWriteParams } from './config';
import type { ConfigReadResult, ConfigRequirementsReadResult, ConfigWriteResult } from './config';
import { SkillsListParams } from './skills';
import type { SkillsListResult } from './skills';
import type { Thread, ThreadGoal, Turn } from './thread';
import { McpServerOauthLoginParams, type McpServerOauthLoginResult } from './mcpOauth';
import { ListMcpServerStatusParams, McpResourceReadParams, McpServerToolCallParams } from './mcp';
import type { McpClientRequestResults } from './mcp';
import type { AskForApproval as AskForApprovalT, ApprovalsReviewer as ApprovalsReviewerT, SandboxPolicy as SandboxPolicyT } from './common';

const ThreadId = z.string().min(1);
const ConfigOverrides = z.record(z.string(), JsonValue).nullish();

export const InitializeParams = z.object({
  clientInfo: z.object({ name: z.string(), title: z.string().nullish(), version: z.string() }),
  capabilities: z
    .object({
      experimentalApi: z.boolean().optional(),
      optOutNotificationMethods: z.array(z.string()).nullish(),
    })
    .nullish(),
});

const ThreadSettings = {
  model: z.string().nullish(),
  modelProvider: z.string().nullish(),
  cwd: z.string().nullish(),
  approvalPolicy: AskForApproval.nullish(),
  approvalsReviewer: ApprovalsReviewer.nullish(),
  sandbox: SandboxMode.nullish(),
  config: ConfigOverrides,
  baseInstructions: z.string().nullish(),
  developerInstructions: z.string().nullish(),
  personality: Personality.nullish(),
};

export const ThreadStartParams = z.object({
  ...ThreadSettings,
  serviceName: z.string().nullish(),
  ephemeral: z.boolean().nullish(),
});
export const ThreadResumeParams = z.object({ threadId: ThreadId, ...ThreadSettings, excludeTurns: z.boolean().optional() });
export const ThreadForkParams = z.object({
  threadId: ThreadId,
  ...ThreadSettings,
  ephemeral: z.boolean().optional(),
  excludeTurns: z.boolean().optional(),
});
export const ThreadIdParams = z.object({ threadId: ThreadId });
export const ThreadReadParams = z.object({ threadId: ThreadId, includeTurns: z.boolean().optional() });
export const ThreadListParams = z.object({
  cursor: z.string().nullish(),
  limit: z.number().int().min(1).max(1000).nullish(),
  sortKey: z.enum(['created_at', 'updated_at', 'recency_at']).nullish(),
  sortDirection: SortDirection.nullish(),
  modelProviders: z.array(z.string()).nullish(),
  sourceKinds: z.array(ThreadSourceKind).nullish(),
  archived: z.boolean().nullish(),
  cwd: z.union([z.string(), z.array(z.string())]).nullish(),
  searchTerm: z.string().nullish(),
});
export const ThreadLoadedListParams = z.object({
  cursor: z.string().nullish(),
  limit: z.number().int().min(1).nullish(),
});
export const ThreadTurnsListParams = z.object({
  threadId: ThreadId,
  cursor: z.string().nullish(),
  limit: z.number().int().min(1).nullish(),
  sortDirection: SortDirection.nullish(),
});
export const ThreadSetNameParams = z.object({ threadId: ThreadId, name: z.string() });
export const ThreadRollbackParams = z.object({ threadId: ThreadId, numTurns: z.number().int().min(1) });
export const ThreadGoalSetParams = z.object({
  threadId: ThreadId,
  objective: z.string().nullish(),
  status: z.enum(['active', 'paused', 'blocked', 'usageLimited', 'budgetLimited', 'complete']).nullish(),
  tokenBudget: z.number().int().nullish(),
});

const TurnOverrides = {
  cwd: z.string().nullish(),
  approvalPolicy: AskForApproval.nullish(),
  approvalsReviewer: ApprovalsReviewer.nullish(),
  sandboxPolicy: SandboxPolicy.nullish(),
  model: z.string().nullish(),
  effort: ReasoningEffort.nullish(),
  summary: ReasoningSummary.nullish(),
  personality: Personality.nullish(),
  outputSchema: JsonValue.nullish(),
};
/** Collaboration mode of a turn; only `mode` is used (plan mode enables request_user_input). */
export const CollaborationMode = z.object({ mode: z.enum(['plan', 'default']), settings: JsonValue.optional() });
export type CollaborationMode = z.infer<typeof CollaborationMode>;
export const TurnStartParams = z.object({
  threadId: ThreadId,
  clientUserMessageId: z.string().nullish(),
  input: z.array(UserInput),
  ...TurnOverrides,
  collaborationMode: CollaborationMode.nullish(),
});
export const TurnSteerParams = z.object({
  threadId: ThreadId,
  clientUserMessageId: z.string().nullish(),
  input: z.array(UserInput),
  expectedTurnId: z.string(),
});
export const TurnInterruptParams = z.object({ threadId: ThreadId, turnId: z.string() });
export const ReviewTarget = z.discriminatedUnion('type', [
  z.object({ type: z.literal('uncommittedChanges') }),
  z.object({ type: z.literal('baseBranch'), branch: z.string().min(1) }),
  z.object({ type: z.literal('commit'), sha: z.string().min(1), title: z.string().nullish() }),
  z.object({ type: z.literal('custom'), instructions: z.string().min(1) }),
]);
export type ReviewTarget = z.infer<typeof ReviewTarget>;
/** `detached` (a codex-ts extension kept from older Codex) reviews on a new thread. */
export const ReviewStartParams = z.object({ threadId: ThreadId, target: ReviewTarget, delivery: z.enum(['inline', 'detached']).nullish() });

export const ModelListParams = z.object({
  modelProvider: z.string().nullish(),
  cursor: z.string().nullish(),
  limit: z.number().int().min(1).nullish(),
  includeHidden: z.boolean().nullish(),
});
export const AccountReadParams = z.object({ refreshToken: z.boolean().optional() });
export const AccountLoginStartParams = z.discriminatedUnion('type', [
  z.object({ type: z.literal('apiKey'), apiKey: z.string().min(1) }),
]);
export const FeedbackUploadParams = z.object({
  classification: z.string(),
  reason: z.string().nullish(),
  threadId: z.string().nullish(),
  includeLogs: z.boolean().optional(),
  extraLogFiles: z.array(z.string()).nullish(),
  tags: z.record(z.string(), z.string()).nullish(),
});
export const FuzzyFileSearchParams = z.object({
  query: z.string(),
  roots: z.array(z.string()),
  cancellationToken: z.string().nullish(),
});
export const FuzzySessionStartParams = z.object({ sessionId: z.string().min(1), roots: z.array(z.string()) });
export const FuzzySessionUpdateParams = z.object({ sessionId: z.string().min(1), query: z.string() });
export const FuzzySessionStopParams = z.object({ sessionId: z.string().min(1) });
export const WindowsSandboxSetupStartParams = z.object({ mode: z.enum(['elevated', 'unelevated']), cwd: z.string().nullish() });
const NoParams = z.object({}).nullish();

/** The result every thread/start|resume|fork answers with. */
export interface ThreadSessionResult {
  thread: Thread;
  model: string;
  modelProvider: string;
  serviceTier: string | null;
  disabledPluginIds: string[];
  cwd: string;
  instructionSources: string[];
  approvalPolicy: AskForApprovalT;
  approvalsReviewer: ApprovalsReviewerT;
  sandbox: SandboxPolicyT;
  reasoningEffort: string | null;
}

export interface FuzzyFileSearchResult {
  root: string;
  path: string;
  match_type: 'file' | 'directory';
  file_name: string;
  score: number;
  indices: number[] | null;
}

export interface ModelInfo {
  id: string;
  model: string;
  upgrade: string | null;
  upgradeInfo: null;
  availabilityNux: null;
  displayName: string;
  description: string;
  modelSpecialty: string | null;
  hidden: boolean;
  supportedReasoningEfforts: { reasoningEffort: string; description: string }[];
  defaultReasoningEffort: string;
  inputModalities: ('text' | 'image')[];
  supportsPersonality: boolean;
  multiAgentVersion: null;
  additionalSpeedTiers: string[];
  serviceTiers: never[];
  defaultServiceTier: string | null;
  availableAccessPrograms: null;
  isDefault: boolean;
}

export interface RateLimitSnapshot {
  limitId: string | null;
  limitName: string | null;
  normalModelSlug: string | null;
  primary: { usedPercent: number; windowDurationMins: number | null; resetsAt: number | null } | null;
  secondary: { usedPercent: number; windowDurationMins: number | null; resetsAt: number | null } | null;
  credits: null;
  individualLimit: null;
  spendControlReached: boolean | null;
  planType: null;
  rateLimitReachedType: null;
}

type Empty = Record<string, never>;

/** Method → params schema. The router validates every request against this before dispatch. */
export const clientRequestParams = {
  initialize: InitializeParams,
  'thread/start': ThreadStartParams.nullish(),
  'thread/resume': ThreadResumeParams,
  'thread/fork': ThreadForkParams,
  'thread/read': ThreadReadParams,
  'thread/list': ThreadListParams.nullish(),
  'thread/loaded/list': ThreadLoadedListParams.nullish(),
  'thread/turns/list': ThreadTurnsListParams,
  'thread/archive': ThreadIdParams,
  'thread/unarchive': ThreadIdParams,
  'thread/unsubscribe': ThreadIdParams,
  'thread/name/set': ThreadSetNameParams,
  'thread/rollback': ThreadRollbackParams,
  'thread/goal/set': ThreadGoalSetParams,
  'thread/goal/get': ThreadIdParams,
  'thread/goal/clear': ThreadIdParams,
  'turn/start': TurnStartParams,
  'turn/steer': TurnSteerParams,
  'turn/interrupt': TurnInterruptParams,
  'thread/compact/start': ThreadIdParams,
  'review/start': ReviewStartParams,
  'model/list': ModelListParams.nullish(),
  'account/read': AccountReadParams.nullish(),
  'account/login/start': AccountLoginStartParams,
  'account/logout': NoParams,
  'account/rateLimits/read': NoParams,
  'feedback/upload': FeedbackUploadParams,
  fuzzyFileSearch: FuzzyFileSearchParams,
  'fuzzyFileSearch/sessionStart': FuzzySessionStartParams,
  'fuzzyFileSearch/sessionUpdate': FuzzySessionUpdateParams,
  'fuzzyFileSearch/sessionStop': FuzzySessionStopParams,
  'config/read': ConfigReadParams.nullish(),
  'config/value/write': ConfigValueWriteParams,
  'config/batchWrite': ConfigBatchWriteParams,
  'configRequirements/read': NoParams,
  'skills/list': SkillsListParams.nullish(),
  'windowsSandbox/setupStart': WindowsSandboxSetupStartParams,
  'mcpServer/oauth/login': McpServerOauthLoginParams,
  'mcpServerStatus/list': ListMcpServerStatusParams.nullish(),
  'config/mcpServer/reload': NoParams,
  'mcpServer/resource/read': McpResourceReadParams,
  'mcpServer/tool/call': McpServerToolCallParams,
} as const;

export type ClientRequestMethod = keyof typeof clientRequestParams;
export type ClientRequestParams<M extends ClientRequestMethod> = z.output<(typeof clientRequestParams)[M]>;
/** What a client may send (before defaults are applied). */
export type ClientRequestInput<M extends ClientRequestMethod> = z.input<(typeof clientRequestParams)[M]>;

export interface ClientRequestResults extends McpClientRequestResults {
  initialize: { userAgent: string; codexHome: string; platformFamily: string; platformOs: string };
  'thread/start': ThreadSessionResult;
  'thread/resume': ThreadSessionResult & { collaborationMode: null; turnsBackwardsCursor: string | null; itemsBackwardsCursor: string | null };
  'thread/fork': ThreadSessionResult;
  'thread/read': { thread: Thread };
  'thread/list': { data: Thread[]; nextCursor: string | null; backwardsCursor: string | null };
  'thread/loaded/list': { data: string[]; nextCursor: string | null };
  'thread/turns/list': { data: Turn[]; nextCursor: string | null; backwardsCursor: string | null };
  'thread/archive': Empty;
  'thread/unarchive': { thread: Thread };
  'thread/unsubscribe': { status: 'notLoaded' | 'notSubscribed' | 'unsubscribed' };
  'thread/name/set': Empty;
  'thread/rollback': { thread: Thread };
  'thread/goal/set': { goal: ThreadGoal };
  'thread/goal/get': { goal: ThreadGoal | null };
  'thread/goal/clear': { cleared: boolean };
  'turn/start': { turn: Turn };
  'turn/steer': { turnId: string };
  'turn/interrupt': Empty;
  'thread/compact/start': Empty;
  'review/start': { turn: Turn; reviewThreadId: string };
  'model/list': { data: ModelInfo[]; nextCursor: string | null };
  'account/read': { account: { type: 'apiKey' } | null; userId: string | null; requiresOpenaiAuth: boolean };
  'account/login/start': { type: 'apiKey' };
  'account/logout': Empty;
  'account/rateLimits/read': {
    ordinaryUsageAllowed: boolean | null;
    rateLimits: RateLimitSnapshot;
    rateLimitsByLimitId: Record<string, RateLimitSnapshot> | null;
    rateLimitResetCredits: null;
    accountId: string | null;
    rateLimitUpsell: null;
  };
  'feedback/upload': { threadId: string; promptHash: string | null };
  fuzzyFileSearch: { files: FuzzyFileSearchResult[] };
  'fuzzyFileSearch/sessionStart': Empty;
  'fuzzyFileSearch/sessionUpdate': Empty;
  'fuzzyFileSearch/sessionStop': Empty;
  'config/read': ConfigReadResult;
  'config/value/write': ConfigWriteResult;
  'config/batchWrite': ConfigWriteResult;
  'configRequirements/read': ConfigRequirementsReadResult;
  'skills/list': SkillsListResult;
  'windowsSandbox/setupStart': { started: boolean };
  'mcpServer/oauth/login': McpServerOauthLoginResult;
}
export type ClientRequestResult<M extends ClientRequestMethod> = ClientRequestResults[M];

export function isClientRequestMethod(method: string): method is ClientRequestMethod {
  return Object.prototype.hasOwnProperty.call(clientRequestParams, method);
}
