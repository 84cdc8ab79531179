// Unified diff text in git's style, built on the `diff` package: hunk headers omit a count of 1
// ("@@ -3 +3,2 @@") and an empty range starts at the line before it ("@@ -0,0 +1 @@"); a missing
// final line break shows as "\ No newline at end of file". Also git's blob ids for `index` lines.
import { createHash } from 'node:crypto';
import { structuredPatch } from 'diff';

export const DEFAULT_CONTEXT_LINES = 3;

function range(start: number, count: number): string {
  if (count === 1) return String(start);
  return `${count === 0 ? start - 1 : start},${count}`;
}

/** The hunks ("@@ … @@" sections) turning `before` into `after`; '' when they are equal. */
export function diffHunks(before: string, after: string, context = DEFAULT_CONTEXT_LINES): string {
  if (before === after) return '';
  const patch = structuredPatch('a', 'b', before, after, undefined, undefined, { context });
  let out = '';
  for (const h of patch.hunks) {
    out += `@@ -${range(h.oldStart, h.oldLines)} +${range(h.newStart, h.newLines)} @@\n`;
    for (const line of h.lines) out += `${line}\n`;
  }
  return out;
}

/** Git's object id of a blob with this UTF-8 text (what `git hash-object` prints). */
export function gitBlobId(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}
