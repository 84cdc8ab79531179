// A file change's diff as typed lines: unified diffs (updates) line by line, an added or deleted
// file's content as all-added or all-removed lines. Headers (`---`, `+++`, `diff --git`) dropped.
import type { FileUpdateChange } from '@protocol';

export interface DiffLine {
  readonly kind: 'add' | 'del' | 'hunk' | 'ctx';
  readonly text: string;
}

export function changeLines(change: FileUpdateChange): DiffLine[] {
  const text = change.diff.endsWith('\n') ? change.diff.slice(0, -1) : change.diff;
  if (text === '') return [];
  const lines = text.split('\n');
  if (change.kind.type === 'add' && !looksUnified(lines)) return lines.map((l) => ({ kind: 'add', text: `+${l}` }));
  if (change.kind.type === 'delete' && !looksUnified(lines)) return lines.map((l) => ({ kind: 'del', text: `-${l}` }));
  const out: DiffLine[] = [];
  for (const line of lines) {
    if (line.startsWith('+++ ') || line.startsWith('--- ') || line.startsWith('diff --git') || line.startsWith('index ')) continue;
    if (line.startsWith('@@')) out.push({ kind: 'hunk', text: line });
    else if (line.startsWith('+')) out.push({ kind: 'add', text: line });
    else if (line.startsWith('-')) out.push({ kind: 'del', text: line });
    else out.push({ kind: 'ctx', text: line });
  }
  return out;
}

function looksUnified(lines: readonly string[]): boolean {
  return lines.some((l) => l.startsWith('@@ '));
}
