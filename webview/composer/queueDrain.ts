// Drains the follow-up queues: whenever a thread with queued messages has no running turn, its
// oldest queued message starts the next turn — for every thread, not only the one on screen (a
// chat left while its turn ran still gets its follow-ups). Mounted once by the app.
import { useEffect } from 'react';
import { useHost } from '../chrome/hostContext';
import { useWebviewStore } from '../state/hooks';
import { runningTurnId } from '../threads/threadActions';
import { userErrorText } from '../threads/threadErrors';
import { useComposerStore } from './composerStore';
import { startTurn } from './send';

export function useQueueDrain(): void {
  const store = useWebviewStore();
  const client = useHost();
  const composer = useComposerStore();
  useEffect(() => {
    const draining = new Set<string>();
    const check = (): void => {
      for (const threadId of composer.queuedThreads()) {
        if (draining.has(threadId) || runningTurnId(store, threadId) !== null) continue;
        draining.add(threadId); // before shift(): its change notice re-enters check()
        const next = composer.shift(threadId);
        if (!next) {
          draining.delete(threadId);
          continue;
        }
        startTurn({ store, client, composer }, next, threadId)
          .catch((err: unknown) => composer.setDrainError({ threadId, message: userErrorText(err) }))
          .finally(() => {
            draining.delete(threadId);
            check();
          });
      }
    };
    const stopStore = store.subscribe(check);
    const stopComposer = composer.subscribe(check);
    check();
    return () => {
      stopStore();
      stopComposer();
    };
  }, [store, client, composer]);
}
