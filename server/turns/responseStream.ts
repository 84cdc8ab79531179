// Consumes one model response stream for a turn: streams agent text and reasoning to the client
// as items and deltas right away, and commits finished items (turn items, history, rollout) when
// the response completes — so a retried response never leaves duplicates behind.
import type { ModelClient, ModelEvent, ModelRequest, OutputItem, ResponseItem, TokenUsage } from '../models';
import type { ThreadItem } from '../protocol/items';
import type { Turn } from '../protocol/thread';
import type { Notify } from '../protocol/senders';
import type { LoadedThread } from '../threads/loadedThread';
import { WEB_SEARCH_CALL, webSearchItem } from '../tools/webSearch';

type ToolCallItem = Extract<ResponseItem, { type: 'function_call' | 'custom_tool_call' }>;

export interface ResponseOutcome {
  readonly toolCalls: ToolCallItem[];
  readonly usage: TokenUsage | null;
}

interface Streaming {
  kind: 'message' | 'reasoning';
  text: string;
  summaries: string[];
}

function messageText(item: Extract<ResponseItem, { type: 'message' }>): string {
  return item.content.map((part) => (part.type === 'output_text' ? part.text : part.type === 'refusal' ? part.refusal : '')).join('');
}

export class ResponseStreamConsumer {
  private streaming = new Map<string, Streaming>();
  private commits: (() => void)[] = [];
  private toolCalls: ToolCallItem[] = [];
  /** Web searches announced (item/started) but not finished yet. */
  private searches = new Set<string>();

  constructor(
    private readonly thread: LoadedThread,
    private readonly turn: Turn,
    private readonly notify: Notify,
    /** Called for `retrying` events so the runner can tell the client. */
    private readonly onRetry: (event: Extract<ModelEvent, { type: 'retrying' }>) => void,
  ) {}

  async run(client: ModelClient, request: ModelRequest): Promise<ResponseOutcome> {
    let usage: TokenUsage | null = null;
    for await (const event of client.stream(request)) {
      if (event.type === 'completed') usage = event.usage;
      this.handle(event);
    }
    // The response is complete: make its items part of the thread.
    for (const commit of this.commits) commit();
    return { toolCalls: this.toolCalls, usage };
  }

  private ids(itemId: string): { threadId: string; turnId: string; itemId: string } {
    return { threadId: this.thread.id, turnId: this.turn.id, itemId };
  }

  private handle(event: ModelEvent): void {
    switch (event.type) {
      case 'retrying':
        // Everything from the failed attempt is void; the retried response produces it again.
        this.streaming = new Map();
        this.commits = [];
        this.toolCalls = [];
        this.searches = new Set();
        this.onRetry(event);
        return;
      case 'outputItemAdded': {
        const { item } = event;
        if (item.type === 'message') {
          this.streaming.set(item.id, { kind: 'message', text: '', summaries: [] });
          this.started({ type: 'agentMessage', id: item.id, text: '', phase: null, moderation: null, memoryCitation: null, delivery: null, questions: null });
        } else if (item.type === 'reasoning') {
          this.streaming.set(item.id, { kind: 'reasoning', text: '', summaries: [] });
          this.started({ type: 'reasoning', id: item.id, summary: [], content: [] });
        } else if (item.type === 'other' && item.itemType === WEB_SEARCH_CALL) {
          this.searches.add(item.id);
          this.started(webSearchItem(item.id, null));
        }
        return;
      }
      case 'textDelta': {
        const state = this.streaming.get(event.itemId);
        if (state) state.text += event.delta;
        this.notify('item/agentMessage/delta', { ...this.ids(event.itemId), delta: event.delta });
        return;
      }
      case 'reasoningSummaryPartAdded': {
        const state = this.streaming.get(event.itemId);
        if (state) state.summaries[event.summaryIndex] = '';
        this.notify('item/reasoning/summaryPartAdded', { ...this.ids(event.itemId), summaryIndex: event.summaryIndex });
        return;
      }
      case 'reasoningSummaryDelta': {
        const state = this.streaming.get(event.itemId);
        if (state) state.summaries[event.summaryIndex] = (state.summaries[event.summaryIndex] ?? '') + event.delta;
        this.notify('item/reasoning/summaryTextDelta', { ...this.ids(event.itemId), delta: event.delta, summaryIndex: event.summaryIndex });
        return;
      }
      case 'reasoningContentDelta':
        this.notify('item/reasoning/textDelta', { ...this.ids(event.itemId), delta: event.delta, contentIndex: event.contentIndex });
        return;
      case 'outputItemDone':
        this.done(event.item);
        return;
      case 'created':
      case 'toolCallInputDelta':
      case 'completed':
        return;
    }
  }

  private started(item: ThreadItem): void {
    this.notify('item/started', { item, threadId: this.thread.id, turnId: this.turn.id, startedAtMs: Date.now() });
  }

  private completed(item: ThreadItem): void {
    this.notify('item/completed', { item, threadId: this.thread.id, turnId: this.turn.id, completedAtMs: Date.now() });
  }

  private done(item: OutputItem): void {
    switch (item.type) {
      case 'message': {
        if (item.role !== 'assistant') return;
        const id = item.id ?? `msg_${this.turn.id}_${this.commits.length}`;
        if (!this.streaming.has(id)) {
          this.started({ type: 'agentMessage', id, text: '', phase: null, moderation: null, memoryCitation: null, delivery: null, questions: null });
        }
        this.streaming.delete(id);
        const threadItem: ThreadItem = { type: 'agentMessage', id, text: messageText(item), phase: null, moderation: null, memoryCitation: null, delivery: null, questions: null };
        this.completed(threadItem);
        this.commits.push(() => {
          this.thread.completeItem(this.turn, threadItem);
          this.thread.pushHistory(this.turn.id, item);
        });
        return;
      }
      case 'reasoning': {
        if (!this.streaming.has(item.id)) this.started({ type: 'reasoning', id: item.id, summary: [], content: [] });
        this.streaming.delete(item.id);
        const threadItem: ThreadItem = {
          type: 'reasoning',
          id: item.id,
          summary: item.summary.map((part) => part.text),
          content: (item.content ?? []).map((part) => part.text),
        };
        this.completed(threadItem);
        this.commits.push(() => {
          this.thread.completeItem(this.turn, threadItem);
          this.thread.pushHistory(this.turn.id, item);
        });
        return;
      }
      case 'function_call':
      case 'custom_tool_call':
        this.toolCalls.push(item);
        this.commits.push(() => this.thread.pushHistory(this.turn.id, item));
        return;
      case 'unknown': {
        // A hosted web search shows as a webSearch item; it is not re-sent to the model.
        const id = typeof item.raw.id === 'string' ? item.raw.id : null;
        if (item.itemType !== WEB_SEARCH_CALL || id === null) return;
        if (!this.searches.has(id)) this.started(webSearchItem(id, null));
        this.searches.delete(id);
        const threadItem = webSearchItem(id, item.raw);
        this.completed(threadItem);
        this.commits.push(() => this.thread.completeItem(this.turn, threadItem));
        return;
      }
      default:
        // Outputs and other item kinds are not re-sent; nothing to show.
        return;
    }
  }
}
