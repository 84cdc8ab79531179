// Sending from the composer: starts the thread on a new chat's first message, starts a turn with
// the composer's model/effort/plan settings and its mode (the picked one, else Agent when config.toml
// says nothing about approvals and sandbox; none otherwise), steers the running turn (`turn/steer` with
// `expectedTurnId`), or queues the message. Chips travel as one IDE-context text input (the
// host merges its own editor context into that block when auto context is on).
import type { UserInput } from '@protocol';
import type { HostClient } from '../bridge/hostClient';
import type { ContextChip } from '../../bridge/messages';
import { formatIdeContext } from '../../bridge/ideContext';
import type { WebviewStore } from '../state/store';
import { runningTurnId, startThread } from '../threads/threadActions';
import { type ComposerContent, buildUserInput } from './buildInput';
import type { ComposerStore } from './composerStore';
import type { SendRoute } from './followUp';
import { modeSpec, sandboxPolicyFor } from './modes';

export interface SendContext {
  readonly store: WebviewStore;
  readonly client: HostClient;
  readonly composer: ComposerStore;
}

export interface Outgoing {
  readonly content: ComposerContent;
  readonly chips: readonly ContextChip[];
  readonly plan: boolean;
}

export function userInputOf(message: Outgoing): UserInput[] {
  const input = buildUserInput(message.content);
  const block = formatIdeContext(null, message.chips);
  if (block !== null) input.push({ type: 'text', text: block, text_elements: [] });
  return input;
}

/** The thread to send to, started first when the chat is new. */
async function ensureThread(ctx: SendContext): Promise<string> {
  const active = ctx.store.activeThreadId;
  if (active !== null) return active;
  const result = await startThread(ctx.store, ctx.client, {
    cwd: ctx.store.hostInfo?.cwd ?? null,
    model: ctx.composer.prefs.model,
    mode: ctx.composer.sentMode,
    onCreated: (id) => ctx.composer.markStarted(id),
  });
  return result.thread.id;
}

export async function startTurn(ctx: SendContext, message: Outgoing, threadId?: string): Promise<string> {
  const id = threadId ?? (await ensureThread(ctx));
  const { model, effort } = ctx.composer.prefs;
  const mode = ctx.composer.sentMode;
  const result = await ctx.client.rpc('turn/start', {
    threadId: id,
    input: userInputOf(message),
    model,
    effort,
    // No mode to send: the thread keeps what config.toml gave it.
    ...(mode === null ? {} : { sandboxPolicy: sandboxPolicyFor(mode), approvalPolicy: modeSpec(mode).approvalPolicy }),
    collaborationMode: { mode: message.plan ? 'plan' : 'default' },
  });
  // Known as running at once (a fast turn/completed that already arrived is not undone).
  ctx.store.ensureTurn(id, result.turn.id);
  return result.turn.id;
}

export async function steerTurn(ctx: SendContext, threadId: string, turnId: string, message: Outgoing): Promise<void> {
  await ctx.client.rpc('turn/steer', { threadId, input: userInputOf(message), expectedTurnId: turnId });
}

/** Sends by route; a steer whose turn ended meanwhile starts a new turn instead. */
export async function sendByRoute(ctx: SendContext, route: SendRoute, message: Outgoing): Promise<void> {
  const threadId = ctx.store.activeThreadId;
  const running = runningTurnId(ctx.store, threadId);
  if (route === 'start' || threadId === null || running === null) {
    await startTurn(ctx, message);
    return;
  }
  if (route === 'queue') {
    ctx.composer.enqueue(threadId, message);
    return;
  }
  await steerTurn(ctx, threadId, running, message);
}

export async function interruptTurn(ctx: SendContext): Promise<void> {
  const threadId = ctx.store.activeThreadId;
  const turnId = runningTurnId(ctx.store, threadId);
  if (threadId === null || turnId === null) return;
  await ctx.client.rpc('turn/interrupt', { threadId, turnId });
}
