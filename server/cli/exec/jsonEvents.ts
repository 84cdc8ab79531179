// `codex-ts exec --json`: app-server notifications mapped to the JSONL events of `codex exec --json`
// (thread.started, turn.started, item.started / item.updated / item.completed, turn.completed,
// turn.failed, error). Items get exec ids `item_0`, `item_1`, … in order of appearance; their
// payloads are snake_case (`agent_message {text}`, `reasoning {text}`, `command_execution {command,
// aggregated_output, exit_code, status}`, `file_change {changes[{path, kind}], status}`,
// `mcp_tool_call`, `web_search`, `todo_list`, `error {message}`). User messages, streaming deltas and
// other bookkeeping notifications produce nothing. Pure: notifications in, events out.
// Model-stream retries are `error` events as in Codex (its message says "Reconnecting…"), marked
// `will_retry: true` so a consumer can tell them from a real, fatal error (`will_retry: false`).

import type { ServerNotification, ServerNotifications, ThreadItem, Turn } from '../../protocol';

export interface ExecUsage {
  input_tokens: number;
  cached_input_tokens: number;
  output_tokens: number;
}

export interface ExecTodo {
  text: string;
  completed: boolean;
}

/** What `codex exec --json` says about an item (its id is added when the event is made). */
export type ExecItemDetails =
  | { type: 'agent_message'; text: string }
  | { type: 'reasoning'; text: string }
  | { type: 'command_execution'; command: string; aggregated_output: string; exit_code: number | null; status: string }
  | { type: 'file_change'; changes: { path: string; kind: string }[]; status: string }
  | { type: 'mcp_tool_call'; server: string; tool: string; arguments: unknown; result: unknown; error: unknown; status: string }
  | { type: 'web_search'; id: string; query: string; action: unknown }
  | { type: 'todo_list'; items: ExecTodo[] }
  | { type: 'error'; message: string };

export type ExecItem = { id: string } & ExecItemDetails;

export type ExecEvent =
  | { type: 'thread.started'; thread_id: string }
  | { type: 'turn.started' }
  | { type: 'turn.completed'; usage: ExecUsage }
  | { type: 'turn.failed'; error: { message: string } }
  | { type: 'item.started' | 'item.updated' | 'item.completed'; item: ExecItem }
  /** will_retry: a model-stream retry (non-fatal, the turn goes on); false for a real error. Codex's event has no such field. */
  | { type: 'error'; message: string; will_retry: boolean };

