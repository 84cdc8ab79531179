// The event_msg payloads this server writes into rollouts, and the pure replay that rebuilds a
// thread (turns, model history, usage, name, goal) from rollout lines. The rollout file is the
// truth: resume, read and fork all go through `replayRollout`.
import type { ThreadItem } from '../protocol/items';
import type { ThreadGoal, ThreadTokenUsage, Turn, TurnError, TurnStatus } from '../protocol/thread';

export type ThreadEvent =
  | { type: 'task_started'; turn_id: string; started_at: number }
  | { type: 'item_completed'; turn_id: string; item: ThreadItem }
  | { type: 'token_count'; turn_id: string; usage: ThreadTokenUsage }
  | { type: 'task_complete'; turn_id: string; status: Exclude<TurnStatus, 'inProgress'>; error: TurnError | null; completed_at: number; duration_ms: number }
  | { type: 'turn_aborted'; turn_id: string; reason: 'interrupted' }
  | { type: 'thread_name_updated'; name: string }
  | { type: 'thread_rolled_back'; num_turns: number }
  | { type: 'goal_updated'; goal: ThreadGoal }
  | { type: 'goal_cleared' };

/** What replay needs from a rollout line (the store's line type is structurally compatible). */
export interface ReplayLine {
  readonly type: string;
  readonly payload: unknown;
}

export interface ReplayedThread {
  turns: Turn[];
  /** Model-visible history, each item tagged with the turn it belongs to (for rollback). */
  history: { turnId: string | null; item: unknown }[];
  tokenUsage: ThreadTokenUsage | null;
  name: string | null;
  goal: ThreadGoal | null;
  preview: string;
  warnings: string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function firstUserText(item: ThreadItem): string | null {
  if (item.type !== 'userMessage') return null;
  for (const part of item.content) if (part.type === 'text' && part.text.trim()) return part.text;
  return null;
}

export function replayRollout(lines: Iterable<ReplayLine>): ReplayedThread {
  const out: ReplayedThread = { turns: [], history: [], tokenUsage: null, name: null, goal: null, preview: '', warnings: [] };
  let current: Turn | null = null;
  for (const line of lines) {
    if (line.type === 'response_item') {
      out.history.push({ turnId: current?.id ?? null, item: line.payload });
      continue;
    }
    if (line.type === 'compacted') {
      // Compaction: the history from here on is the recorded replacement.
      const payload = isRecord(line.payload) ? line.payload : {};
      const replacement = payload.replacement_history;
      const turnIds = Array.isArray(payload.turn_ids) ? (payload.turn_ids as unknown[]) : [];
      if (Array.isArray(replacement)) {
        out.history = replacement.map((item: unknown, i) => {
          const turnId = turnIds[i];
          return { turnId: turnId === null || typeof turnId === 'string' ? turnId : (current?.id ?? null), item };
        });
      }
      continue;
    }
    if (line.type !== 'event_msg' || !isRecord(line.payload)) continue;
    const event = line.payload as ThreadEvent;
    switch (event.type) {
      case 'task_started':
        current = {
          id: event.turn_id,
          rootTurnId: null,
          items: [],
          itemsView: 'full',
          status: 'inProgress',
          error: null,
          startedAt: event.started_at,
          completedAt: null,
          durationMs: null,
        };
        out.turns.push(current);
        break;
      case 'item_completed': {
        const turn = out.turns.find((t) => t.id === event.turn_id);
        if (turn) turn.items.push(event.item);
        if (!out.preview) out.preview = firstUserText(event.item) ?? '';
        break;
      }
      case 'token_count':
        out.tokenUsage = event.usage;
        break;
      case 'task_complete': {
        const turn = out.turns.find((t) => t.id === event.turn_id);
        if (turn) {
          turn.status = event.status;
          turn.error = event.error;
          turn.completedAt = event.completed_at;
          turn.durationMs = event.duration_ms;
        }
        if (current?.id === event.turn_id) current = null;
        break;
      }
      case 'turn_aborted': {
        const turn = out.turns.find((t) => t.id === event.turn_id);
        if (turn) turn.status = 'interrupted';
        break;
      }
      case 'thread_name_updated':
        out.name = event.name;
        break;
      case 'thread_rolled_back': {
        const dropped = new Set(out.turns.splice(Math.max(0, out.turns.length - event.num_turns)).map((t) => t.id));
        out.history = out.history.filter((entry) => entry.turnId === null || !dropped.has(entry.turnId));
        current = null;
        break;
      }
      case 'goal_updated':
        out.goal = event.goal;
        break;
      case 'goal_cleared':
        out.goal = null;
        break;
      default:
        break; // event kinds from other writers (e.g. the Codex CLI) are skipped, not fatal
    }
  }
  // A turn still open at the end of the file was cut off by a crash or kill.
  for (const turn of out.turns) {
    if (turn.status === 'inProgress') {
      turn.status = 'interrupted';
      out.warnings.push(`turn ${turn.id} was not finished when the rollout ended; marked interrupted`);
    }
  }
  return out;
}
