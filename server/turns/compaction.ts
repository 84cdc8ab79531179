// History compaction: when the context grows past the thread's limit (`model_auto_compact_token_limit`,
// else 90 % of the model's context window), or when the client asks (`thread/compact/start`), the
// model summarises the conversation so far and the history is replaced by: the opening context
// (instructions, environment, AGENTS.md), the most recent user messages (bounded), and the summary as
// a user message. The replacement is written to the rollout as a `compacted` line, so a resumed
// thread sends the compacted history, not the old turns.
import { effectiveContextWindow, emptyUsage, getModelInfo, type ModelClient, type ModelRequest, type ResponseItem, type TokenUsage } from '../models';
import type { ThreadItem } from '../protocol/items';
import type { ThreadTokenUsage, Turn } from '../protocol/thread';
import type { Notify } from '../protocol/senders';
import type { HistoryEntry, LoadedThread } from '../threads/loadedThread';
import { uuidv7 } from '../threads/store';
import { addUsage } from './tokenUsage';

/** How the compaction of a thread is tuned (from its effective config). */
export interface CompactConfig {
  /** `model_auto_compact_token_limit` (unset or ≤ 0: 90 % of the model's context window). */
  readonly autoCompactTokenLimit: number | null;
  /** `compact_prompt`: replaces the built-in summarisation instruction. */
  readonly compactPrompt: string | null;
}

export const DEFAULT_COMPACT_CONFIG: CompactConfig = Object.freeze({ autoCompactTokenLimit: null, compactPrompt: null });

/** Reads the compaction keys of an effective config table. */
export function compactConfigFromTable(table: Readonly<Record<string, unknown>>): CompactConfig {
  const limit = table.model_auto_compact_token_limit;
  const prompt = table.compact_prompt;
  return {
    autoCompactTokenLimit: typeof limit === 'number' && Number.isFinite(limit) && limit > 0 ? Math.floor(limit) : null,
    compactPrompt: typeof prompt === 'string' && prompt.trim() ? prompt : null,
  };
}

/** Our summarisation instruction (sent as the last user message of the summary request). */
export const SUMMARY_INSTRUCTION = [
  'Pause the task: the conversation above is about to be cut down to save context.',
  'Write a hand-over note that lets another assistant pick the work up exactly where it stands. Include:',
  '- what the user asked for and any constraints or preferences they stated;',
  '- what has been done so far (files read or changed, commands run and what they showed);',
  '- decisions made and why, and anything that was tried and did not work;',
  '- what remains to be done, as concrete next steps.',
  'Be brief and factual; keep file paths, names and numbers exact. Reply with the note only.',
].join('\n');

/** Put before the summary in the compacted history, so the model knows what the message is. */
export const SUMMARY_PREFIX = 'Earlier parts of this conversation were condensed into the following hand-over note (written by an assistant, not by the user):';

/** Budget for the user messages kept verbatim (about 20k tokens at 4 characters per token). */
const KEPT_USER_MESSAGES_CHARS = 80_000;

type Message = Extract<ResponseItem, { type: 'message' }>;

function isMessage(item: unknown): item is Message {
  return typeof item === 'object' && item !== null && (item as { type?: unknown }).type === 'message';
}

function messageText(item: Message): string {
  return item.content.map((part) => (part.type === 'input_text' || part.type === 'output_text' ? part.text : '')).join('');
}

/** User messages the server writes itself (context, skills, markers), not typed by the user. */
const CONTEXT_MARKERS = ['<environment_context>', '# AGENTS.md instructions', '<skills_instructions>', '<skill>', '<user_instructions>', '<turn_aborted>', '<user_action>', SUMMARY_PREFIX];

function isContextual(item: Message): boolean {
  const text = messageText(item).trimStart();
  return CONTEXT_MARKERS.some((marker) => text.startsWith(marker));
}

/** The opening context: the leading developer messages and contextual user messages. */
export function openingContext(history: readonly HistoryEntry[]): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  for (const entry of history) {
    const item = entry.item;
    if (!isMessage(item) || !(item.role === 'developer' || item.role === 'system' || (item.role === 'user' && isContextual(item)))) break;
    if (item.role === 'user' && messageText(item).startsWith(SUMMARY_PREFIX)) break;
    out.push(entry);
  }
  return out;
}

/** The user's own messages, newest kept first, within the budget (a message cut down keeps its start). */
export function recentUserMessages(history: readonly HistoryEntry[], budgetChars = KEPT_USER_MESSAGES_CHARS): Message[] {
  const kept: Message[] = [];
  let left = budgetChars;
  for (let i = history.length - 1; i >= 0 && left > 0; i--) {
    const item = history[i]?.item;
    if (!isMessage(item) || item.role !== 'user' || isContextual(item)) continue;
    const text = messageText(item);
    if (text.length <= left) {
      kept.unshift(item);
      left -= text.length;
    } else {
      kept.unshift({ type: 'message', role: 'user', content: [{ type: 'input_text', text: `${text.slice(0, left)}\n[… message truncated]` }] });
      left = 0;
    }
  }
  return kept;
}

