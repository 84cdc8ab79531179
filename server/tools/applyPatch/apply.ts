// Writing a planned patch, all files or none: first check that no touched file changed since the
// plan was made, then write every new text to a temporary file beside its target (creating parent
// directories), then rename them into place and delete what the patch deletes. A failure before
// the renames leaves the files untouched; a failure during them restores what was already changed.
// Permission bits of rewritten files are kept (a moved file keeps its source's).
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { PatchWriteError } from './errors';
import { errorCode, errorMessage, planPatch, type PlanOptions } from './plan';
import type { ApplyPatchResult, PatchPlan, PlannedFile } from './types';

export interface ApplyOptions {
  /** Test seam: runs after the temporary files are written, before they are renamed into place. */
  beforeCommit?: () => Promise<void>;
}

/** Parses, plans and applies a patch in one go. Throws an ApplyPatchError. */
export async function applyPatch(input: string, options: PlanOptions & ApplyOptions): Promise<ApplyPatchResult> {
  return applyPlanned(await planPatch(input, options), options);
}

/** Writes a plan made by planPatch (for example after the user approved its changes). */
export async function applyPlanned(plan: PatchPlan, options: ApplyOptions = {}): Promise<ApplyPatchResult> {
  const pending = plan.files.filter((f) => f.final !== f.original);
  for (const f of pending) {
    if ((await currentText(f.path)) !== f.original) {
      throw new PatchWriteError(`${f.path} changed on disk after the patch was checked; no files were modified. Read it again and retry.`);
    }
  }
  const staged = new Map<PlannedFile, string>();
  const createdDirs: string[] = [];
  try {
    for (const f of pending) {
      if (f.final === null) continue;
      const created = await mkdir(path.dirname(f.writePath), { recursive: true }).catch((e: unknown) => {
        throw new PatchWriteError(`Failed to create parent directories for ${f.path}: ${errorMessage(e)}`);
      });
      if (created !== undefined) createdDirs.push(created);
      staged.set(f, await stage(f));
    }
    await options.beforeCommit?.();
  } catch (e) {
    await discard([...staged.values()], createdDirs);
    throw asWriteError(e);
  }
  await commit(pending, staged, createdDirs);
  return { changes: plan.changes, summary: plan.summary, ops: plan.ops };
}

async function commit(pending: PlannedFile[], staged: Map<PlannedFile, string>, createdDirs: string[]): Promise<void> {
  const done: PlannedFile[] = [];
  const writes = pending.filter((f) => f.final !== null);
  const deletes = pending.filter((f) => f.final === null);
  let current: PlannedFile | undefined;
  try {
    for (current of writes) {
      await rename(staged.get(current)!, current.writePath);
      staged.delete(current);
      done.push(current);
    }
    for (current of deletes) {
      await unlink(current.path);
      done.push(current);
    }
  } catch (e) {
    const restored = await restore(done);
    await discard([...staged.values()], restored ? createdDirs : []);
    const verb = current?.final === null ? 'delete' : 'write';
    const outcome = restored ? 'no files were modified' : 'some files could not be restored';
    throw new PatchWriteError(`Failed to ${verb} file ${current?.path ?? ''}: ${errorMessage(e)} (${outcome})`);
  }
}

/** Writes a file's new text to a temporary file beside its target; returns the temporary path. */
async function stage(f: PlannedFile): Promise<string> {
  const tmp = path.join(path.dirname(f.writePath), `.${path.basename(f.writePath)}.${randomBytes(6).toString('hex')}.apply-patch.tmp`);
  try {
    await writeFile(tmp, f.final ?? '', { flag: 'wx' });
    if (f.mode !== null) await chmod(tmp, f.mode);
    return tmp;
  } catch (e) {
    await rm(tmp, { force: true });
    throw new PatchWriteError(`Failed to write file ${f.path}: ${errorMessage(e)}`);
  }
}

/** Puts back the original texts of files already replaced or deleted; false if any failed. */
async function restore(done: PlannedFile[]): Promise<boolean> {
  let ok = true;
  for (const f of done.reverse()) {
    try {
      if (f.original === null) await rm(f.writePath, { force: true });
      else await writeFile(f.final === null ? f.path : f.writePath, f.original);
    } catch {
      ok = false;
    }
  }
  return ok;
}

async function discard(tmps: string[], dirs: string[]): Promise<void> {
  for (const tmp of tmps) await rm(tmp, { force: true }).catch(() => undefined);
  for (const dir of dirs.reverse()) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
}

function asWriteError(e: unknown): PatchWriteError {
  return e instanceof PatchWriteError ? e : new PatchWriteError(`Failed to write files: ${errorMessage(e)}`);
}

/** The file's text now (null: absent); a non-file gives a value no plan can hold. */
async function currentText(abs: string): Promise<string | null> {
  try {
    const info = await stat(abs);
    if (!info.isFile()) return '\0not a file\0';
    return (await readFile(abs)).toString('utf8');
  } catch (e) {
    if (errorCode(e) === 'ENOENT' || errorCode(e) === 'ENOTDIR') return null;
    return `\0unreadable: ${errorMessage(e)}\0`;
  }
}
