// The tool layer's vocabulary: a call the model made (function or custom/freeform), a handler that
// answers it, the per-turn context handlers run in (thread, turn, notifications, abort signal,
// config, approvals, the client round trip, the turn's diff), and what the tools need of their
// thread (ToolThread: the threads' LoadedThread satisfies it, so tools do not import threads/).
import type { ModelInfo, ResponseItem, ToolOutput, ToolSpec } from '../models';
import type { ExecSessionManager } from './exec';
import type { ThreadItem } from '../protocol/items';
import type { Notify, ServerRequester } from '../protocol/senders';
import type { AskForApproval, SandboxPolicy } from '../protocol/common';
import type { ThreadActiveFlag, ThreadGoal, Turn } from '../protocol/thread';
import type { Logger } from '../util/log';
import type { TurnDiffTracker } from './applyPatch';
import type { ApprovalGate } from '../sandbox';
import type { ThreadTools } from './threadTools';
import type { ToolConfig } from './toolConfig';

export type ToolCallItem = Extract<ResponseItem, { type: 'function_call' | 'custom_tool_call' }>;

/** The settings of a thread the tools run under. */
export interface ToolThreadSettings {
  readonly cwd: string;
  readonly approvalPolicy: AskForApproval;
  /** The config's deprecated on-failure policy (clients see on-request; see enginePolicy). */
  readonly approvalOnFailure?: boolean;
  readonly sandbox: SandboxPolicy;
}

/** The thread a tool call runs in, as far as the tools are concerned. */
export interface ToolThread {
  readonly id: string;
  readonly settings: ToolThreadSettings;
  /** The thread goal the goal tools read and set (a change is recorded with `record`). */
  goal: ThreadGoal | null;
  record(event: { readonly type: 'goal_updated'; readonly goal: ThreadGoal }): void;
  /** Marks the thread as waiting on the client (an approval, a question), or done waiting. */
  setWaiting(flag: ThreadActiveFlag, delta: 1 | -1): void;
  /** Runs `listener` when the thread unloads. */
  onUnload(listener: () => Promise<void>): void;
}

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
  readonly thread: ToolThread;
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
