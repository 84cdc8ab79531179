// Helpers for the chat UI's component tests (WEBVIEW-UI): open the real app bundle in the harness
// with a fake server behind the fake host — default answers for the requests the app makes at
// start (account, models, requirements) and for threads and turns — and read what it asked.
import type { ClientRequestResult, ModelInfo, Thread, Turn } from '@protocol';
import type { HostToWebviewMessage, WebviewToHostMessage } from '../../bridge/messages';
import { type WebviewHarness, type WebviewPage, hostInfoMessage } from './harness';
import { THREAD_ID, thread as makeThread, turn as makeTurn } from './fixtures';

type Handler = (params: unknown) => unknown;
type HostInfo = Extract<HostToWebviewMessage, { type: 'hostInfo' }>;

export function model(id: string, isDefault: boolean): ModelInfo {
  return {
    id,
    model: id,
    upgrade: null,
    upgradeInfo: null,
    availabilityNux: null,
    displayName: id.toUpperCase(),
    description: `The ${id} model`,
    modelSpecialty: null,
    hidden: false,
    supportedReasoningEfforts: [
      { reasoningEffort: 'low', description: 'fast' },
      { reasoningEffort: 'medium', description: 'balanced' },
      { reasoningEffort: 'high', description: 'thorough' },
    ],
    defaultReasoningEffort: 'medium',
    inputModalities: ['text', 'image'],
    supportsPersonality: false,
    multiAgentVersion: null,
    additionalSpeedTiers: [],
    serviceTiers: [],
    defaultServiceTier: null,
    availableAccessPrograms: null,
    isDefault,
  };
}

export function session(thread: Thread): ClientRequestResult<'thread/resume'> {
  return {
    thread,
    model: thread.model ?? 'gpt-5',
    modelProvider: 'openai',
    serviceTier: null,
    disabledPluginIds: [],
    cwd: thread.cwd,
    instructionSources: [],
    approvalPolicy: 'on-request',
    approvalsReviewer: 'user',
    sandbox: { type: 'workspaceWrite', writableRoots: [], networkAccess: false, excludeTmpdirEnvVar: false, excludeSlashTmp: false },
    reasoningEffort: null,
    collaborationMode: null,
    turnsBackwardsCursor: null,
    itemsBackwardsCursor: null,
  };
}

export const NEW_THREAD_ID = '019a0000-0000-7000-8000-0000000000aa';

/** Default answers of the fake server; tests override per method. */
export function defaultHandlers(thread: Thread): Record<string, Handler> {
  let turnCounter = 0;
  return {
    'account/read': () => ({ account: { type: 'apiKey' }, userId: null, requiresOpenaiAuth: true }),
    'model/list': () => ({ data: [model('gpt-5', true), model('gpt-5-mini', false)], nextCursor: null }),
    'configRequirements/read': () => ({ requirements: null }),
    'thread/start': () => session(makeThread([], NEW_THREAD_ID)),
    'thread/resume': () => session({ ...thread, turns: [] }),
    'thread/turns/list': () => ({ data: [...thread.turns].reverse(), nextCursor: null, backwardsCursor: null }),
    'thread/fork': () => session(makeThread([], NEW_THREAD_ID)),
    'thread/list': () => ({ data: [], nextCursor: null, backwardsCursor: null }),
    'turn/start': () => ({ turn: makeTurn(`turn-${++turnCounter}`, [], 'inProgress') }),
    'turn/steer': (p) => ({ turnId: (p as { expectedTurnId: string }).expectedTurnId }),
    'turn/interrupt': () => ({}),
    'fuzzyFileSearch/sessionStart': () => ({}),
    'fuzzyFileSearch/sessionUpdate': () => ({}),
    'fuzzyFileSearch/sessionStop': () => ({}),
    'account/rateLimits/read': () => ({
      ordinaryUsageAllowed: true,
      rateLimits: {
        limitId: null,
        limitName: null,
        normalModelSlug: null,
        primary: { usedPercent: 42, windowDurationMins: 300, resetsAt: null },
        secondary: null,
        credits: null,
        individualLimit: null,
        spendControlReached: null,
        planType: null,
        rateLimitReachedType: null,
      },
      rateLimitsByLimitId: null,
      rateLimitResetCredits: null,
      accountId: null,
      rateLimitUpsell: null,
    }),
  };
}

export interface AppOptions {
  readonly hostInfo?: Partial<HostInfo>;
  /** The thread the view re-opens (persisted active thread), if any. */
  readonly thread?: Thread;
  readonly handlers?: Record<string, Handler>;
  readonly viewport?: { width: number; height: number };
  /** Wait until the persisted thread is shown (default true; false when it cannot be re-opened). */
  readonly waitForThread?: boolean;
}

export interface AppView {
  readonly view: WebviewPage;
  /** Params of every rpc/request of `method` the app made so far. */
  requests(method: string): unknown[];
  waitForRequest(method: string, predicate?: (params: unknown) => boolean): Promise<unknown>;
  posted<T extends WebviewToHostMessage['type']>(type: T): Extract<WebviewToHostMessage, { type: T }>[];
}

/** Opens the real app with the fake server; resolves once hostInfo is in and (with a thread) it is shown. */
export async function openApp(harness: WebviewHarness, options: AppOptions = {}): Promise<AppView> {
  const thread = options.thread;
  const view = await harness.open({
    autoHostInfo: false,
    ...(thread ? { state: { activeThreadId: thread.id, drafts: {} } } : {}),
    ...(options.viewport ? { viewport: options.viewport } : {}),
  });
  const handlers = { ...defaultHandlers(thread ?? makeThread([])), ...options.handlers };
  for (const [method, handler] of Object.entries(handlers)) view.onRpc(method, handler);
  await view.waitForPosted((m) => m.type === 'ready');
  await view.push(hostInfoMessage(options.hostInfo));
  await view.page.locator('[data-testid="codex-app"][data-state="connected"]').waitFor();
  if (thread && options.waitForThread !== false) await view.page.getByTestId('chat-title').filter({ hasNotText: 'New chat' }).waitFor();
  const requests = (method: string): unknown[] =>
    view.posted.flatMap((m) => (m.type === 'rpc/request' && m.method === method ? [m.params] : []));
  return {
    view,
    requests,
    async waitForRequest(method, predicate = () => true) {
      const found = await view.waitForPosted((m) => m.type === 'rpc/request' && m.method === method && predicate(m.params));
      return (found as Extract<WebviewToHostMessage, { type: 'rpc/request' }>).params;
    },
    posted: (type) => view.posted.filter((m) => m.type === type) as never,
  };
}

export { THREAD_ID, makeThread, makeTurn };
export type { Turn };
