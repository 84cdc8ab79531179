// apply_patch on real files in a temp dir: add, update, delete, move, several chunks and files,
// the summary and fileChange entries, and the errors for patches that do not fit the files
// (each leaving every file as it was).
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { applyPatch, formatPatchFailure, PatchVerifyError, type ApplyPatchResult } from '../../server/tools/applyPatch';

const wrap = (...body: string[]): string => ['*** Begin Patch', ...body, '*** End Patch'].join('\n');

describe('apply_patch: applying to files', () => {
  let dir: string;
  const abs = (p: string): string => path.join(dir, p);
  const read = (p: string): Promise<string> => readFile(abs(p), 'utf8');
  const put = async (p: string, text: string): Promise<void> => {
    await mkdir(path.dirname(abs(p)), { recursive: true });
    await writeFile(abs(p), text);
  };
  const apply = (...body: string[]): Promise<ApplyPatchResult> => applyPatch(wrap(...body), { cwd: dir });
  /** The error message of a patch that must fail. */
  async function failure(...body: string[]): Promise<string> {
    try {
      await apply(...body);
    } catch (e) {
      assert.ok(e instanceof PatchVerifyError, `expected a PatchVerifyError, got ${String(e)}`);
      return e.message;
    }
    assert.fail('the patch applied');
  }
  /** Every file under dir with its text, to check that a failed patch changed nothing. */
  async function snapshot(): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) out[path.relative(dir, path.join(entry.parentPath, entry.name))] = await readFile(path.join(entry.parentPath, entry.name), 'utf8');
    }
    return out;
  }

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'apply-patch-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('adds a file, creating its parent directories', async () => {
    const result = await apply('*** Add File: sub/dir/hello.txt', '+Hello', '+world');
    assert.equal(await read('sub/dir/hello.txt'), 'Hello\nworld\n');
    assert.equal(result.summary, 'Success. Updated the following files:\nA sub/dir/hello.txt\n');
    assert.deepEqual(result.changes, [{ path: abs('sub/dir/hello.txt'), kind: { type: 'add' }, diff: '@@ -0,0 +1,2 @@\n+Hello\n+world\n' }]);
  });

  it('updates a file', async () => {
    await put('a.txt', 'one\ntwo\nthree\n');
    const result = await apply('*** Update File: a.txt', '@@', ' one', '-two', '+TWO', ' three');
    assert.equal(await read('a.txt'), 'one\nTWO\nthree\n');
    assert.equal(result.summary, 'Success. Updated the following files:\nM a.txt\n');
    assert.deepEqual(result.changes, [{ path: abs('a.txt'), kind: { type: 'update', move_path: null }, diff: '@@ -1,3 +1,3 @@\n one\n-two\n+TWO\n three\n' }]);
  });

  it('deletes a file', async () => {
    await put('gone.txt', 'bye\n');
    const result = await apply('*** Delete File: gone.txt');
    assert.equal(existsSync(abs('gone.txt')), false);
    assert.equal(result.summary, 'Success. Updated the following files:\nD gone.txt\n');
    assert.deepEqual(result.changes, [{ path: abs('gone.txt'), kind: { type: 'delete' }, diff: '@@ -1 +0,0 @@\n-bye\n' }]);
  });

  it('moves a file with changes into a new directory, removing the old path', async () => {
    await put('old/name.txt', 'x\ny\n');
    const result = await apply('*** Update File: old/name.txt', '*** Move to: renamed/dir/name.txt', '@@', ' x', '-y', '+Y');
    assert.equal(existsSync(abs('old/name.txt')), false);
    assert.equal(await read('renamed/dir/name.txt'), 'x\nY\n');
    assert.equal(result.summary, 'Success. Updated the following files:\nM renamed/dir/name.txt\n');
    assert.deepEqual(result.changes[0]?.kind, { type: 'update', move_path: abs('renamed/dir/name.txt') });
    assert.equal(result.changes[0]?.path, abs('old/name.txt'));
  });

  it('applies several chunks to one file and several files in one patch; the summary lists A, then M, then D', async () => {
    await put('multi.txt', 'line1\nline2\nline3\nline4\nline5\nline6\n');
    await put('delete.txt', 'x\n');
    const result = await apply(
      '*** Delete File: delete.txt',
      '*** Update File: multi.txt',
      '@@',
      ' line1',
      '-line2',
      '+changed2',
      '@@',
      ' line5',
      '-line6',
      '+changed6',
      '*** Add File: nested/new.txt',
      '+created',
    );
    assert.equal(await read('multi.txt'), 'line1\nchanged2\nline3\nline4\nline5\nchanged6\n');
    assert.equal(await read('nested/new.txt'), 'created\n');
    assert.equal(existsSync(abs('delete.txt')), false);
    assert.equal(result.summary, 'Success. Updated the following files:\nA nested/new.txt\nM multi.txt\nD delete.txt\n');
    assert.deepEqual(
      result.changes.map((c) => [path.relative(dir, c.path), c.kind.type]),
      [
        ['delete.txt', 'delete'],
        ['multi.txt', 'update'],
        ['nested/new.txt', 'add'],
      ],
    );
  });

  it('applies operations in order: a file can be updated twice, or deleted and added again', async () => {
    await put('a.txt', 'a\n');
    await put('b.txt', 'old\n');
    const result = await apply('*** Update File: a.txt', '-a', '+b', '*** Update File: a.txt', '-b', '+c', '*** Delete File: b.txt', '*** Add File: b.txt', '+new');
    assert.equal(await read('a.txt'), 'c\n');
    assert.equal(await read('b.txt'), 'new\n');
    assert.equal(result.summary, 'Success. Updated the following files:\nA b.txt\nM a.txt\nD b.txt\n');
  });

  it('accepts absolute paths and prints paths outside the cwd absolute', async () => {
    const other = await mkdtemp(path.join(tmpdir(), 'apply-patch-other-'));
    try {
      const result = await apply(`*** Add File: ${abs('in.txt')}`, '+in', `*** Add File: ${path.join(other, 'out.txt')}`, '+out');
      assert.equal(await read('in.txt'), 'in\n');
      assert.equal(await readFile(path.join(other, 'out.txt'), 'utf8'), 'out\n');
      assert.equal(result.summary, `Success. Updated the following files:\nA in.txt\nA ${path.join(other, 'out.txt')}\n`);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it('applies a heredoc-wrapped patch', async () => {
    await applyPatch(`<<'EOF'\n${wrap('*** Add File: h.txt', '+hi')}\nEOF\n`, { cwd: dir });
    assert.equal(await read('h.txt'), 'hi\n');
  });

  it('reports context that is not found with the file and the missing lines, and writes nothing (across files)', async () => {
    await put('a.txt', 'alpha\nbeta\n');
    await put('b.txt', 'gamma\ndelta\n');
    const before = await snapshot();
    const message = await failure('*** Add File: created.txt', '+new', '*** Update File: a.txt', '-alpha', '+ALPHA', '*** Update File: b.txt', '@@', ' gamma', '-epsilon', '+EPSILON');
    assert.equal(message, `Failed to find expected lines in ${abs('b.txt')}:\ngamma\nepsilon`);
    assert.deepEqual(await snapshot(), before);
    assert.equal(existsSync(abs('created.txt')), false);
  });

  it('gives the model "apply_patch verification failed: …" for it', async () => {
    await put('a.txt', 'alpha\n');
    try {
      await apply('*** Update File: a.txt', '-zeta', '+ZETA');
      assert.fail('applied');
    } catch (e) {
      assert.equal(formatPatchFailure(e, 0), `apply_patch verification failed: Failed to find expected lines in ${abs('a.txt')}:\nzeta`);
    }
  });

  it('reports an @@ anchor that is not found', async () => {
    await put('a.py', 'def a():\n    pass\n');
    assert.equal(await failure('*** Update File: a.py', '@@ def nope():', '-    pass', '+    return 1'), `Failed to find context 'def nope():' in ${abs('a.py')}`);
  });

  it('refuses to add a file that exists, leaving it as it was', async () => {
    await put('dup.txt', 'original\n');
    assert.equal(await failure('*** Add File: dup.txt', '+replacement'), `Failed to add file ${abs('dup.txt')}: the file already exists (use '*** Update File:' to change it)`);
    assert.equal(await read('dup.txt'), 'original\n');
  });

  it('refuses to update or delete a missing file', async () => {
    assert.equal(await failure('*** Update File: missing.txt', '-a', '+b'), `Failed to read file to update ${abs('missing.txt')}: the file does not exist (use '*** Add File:' to create it)`);
    assert.equal(await failure('*** Delete File: missing.txt'), `Failed to delete file ${abs('missing.txt')}: the file does not exist`);
    await put('x.txt', 'x\n');
    assert.equal(await failure('*** Delete File: x.txt', '*** Delete File: x.txt'), `Failed to delete file ${abs('x.txt')}: the file does not exist`);
    assert.equal(await read('x.txt'), 'x\n');
  });

  it('refuses directories, binary files and a move onto an existing file', async () => {
    await mkdir(abs('dir'));
    await put('bin.dat', '');
    await writeFile(abs('bin.dat'), Buffer.from([0xff, 0xfe, 0x00, 0x80]));
    await put('src.txt', 'a\n');
    await put('dest.txt', 'b\n');
    assert.equal(await failure('*** Delete File: dir'), `Failed to delete file ${abs('dir')}: the path is a directory`);
    assert.equal(await failure('*** Add File: dir', '+x'), `Failed to add file ${abs('dir')}: the path is a directory`);
    assert.equal(await failure('*** Update File: bin.dat', '-a', '+b'), `Failed to read file to update ${abs('bin.dat')}: the file is not UTF-8 text (use a shell command for binary files)`);
    assert.equal(await failure('*** Update File: src.txt', '*** Move to: dest.txt', '-a', '+c'), `Failed to move ${abs('src.txt')} to ${abs('dest.txt')}: the destination already exists`);
    assert.equal(await read('src.txt'), 'a\n');
    assert.equal(await read('dest.txt'), 'b\n');
  });

  it('rejects a patch without operations', async () => {
    assert.equal(await failure(), 'No files were modified.');
  });
});
