// update_plan: the model records its task plan (steps with pending / in_progress / completed). The
// client gets `turn/plan/updated {explanation, plan}` (statuses in camelCase) and a `plan` item
// (id = call_id) whose text is the plan as a Markdown checklist; the model gets "Plan updated".
import * as z from 'zod';
import type { FunctionToolSpec, ToolOutput } from '../models';
import type { TurnPlanStep } from '../protocol/notifications';
import { parseToolArgs } from './exec';
import { functionArguments, type ToolCall, type ToolContext, type ToolHandler } from './types';

export const PLAN_UPDATED_OUTPUT = 'Plan updated';

const UpdatePlanArgs = z.object({
  explanation: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
  plan: z.array(z.object({ step: z.string(), status: z.enum(['pending', 'in_progress', 'completed']) })),
});

export function updatePlanToolSpec(): FunctionToolSpec {
  return {
    type: 'function',
    name: 'update_plan',
    description:
      'Records the plan for the current task so the user can follow it: an optional explanation and the list of steps, each with a status. ' +
      'Send the whole plan every time; keep at most one step in_progress.',
    strict: false,
    parameters: {
      type: 'object',
      properties: {
        explanation: { type: 'string', description: 'Why the plan looks like this, or what changed since the last update.' },
        plan: {
          type: 'array',
          description: 'The steps, in order.',
          items: {
            type: 'object',
            properties: {
              step: { type: 'string' },
              status: { type: 'string', description: 'One of: pending, in_progress, completed' },
            },
            required: ['step', 'status'],
            additionalProperties: false,
          },
        },
      },
      required: ['plan'],
      additionalProperties: false,
    },
  };
}

/** The plan as Markdown: the explanation, then `- [x]` done, `- [ ] … (in progress)`, `- [ ]` pending. */
export function planText(explanation: string | null, plan: readonly TurnPlanStep[]): string {
  const lines = plan.map((s) => (s.status === 'completed' ? `- [x] ${s.step}` : s.status === 'inProgress' ? `- [ ] ${s.step} (in progress)` : `- [ ] ${s.step}`));
  return explanation && explanation.trim() !== '' ? `${explanation}\n\n${lines.join('\n')}` : lines.join('\n');
}

async function handleUpdatePlan(call: ToolCall, ctx: ToolContext): Promise<ToolOutput> {
  const raw = functionArguments(call);
  if (!raw.ok) return raw.error;
  const parsed = parseToolArgs(UpdatePlanArgs, raw.arguments);
  if (!parsed.ok) return parsed.error;
  const { explanation } = parsed.args;
  const plan: TurnPlanStep[] = parsed.args.plan.map((s) => ({ step: s.step, status: s.status === 'in_progress' ? 'inProgress' : s.status }));
  ctx.notify('turn/plan/updated', { threadId: ctx.thread.id, turnId: ctx.turn.id, explanation, plan });
  const item = { type: 'plan' as const, id: call.callId, text: planText(explanation, plan) };
  ctx.itemStarted(item);
  ctx.itemCompleted(item);
  return PLAN_UPDATED_OUTPUT;
}

export const updatePlanHandler: ToolHandler = { name: 'update_plan', spec: updatePlanToolSpec(), handle: handleUpdatePlan };
