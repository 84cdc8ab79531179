// The tool side of a turn: the context tool handlers run in (items, notifications, approvals, the
// client round trip, the turn's diff) and the step that runs the calls of one model response.
// Calls run concurrently; their outputs join the history (and the rollout) in call order, each
// right after the calls — so the next request, a resume and a replay all see exactly what the
// model saw. A call still running when the turn is interrupted answers "aborted" (the turn's
// processes are killed, so every handler settles before the turn completes).
import { getModelInfo, type ModelInfo, type ToolOutput } from '../models';
import type { ThreadItem } from '../protocol/items';
import type { Turn } from '../protocol/thread';
import type { Notify, ServerRequester } from '../protocol/senders';
import type { LoadedThread } from '../threads/loadedThread';
import type { Logger } from '../util/log';
import { TurnDiffTracker } from '../tools/applyPatch';
import type { CommandRunner } from '../process';
import type { ExecSessionManager } from '../tools/exec';
import { SandboxedRunner, type ApprovalGate } from '../sandbox';
import { buildToolSet, type ToolSet } from '../tools/registry';
import { threadTools, type ThreadTools } from '../tools/threadTools';
import type { ToolConfig } from '../tools/toolConfig';
import { toolCallFromItem, type ToolCallItem, type ToolContext, type ToolHandler } from '../tools/types';

/** What the model reads for a call that was still running when the turn was interrupted. */
export const ABORTED_OUTPUT = 'aborted';

export interface ToolDeps {
  readonly notify: Notify;
  readonly log: Logger;
  readonly request: ServerRequester;
  readonly gate: ApprovalGate;
  /** The tool config of a thread (its cwd's effective config and its provider's wire API). */
  readonly toolConfig: (thread: LoadedThread) => ToolConfig;
  /** What runs model commands; default: a SandboxedRunner (restricted policies never run unsandboxed). */
  readonly commandRunner?: CommandRunner;
  /** Tools beyond the built-in ones (the thread's MCP tools), asked for at each turn's start. */
  readonly extraTools?: (thread: LoadedThread) => ToolHandler[];
}

let sandboxedRunner: SandboxedRunner | null = null;
function defaultRunner(): SandboxedRunner {
  sandboxedRunner ??= new SandboxedRunner();
  return sandboxedRunner;
}

class TurnToolContext implements ToolContext {
  diffTouched = false;
  readonly diff: TurnDiffTracker;

  constructor(
    readonly thread: LoadedThread,
    readonly turn: Turn,
    readonly signal: AbortSignal,
    readonly notify: Notify,
    readonly log: Logger,
    readonly request: ServerRequester,
    readonly gate: ApprovalGate,
    readonly config: ToolConfig,
    readonly modelInfo: ModelInfo,
    readonly tools: ThreadTools,
    private readonly runner: CommandRunner | undefined,
  ) {
    this.diff = new TurnDiffTracker(thread.settings.cwd);
  }

  exec(): ExecSessionManager {
    return this.tools.exec(this.config, this.runner ?? defaultRunner());
  }

  interruptTurn(): void {
    if (this.thread.active?.turn === this.turn) this.thread.active.abort.abort();
  }

  itemStarted(item: ThreadItem): void {
    this.notify('item/started', { item, threadId: this.thread.id, turnId: this.turn.id, startedAtMs: Date.now() });
  }

  itemCompleted(item: ThreadItem): void {
    this.thread.completeItem(this.turn, item);
    this.notify('item/completed', { item, threadId: this.thread.id, turnId: this.turn.id, completedAtMs: Date.now() });
  }
}

export interface TurnTools {
  /** The tools see a ToolThread; the turn keeps the whole thread. */
  readonly ctx: ToolContext & { readonly thread: LoadedThread };
  readonly toolSet: ToolSet;
}

/** The tools of one turn: what is offered to the model and the context its calls run in. */
export function createTurnTools(thread: LoadedThread, turn: Turn, signal: AbortSignal, deps: ToolDeps): TurnTools {
  const config = deps.toolConfig(thread);
  const modelInfo = getModelInfo(thread.settings.model).info;
  const tools = threadTools(thread, deps.log);
  const ctx = new TurnToolContext(thread, turn, signal, deps.notify, deps.log, deps.request, deps.gate, config, modelInfo, tools, deps.commandRunner);
  // An interrupt kills the thread's process trees at once: running commands end, their items complete.
  signal.addEventListener('abort', () => void tools.killAll().catch((error: unknown) => deps.log.warn(`killing the turn's processes failed: ${String(error)}`)), { once: true });
  return { ctx, toolSet: buildToolSet(modelInfo, config, deps.extraTools?.(thread) ?? []) };
}

/** Runs the calls of one response concurrently and records their outputs in call order. */
export async function runToolCalls(calls: readonly ToolCallItem[], turnTools: TurnTools): Promise<void> {
  const { ctx, toolSet } = turnTools;
  const outputs: ToolOutput[] = calls.map(() => ABORTED_OUTPUT);
  await Promise.all(
    calls.map(async (item, index) => {
      const output = await toolSet.dispatch(toolCallFromItem(item), ctx);
      if (!ctx.signal.aborted) outputs[index] = output;
    }),
  );
  calls.forEach((item, index) => {
    const output = outputs[index] ?? ABORTED_OUTPUT;
    ctx.thread.pushHistory(
      ctx.turn.id,
      item.type === 'function_call' ? { type: 'function_call_output', call_id: item.call_id, output } : { type: 'custom_tool_call_output', call_id: item.call_id, output },
    );
  });
}

/** After the model loop: kill what an interrupt left running, and re-send the turn's diff. */
export async function finishTurnTools(turnTools: TurnTools): Promise<void> {
  const { ctx } = turnTools;
  if (ctx.signal.aborted) await ctx.tools.killAll();
  if (ctx.diffTouched) ctx.notify('turn/diff/updated', { threadId: ctx.thread.id, turnId: ctx.turn.id, diff: ctx.diff.unifiedDiff() });
}
