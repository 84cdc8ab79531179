// Params and results of the thread/* methods: start, resume, fork, read, list, loaded/list,
// turns/list, archive, unarchive, unsubscribe, name/set, rollback and goal/set|get|clear.
import * as z from 'zod';
import {
  ApprovalsReviewer,
  AskForApproval,
  Personality,
  ReasoningEffort,
  SandboxMode,
  SandboxPolicy,
  SortDirection,
  ThreadSourceKind,
} from './common';
import { Thread, ThreadGoal, ThreadGoalStatus, Turn } from './thread';
import { JsonValue, wireObject } from './wire';

export const ThreadId = z.string().min(1);
const ConfigOverrides = z.record(z.string(), JsonValue).nullish();

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
  status: ThreadGoalStatus.nullish(),
  tokenBudget: z.number().int().nullish(),
});

/** The result every thread/start|resume|fork answers with. */
export const ThreadSessionResult = z.lazy(() => wireObject({
  thread: Thread,
  model: z.string(),
  modelProvider: z.string(),
  serviceTier: z.string().nullable(),
  disabledPluginIds: z.array(z.string()),
  cwd: z.string(),
  instructionSources: z.array(z.string()),
  approvalPolicy: AskForApproval,
  approvalsReviewer: ApprovalsReviewer,
  sandbox: SandboxPolicy,
  reasoningEffort: ReasoningEffort.nullable(),
}));
export type ThreadSessionResult = z.output<typeof ThreadSessionResult>;
export const ThreadResumeResult = z.lazy(() => ThreadSessionResult.unwrap().extend({
  /** Always null here (codex-ts does not persist a thread's collaboration mode). */
  collaborationMode: JsonValue,
  turnsBackwardsCursor: z.string().nullable(),
  itemsBackwardsCursor: z.string().nullable(),
}));

export const ThreadResult = z.lazy(() => wireObject({ thread: Thread }));
const Cursors = { nextCursor: z.string().nullable(), backwardsCursor: z.string().nullable() };
export const ThreadListResult = z.lazy(() => wireObject({ data: z.array(Thread), ...Cursors }));
export const ThreadLoadedListResult = z.lazy(() => wireObject({ data: z.array(z.string()), nextCursor: z.string().nullable() }));
export const ThreadTurnsListResult = z.lazy(() => wireObject({ data: z.array(Turn), ...Cursors }));
export const ThreadUnsubscribeResult = z.lazy(() => wireObject({ status: z.enum(['notLoaded', 'notSubscribed', 'unsubscribed']) }));
export const ThreadGoalResult = z.lazy(() => wireObject({ goal: ThreadGoal }));
export const ThreadGoalGetResult = z.lazy(() => wireObject({ goal: ThreadGoal.nullable() }));
export const ThreadGoalClearResult = z.lazy(() => wireObject({ cleared: z.boolean() }));
