// Params and results of the turn/* methods (start, steer, interrupt), thread/compact/start and
// review/start.
import * as z from 'zod';
import { ApprovalsReviewer, AskForApproval, Personality, ReasoningEffort, ReasoningSummary, SandboxPolicy } from './common';
import { UserInput } from './items';
import { Turn } from './thread';
import { ThreadId } from './threadMethods';
import { JsonValue, wireObject } from './wire';

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

export const TurnStartResult = z.lazy(() => wireObject({ turn: Turn }));
export const TurnSteerResult = z.lazy(() => wireObject({ turnId: z.string() }));
export const ReviewStartResult = z.lazy(() => wireObject({ turn: Turn, reviewThreadId: z.string() }));
