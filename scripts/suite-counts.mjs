// Reads a test suite's closing line ("N passed, N failed" with an optional ", N skipped") and adds the
// counts of several suites up, for scripts/run-e2e.mjs's own closing line.

/**
 * The last closing line in a suite's output; a suite that exited non-zero without reporting a failure
 * (a crash, a timeout) counts as one failure.
 * @param {{ code: number, output: string }} run
 * @returns {{ passed: number, failed: number, skipped: number }}
 */
export function suiteCounts({ code, output }) {
  const last = [...output.matchAll(/^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?/gm)].at(-1);
  const passed = last ? Number(last[1]) : 0;
  let failed = last ? Number(last[2]) : 0;
  const skipped = last?.[3] ? Number(last[3]) : 0;
  if (code !== 0 && failed === 0) failed = 1;
  return { passed, failed, skipped };
}

/**
 * @param {{ passed: number, failed: number, skipped: number }} counts
 * @returns {string}
 */
export function closingLine({ passed, failed, skipped }) {
  return `${passed} passed, ${failed} failed, ${skipped} skipped`;
}
