// fuzzyFileSearch (one-shot, cancellable by token) and the fuzzyFileSearch/session* methods for
// typing-as-you-search: each session walks its roots once and streams sessionUpdated /
// sessionCompleted notifications for the latest query.
import type { Notify } from '../protocol/senders';
import type { HandlerMap } from '../rpc/methodRouter';
import { invalidRequest } from '../rpc/rpcError';
import { CancellationTokens, FuzzySearchSession, fuzzyFileSearch } from './index';

/** The searches of one connection: one-shot searches' cancellation tokens and the open sessions. */
export class FuzzySearches {
  readonly tokens = new CancellationTokens();
  readonly sessions = new Map<string, FuzzySearchSession>();

  /** Ends every session (stdin closed). */
  stopAll(): void {
    for (const session of this.sessions.values()) session.stop();
    this.sessions.clear();
  }
}

export interface SearchHandlerDeps {
  readonly searches: FuzzySearches;
  readonly notify: Notify;
}

export function searchHandlers({ searches, notify }: SearchHandlerDeps) {
  const { tokens, sessions } = searches;
  const session = (sessionId: string): FuzzySearchSession => {
    const found = sessions.get(sessionId);
    if (!found) throw invalidRequest(`fuzzy search session not found: ${sessionId}`);
    return found;
  };

  return {
    fuzzyFileSearch: async (params) => {
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
    },

    'fuzzyFileSearch/sessionStart': (params) => {
      sessions.get(params.sessionId)?.stop();
      const started = new FuzzySearchSession(params.roots, {
        onUpdated: ({ query, files }) => notify('fuzzyFileSearch/sessionUpdated', { sessionId: params.sessionId, query, files }),
        onCompleted: () => notify('fuzzyFileSearch/sessionCompleted', { sessionId: params.sessionId }),
      });
      sessions.set(params.sessionId, started);
      return {};
    },

    'fuzzyFileSearch/sessionUpdate': (params) => {
      session(params.sessionId).update(params.query);
      return {};
    },

    'fuzzyFileSearch/sessionStop': (params) => {
      session(params.sessionId).stop();
      sessions.delete(params.sessionId);
      return {};
    },
  } satisfies Partial<HandlerMap>;
}
