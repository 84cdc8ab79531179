// IdleTasks (server/idleTasks.ts): start-up work runs one task at a time, once the event loop has
// been quiet for a moment, and never later than its deadline while the loop stays busy.
import { strict as assert } from 'node:assert';
import { IdleTasks } from '../../server/idleTasks';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Keeps the event loop busy (short synchronous bursts) until `done()` holds; fails after `budgetMs`
 * (a budget for a broken implementation, not a length the test depends on).
 */
async function busyUntil(done: () => boolean, budgetMs: number): Promise<void> {
  const end = performance.now() + budgetMs;
  while (!done()) {
    if (performance.now() > end) throw new Error(`still waiting after ${budgetMs} ms of a busy loop`);
    const burst = performance.now() + 4;
    while (performance.now() < burst) {
      // spin
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('idle tasks', () => {
  it('runs tasks in order, one at a time, when the loop is quiet', async () => {
    const errors: unknown[] = [];
    const tasks = new IdleTasks((error) => errors.push(error), { quietMs: 5 });
    const log: string[] = [];
    tasks.add(async () => {
      log.push('a start');
      await sleep(20);
      log.push('a end');
    });
    tasks.add(() => {
      log.push('b');
      throw new Error('b failed');
    });
    await new Promise<void>((ran) =>
      tasks.add(() => {
        log.push('c');
        ran();
      }),
    );
    assert.deepEqual(log, ['a start', 'a end', 'b', 'c']);
    assert.equal((errors[0] as Error).message, 'b failed');
  });

  it('waits while the loop is busy, but not past the deadline', async () => {
    const deadlineMs = 80;
    const tasks = new IdleTasks(() => undefined, { quietMs: 5, deadlineMs });
    let ranAt = 0;
    const start = performance.now();
    tasks.add(() => (ranAt = performance.now() - start));
    // Busy from the start until it ran: it did not wait for the loop to go quiet, and it did not run
    // before its deadline. (How long after the deadline depends on the machine's load, so no bound.)
    await busyUntil(() => ranAt !== 0, 10_000);
    assert.ok(ranAt >= deadlineMs, `ran at ${ranAt} ms, before its ${deadlineMs} ms deadline, while the loop was busy`);
  });
});
