// apply_patch planning and writing: planPatch computes everything without touching the disk,
// applyPlanned writes all files or none (stale files, a failing directory, a failing rename with
// rollback), keeps permission bits, writes through symlinks and leaves no temporary files.
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { chmod, lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { applyPlanned, formatPatchFailure, planPatch, PatchWriteError } from '../../server/tools/applyPatch';

const wrap = (...body: string[]): string => ['*** Begin Patch', ...body, '*** End Patch'].join('\n');

describe('apply_patch: plan, then write all or nothing', () => {
  let dir: string;
  const abs = (p: string): string => path.join(dir, p);
  const read = (p: string): Promise<string> => readFile(abs(p), 'utf8');
  const plan = (...body: string[]): ReturnType<typeof planPatch> => planPatch(wrap(...body), { cwd: dir });
  async function listing(): Promise<string[]> {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries.map((e) => `${path.relative(dir, path.join(e.parentPath, e.name))}${e.isDirectory() ? '/' : ''}`).sort();
  }
  async function writeFailure(p: Promise<unknown>): Promise<PatchWriteError> {
    try {
      await p;
    } catch (e) {
      assert.ok(e instanceof PatchWriteError, `expected a PatchWriteError, got ${String(e)}`);
      return e;
    }
    assert.fail('the patch was written');
  }

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'apply-patch-atomic-'));
    await writeFile(abs('a.txt'), 'a\n');
    await writeFile(abs('d.txt'), 'd\n');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('plans without writing, then applies the plan', async () => {
    const planned = await plan('*** Update File: a.txt', '-a', '+A', '*** Add File: new/n.txt', '+n', '*** Delete File: d.txt');
    assert.deepEqual(await listing(), ['a.txt', 'd.txt']);
    assert.equal(await read('a.txt'), 'a\n');
    assert.deepEqual(
      planned.ops.map((o) => [o.kind, path.relative(dir, o.path), o.before, o.after]),
      [
        ['update', 'a.txt', 'a\n', 'A\n'],
        ['add', 'new/n.txt', null, 'n\n'],
        ['delete', 'd.txt', 'd\n', null],
      ],
    );
    assert.equal(planned.changes.length, 3);
    assert.equal(planned.summary, 'Success. Updated the following files:\nA new/n.txt\nM a.txt\nD d.txt\n');
    assert.equal(planned.patch, wrap('*** Update File: a.txt', '-a', '+A', '*** Add File: new/n.txt', '+n', '*** Delete File: d.txt'));
    const result = await applyPlanned(planned);
    assert.deepEqual(result.changes, planned.changes);
    assert.equal(result.summary, planned.summary);
    assert.deepEqual(await listing(), ['a.txt', 'new/', 'new/n.txt']);
    assert.equal(await read('a.txt'), 'A\n');
  });

  it('refuses to write when a file changed after planning, writing nothing', async () => {
    const planned = await plan('*** Add File: n.txt', '+n', '*** Update File: a.txt', '-a', '+A');
    await writeFile(abs('a.txt'), 'edited by the user\n');
    const error = await writeFailure(applyPlanned(planned));
    assert.equal(error.message, `${abs('a.txt')} changed on disk after the patch was checked; no files were modified. Read it again and retry.`);
    assert.deepEqual(await listing(), ['a.txt', 'd.txt']);
    assert.equal(await read('a.txt'), 'edited by the user\n');
  });

  it('refuses to add a file that appeared after planning', async () => {
    const planned = await plan('*** Add File: n.txt', '+n');
    await writeFile(abs('n.txt'), 'someone else\n');
    await writeFailure(applyPlanned(planned));
    assert.equal(await read('n.txt'), 'someone else\n');
  });

  it('writes nothing when a parent directory cannot be created, and leaves no temporary files', async () => {
    const error = await writeFailure(
      plan('*** Update File: d.txt', '-d', '+D', '*** Add File: a.txt/inside.txt', '+x').then((p) => applyPlanned(p)),
    );
    assert.match(error.message, new RegExp(`^Failed to create parent directories for ${abs('a.txt/inside.txt')}: `));
    assert.deepEqual(await listing(), ['a.txt', 'd.txt']);
    assert.equal(await read('d.txt'), 'd\n');
  });

  it('restores what was already renamed when a later rename fails', async () => {
    const planned = await plan('*** Update File: a.txt', '-a', '+A', '*** Add File: new/n.txt', '+n', '*** Add File: z.txt', '+z', '*** Delete File: d.txt');
    const error = await writeFailure(
      applyPlanned(planned, {
        beforeCommit: async () => {
          await mkdir(abs('z.txt/blocker'), { recursive: true });
        },
      }),
    );
    assert.match(error.message, new RegExp(`^Failed to write file ${abs('z.txt')}: .* \\(no files were modified\\)$`));
    assert.deepEqual(await listing(), ['a.txt', 'd.txt', 'z.txt/', 'z.txt/blocker/']);
    assert.equal(await read('a.txt'), 'a\n');
    assert.equal(await read('d.txt'), 'd\n');
    assert.equal(formatPatchFailure(error, 40), `Exit code: 1\nWall time: 0 seconds\nOutput:\n${error.message}\n`);
  });

  it('keeps the permission bits of an updated or moved file', async () => {
    await writeFile(abs('run.sh'), '#!/bin/sh\necho hi\n');
    await chmod(abs('run.sh'), 0o755);
    await writeFile(abs('tool.sh'), 'echo 1\n');
    await chmod(abs('tool.sh'), 0o700);
    await applyPlanned(await plan('*** Update File: run.sh', '-echo hi', '+echo hello', '*** Update File: tool.sh', '*** Move to: bin/tool.sh', '-echo 1', '+echo 2'));
    assert.equal((await stat(abs('run.sh'))).mode & 0o777, 0o755);
    assert.equal((await stat(abs('bin/tool.sh'))).mode & 0o777, 0o700);
    assert.equal(await read('run.sh'), '#!/bin/sh\necho hello\n');
  });

  it('updates a symlinked file through the link, keeping the link', async () => {
    await mkdir(abs('real'));
    await writeFile(abs('real/target.txt'), 'v1\n');
    await symlink(path.join('real', 'target.txt'), abs('link.txt'));
    await applyPlanned(await plan('*** Update File: link.txt', '-v1', '+v2'));
    assert.ok((await lstat(abs('link.txt'))).isSymbolicLink());
    assert.equal(await readlink(abs('link.txt')), path.join('real', 'target.txt'));
    assert.equal(await read('real/target.txt'), 'v2\n');
  });

  it('leaves no temporary files behind and skips files whose text ends up unchanged', async () => {
    const planned = await plan('*** Update File: a.txt', '-a', '+b', '*** Update File: a.txt', '-b', '+a', '*** Add File: x.txt', '+x');
    const before = (await stat(abs('a.txt'))).mtimeMs;
    await new Promise((r) => setTimeout(r, 20));
    await applyPlanned(planned);
    assert.equal((await stat(abs('a.txt'))).mtimeMs, before);
    assert.deepEqual(await listing(), ['a.txt', 'd.txt', 'x.txt']);
    assert.equal(existsSync(abs('x.txt')), true);
  });
});
