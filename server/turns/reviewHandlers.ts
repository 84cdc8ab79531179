// review/start: resolves what to review (uncommitted changes, a base branch, a commit, custom
// instructions) and runs the review as a turn, on the thread (`inline`) or on a new thread
// announced with thread/started (`detached`).
import type { HandlerMap } from '../rpc/methodRouter';
import { invalidRequest } from '../rpc/rpcError';
import type { ThreadManager } from '../threads/threadManager';
import { runReview } from './review';
import { resolveReviewTarget, ReviewTargetError, type ReviewRequest } from './reviewTarget';
import { startTaskTurn, type TurnDeps } from './turnRunner';

export function reviewHandlers(threads: ThreadManager, deps: TurnDeps) {
  return {
    'review/start': async (params) => {
      const parent = threads.require(params.threadId);
      let request: ReviewRequest;
      try {
        request = await resolveReviewTarget(parent.settings.cwd, params.target);
      } catch (error) {
        if (error instanceof ReviewTargetError) throw invalidRequest(error.message);
        throw error;
      }
      let thread = parent;
      if (params.delivery === 'detached') {
        thread = await threads.create({ ...parent.settings }, parent.ephemeral);
        const started = thread.toThread(false);
        setImmediate(() => deps.notify('thread/started', { thread: started }));
      } else if (thread.active) {
        throw invalidRequest(`a turn is already running on thread ${thread.id} (turn ${thread.active.turn.id}); wait for it or interrupt it`);
      }
      const review = thread;
      const turn = startTaskTurn(review, deps, 'review', (t, signal) => runReview(review, t, signal, request, deps));
      return { turn, reviewThreadId: review.id };
    },
  } satisfies Partial<HandlerMap>;
}
