// Types of scripts/suite-counts.mjs for the tests that import it.
export interface SuiteCounts {
  passed: number;
  failed: number;
  skipped: number;
}
export function suiteCounts(run: { code: number; output: string }): SuiteCounts;
export function closingLine(counts: SuiteCounts): string;
