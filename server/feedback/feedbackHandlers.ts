// feedback/upload: writes the local feedback bundle; a loaded thread's rollout is flushed first, so
// the bundle has it as complete as it is.
import type { HandlerMap } from '../rpc/methodRouter';
import { uuidv7, type ThreadStore } from '../threads/store';
import type { ThreadManager } from '../threads/threadManager';
import { writeFeedbackBundle } from './feedbackBundle';

export interface FeedbackHandlerDeps {
  readonly codexHome: string;
  /** The server log, copied into the bundle (null: logging to a file is off). */
  readonly logFile: string | null;
  readonly threads: ThreadManager;
  readonly store: ThreadStore;
}

export function feedbackHandlers(deps: FeedbackHandlerDeps) {
  return {
    'feedback/upload': async (params) => {
      const { threadId, promptHash } = await writeFeedbackBundle(params, {
        codexHome: deps.codexHome,
        logFile: deps.logFile,
        rolloutPathOf: async (id) => {
          await deps.threads.get(id)?.flush();
          return deps.store.findRolloutPath(id);
        },
        newId: () => uuidv7(),
      });
      return { threadId, promptHash };
    },
  } satisfies Partial<HandlerMap>;
}
