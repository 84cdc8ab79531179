// scripts/suite-counts.mjs: how scripts/run-e2e.mjs reads each suite's closing line and writes its own,
// skipped tests included.
import { strict as assert } from 'node:assert';
import { closingLine, suiteCounts } from '../../scripts/suite-counts.mjs';

describe('scripts/suite-counts.mjs (the e2e closing line)', () => {
  it('reads passed, failed and skipped from the last closing line', () => {
    const output = 'x\n3 passed, 1 failed, 9 skipped\nmore\n12 passed, 0 failed, 2 skipped\n[host] done\n';
    assert.deepEqual(suiteCounts({ code: 0, output }), { passed: 12, failed: 0, skipped: 2 });
  });

  it('reads a line without skipped as none skipped', () => {
    assert.deepEqual(suiteCounts({ code: 0, output: '5 passed, 0 failed\n' }), { passed: 5, failed: 0, skipped: 0 });
  });

  it('counts a suite that exited non-zero without reporting a failure as one failure', () => {
    assert.deepEqual(suiteCounts({ code: 124, output: 'timed out\n' }), { passed: 0, failed: 1, skipped: 0 });
    assert.deepEqual(suiteCounts({ code: 1, output: '4 passed, 0 failed, 1 skipped\n' }), { passed: 4, failed: 1, skipped: 1 });
  });

  it('writes "N passed, N failed, N skipped", as npm test does', () => {
    assert.equal(closingLine({ passed: 40, failed: 0, skipped: 3 }), '40 passed, 0 failed, 3 skipped');
  });
});
