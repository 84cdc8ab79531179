// turn/* methods: start (with per-turn overrides that become the thread's new defaults), steer
// (more input for the running turn) and interrupt.
import type { HandlerMap } from '../rpc/methodRouter';
import { invalidRequest } from '../rpc/rpcError';
import type { ThreadManager } from '../threads/threadManager';
import type { ClientRequestParams } from '../protocol/clientRequests';
import type { LoadedThread } from '../threads/loadedThread';
import { startTurn, type TurnDeps } from './turnRunner';
import { threadTools } from '../tools/threadTools';
import { resolve } from 'node:path';

function applyOverrides(thread: LoadedThread, params: ClientRequestParams<'turn/start'>): void {
  const s = thread.settings;
  if (params.cwd) s.cwd = resolve(params.cwd);
  // The value clients are shown for on-failure (on-request) leaves on-failure in place.
  if (params.approvalPolicy && !(s.approvalOnFailure === true && params.approvalPolicy === 'on-request')) {
    s.approvalPolicy = params.approvalPolicy;
    delete s.approvalOnFailure;
  }
  if (params.sandboxPolicy) s.sandbox = params.sandboxPolicy;
  if (params.model) s.model = params.model;
  if (params.effort) s.reasoningEffort = params.effort;
  if (params.summary) s.reasoningSummary = params.summary;
  if (params.personality) s.personality = params.personality;
}

export function turnHandlers(threads: ThreadManager, deps: TurnDeps) {
  return {
    'turn/start': (params) => {
      const thread = threads.require(params.threadId);
      if (thread.active) {
        throw invalidRequest(`a turn is already running on thread ${thread.id} (turn ${thread.active.turn.id}); use turn/steer or turn/interrupt`);
      }
      applyOverrides(thread, params);
      // Plan mode (request_user_input) lasts until a later turn/start sets another mode.
      if (params.collaborationMode) threadTools(thread, deps.log).collaborationMode = params.collaborationMode.mode;
      const outputSchema = params.outputSchema && typeof params.outputSchema === 'object' ? (params.outputSchema as Record<string, unknown>) : null;
      return { turn: startTurn(thread, params.input, { outputSchema }, deps) };
    },

    'turn/steer': (params) => {
      const thread = threads.require(params.threadId);
      const active = thread.active;
      if (!active) throw invalidRequest('no active turn to steer');
      if (active.kind) throw invalidRequest(`the running ${active.kind} turn ${active.turn.id} cannot be steered; wait for it or interrupt it`);
      if (active.turn.id !== params.expectedTurnId) {
        throw invalidRequest(`expected turn ${params.expectedTurnId} but turn ${active.turn.id} is running`);
      }
      if (params.input.length === 0) throw invalidRequest('turn/steer needs some input');
      // Recorded (item, history, rollout) by the runner right before its next model request.
      active.pendingInput.push(params.input);
      return { turnId: active.turn.id };
    },

    'turn/interrupt': (params) => {
      const thread = threads.require(params.threadId);
      const active = thread.active;
      if (!active) throw invalidRequest('no active turn to interrupt');
      if (active.turn.id !== params.turnId) throw invalidRequest(`turn ${params.turnId} is not running (the active turn is ${active.turn.id})`);
      active.abort.abort();
      return {};
    },
  } satisfies Partial<HandlerMap>;
}
