// The teardown every app-server integration test shares: after each test, close what it started —
// the app-server clients first, then the mock model, then anything else (a workspace) — each one
// even when an earlier close() throws (e.g. reports schema violations); the first error is then
// rethrown so the test still fails. useAppServers adds the start/stop of servers on the mock model.
import { startAppServer, type AppServerClient } from './app-server-client';

/** Something the fixture tears down: an AppServerClient, a MockModel, or `{ close: () => ws.remove() }`. */
export interface Closable {
  close(): unknown;
}

/**
 * Registers an afterEach that closes, in order, what `resources()` returns at that time (undefined
 * entries are skipped), then calls `reset` (e.g. `client = undefined`).
 */
export function closeAfterEach(resources: () => Iterable<Closable | undefined>, reset?: () => void): void {
  afterEach(async () => {
    const errors: unknown[] = [];
    for (const resource of resources()) {
      try {
        await resource?.close();
      } catch (err) {
        errors.push(err);
      }
    }
    reset?.();
    if (errors.length > 0) throw errors[0];
  });
}

/** App servers against a mock model, each closed after the test (then `others()`, e.g. the mock). */
export interface AppServers {
  /** Starts a server on the mock (optionally on an existing CODEX_HOME) and tracks it. */
  start(codexHome?: string): Promise<AppServerClient>;
  /** Stops tracking `client` (the test ends it itself). */
  untrack(client: AppServerClient): void;
  /** Stops tracking `client` and closes it; resolves with its exit code. */
  stop(client: AppServerClient): Promise<number | null>;
  /** Stops tracking every server and returns them, for a test that closes them itself. */
  untrackAll(): AppServerClient[];
}

export function useAppServers(mockBaseUrl: () => string, others: () => Iterable<Closable | undefined> = () => []): AppServers {
  const clients: AppServerClient[] = [];
  closeAfterEach(() => [...clients.splice(0), ...others()]);
  return {
    async start(codexHome?: string): Promise<AppServerClient> {
      const client = await startAppServer({ mockBaseUrl: mockBaseUrl(), ...(codexHome ? { codexHome } : {}) });
      clients.push(client);
      return client;
    },
    untrack(client: AppServerClient): void {
      clients.splice(clients.indexOf(client), 1);
    },
    stop(client: AppServerClient): Promise<number | null> {
      clients.splice(clients.indexOf(client), 1);
      return client.close();
    },
    untrackAll: () => clients.splice(0),
  };
}
