// `codex-ts exec --json`: app-server notifications mapped to the JSONL events of `codex exec --json`
// (thread.started, turn.started, item.started / item.updated / item.completed, turn.completed,
// turn.failed, error). Items get exec ids `item_0`, `item_1`, … in order of appearance; their
// payloads are snake_case (`agent_message {text}`, `reasoning {text}`, `command_execution {command,
// aggregated_output, exit_code, status}`, `file_change {changes[{path, kind}], status}`,
// `mcp_tool_call`, `web_search`, `todo_list`, `error {message}`). User messages, streaming deltas and
// other bookkeeping notifications produce nothing. Pure: notifications in, events out.
// Model-stream retries are `error` events as in Codex (its message says "Reconnecting…"), marked
// `will_retry: true` so a consumer can tell them from a real, fatal error (`will_retry: false`).

export type JsonObject = Record<string, unknown>;

export interface ExecUsage {
  input_tokens: number;
  cached_input_tokens: number;
  output_tokens: number;
}

export type ExecEvent =
  | { type: 'thread.started'; thread_id: string }
  | { type: 'turn.started' }
  | { type: 'turn.completed'; usage: ExecUsage }
  | { type: 'turn.failed'; error: { message: string } }
  | { type: 'item.started' | 'item.updated' | 'item.completed'; item: JsonObject }
  /** will_retry: a model-stream retry (non-fatal, the turn goes on); false for a real error. Codex's event has no such field. */
  | { type: 'error'; message: string; will_retry: boolean };

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const num = (value: unknown): number => (typeof value === 'number' ? value : 0);

