// Shared types of the apply_patch library: the parsed patch (what the model asked for) and the
// planned file operations (what applying it would do, computed in memory before anything is written).
import type { FileUpdateChange } from '../../protocol/items';

/** One line of an update chunk: ' ' context, '-' removed, '+' added (text without the prefix). */
export interface ChunkLine {
  op: ' ' | '-' | '+';
  text: string;
}

/** One `@@` section of an `*** Update File:` operation. */
export interface UpdateChunk {
  /** `@@ <line>` anchors, outermost first; each is searched for after the previous one. */
  anchors: string[];
  lines: ChunkLine[];
  /** Ended by `*** End of File`: the old lines must be the last lines of the file. */
  endOfFile: boolean;
  /** 1-based line of the chunk's first line in the patch text as given. */
  line: number;
}

export type PatchHunk =
  | { type: 'add'; path: string; contents: string; line: number }
  | { type: 'delete'; path: string; line: number }
  | { type: 'update'; path: string; movePath: string | null; chunks: UpdateChunk[]; line: number };

export interface ParsedPatch {
  hunks: PatchHunk[];
  /** The patch from `*** Begin Patch` to `*** End Patch`, without any heredoc wrapper or padding. */
  patch: string;
}

/** One file operation of a planned patch, with the texts before and after it (in patch order). */
export interface PlannedOp {
  kind: 'add' | 'delete' | 'update';
  /** Absolute path the operation names. */
  path: string;
  /** Absolute destination of a move, else null. */
  movePath: string | null;
  /** Text of `path` before this operation (null: it did not exist). */
  before: string | null;
  /** Text written by this operation (to movePath when moving); null for a delete. */
  after: string | null;
}

/** The final state of one touched path, and what it was on disk when the patch was planned. */
export interface PlannedFile {
  /** Absolute path as named in the patch. */
  path: string;
  /** Where the bytes go: the symlink target when `path` is a symlink to a file, else `path`. */
  writePath: string;
  /** On-disk text when planned (null: absent). applyPlanned refuses to write if this changed. */
  original: string | null;
  /** Text to leave on disk (null: delete). */
  final: string | null;
  /** Permission bits to give a rewritten or moved file; null for new files (default mode). */
  mode: number | null;
}

/** Everything applying a patch would do, computed without writing. */
export interface PatchPlan {
  cwd: string;
  /** The normalised patch text (see ParsedPatch.patch). */
  patch: string;
  ops: PlannedOp[];
  files: PlannedFile[];
  /** The fileChange item's changes, one per operation, in patch order. */
  changes: FileUpdateChange[];
  /** "Success. Updated the following files:\n…" as printed after a successful apply. */
  summary: string;
}

export interface ApplyPatchResult {
  changes: FileUpdateChange[];
  summary: string;
  ops: PlannedOp[];
}
