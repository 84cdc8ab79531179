// The tool layer's vocabulary: a call the model made (function or custom/freeform), a handler that
// answers it, and the per-turn context handlers run in (thread, turn, notifications, abort signal,
// config, approvals, the client round trip, the turn's diff).
import type { ModelInfo, ResponseItem, ToolOutput, ToolSpec } from '../models';
import type { ExecSessionManager } from './exec';
import type { ThreadItem } from '../protocol/items';
import type { Notify, ServerRequester } from '../protocol/senders';
import type { Turn } from '../protocol/thread';
import type { LoadedThread } from '../threads/loadedThread';
import type { Logger } from '../util/log';
import type { TurnDiffTracker } from './applyPatch';
import type { ApprovalGate } from './approvals/approvalGate';
import type { ThreadTools } from './threadTools';
import type { ToolConfig } from './toolConfig';

export type ToolCallItem = Extract<ResponseItem, { type: 'function_call' | 'custom_tool_call' }>;

/** One tool call from the model. */
export interface ToolCall {
  readonly name: string;
  readonly callId: string;
  readonly payload: { readonly kind: 'function'; readonly arguments: string } | { readonly kind: 'custom'; readonly input: string };
}

export function toolCallFromItem(item: ToolCallItem): ToolCall {
  return item.type === 'function_call'
    ? { name: item.name, callId: item.call_id, payload: { kind: 'function', arguments: item.arguments } }
    : { name: item.name, callId: item.call_id, payload: { kind: 'custom', input: item.input } };
}

export interface ToolContext {
  readonly thread: LoadedThread;
  readonly turn: Turn;
  readonly notify: Notify;
  readonly log: Logger;
  /** Aborted when the turn is interrupted. */
  readonly signal: AbortSignal;
  readonly config: ToolConfig;
  readonly modelInfo: ModelInfo;
  readonly tools: ThreadTools;
  /** The thread's exec sessions (through the configured command runner). */
  exec(): ExecSessionManager;
  readonly gate: ApprovalGate;
  readonly request: ServerRequester;
  /** The turn's unified diff over every patch applied in it. */
  readonly diff: TurnDiffTracker;
  /** Set once a patch has been applied in this turn (turn/diff/updated is re-sent at the end). */
  diffTouched: boolean;
  /** Interrupts the turn (a `cancel` answer to an approval). */
  interruptTurn(): void;
  itemStarted(item: ThreadItem): void;
  /** Announces a finished item and records it in its turn (items of earlier turns too). */
  itemCompleted(item: ThreadItem, turn?: Turn): void;
}

export interface ToolHandler {
  readonly name: string;
  readonly spec: ToolSpec;
  handle(call: ToolCall, ctx: ToolContext): Promise<ToolOutput>;
}

/** The arguments text of a function call, or the error text for a payload of the wrong kind. */
export function functionArguments(call: ToolCall): { ok: true; arguments: string } | { ok: false; error: string } {
  if (call.payload.kind === 'function') return { ok: true, arguments: call.payload.arguments };
  return { ok: false, error: `${call.name} handler received unsupported payload` };
}
