// The turn's net diff for `turn/diff/updated`: for every path the turn's patches touched, the text
// before the turn first touched it (the baseline) against its text now, as one git-style unified
// diff sorted by path. Moves are followed, so a file moved (and edited) shows as one rename diff.
// Built from the applied operations alone; the workspace is not read again.
import * as path from 'node:path';
import type { PlannedOp } from './types';
import { diffHunks, gitBlobId } from './unifiedDiff';

const NULL_ID = '0000000';
const FILE_MODE = '100644';

export class TurnDiffTracker {
  /** Text of each touched path before the turn's first change to it (null: absent). */
  private readonly baseline = new Map<string, string | null>();
  /** Text of each touched path now (null: absent). */
  private readonly current = new Map<string, string | null>();
  /** For a path that a move created: the path its content came from at the turn's start. */
  private readonly origin = new Map<string, string>();

  /** @param root paths under it are shown relative to it (usually the turn's cwd). */
  constructor(private readonly root: string) {}

  /** Records the operations of a patch that was applied successfully, in their order. */
  track(ops: readonly PlannedOp[]): void {
    for (const op of ops) {
      this.touch(op.path, op.before);
      if (op.kind !== 'update' || op.movePath === null) {
        this.current.set(op.path, op.after);
        if (op.kind !== 'update') this.origin.delete(op.path);
        continue;
      }
      this.touch(op.movePath, null);
      const from = this.origin.get(op.path) ?? op.path;
      this.origin.delete(op.path);
      this.current.set(op.path, null);
      this.current.set(op.movePath, op.after);
      if (from === op.movePath) this.origin.delete(op.movePath);
      else this.origin.set(op.movePath, from);
    }
  }

  /** The unified diff of the whole turn so far; '' when nothing differs from the baseline. */
  unifiedDiff(): string {
    const renames = this.renames();
    const renamedTo = new Set(renames.values());
    const paths = [...this.baseline.keys()].sort((a, b) => compare(this.display(a), this.display(b)));
    let out = '';
    for (const p of paths) {
      if (renamedTo.has(p)) continue;
      const dest = renames.get(p);
      if (dest !== undefined) out += this.render(p, this.baseline.get(p) ?? null, dest, this.current.get(dest) ?? null);
      else out += this.render(p, this.baseline.get(p) ?? null, p, this.current.get(p) ?? null);
    }
    return out;
  }

  private touch(p: string, before: string | null): void {
    if (!this.baseline.has(p)) {
      this.baseline.set(p, before);
      this.current.set(p, before);
    }
  }

  /** origin → destination for moves whose source is gone and whose destination is new. */
  private renames(): Map<string, string> {
    const pairs = new Map<string, string>();
    for (const [dest, from] of this.origin) {
      const ok =
        (this.baseline.get(from) ?? null) !== null &&
        (this.current.get(from) ?? null) === null &&
        (this.baseline.get(dest) ?? null) === null &&
        (this.current.get(dest) ?? null) !== null;
      if (ok) pairs.set(from, dest);
    }
    return pairs;
  }

  private display(p: string): string {
    const rel = path.relative(this.root, p);
    return (rel === '' || path.isAbsolute(rel) ? p : rel).split(path.sep).join('/');
  }

  private render(leftPath: string, left: string | null, rightPath: string, right: string | null): string {
    const a = this.display(leftPath);
    const b = this.display(rightPath);
    if (left === right && a === b) return '';
    if (left === null && right === null) return '';
    let out = `diff --git a/${a} b/${b}\n`;
    if (left === null) out += `new file mode ${FILE_MODE}\n`;
    else if (right === null) out += `deleted file mode ${FILE_MODE}\n`;
    if (a !== b) out += `rename from ${a}\nrename to ${b}\n`;
    if (left === right) return out;
    const ids = `index ${left === null ? NULL_ID : gitBlobId(left).slice(0, 7)}..${right === null ? NULL_ID : gitBlobId(right).slice(0, 7)}`;
    out += left !== null && right !== null ? `${ids} ${FILE_MODE}\n` : `${ids}\n`;
    const hunks = diffHunks(left ?? '', right ?? '');
    if (hunks === '') return out; // an empty file created or deleted: git prints no ---/+++ lines
    out += `--- ${left === null ? '/dev/null' : `a/${a}`}\n+++ ${right === null ? '/dev/null' : `b/${b}`}\n`;
    return out + hunks;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
