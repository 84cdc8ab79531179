// IdleTasks (server/idleTasks.ts): start-up work runs one task at a time, once the event loop has
// been quiet for a moment, and never later than its deadline while the loop stays busy.
import { strict as assert } from 'node:assert';
import { IdleTasks } from '../../server/idleTasks';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Keeps the event loop busy (short synchronous bursts) for `ms`. */
async function busyFor(ms: number): Promise<void> {
  const end = performance.now() + ms;
  while (performance.now() < end) {
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
    tasks.add(() => log.push('c'));
    await sleep(150);
    assert.deepEqual(log, ['a start', 'a end', 'b', 'c']);
    assert.equal((errors[0] as Error).message, 'b failed');
  });

  it('waits while the loop is busy, but not past the deadline', async () => {
    const tasks = new IdleTasks(() => undefined, { quietMs: 5, deadlineMs: 80 });
    let ranAt = 0;
    const start = performance.now();
    tasks.add(() => (ranAt = performance.now() - start));
    await busyFor(40);
    assert.equal(ranAt, 0, 'ran while the loop was busy');
    await busyFor(200);
    // Still busy the whole time: it ran at its deadline (timers may fire a little late on a loaded machine).
    assert.ok(ranAt >= 75 && ranAt < 180, `ran at ${ranAt} ms`);
  });
});
