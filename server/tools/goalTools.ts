// get_goal / create_goal / update_goal: the model reads and drives the thread goal that clients
// manage with thread/goal/*. A change is recorded in the rollout (goal_updated) and announced with
// `thread/goal/updated`. Results are pretty-printed JSON `{goal, remainingTokens,
// completionBudgetReport}` as Codex returns them; create_goal refuses while an unfinished goal exists.
import * as z from 'zod';
import type { FunctionToolSpec, ToolOutput } from '../models';
import type { ThreadGoal } from '../protocol/thread';
import { parseToolArgs } from './exec';
import { functionArguments, type ToolCall, type ToolContext, type ToolHandler } from './types';

export const GOAL_EXISTS_OUTPUT =
  'cannot create a new goal because this thread already has a goal; use update_goal only when the existing goal is complete';
export const NO_GOAL_OUTPUT = 'cannot update the goal because this thread has no goal; use create_goal first';

const CreateGoalArgs = z.object({
  objective: z.string().trim().min(1, 'the objective must not be empty'),
  token_budget: z.number().int().positive().nullish(),
});
const UpdateGoalArgs = z.object({ status: z.enum(['complete', 'blocked', 'paused']) });

function completionBudgetReport(goal: ThreadGoal): string | null {
  if (goal.status !== 'complete') return null;
  const parts: string[] = [];
  if (goal.tokenBudget !== null) parts.push(`tokens used: ${goal.tokensUsed} of ${goal.tokenBudget}`);
  if (goal.timeUsedSeconds > 0) parts.push(`time used: ${goal.timeUsedSeconds} seconds`);
  return parts.length > 0 ? `Goal achieved. Report final budget usage to the user: ${parts.join('; ')}.` : null;
}

/** The model-facing result for a goal (or none). */
export function goalResponse(goal: ThreadGoal | null): string {
  const remainingTokens = goal && goal.tokenBudget !== null ? Math.max(0, goal.tokenBudget - goal.tokensUsed) : null;
  return JSON.stringify({ goal, remainingTokens, completionBudgetReport: goal ? completionBudgetReport(goal) : null }, null, 2);
}

function setGoal(ctx: ToolContext, goal: ThreadGoal): void {
  ctx.thread.goal = goal;
  ctx.thread.record({ type: 'goal_updated', goal });
  ctx.notify('thread/goal/updated', { threadId: ctx.thread.id, turnId: ctx.turn.id, goal });
}

async function handleGetGoal(call: ToolCall, ctx: ToolContext): Promise<ToolOutput> {
  const raw = functionArguments(call);
  if (!raw.ok) return raw.error;
  return goalResponse(ctx.thread.goal);
}

async function handleCreateGoal(call: ToolCall, ctx: ToolContext): Promise<ToolOutput> {
  const raw = functionArguments(call);
  if (!raw.ok) return raw.error;
  const parsed = parseToolArgs(CreateGoalArgs, raw.arguments);
  if (!parsed.ok) return parsed.error;
  const existing = ctx.thread.goal;
  if (existing && existing.status !== 'complete') return GOAL_EXISTS_OUTPUT;
  const now = Math.floor(Date.now() / 1000);
  const goal: ThreadGoal = {
    threadId: ctx.thread.id,
    objective: parsed.args.objective,
    status: 'active',
    tokenBudget: parsed.args.token_budget ?? null,
    tokensUsed: 0,
    timeUsedSeconds: 0,
    createdAt: now,
    updatedAt: now,
  };
  setGoal(ctx, goal);
  return goalResponse(goal);
}

async function handleUpdateGoal(call: ToolCall, ctx: ToolContext): Promise<ToolOutput> {
  const raw = functionArguments(call);
  if (!raw.ok) return raw.error;
  const parsed = parseToolArgs(UpdateGoalArgs, raw.arguments);
  if (!parsed.ok) return parsed.error;
  const existing = ctx.thread.goal;
  if (!existing) return NO_GOAL_OUTPUT;
  const goal: ThreadGoal = { ...existing, status: parsed.args.status, updatedAt: Math.floor(Date.now() / 1000) };
  setGoal(ctx, goal);
  return goalResponse(goal);
}

function spec(name: string, description: string, properties: Record<string, unknown>, required: string[]): FunctionToolSpec {
  return { type: 'function', name, description, strict: false, parameters: { type: 'object', properties, required, additionalProperties: false } };
}

export const goalHandlers: readonly ToolHandler[] = [
  { name: 'get_goal', spec: spec('get_goal', "Returns the thread's goal (objective, status, token budget and usage), or null when there is none.", {}, []), handle: handleGetGoal },
  {
    name: 'create_goal',
    spec: spec(
      'create_goal',
      'Sets a goal for this thread that later turns keep working towards. Only when the user asks for a long-running objective; fails while an unfinished goal exists.',
      {
        objective: { type: 'string', description: 'What done looks like, in one or two sentences.' },
        token_budget: { type: 'number', description: 'Optional token budget for the whole goal.' },
      },
      ['objective'],
    ),
    handle: handleCreateGoal,
  },
  {
    name: 'update_goal',
    spec: spec(
      'update_goal',
      "Changes the status of the thread's goal: `complete` once it is achieved, `blocked` when it cannot progress without the user, `paused` to stop for now.",
      { status: { type: 'string', enum: ['complete', 'blocked', 'paused'] } },
      ['status'],
    ),
    handle: handleUpdateGoal,
  },
];
