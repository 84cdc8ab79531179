// Runs one turn of a thread: announces it, records the user input, asks the model (looping while
// it calls tools or the user steers), streams the answer as items, and completes the turn as
// completed, interrupted or failed. A failure never breaks the thread: the next turn works.
import { ModelError, ProviderConfigError, effectiveContextWindow, getModelInfo, type ModelClient, type ModelEvent, type ModelRequest, type ResponseItem, type ToolSpec } from '../models';
import type { UserInput } from '../protocol/items';
import type { CodexErrorInfo, Turn, TurnError } from '../protocol/thread';
import type { Notify } from '../protocol/senders';
import type { LoadedThread } from '../threads/loadedThread';
import { uuidv7 } from '../threads/store';
import { TURN_ABORTED_MESSAGE } from '../context/environmentContext';
import { basicOpeningContext, type AgentContext } from '../context/agentContext';
import { EMPTY_RATE_LIMITS } from '../account/rateLimits';
import type { Logger } from '../util/log';
import { ResponseStreamConsumer } from './responseStream';
import { addUsage } from './tokenUsage';
import { createTurnTools, finishTurnTools, runToolCalls, type ToolDeps, type TurnTools } from './toolPhase';
import { userInputToMessage } from './userInput';
import { compactThread, DEFAULT_COMPACT_CONFIG, needsAutoCompaction, type CompactConfig } from './compaction';

/** A runaway tool loop ends the turn instead of spinning forever. */
const MAX_MODEL_REQUESTS_PER_TURN = 64;

export interface TurnDeps extends ToolDeps {
  readonly notify: Notify;
  readonly log: Logger;
  /** Builds the model client for the thread's provider (throws ProviderConfigError on bad config). */
  readonly createClient: (thread: LoadedThread) => ModelClient;
  /** AGENTS.md, skills and `$skill` injections (without it: instructions and environment only). */
  readonly agentContext?: AgentContext;
  /** Compaction settings of a thread (`model_auto_compact_token_limit`, `compact_prompt`). */
  readonly compactConfig?: (thread: LoadedThread) => CompactConfig;
  /** `review_model`: the model review/start uses (unset: the thread's model). */
  readonly reviewModel?: (thread: LoadedThread) => string | null;
}

export interface TurnOptions {
  readonly outputSchema?: Record<string, unknown> | null;
}

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

function turnError(message: string, info: CodexErrorInfo | null): TurnError {
  return { message, codexErrorInfo: info, additionalDetails: null, misalignment: null };
}

export type TurnOutcome = { status: 'completed' } | { status: 'interrupted' } | { status: 'failed'; error: TurnError };

/** Starts a turn: returns it at once (status inProgress); the work continues in the background. */
export function startTurn(thread: LoadedThread, input: UserInput[], options: TurnOptions, deps: TurnDeps): Turn {
  return launchTurn(thread, deps, undefined, (turn, signal) => runTurn(thread, turn, input, options, signal, deps));
}

/**
 * Starts a turn that runs `body` instead of the model loop (manual compaction, review): the same
 * lifecycle (turn/started, rollout, status, turn/completed); a throw fails the turn.
 */
export function startTaskTurn(thread: LoadedThread, deps: TurnDeps, kind: 'review' | 'compact', body: (turn: Turn, signal: AbortSignal) => Promise<void>): Turn {
  return launchTurn(thread, deps, kind, async (turn, signal) => {
    const started = beginTurn(thread, turn, deps);
    let outcome: TurnOutcome;
    try {
      await body(turn, signal);
      outcome = signal.aborted ? { status: 'interrupted' } : { status: 'completed' };
    } catch (error) {
      outcome = classifyFailure(error, signal);
    }
    await finishTurn(thread, turn, outcome, started, deps);
  });
}

function launchTurn(thread: LoadedThread, deps: TurnDeps, kind: 'review' | 'compact' | undefined, run: (turn: Turn, signal: AbortSignal) => Promise<void>): Turn {
  const turn: Turn = {
    id: uuidv7(),
    rootTurnId: null,
    items: [],
    itemsView: 'full',
    status: 'inProgress',
    error: null,
    startedAt: null,
    completedAt: null,
    durationMs: null,
  };
  const abort = new AbortController();
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  thread.active = kind ? { turn, abort, pendingInput: [], done, kind } : { turn, abort, pendingInput: [], done };
  // The thread's own list: thread/read, thread/turns/list and thread/rollback see this turn from now on.
  thread.turns.push(turn);
  // After the response to turn/start has been queued: the client sees the result first.
  setImmediate(() => {
    void run(turn, abort.signal)
      .catch((error: unknown) => deps.log.error(`turn ${turn.id} crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`))
      .finally(() => {
        if (thread.active?.turn === turn) thread.active = null;
        finish();
      });
  });
  return { ...turn, items: [], itemsView: 'notLoaded' };
}

