// Works out what a file change did to each path — its content before and after — from the item's
// diff and what the disk held when the host looked (pure, no `vscode` import). The host reads the
// files when a fileChange item starts and again when it completes, but the server may already have
// written them when the first read happens (the notification races the write), or a later change
// may have touched them by the second; so every plausible (before, after) pair is tried and the
// first one the diff actually connects wins. Diffs are hunks ("@@ … @@", our server and the real
// codex for updates) or, for the real codex's add/delete changes, the file's raw content.
import { applyPatch, parsePatch, reversePatch, type StructuredPatch } from 'diff';
import type { FileUpdateChange } from '@protocol';

/** A path's content, or null when the path does not exist. */
export type FileState = string | null;
/** What a read saw at a path: its state, or undefined when it was not read (or could not be). */
export type DiskReads = (path: string) => FileState | undefined;

/** One path a change touched (a move touches two: the source is removed, the destination written). */
export interface ResolvedPath {
  readonly path: string;
  readonly before: FileState;
  readonly after: FileState;
}

/** The real codex appends "\n\nMoved to: <path>" to a moved file's hunks. */
const MOVED_TO_SUFFIX = /\n+Moved to: [^\n]*\n?$/;

/** The hunks of a diff, or null when the diff is a raw file content (or cannot be parsed). */
export function parseHunks(diff: string): StructuredPatch | null {
  if (!/^(@@ |--- |diff --git |Index: )/.test(diff)) return null;
  try {
    const [patch] = parsePatch(diff.replace(MOVED_TO_SUFFIX, '\n'));
    return patch && patch.hunks.length > 0 ? patch : null;
  } catch {
    return null;
  }
}

/** `text` with the diff applied forwards (before → after), or null when the hunks do not fit. */
export function applyForward(text: string, patch: StructuredPatch): string | null {
  const out = applyPatch(text, patch);
  return out === false ? null : out;
}

/** `text` with the diff undone (after → before), or null when the hunks do not fit. */
export function applyReverse(text: string, patch: StructuredPatch): string | null {
  const out = applyPatch(text, reversePatch(patch));
  return out === false ? null : out;
}

/** The full content an add creates or a delete removes, from its diff. */
export function wholeContent(change: FileUpdateChange): string {
  const patch = parseHunks(change.diff);
  if (!patch) return change.diff;
  const content = change.kind.type === 'delete' ? applyReverse('', patch) : applyForward('', patch);
  return content ?? change.diff;
}

/**
 * The first (before, after) pair the diff connects, trying in order: the start read then the
 * end read (the snapshot was early); the end read undone (late); the start read applied (early,
 * and something changed the file afterwards); the start read undone (late, changed afterwards).
 */
function resolveUpdate(patch: StructuredPatch | null, start: FileState | undefined, end: FileState | undefined): { before: string; after: string } | null {
  if (!patch) {
    // A pure move or an empty diff: the content is the same on both sides.
    const text = end ?? start;
    return typeof text === 'string' ? { before: text, after: text } : null;
  }
  const candidates: (() => { before: string; after: string } | null)[] = [
    () => (typeof start === 'string' && typeof end === 'string' && start !== end && applyForward(start, patch) === end ? { before: start, after: end } : null),
    () => {
      if (typeof end !== 'string') return null;
      const before = applyReverse(end, patch);
      return before === null ? null : { before, after: end };
    },
    () => {
      if (typeof start !== 'string') return null;
      const after = applyForward(start, patch);
      return after === null || after === start ? null : { before: start, after };
    },
    () => {
      if (typeof start !== 'string') return null;
      const before = applyReverse(start, patch);
      return before === null ? null : { before, after: start };
    },
  ];
  for (const candidate of candidates) {
    const found = candidate();
    if (found) return found;
  }
  return null;
}

/**
 * Each path the change touched with its content before and after, or null when the reads and
 * the diff do not fit together (the file was changed by someone else in between).
 */
export function resolveChange(change: FileUpdateChange, start: DiskReads, end: DiskReads): ResolvedPath[] | null {
  const { path } = change;
  switch (change.kind.type) {
    case 'add': {
      const after = wholeContent(change);
      const seen = start(path);
      // An early read of a different existing file means the add overwrote it.
      const before = typeof seen === 'string' && seen !== after && end(path) !== seen ? seen : null;
      return [{ path, before, after }];
    }
    case 'delete': {
      const seen = start(path);
      const fromDiff = wholeContent(change);
      const before = parseHunks(change.diff) === null && change.diff === '' && typeof seen === 'string' ? seen : fromDiff;
      return [{ path, before, after: null }];
    }
    case 'update': {
      const patch = parseHunks(change.diff);
      const dest = change.kind.move_path;
      if (dest === null || dest === path) {
        const pair = resolveUpdate(patch, start(path), end(path));
        return pair && [{ path, ...pair }];
      }
      // A move: the source's content (start read while not yet moved) and the destination's.
      const startSource = start(path);
      const early = typeof startSource === 'string';
      const pair = resolveUpdate(patch, early ? startSource : start(dest), end(dest));
      if (!pair) return null;
      const destBefore = early ? (start(dest) ?? null) : null;
      return [
        { path, before: pair.before, after: null },
        { path: dest, before: destBefore, after: pair.after },
      ];
    }
  }
}

/**
 * The state of every path before the first of several resolved changes (in order) and after the
 * last: what undoing them all must restore, and what the disk should hold if nobody else wrote.
 */
export function combineChanges(changes: readonly (readonly ResolvedPath[])[]): ResolvedPath[] {
  const byPath = new Map<string, { before: FileState; after: FileState }>();
  for (const paths of changes) {
    for (const { path, before, after } of paths) {
      const seen = byPath.get(path);
      byPath.set(path, { before: seen ? seen.before : before, after });
    }
  }
  return [...byPath].map(([path, s]) => ({ path, ...s }));
}
