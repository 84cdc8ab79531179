// The teardown every app-server integration test shares: after each test, close what it started —
// the app-server clients first, then the mock model, then anything else (a workspace) — each one
// even when an earlier close() throws (e.g. reports schema violations); the first error is then
// rethrown so the test still fails.

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