/** The limit at which the thread compacts itself. */
export function autoCompactLimit(thread: LoadedThread, config: CompactConfig): number {
  if (config.autoCompactTokenLimit !== null) return config.autoCompactTokenLimit;
  return Math.floor((getModelInfo(thread.settings.model).info.contextWindow * 9) / 10);
}

/** Whether the last response's context (input + output tokens) reached the limit. */
export function needsAutoCompaction(thread: LoadedThread, config: CompactConfig): boolean {
  const last = thread.tokenUsage?.last;
  if (!last || last.totalTokens < autoCompactLimit(thread, config)) return false;
  // Nothing to condense when the history is only the opening context and the summary.
  return thread.history.length > openingContext(thread.history).length + 1;
}

/** Streams one response and returns its assistant text and usage (nothing is shown to the client). */
export async function collectResponseText(client: ModelClient, request: ModelRequest): Promise<{ text: string; usage: TokenUsage | null }> {
  let parts: string[] = [];
  let usage: TokenUsage | null = null;
  for await (const event of client.stream(request)) {
    if (event.type === 'retrying') parts = [];
    else if (event.type === 'completed') usage = event.usage;
    else if (event.type === 'outputItemDone' && event.item.type === 'message' && event.item.role === 'assistant') {
      parts.push(messageText(event.item as Message));
    }
  }
  return { text: parts.join('\n').trim(), usage };
}

/** A request without tools for the thread's model. */
export function plainRequest(thread: LoadedThread, input: ResponseItem[], signal: AbortSignal): ModelRequest {
  const request: ModelRequest = { model: thread.settings.model, input, tools: [], parallelToolCalls: false, promptCacheKey: thread.id, signal };
  const effort = thread.settings.reasoningEffort;
  if (effort) request.reasoning = { effort: effort as NonNullable<ModelRequest['reasoning']>['effort'] };
  return request;
}

const estimateTokens = (items: readonly unknown[]): number => Math.ceil(items.reduce<number>((n, item) => n + JSON.stringify(item).length, 0) / 4);

function userMessage(text: string): Message {
  return { type: 'message', role: 'user', content: [{ type: 'input_text', text }] };
}

/**
 * Compacts the thread's history within `turn`: a `contextCompaction` item, the summary request, the
 * replacement (history, rollout), token usage, `thread/compacted`. Throws what the model request throws.
 */
export async function compactThread(thread: LoadedThread, turn: Turn, client: ModelClient, signal: AbortSignal, notify: Notify, config: CompactConfig): Promise<void> {
  const item: ThreadItem = { type: 'contextCompaction', id: uuidv7() };
  notify('item/started', { item, threadId: thread.id, turnId: turn.id, startedAtMs: Date.now() });
  const input = [...thread.history.map((entry) => entry.item as ResponseItem), userMessage(config.compactPrompt ?? SUMMARY_INSTRUCTION)];
  const { text, usage } = await collectResponseText(client, plainRequest(thread, input, signal));
  const summary = text || '(the model returned no summary)';

  const opening = openingContext(thread.history);
  const replacement: HistoryEntry[] = [
    // The opening context belongs to no turn: rolling turns back never removes it.
    ...opening.map((entry) => ({ turnId: null, item: entry.item })),
    ...recentUserMessages(thread.history.slice(opening.length)).map((message) => ({ turnId: turn.id, item: message })),
    { turnId: turn.id, item: userMessage(`${SUMMARY_PREFIX}\n\n${summary}`) },
  ];
  thread.replaceHistory(replacement, summary);

  // Usage: the summary request counts in the total; the context is now the compacted history.
  const window = effectiveContextWindow(thread.settings.model);
  const counted: ThreadTokenUsage = usage ? addUsage(thread.tokenUsage, usage, window) : (thread.tokenUsage ?? addUsage(null, emptyUsage(), window));
  const context = estimateTokens(replacement.map((entry) => entry.item));
  thread.tokenUsage = { ...counted, last: { totalTokens: context, inputTokens: context, cachedInputTokens: 0, cacheWriteInputTokens: 0, outputTokens: 0, reasoningOutputTokens: 0 } };
  thread.record({ type: 'token_count', turn_id: turn.id, usage: thread.tokenUsage });
  notify('thread/tokenUsage/updated', { threadId: thread.id, turnId: turn.id, tokenUsage: thread.tokenUsage });

  thread.completeItem(turn, item);
  notify('item/completed', { item, threadId: thread.id, turnId: turn.id, completedAtMs: Date.now() });
  notify('thread/compacted', { threadId: thread.id, turnId: turn.id });
}