/** Records a user message as a completed item and as model history. */
export async function recordUserMessage(thread: LoadedThread, turn: Turn, input: UserInput[], notify: Notify): Promise<void> {
  const item = { type: 'userMessage' as const, id: uuidv7(), clientId: null, content: input };
  notify('item/started', { item, threadId: thread.id, turnId: turn.id, startedAtMs: Date.now() });
  thread.pushHistory(turn.id, await userInputToMessage(input));
  thread.completeItem(turn, item);
  notify('item/completed', { item, threadId: thread.id, turnId: turn.id, completedAtMs: Date.now() });
}

function buildRequest(thread: LoadedThread, options: TurnOptions, signal: AbortSignal, tools: ToolSpec[]): ModelRequest {
  const { settings } = thread;
  const info = getModelInfo(settings.model);
  const request: ModelRequest = {
    model: settings.model,
    input: thread.history.map((entry) => entry.item as ResponseItem),
    tools,
    toolChoice: 'auto',
    parallelToolCalls: info.info.supportsParallelToolCalls,
    promptCacheKey: thread.id,
    signal,
  };
  if (settings.reasoningEffort) {
    request.reasoning = { effort: settings.reasoningEffort as NonNullable<ModelRequest['reasoning']>['effort'] };
    if (info.info.supportsReasoningSummaries) request.reasoning.summary = settings.reasoningSummary ?? 'auto';
  }
  if (settings.verbosity ?? info.info.defaultVerbosity) request.textVerbosity = (settings.verbosity ?? info.info.defaultVerbosity) ?? undefined;
  if (options.outputSchema) request.outputSchema = options.outputSchema;
  return request;
}

/** Announces a turn and records its start; returns the start time (ms). */
function beginTurn(thread: LoadedThread, turn: Turn, deps: TurnDeps): number {
  const started = Date.now();
  turn.startedAt = nowSeconds();
  thread.setStatus({ type: 'active', activeFlags: [] });
  deps.notify('turn/started', { threadId: thread.id, turn: { ...turn, items: [], itemsView: 'notLoaded' } });
  thread.record({ type: 'task_started', turn_id: turn.id, started_at: turn.startedAt });
  thread.recordTurnContext(turn.id);
  return started;
}

async function runTurn(thread: LoadedThread, turn: Turn, input: UserInput[], options: TurnOptions, signal: AbortSignal, deps: TurnDeps): Promise<void> {
  const { notify } = deps;
  const started = beginTurn(thread, turn, deps);
  if (!thread.contextSent) {
    const opening = deps.agentContext ? await deps.agentContext.openingContext(thread.settings) : basicOpeningContext(thread.settings);
    for (const item of opening) thread.pushHistory(null, item);
    thread.contextSent = true;
  }
  if (input.length > 0) await recordUserMessage(thread, turn, input, notify);
  // Skills the input names (`$name`, links, skill items) are inlined right after the user message.
  const skills = deps.agentContext ? await deps.agentContext.skillInjections(thread.settings.cwd, input) : { items: [], warnings: [] };
  for (const item of skills.items) thread.pushHistory(turn.id, item);
  for (const message of skills.warnings) notify('warning', { threadId: thread.id, message });

  let outcome: { status: 'completed' } | { status: 'interrupted' } | { status: 'failed'; error: TurnError };
  let tools: TurnTools | null = null;
  try {
    const client = deps.createClient(thread);
    tools = createTurnTools(thread, turn, signal, deps);
    outcome = await modelLoop(thread, turn, client, tools, options, signal, deps);
  } catch (error) {
    outcome = classifyFailure(error, signal);
  }
  if (tools) await finishTurnTools(tools);
  await finishTurn(thread, turn, outcome, started, deps);
}