function snakeStatus(status: unknown): string {
  return str(status).replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function changeKind(kind: unknown): string {
  const type = typeof kind === 'object' && kind !== null ? str((kind as JsonObject).type) : str(kind);
  return type === 'add' || type === 'delete' ? type : 'update';
}

function withDetails(message: string, details: unknown): string {
  return typeof details === 'string' && details !== '' ? `${message} (${details})` : message;
}

export class ExecJsonEvents {
  private nextId = 0;
  private readonly startedIds = new Map<string, string>();
  private todo: { id: string; items: { text: string; completed: boolean }[] } | null = null;
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
  static details(item: JsonObject): JsonObject | null {
    switch (item.type) {
      case 'agentMessage':
        return { type: 'agent_message', text: str(item.text) };
      case 'reasoning': {
        const text = (Array.isArray(item.summary) ? item.summary : []).map(str).join('\n');
        return text.trim() === '' ? null : { type: 'reasoning', text };
      }
      case 'commandExecution':
        return {
          type: 'command_execution',
          command: str(item.command),
          aggregated_output: str(item.aggregatedOutput),
          exit_code: typeof item.exitCode === 'number' ? item.exitCode : null,
          status: snakeStatus(item.status),
        };
      case 'fileChange': {
        const changes = (Array.isArray(item.changes) ? (item.changes as JsonObject[]) : []).map((c) => ({ path: str(c.path), kind: changeKind(c.kind) }));
        const status = str(item.status);
        return { type: 'file_change', changes, status: status === 'declined' ? 'failed' : snakeStatus(status) };
      }
      case 'mcpToolCall':
        return {
          type: 'mcp_tool_call',
          server: str(item.server),
          tool: str(item.tool),
          arguments: item.arguments ?? null,
          result: item.result ?? null,
          error: item.error ?? null,
          status: snakeStatus(item.status),
        };
      case 'webSearch':
        return { type: 'web_search', id: str(item.id), query: str(item.query), action: item.action ?? { type: 'other' } };
      default:
        return null;
    }
  }

  /** The first event of a run, once thread/start answered. */
  threadStarted(threadId: string): ExecEvent {
    return { type: 'thread.started', thread_id: threadId };
  }

  /** The events one notification produces (often none). */
  map(method: string, params: JsonObject): ExecEvent[] {
    switch (method) {
      case 'turn/started':
        return [{ type: 'turn.started' }];
      case 'error': {
        const error = (params.error ?? {}) as JsonObject;
        const message = withDetails(str(error.message), error.additionalDetails);
        const willRetry = params.willRetry === true;
        // A retry is not why a turn failed; only a real error may stand in for a missing turn error.
        if (!willRetry) this.lastError = message;
        return [{ type: 'error', message, will_retry: willRetry }];
      }
      case 'configWarning':
      case 'deprecationNotice':
        return [{ type: 'item.completed', item: { id: this.newId(), type: 'error', message: withDetails(str(params.summary), params.details) } }];
      case 'thread/tokenUsage/updated': {
        const total = ((params.tokenUsage ?? {}) as JsonObject).total as JsonObject | undefined;
        if (total) this.usage = { input_tokens: num(total.inputTokens), cached_input_tokens: num(total.cachedInputTokens), output_tokens: num(total.outputTokens) };
        return [];
      }
      case 'turn/plan/updated':
        return this.planUpdated(params);
      case 'item/started':
        return this.itemStarted((params.item ?? {}) as JsonObject);
      case 'item/completed':
        return this.itemCompleted((params.item ?? {}) as JsonObject);
      case 'turn/completed':
        return this.turnCompleted((params.turn ?? {}) as JsonObject);
      default:
        return [];
    }
  }

  private planUpdated(params: JsonObject): ExecEvent[] {
    const items = (Array.isArray(params.plan) ? (params.plan as JsonObject[]) : []).map((step) => ({ text: str(step.step), completed: step.status === 'completed' }));
    if (this.todo) {
      this.todo.items = items;
      return [{ type: 'item.updated', item: { id: this.todo.id, type: 'todo_list', items } }];
    }
    this.todo = { id: this.newId(), items };
    return [{ type: 'item.started', item: { id: this.todo.id, type: 'todo_list', items } }];
  }

  private itemStarted(item: JsonObject): ExecEvent[] {
    // Agent text and reasoning are shown once, complete.
    if (item.type === 'agentMessage' || item.type === 'reasoning') return [];
    const details = ExecJsonEvents.details(item);
    if (!details) return [];
    const rawId = str(item.id);
    const again = item.type === 'fileChange' && this.startedIds.has(rawId);
    return [{ type: again ? 'item.updated' : 'item.started', item: { id: this.startedId(rawId), ...details } }];
  }

  private itemCompleted(item: JsonObject): ExecEvent[] {
    const details = ExecJsonEvents.details(item);
    if (!details) return [];
    const id = item.type === 'agentMessage' || item.type === 'reasoning' ? this.newId() : this.completedId(str(item.id));
    if (details.type === 'agent_message') this.finalMessage = str(details.text);
    return [{ type: 'item.completed', item: { id, ...details } }];
  }

  private turnCompleted(turn: JsonObject): ExecEvent[] {
    const events: ExecEvent[] = [];
    if (this.todo) {
      events.push({ type: 'item.completed', item: { id: this.todo.id, type: 'todo_list', items: this.todo.items } });
      this.todo = null;
    }
    // Items still open when the turn ended are closed with their last known state.
    for (const item of Array.isArray(turn.items) ? (turn.items as JsonObject[]) : []) {
      if (!this.startedIds.has(str(item.id))) continue;
      events.push(...this.itemCompleted(item));
    }
    switch (turn.status) {
      case 'completed': {
        const items = Array.isArray(turn.items) ? (turn.items as JsonObject[]) : [];
        const last = [...items].reverse().find((item) => item.type === 'agentMessage');
        if (last) this.finalMessage = str(last.text);
        events.push({ type: 'turn.completed', usage: { ...this.usage } });
        break;
      }
      case 'failed': {
        this.finalMessage = null;
        const error = turn.error as JsonObject | null | undefined;
        const message = error ? withDetails(str(error.message), error.additionalDetails) : (this.lastError ?? 'turn failed');
        events.push({ type: 'turn.failed', error: { message } });
        break;
      }
      default:
        this.finalMessage = null; // interrupted: no final message
    }
    return events;
  }
}
