// The app-server restart policy (src/connection/backoff.ts): doubling delays with a cap, a fresh
// series after a stable run, and a give-up after too many rapid failures.
import { strict as assert } from 'node:assert';
import { DEFAULT_BACKOFF, RestartBackoff } from '../../src/connection/backoff';

describe('connection restart backoff', () => {
  it('doubles from 250 ms up to 30 s and gives up after the 8th rapid failure', () => {
    const backoff = new RestartBackoff();
    const delays: number[] = [];
    let now = 0;
    for (let i = 0; i < DEFAULT_BACKOFF.maxRapidFailures; i++) {
      backoff.started(now);
      now += 100;
      const decision = backoff.failed(now);
      assert.equal(decision.kind, 'retry');
      if (decision.kind === 'retry') {
        assert.equal(decision.attempt, i + 1);
        delays.push(decision.delayMs);
      }
    }
    assert.deepEqual(delays, [250, 500, 1000, 2000, 4000, 8000, 16000, 30000]);
    backoff.started(now);
    assert.deepEqual(backoff.failed(now + 100), { kind: 'giveUp', failures: 9 });
  });

  it('starts a new series when the server ran for the stable period', () => {
    const backoff = new RestartBackoff({ stableAfterMs: 1000 });
    backoff.started(0);
    backoff.failed(10);
    backoff.started(20);
    assert.deepEqual(backoff.failed(30), { kind: 'retry', attempt: 2, delayMs: 500 });
    backoff.started(100);
    assert.deepEqual(backoff.failed(1100), { kind: 'retry', attempt: 1, delayMs: 250 });
  });

  it('counts failures to start (no started() in between) as rapid', () => {
    const backoff = new RestartBackoff({ maxRapidFailures: 2 });
    assert.equal(backoff.failed(0).kind, 'retry');
    assert.equal(backoff.failed(100_000).kind, 'retry');
    assert.equal(backoff.failed(200_000).kind, 'giveUp');
  });

  it('reset() forgets earlier failures (a restart on demand)', () => {
    const backoff = new RestartBackoff({ maxRapidFailures: 1 });
    backoff.failed(0);
    backoff.reset();
    assert.equal(backoff.failureCount, 0);
    assert.deepEqual(backoff.failed(1), { kind: 'retry', attempt: 1, delayMs: 250 });
  });

  it('honours custom factor and cap', () => {
    const backoff = new RestartBackoff({ initialDelayMs: 100, factor: 3, maxDelayMs: 500, maxRapidFailures: 10 });
    const delays = [1, 2, 3, 4].map((t) => backoff.failed(t)).map((d) => (d.kind === 'retry' ? d.delayMs : -1));
    assert.deepEqual(delays, [100, 300, 500, 500]);
  });
});