async function modelLoop(
  thread: LoadedThread,
  turn: Turn,
  client: ModelClient,
  tools: TurnTools,
  options: TurnOptions,
  signal: AbortSignal,
  deps: TurnDeps,
): Promise<{ status: 'completed' } | { status: 'interrupted' }> {
  for (let request = 0; request < MAX_MODEL_REQUESTS_PER_TURN; request++) {
    if (signal.aborted) return { status: 'interrupted' };
    // Steered input joins the conversation here, after the answer that was streaming when it came,
    // so the items, the rollout and the model's history all have the same order.
    for (const steered of thread.active?.pendingInput.splice(0) ?? []) {
      await recordUserMessage(thread, turn, steered as UserInput[], deps.notify);
    }
    // Past the compaction limit (at the turn's start or between tool rounds): condense first.
    const compactConfig = deps.compactConfig?.(thread) ?? DEFAULT_COMPACT_CONFIG;
    if (needsAutoCompaction(thread, compactConfig)) await compactThread(thread, turn, client, signal, deps.notify, compactConfig);
    if (signal.aborted) return { status: 'interrupted' };
    const consumer = new ResponseStreamConsumer(thread, turn, deps.notify, (event: Extract<ModelEvent, { type: 'retrying' }>) => {
      deps.notify('error', {
        error: turnError(`${event.error.message} (retrying ${event.attempt}/${event.maxAttempts} in ${Math.round(event.delayMs)} ms)`, event.error.codexErrorInfo as CodexErrorInfo),
        willRetry: true,
        threadId: thread.id,
        turnId: turn.id,
      });
    });
    const outcome = await consumer.run(client, buildRequest(thread, options, signal, tools.toolSet.specs));
    if (outcome.usage) {
      thread.tokenUsage = addUsage(thread.tokenUsage, outcome.usage, effectiveContextWindow(thread.settings.model));
      thread.record({ type: 'token_count', turn_id: turn.id, usage: thread.tokenUsage });
      deps.notify('thread/tokenUsage/updated', { threadId: thread.id, turnId: turn.id, tokenUsage: thread.tokenUsage });
      deps.notify('account/rateLimits/updated', { rateLimits: EMPTY_RATE_LIMITS });
    }
    if (outcome.toolCalls.length > 0) await runToolCalls(outcome.toolCalls, tools);
    const moreInput = (thread.active?.pendingInput.length ?? 0) > 0;
    if (outcome.toolCalls.length === 0 && !moreInput) return { status: 'completed' };
  }
  throw new ModelError({ kind: 'badResponse', message: `the model made more than ${MAX_MODEL_REQUESTS_PER_TURN} requests in one turn; stopping`, codexErrorInfo: 'other', retryable: false });
}

function classifyFailure(error: unknown, signal: AbortSignal): { status: 'interrupted' } | { status: 'failed'; error: TurnError } {
  if (signal.aborted || (error instanceof ModelError && error.kind === 'aborted')) return { status: 'interrupted' };
  if (error instanceof ModelError) return { status: 'failed', error: turnError(error.message, error.codexErrorInfo as CodexErrorInfo) };
  if (error instanceof ProviderConfigError) return { status: 'failed', error: turnError(error.message, 'unauthorized') };
  return { status: 'failed', error: turnError(error instanceof Error ? error.message : String(error), 'other') };
}

async function finishTurn(
  thread: LoadedThread,
  turn: Turn,
  outcome: { status: 'completed' } | { status: 'interrupted' } | { status: 'failed'; error: TurnError },
  started: number,
  deps: TurnDeps,
): Promise<void> {
  const { notify } = deps;
  turn.status = outcome.status;
  turn.completedAt = nowSeconds();
  turn.durationMs = Date.now() - started;
  let summaryItems = turn.items.filter((item) => item.type === 'agentMessage');
  if (outcome.status === 'interrupted') {
    thread.record({ type: 'turn_aborted', turn_id: turn.id, reason: 'interrupted' });
    thread.pushHistory(turn.id, TURN_ABORTED_MESSAGE);
    summaryItems = [];
  }
  const error = outcome.status === 'failed' ? outcome.error : null;
  turn.error = error;
  thread.record({ type: 'task_complete', turn_id: turn.id, status: outcome.status, error, completed_at: turn.completedAt, duration_ms: turn.durationMs });
  if (error) {
    thread.setStatus({ type: 'systemError' });
    notify('error', { error, willRetry: false, threadId: thread.id, turnId: turn.id });
  } else {
    if (outcome.status === 'completed') {
      notify('thread/readState/changed', { threadId: thread.id, readState: { firstUnread: { type: 'turn', turnId: turn.id }, revision: String(Date.now()) } });
    }
    thread.setStatus({ type: 'idle' });
  }
  // The thread is free for the next turn before the client hears that this one completed.
  if (thread.active?.turn === turn) thread.active = null;
  // A client that saw turn/completed may kill the server at once (the extension's crash
  // recovery relies on this): the turn's rollout lines reach the OS before it hears of it.
  await thread.flush().catch((error: unknown) => deps.log.error(`rollout flush for turn ${turn.id} failed: ${error instanceof Error ? error.message : String(error)}`));
  notify('turn/completed', { threadId: thread.id, turn: { ...turn, items: summaryItems, itemsView: 'summary' } });
}
