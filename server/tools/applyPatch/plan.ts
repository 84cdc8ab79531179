// Planning a patch: every operation is applied, in patch order, to an in-memory view of the
// files (so a patch may delete and re-add a path, or update a file twice), and nothing is written.
// The result says what each operation does (for the fileChange item and the approval prompt) and
// what every touched path should finally contain (for applyPlanned). Relative paths resolve
// against `cwd`; absolute paths are taken as they are.
import { realpath, readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { FileUpdateChange } from '../../protocol/items';
import { applyChunks } from './chunks';
import { PatchVerifyError } from './errors';
import { formatSummary } from './output';
import { parsePatch } from './parser';
import type { ParsedPatch, PatchPlan, PlannedFile, PlannedOp } from './types';
import { diffHunks } from './unifiedDiff';

export interface PlanOptions {
  /** Absolute directory that relative patch paths resolve against. */
  cwd: string;
}

type DiskState =
  | { type: 'absent'; writePath: string }
  | { type: 'file'; text: string; mode: number; writePath: string }
  | { type: 'directory' | 'other' | 'binary'; writePath: string };

interface Entry {
  disk: DiskState;
  /** What the path currently is in the plan: the disk state until an operation changes it. */
  kind: DiskState['type'];
  /** Current text when kind is 'file'. */
  text: string | null;
  mode: number | null;
}

/** Parses `input` and plans it. Throws PatchParseError or PatchVerifyError; writes nothing. */
export async function planPatch(input: string, options: PlanOptions): Promise<PatchPlan> {
  return planParsedPatch(parsePatch(input), options);
}

/** Plans an already parsed patch. Throws PatchVerifyError; writes nothing. */
export async function planParsedPatch(parsed: ParsedPatch, options: PlanOptions): Promise<PatchPlan> {
  const cwd = path.resolve(options.cwd);
  if (parsed.hunks.length === 0) throw new PatchVerifyError('No files were modified.');
  const view = new FileView();
  const ops: PlannedOp[] = [];
  for (const hunk of parsed.hunks) {
    const abs = path.resolve(cwd, hunk.path);
    const entry = await view.entry(abs);
    if (hunk.type === 'add') {
      if (entry.kind === 'file' || entry.kind === 'binary') {
        throw new PatchVerifyError(`Failed to add file ${abs}: the file already exists (use '*** Update File:' to change it)`);
      }
      if (entry.kind !== 'absent') throw new PatchVerifyError(`Failed to add file ${abs}: ${describe(entry.kind)}`);
      ops.push({ kind: 'add', path: abs, movePath: null, before: null, after: hunk.contents });
      view.set(abs, hunk.contents, null);
    } else if (hunk.type === 'delete') {
      const before = readable(entry, abs, 'Failed to delete file', '');
      ops.push({ kind: 'delete', path: abs, movePath: null, before, after: null });
      view.set(abs, null, null);
    } else {
      const before = readable(entry, abs, 'Failed to read file to update', " (use '*** Add File:' to create it)");
      const after = applyChunks(before, hunk.chunks, abs);
      let dest = hunk.movePath === null ? null : path.resolve(cwd, hunk.movePath);
      if (dest === abs) dest = null;
      if (dest !== null) {
        const target = await view.entry(dest);
        if (target.kind !== 'absent') {
          throw new PatchVerifyError(`Failed to move ${abs} to ${dest}: the destination already exists`);
        }
        const mode = entry.mode;
        view.set(abs, null, null);
        view.set(dest, after, mode);
      } else {
        view.set(abs, after, entry.mode);
      }
      ops.push({ kind: 'update', path: abs, movePath: dest, before, after });
    }
  }
  return { cwd, patch: parsed.patch, ops, files: view.files(), changes: ops.map(toChange), summary: formatSummary(ops, cwd) };
}

/** The fileChange entry of one operation: its absolute path, kind and unified diff (hunks only). */
export function toChange(op: PlannedOp): FileUpdateChange {
  const diff = diffHunks(op.before ?? '', op.after ?? '');
  if (op.kind === 'update') return { path: op.path, kind: { type: 'update', move_path: op.movePath }, diff };
  return { path: op.path, kind: { type: op.kind }, diff };
}

function describe(kind: DiskState['type']): string {
  switch (kind) {
    case 'directory':
      return 'the path is a directory';
    case 'binary':
      return 'the file is not UTF-8 text (use a shell command for binary files)';
    case 'other':
      return 'the path is not a regular file';
    default:
      return 'the file does not exist';
  }
}

/** The current text of a path an operation needs to exist, or a PatchVerifyError. */
function readable(entry: Entry, abs: string, failure: string, missingHint: string): string {
  if (entry.kind === 'file' && entry.text !== null) return entry.text;
  if (entry.kind === 'absent') throw new PatchVerifyError(`${failure} ${abs}: the file does not exist${missingHint}`);
  throw new PatchVerifyError(`${failure} ${abs}: ${describe(entry.kind)}`);
}

/** The files as the plan sees them: disk contents read once, then the plan's own changes. */
class FileView {
  private readonly entries = new Map<string, Entry>();

  async entry(abs: string): Promise<Entry> {
    let entry = this.entries.get(abs);
    if (!entry) {
      const disk = await readDisk(abs);
      const file = disk.type === 'file' ? disk : null;
      entry = { disk, kind: disk.type, text: file ? file.text : null, mode: file ? file.mode : null };
      this.entries.set(abs, entry);
    }
    return entry;
  }

  set(abs: string, text: string | null, mode: number | null): void {
    const entry = this.entries.get(abs);
    if (!entry) throw new Error(`apply_patch: ${abs} was not read before being planned`);
    entry.kind = text === null ? 'absent' : 'file';
    entry.text = text;
    entry.mode = mode;
  }

  files(): PlannedFile[] {
    const touched = [...this.entries].filter(([, e]) => e.kind === 'absent' || e.kind === 'file');
    return touched.map(([abs, e]) => ({
      path: abs,
      writePath: e.disk.writePath,
      original: e.disk.type === 'file' ? e.disk.text : null,
      final: e.text,
      mode: e.mode,
    }));
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

async function readDisk(abs: string): Promise<DiskState> {
  let info;
  try {
    info = await stat(abs);
  } catch (e) {
    if (errorCode(e) === 'ENOENT' || errorCode(e) === 'ENOTDIR') return { type: 'absent', writePath: abs };
    throw new PatchVerifyError(`Failed to read ${abs}: ${errorMessage(e)}`);
  }
  if (info.isDirectory()) return { type: 'directory', writePath: abs };
  if (!info.isFile()) return { type: 'other', writePath: abs };
  try {
    const writePath = await realpath(abs);
    const bytes = await readFile(abs);
    try {
      return { type: 'file', text: utf8.decode(bytes), mode: info.mode & 0o7777, writePath };
    } catch {
      return { type: 'binary', writePath };
    }
  } catch (e) {
    throw new PatchVerifyError(`Failed to read ${abs}: ${errorMessage(e)}`);
  }
}

export function errorCode(e: unknown): string | undefined {
  return e instanceof Error && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
