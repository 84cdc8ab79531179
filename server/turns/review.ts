// A review turn (review/start). The target's changes are computed with git, sent to the model with
// the review instructions in a request of its own (the thread's history is not sent: the reviewer
// sees only the change), and its answer comes back as findings. The turn shows an enteredReviewMode
// item (what is reviewed) and an exitedReviewMode item (the findings as text, with priority and
// file:line); the thread's history then holds the request and the review, so later turns can act on
// it. `inline` reviews on the given thread; `detached` on a new thread (announced with thread/started).
import type { ResponseItem, TokenUsage } from '../models';
import { effectiveContextWindow } from '../models';
import type { ThreadItem } from '../protocol/items';
import type { Turn } from '../protocol/thread';
import type { LoadedThread } from '../threads/loadedThread';
import { uuidv7 } from '../threads/store';
import { basicOpeningContext } from '../context/agentContext';
import { collectResponseText, plainRequest } from './compaction';
import { REVIEW_INSTRUCTIONS, parseReviewOutput, renderReview } from './reviewFindings';
import type { ReviewRequest } from './reviewTarget';
import { addUsage } from './tokenUsage';
import type { TurnDeps } from './turnRunner';

function message(role: 'developer' | 'user' | 'assistant', text: string): ResponseItem {
  return role === 'assistant'
    ? { type: 'message', role, content: [{ type: 'output_text', text }] }
    : { type: 'message', role, content: [{ type: 'input_text', text }] };
}

/** `review_model` of an effective config table (null: unset). */
export function reviewModelFromTable(table: Readonly<Record<string, unknown>>): string | null {
  const model = table.review_model;
  return typeof model === 'string' && model.trim() ? model.trim() : null;
}

/** The reviewer's user message: the task and the change. */
export function reviewPrompt(request: ReviewRequest): string {
  if (request.diff === null) return request.instructions;
  const diff = request.diff.trim() ? `\`\`\`diff\n${request.diff.replace(/\n?$/, '\n')}\`\`\`` : 'There are no changes to review.';
  return `${request.instructions}\n\n${diff}`;
}

function countUsage(thread: LoadedThread, turn: Turn, usage: TokenUsage, deps: TurnDeps): void {
  // The review counts in the total; the thread's context (last) is what it was.
  const counted = addUsage(thread.tokenUsage, usage, effectiveContextWindow(thread.settings.model));
  const zero = { totalTokens: 0, inputTokens: 0, cachedInputTokens: 0, cacheWriteInputTokens: 0, outputTokens: 0, reasoningOutputTokens: 0 };
  thread.tokenUsage = { ...counted, last: thread.tokenUsage?.last ?? zero };
  thread.record({ type: 'token_count', turn_id: turn.id, usage: thread.tokenUsage });
  deps.notify('thread/tokenUsage/updated', { threadId: thread.id, turnId: turn.id, tokenUsage: thread.tokenUsage });
}

function showItem(thread: LoadedThread, turn: Turn, item: ThreadItem, deps: TurnDeps): void {
  deps.notify('item/started', { item, threadId: thread.id, turnId: turn.id, startedAtMs: Date.now() });
  thread.completeItem(turn, item);
  deps.notify('item/completed', { item, threadId: thread.id, turnId: turn.id, completedAtMs: Date.now() });
}

/** The review turn's work: the model's findings on the change, shown and remembered by the thread. */
export async function runReview(thread: LoadedThread, turn: Turn, signal: AbortSignal, request: ReviewRequest, deps: TurnDeps): Promise<void> {
  showItem(thread, turn, { type: 'enteredReviewMode', id: uuidv7(), review: request.hint }, deps);
  const client = deps.createClient(thread);
  const input = [message('developer', REVIEW_INSTRUCTIONS), message('user', reviewPrompt(request))];
  const modelRequest = plainRequest(thread, input, signal);
  modelRequest.model = deps.reviewModel?.(thread) ?? thread.settings.model;
  const { text, usage } = await collectResponseText(client, modelRequest);
  if (usage) countUsage(thread, turn, usage, deps);
  const rendered = renderReview(parseReviewOutput(text), thread.settings.cwd);
  showItem(thread, turn, { type: 'exitedReviewMode', id: uuidv7(), review: rendered }, deps);
  // What the main conversation remembers of the review (after its opening context, if not sent yet).
  if (!thread.contextSent) {
    const opening = deps.agentContext ? await deps.agentContext.openingContext(thread.settings) : basicOpeningContext(thread.settings);
    for (const item of opening) thread.pushHistory(null, item);
    thread.contextSent = true;
  }
  thread.pushHistory(turn.id, message('user', `<user_action>\nThe user asked for a code review of ${request.hint}.\n</user_action>`));
  thread.pushHistory(turn.id, message('assistant', rendered));
}
