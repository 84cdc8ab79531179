// Applying an Update File's chunks to a file's text in memory. Chunks are located in order: each
// anchor (`@@ line`) is searched after the previous match, then the chunk's old lines (context and
// removed lines) after that. Context lines keep the file's own text, so a fuzzy match never
// rewrites the whitespace or punctuation of lines the patch did not change. A chunk with no old
// lines inserts after its last anchor, or at the end of the file when it has none (as Codex).
import { PatchVerifyError } from './errors';
import { seekSequence } from './seek';
import { joinText, splitText } from './textFile';
import type { ChunkLine, UpdateChunk } from './types';

interface Replacement {
  start: number;
  removed: number;
  inserted: string[];
}

/** Returns the file text after applying `chunks`; throws PatchVerifyError naming `displayPath`. */
export function applyChunks(text: string, chunks: readonly UpdateChunk[], displayPath: string): string {
  const file = splitText(text);
  const replacements: Replacement[] = [];
  let cursor = 0;
  for (const chunk of chunks) {
    for (const anchor of chunk.anchors) {
      const found = seekSequence(file.lines, [anchor], cursor, false);
      if (!found) throw new PatchVerifyError(`Failed to find context '${anchor}' in ${displayPath}`);
      cursor = found.index + 1;
    }
    const replacement = locateChunk(file.lines, chunk, cursor, displayPath);
    replacements.push(replacement);
    cursor = replacement.start + replacement.removed;
  }
  const lines = [...file.lines];
  // Right to left, so earlier positions stay valid; equal starts keep their patch order.
  const order = replacements.map((r, i) => ({ r, i })).sort((a, b) => b.r.start - a.r.start || b.i - a.i);
  for (const { r } of order) lines.splice(r.start, r.removed, ...r.inserted);
  return joinText(lines, file);
}

function oldSide(lines: readonly ChunkLine[]): string[] {
  return lines.filter((l) => l.op !== '+').map((l) => l.text);
}

function locateChunk(fileLines: readonly string[], chunk: UpdateChunk, cursor: number, displayPath: string): Replacement {
  let ops = chunk.lines;
  if (oldSide(ops).length === 0) {
    const start = chunk.anchors.length > 0 && !chunk.endOfFile ? cursor : fileLines.length;
    return { start, removed: 0, inserted: ops.map((l) => l.text) };
  }
  for (;;) {
    const old = oldSide(ops);
    const found = seekSequence(fileLines, old, cursor, chunk.endOfFile);
    if (found) return { start: found.index, removed: old.length, inserted: newSide(ops, fileLines, found.index) };
    // Blank lines ending a chunk are often just the separator before the next one (or the
    // file's final line break): retry without them, one at a time, like Codex.
    const lastOp = ops[ops.length - 1];
    if (!lastOp || lastOp.op !== ' ' || lastOp.text !== '' || oldSide(ops).length <= 1) break;
    ops = ops.slice(0, -1);
  }
  throw new PatchVerifyError(`Failed to find expected lines in ${displayPath}:\n${oldSide(chunk.lines).join('\n')}`);
}

/** The replacement lines: added lines from the patch, context lines as they are in the file. */
function newSide(ops: readonly ChunkLine[], fileLines: readonly string[], start: number): string[] {
  const out: string[] = [];
  let k = start;
  for (const line of ops) {
    if (line.op === '+') out.push(line.text);
    else if (line.op === ' ') out.push(fileLines[k++]!);
    else k++;
  }
  return out;
}
