// Small statistics helpers for the Codex TS sample workspace.

/** Arithmetic mean of a list of numbers. */
function mean(values) {
  // TODO: an empty list returns NaN; throw a clear error instead.
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Median of a list of numbers (does not modify the input). */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 0 ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle];
}

module.exports = { mean, median };

if (require.main === module) {
  const sample = [3, 1, 4, 1, 5, 9, 2, 6];
  console.log(`mean=${mean(sample)} median=${median(sample)}`);
}
