// request_user_input: the model asks the user one to three multiple-choice questions and waits.
// Offered to every model (as Codex does) but usable only in Plan mode — the collaboration mode a
// client sets with turn/start `collaborationMode: {mode: "plan"}` (remembered for the thread's
// later turns); elsewhere the model reads "request_user_input is unavailable in Default mode". The
// questions go to the client as the server request `item/tool/requestUserInput` (every question
// allows a free-form answer: isOther) while the thread shows `waitingOnUserInput`; the answers come
// back to the model as JSON `{"answers":{"<question id>":{"answers":[…]}}}`.
import * as z from 'zod';
import type { FunctionToolSpec, ToolOutput } from '../models';
import { askClient } from './approvals/clientRequest';
import { parseToolArgs } from './exec';
import { functionArguments, type ToolCall, type ToolContext, type ToolHandler } from './types';

const RequestUserInputArgs = z.object({
  questions: z.array(
    z.object({
      id: z.string(),
      header: z.string(),
      question: z.string(),
      options: z.array(z.object({ label: z.string(), description: z.string() })).nullish(),
    }),
  ),
});

export function requestUserInputToolSpec(): FunctionToolSpec {
  return {
    type: 'function',
    name: 'request_user_input',
    description:
      'Asks the user one to three short multiple-choice questions and waits for the answers. Say first, in a message, what you need to ' +
      'decide and why. Only available in Plan mode.',
    strict: false,
    parameters: {
      type: 'object',
      properties: {
        questions: {
          type: 'array',
          description: 'The questions, one to three.',
          items: {
            type: 'object',
            properties: {
              id: { type: 'string', description: 'A short stable id (snake_case) for matching the answer.' },
              header: { type: 'string', description: 'A label of at most 12 characters.' },
              question: { type: 'string', description: 'The question, one sentence.' },
              options: {
                type: 'array',
                description: '2 or 3 mutually exclusive choices, the recommended one first. The user may also answer in their own words.',
                items: {
                  type: 'object',
                  properties: { label: { type: 'string', description: '1-5 words.' }, description: { type: 'string', description: 'What choosing it means, one sentence.' } },
                  required: ['label', 'description'],
                  additionalProperties: false,
                },
              },
            },
            required: ['id', 'header', 'question', 'options'],
            additionalProperties: false,
          },
        },
      },
      required: ['questions'],
      additionalProperties: false,
    },
  };
}

async function handleRequestUserInput(call: ToolCall, ctx: ToolContext): Promise<ToolOutput> {
  const raw = functionArguments(call);
  if (!raw.ok) return raw.error;
  if (ctx.tools.collaborationMode !== 'plan') return 'request_user_input is unavailable in Default mode';
  const parsed = parseToolArgs(RequestUserInputArgs, raw.arguments);
  if (!parsed.ok) return parsed.error;
  const { questions } = parsed.args;
  if (questions.some((q) => !q.options || q.options.length === 0)) return 'request_user_input requires non-empty options for every question';
  const answer = await askClient(
    ctx,
    'item/tool/requestUserInput',
    {
      threadId: ctx.thread.id,
      turnId: ctx.turn.id,
      itemId: call.callId,
      questions: questions.map((q) => ({ id: q.id, header: q.header, question: q.question, isOther: true, isSecret: false, options: q.options ?? null })),
      isBlocking: true,
      autoResolutionMs: null,
    },
    'waitingOnUserInput',
  );
  if (!answer.ok) return 'request_user_input was cancelled before receiving a response';
  return JSON.stringify({ answers: answer.value.answers });
}

export const requestUserInputHandler: ToolHandler = { name: 'request_user_input', spec: requestUserInputToolSpec(), handle: handleRequestUserInput };
