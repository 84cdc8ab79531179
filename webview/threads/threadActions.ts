// Thread lifecycle operations the chat UI performs: start (on the first message of a new chat),
// open an existing one (thread/resume), recover from a thread the server does not know (re-open, or
// a new chat when its history is gone), fork, archive/unarchive, rename. Each makes the protocol
// request through the host and puts what it returns into the store, so the transcript shows it at
// once (notifications that follow are merged, never duplicated).
import type { ClientRequestResult, SandboxPolicy, AskForApproval } from '@protocol';
import type { HostClient } from '../bridge/hostClient';
import type { WebviewStore } from '../state/store';
import { type ModeId, modeSpec } from '../composer/modes';
import { isThreadUnknown } from './threadErrors';

export type SessionResult = ClientRequestResult<'thread/start'>;

/** The mode a thread runs in, from its session's sandbox and approval policy. */
export function modeOfSession(sandbox: SandboxPolicy, approvalPolicy: AskForApproval): ModeId {
  if (sandbox.type === 'readOnly') return 'chat';
  if (sandbox.type === 'dangerFullAccess' && approvalPolicy === 'never') return 'agentFull';
  return 'agent';
}

export interface StartOptions {
  readonly cwd: string | null;
  readonly model: string | null;
  /** null: no mode sent, the thread gets config.toml's approval policy and sandbox. */
  readonly mode: ModeId | null;
  /** Called with the new thread's id before the store hears of it. */
  readonly onCreated?: (threadId: string) => void;
}

export async function startThread(store: WebviewStore, client: HostClient, options: StartOptions): Promise<SessionResult> {
  const spec = options.mode === null ? null : modeSpec(options.mode);
  const result = await client.rpc('thread/start', {
    cwd: options.cwd,
    model: options.model,
    ...(spec === null ? {} : { sandbox: spec.sandbox, approvalPolicy: spec.approvalPolicy }),
  });
  options.onCreated?.(result.thread.id);
  store.batch(() => {
    store.applyThreadSnapshot(result.thread);
    store.setActiveThread(result.thread.id);
  });
  return result;
}

/** Turns shown when a thread opens; older ones load as the transcript scrolls up. */
export const OPEN_TURNS = 20;

/**
 * Opens a thread: resumes it on the server (so its turns stream here and new turns can start)
 * without its turns, then loads only the newest page of turns — long threads open fast.
 */
export async function openThread(store: WebviewStore, client: HostClient, threadId: string): Promise<SessionResult> {
  const result = await client.rpc('thread/resume', { threadId, excludeTurns: true });
  const page = await client.rpc('thread/turns/list', { threadId, limit: OPEN_TURNS, sortDirection: 'desc' });
  store.batch(() => {
    store.applyThreadSnapshot({ ...result.thread, turns: [] }, { olderTurnsCursor: page.nextCursor });
    store.applyOlderTurns(threadId, page.data, page.nextCursor);
    store.setActiveThread(result.thread.id);
  });
  return result;
}

/** The shown thread's history is gone: the chat becomes a new chat, with a notice saying why. */
export function leaveGoneThread(store: WebviewStore, threadId: string): void {
  if (store.activeThreadId !== threadId) return; // the user moved on meanwhile
  store.batch(() => {
    store.setActiveThread(null);
    store.showChatNotice({ type: 'threadGone' });
  });
}

/**
 * After the server said it does not know the shown thread: re-opens it (a thread the server had
 * unloaded comes back: true), or, when its history is gone, leaves it for a new chat (false).
 */
export async function recoverThread(store: WebviewStore, client: HostClient, threadId: string): Promise<boolean> {
  try {
    await openThread(store, client, threadId);
    return true;
  } catch (error) {
    if (!isThreadUnknown(error)) throw error;
    leaveGoneThread(store, threadId);
    return false;
  }
}

export async function forkThread(store: WebviewStore, client: HostClient, threadId: string): Promise<SessionResult> {
  const result = await client.rpc('thread/fork', { threadId });
  store.batch(() => {
    store.applyThreadSnapshot(result.thread);
    store.setActiveThread(result.thread.id);
  });
  return result;
}

export async function archiveThread(store: WebviewStore, client: HostClient, threadId: string): Promise<void> {
  await client.rpc('thread/archive', { threadId });
  if (store.thread(threadId)) store.updateThread(threadId, { archived: true });
  if (store.activeThreadId === threadId) store.setActiveThread(null);
}

export async function unarchiveThread(store: WebviewStore, client: HostClient, threadId: string): Promise<void> {
  await client.rpc('thread/unarchive', { threadId });
  if (store.thread(threadId)) store.updateThread(threadId, { archived: false });
}

export async function renameThread(store: WebviewStore, client: HostClient, threadId: string, name: string): Promise<void> {
  await client.rpc('thread/name/set', { threadId, name });
  store.updateThread(threadId, { name });
}

/** The id of the thread's running turn, or null. */
export function runningTurnId(store: WebviewStore, threadId: string | null): string | null {
  if (threadId === null) return null;
  const thread = store.thread(threadId);
  if (!thread) return null;
  for (let i = thread.turnIds.length - 1; i >= 0; i--) {
    const turnId = thread.turnIds[i];
    if (turnId !== undefined && store.turn(threadId, turnId)?.status === 'inProgress') return turnId;
  }
  return null;
}

/** The title shown for a thread: its name, else its first message's preview. */
export function threadTitle(name: string | null | undefined, preview: string | null | undefined): string | null {
  const n = name?.trim();
  if (n) return n;
  const p = preview?.trim().split('\n')[0];
  return p ? p : null;
}
