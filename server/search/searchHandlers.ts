// fuzzyFileSearch (one-shot, cancellable by token) and the fuzzyFileSearch/session* methods for
// typing-as-you-search: each session walks its roots once and streams sessionUpdated /
// sessionCompleted notifications for the latest query.
import type { MethodRouter } from '../rpc/methodRouter';
import { invalidRequest } from '../rpc/rpcError';
import type { ServerNotifications } from '../protocol/notifications';
import { CancellationTokens, FuzzySearchSession, fuzzyFileSearch } from './index';

type Notify = <M extends keyof ServerNotifications>(method: M, params: ServerNotifications[M]) => void;

export function registerSearchHandlers(router: MethodRouter, notify: Notify): { stopAll(): void } {
  const tokens = new CancellationTokens();
  const sessions = new Map<string, FuzzySearchSession>();

  router.on('fuzzyFileSearch', async (params) => {
    const signal = tokens.begin(params.cancellationToken ?? null);
    try {
      return { files: await fuzzyFileSearch(params.query, params.roots, signal ? { signal } : {}) };
    } catch (error) {
      // A newer search with the same cancellation token superseded this one.
      if (signal?.aborted) return { files: [] };
      throw error;
    } finally {
      tokens.end(params.cancellationToken ?? null, signal);
    }
  });

  router.on('fuzzyFileSearch/sessionStart', (params) => {
    sessions.get(params.sessionId)?.stop();
    const session = new FuzzySearchSession(params.roots, {
      onUpdated: ({ query, files }) => notify('fuzzyFileSearch/sessionUpdated', { sessionId: params.sessionId, query, files }),
      onCompleted: () => notify('fuzzyFileSearch/sessionCompleted', { sessionId: params.sessionId }),
    });
    sessions.set(params.sessionId, session);
    return {};
  });

  router.on('fuzzyFileSearch/sessionUpdate', (params) => {
    const session = sessions.get(params.sessionId);
    if (!session) throw invalidRequest(`fuzzy search session not found: ${params.sessionId}`);
    session.update(params.query);
    return {};
  });

  router.on('fuzzyFileSearch/sessionStop', (params) => {
    const session = sessions.get(params.sessionId);
    if (!session) throw invalidRequest(`fuzzy search session not found: ${params.sessionId}`);
    session.stop();
    sessions.delete(params.sessionId);
    return {};
  });

  return {
    stopAll: () => {
      for (const session of sessions.values()) session.stop();
      sessions.clear();
    },
  };
}