function snakeStatus(status: string): string {
  return status.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function withDetails(message: string, details: string | null): string {
  return details !== null && details !== '' ? `${message} (${details})` : message;
}

export class ExecJsonEvents {
  private nextId = 0;
  private readonly startedIds = new Map<string, string>();
  private todo: { id: string; items: ExecTodo[] } | null = null;
  private usage: ExecUsage = { input_tokens: 0, cached_input_tokens: 0, output_tokens: 0 };
  private lastError: string | null = null;
  /** The last agent message of the turn (what `-o` writes), null after a failed or interrupted turn. */
  finalMessage: string | null = null;

  private newId(): string {
    return `item_${this.nextId++}`;
  }

  private startedId(rawId: string): string {
    const existing = this.startedIds.get(rawId);
    if (existing) return existing;
    const id = this.newId();
    this.startedIds.set(rawId, id);
    return id;
  }

  private completedId(rawId: string): string {
    const id = this.startedIds.get(rawId);
    this.startedIds.delete(rawId);
    return id ?? this.newId();
  }

  /** The exec payload of an app-server item (without its id), or null for items exec does not show. */
  static details(item: ThreadItem): ExecItemDetails | null {
    switch (item.type) {
      case 'agentMessage':
        return { type: 'agent_message', text: item.text };
      case 'reasoning': {
        const text = item.summary.join('\n');
        return text.trim() === '' ? null : { type: 'reasoning', text };
      }
      case 'commandExecution':
        return {
          type: 'command_execution',
          command: item.command,
          aggregated_output: item.aggregatedOutput ?? '',
          exit_code: item.exitCode,
          status: snakeStatus(item.status),
        };
      case 'fileChange': {
        const changes = item.changes.map((c) => ({ path: c.path, kind: c.kind.type }));
        return { type: 'file_change', changes, status: item.status === 'declined' ? 'failed' : snakeStatus(item.status) };
      }
      case 'mcpToolCall':
        return {
          type: 'mcp_tool_call',
          server: item.server,
          tool: item.tool,
          arguments: item.arguments ?? null,
          result: item.result ?? null,
          error: item.error ?? null,
          status: snakeStatus(item.status),
        };
      case 'webSearch':
        return { type: 'web_search', id: item.id, query: item.query, action: item.action ?? { type: 'other' } };
      default:
        return null;
    }
  }

  /** The first event of a run, once thread/start answered. */
  threadStarted(threadId: string): ExecEvent {
    return { type: 'thread.started', thread_id: threadId };
  }

  /** The events one notification produces (often none). */
  map(notification: ServerNotification): ExecEvent[] {
    switch (notification.method) {
      case 'turn/started':
        return [{ type: 'turn.started' }];
      case 'error': {
        const { error, willRetry } = notification.params;
        const message = withDetails(error.message, error.additionalDetails);
        // A retry is not why a turn failed; only a real error may stand in for a missing turn error.
        if (!willRetry) this.lastError = message;
        return [{ type: 'error', message, will_retry: willRetry }];
      }
      case 'configWarning':
      case 'deprecationNotice':
        return [{ type: 'item.completed', item: { id: this.newId(), type: 'error', message: withDetails(notification.params.summary, notification.params.details) } }];
      case 'thread/tokenUsage/updated': {
        const { total } = notification.params.tokenUsage;
        this.usage = { input_tokens: total.inputTokens, cached_input_tokens: total.cachedInputTokens, output_tokens: total.outputTokens };
        return [];
      }
      case 'turn/plan/updated':
        return this.planUpdated(notification.params);
      case 'item/started':
        return this.itemStarted(notification.params.item);
      case 'item/completed':
        return this.itemCompleted(notification.params.item);
      case 'turn/completed':
        return this.turnCompleted(notification.params.turn);
      default:
        return [];
    }
  }

  private planUpdated(params: ServerNotifications['turn/plan/updated']): ExecEvent[] {
    const items = params.plan.map((step) => ({ text: step.step, completed: step.status === 'completed' }));
    if (this.todo) {
      this.todo.items = items;
      return [{ type: 'item.updated', item: { id: this.todo.id, type: 'todo_list', items } }];
    }
    this.todo = { id: this.newId(), items };
    return [{ type: 'item.started', item: { id: this.todo.id, type: 'todo_list', items } }];
  }

  private itemStarted(item: ThreadItem): ExecEvent[] {
    // Agent text and reasoning are shown once, complete.
    if (item.type === 'agentMessage' || item.type === 'reasoning') return [];
    const details = ExecJsonEvents.details(item);
    if (!details) return [];
    const again = item.type === 'fileChange' && this.startedIds.has(item.id);
    return [{ type: again ? 'item.updated' : 'item.started', item: { id: this.startedId(item.id), ...details } }];
  }

  private itemCompleted(item: ThreadItem): ExecEvent[] {
    const details = ExecJsonEvents.details(item);
    if (!details) return [];
    const id = item.type === 'agentMessage' || item.type === 'reasoning' ? this.newId() : this.completedId(item.id);
    if (details.type === 'agent_message') this.finalMessage = details.text;
    return [{ type: 'item.completed', item: { id, ...details } }];
  }

  private turnCompleted(turn: Turn): ExecEvent[] {
    const events: ExecEvent[] = [];
    if (this.todo) {
      events.push({ type: 'item.completed', item: { id: this.todo.id, type: 'todo_list', items: this.todo.items } });
      this.todo = null;
    }
    // Items still open when the turn ended are closed with their last known state.
    for (const item of turn.items) {
      if (!this.startedIds.has(item.id)) continue;
      events.push(...this.itemCompleted(item));
    }
    switch (turn.status) {
      case 'completed': {
        const last = turn.items.findLast((item) => item.type === 'agentMessage');
        if (last) this.finalMessage = last.text;
        events.push({ type: 'turn.completed', usage: { ...this.usage } });
        break;
      }
      case 'failed': {
        this.finalMessage = null;
        const error = turn.error;
        const message = error ? withDetails(error.message, error.additionalDetails) : (this.lastError ?? 'turn failed');
        events.push({ type: 'turn.failed', error: { message } });
        break;
      }
      default:
        this.finalMessage = null; // interrupted: no final message
    }
    return events;
  }
}
