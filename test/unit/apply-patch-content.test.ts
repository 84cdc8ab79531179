// apply_patch and file contents: line endings, final newlines, unicode, fuzzy matches (and that
// they keep the file's own text for context lines), @@ anchors, End of File chunks.
import { strict as assert } from 'node:assert';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { applyPatch } from '../../server/tools/applyPatch';

const wrap = (...body: string[]): string => ['*** Begin Patch', ...body, '*** End Patch'].join('\n');

describe('apply_patch: file contents', () => {
  let dir: string;
  /** Writes `before` to f.txt, applies an Update File of f.txt with these lines, returns the new text. */
  async function update(before: string, ...chunkLines: string[]): Promise<string> {
    await writeFile(path.join(dir, 'f.txt'), before);
    await applyPatch(wrap('*** Update File: f.txt', ...chunkLines), { cwd: dir });
    return readFile(path.join(dir, 'f.txt'), 'utf8');
  }

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'apply-patch-content-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  describe('line endings and final newline', () => {
    it('keeps CRLF line endings, also for added lines', async () => {
      assert.equal(await update('a\r\nb\r\nc\r\n', '@@', ' a', '-b', '+B', '+B2', ' c'), 'a\r\nB\r\nB2\r\nc\r\n');
    });

    it('keeps a file without a final newline without one', async () => {
      assert.equal(await update('a\nb', '@@', ' a', '-b', '+B'), 'a\nB');
      assert.equal(await update('a\nb', '@@', ' b', '+c', '*** End of File'), 'a\nb\nc');
      assert.equal(await update('a\r\nb', '@@', '-a', '+A'), 'A\r\nb');
    });

    it('keeps the final newline of a file that has one', async () => {
      assert.equal(await update('a\nb\n', '@@', ' a', '-b', '+B'), 'a\nB\n');
      assert.equal(await update('a\nb\n', '@@', '+c'), 'a\nb\nc\n');
    });

    it('gives lines added to an empty file a final newline, and empties a file whose lines are all removed', async () => {
      assert.equal(await update('', '@@', '+first'), 'first\n');
      assert.equal(await update('only\n', '@@', '-only'), '');
    });

    it('keeps a UTF-8 byte-order mark', async () => {
      assert.equal(await update('\uFEFFa\nb\n', '@@', '-a', '+A'), '\uFEFFA\nb\n');
    });

    it('leaves a file with mixed line endings as it is apart from the changed lines', async () => {
      assert.equal(await update('a\r\nb\nc\r\n', '@@', ' a', '-b', '+B', ' c'), 'a\r\nB\nc\r\n');
    });
  });

  describe('unicode', () => {
    it('adds and updates text with accents, CJK and emoji', async () => {
      await applyPatch(wrap('*** Add File: ü/ñ.txt', '+héllo wörld 👋', '+日本語'), { cwd: dir });
      assert.equal(await readFile(path.join(dir, 'ü/ñ.txt'), 'utf8'), 'héllo wörld 👋\n日本語\n');
      assert.equal(await update('Ünïcödé\n🙂 smile\nend\n', '@@ Ünïcödé', '-🙂 smile', '+😀 grin'), 'Ünïcödé\n😀 grin\nend\n');
    });
  });

  describe('fuzzy matching', () => {
    it('ignores trailing whitespace, keeping the file’s context lines as they are', async () => {
      assert.equal(await update('foo   \nbar\t\nbaz\n', '@@', ' foo', '-bar', '+BAR', ' baz'), 'foo   \nBAR\nbaz\n');
    });

    it('ignores leading whitespace (indentation) when nothing matches more strictly', async () => {
      assert.equal(await update('def f():\n    if x:\n        return 1\n', '@@', ' def f():', '  if x:', '-    return 1', '+    return 2'), 'def f():\n    if x:\n    return 2\n');
    });

    it('reads typographic punctuation in the file as ASCII in the patch', async () => {
      assert.equal(await update('say “hi” — it’s fine\nnext\n', '@@', ' say "hi" - it\'s fine', '-next', '+NEXT'), 'say “hi” — it’s fine\nNEXT\n');
    });

    it('retries without blank lines that end a chunk (the separator before the next operation)', async () => {
      await writeFile(path.join(dir, 'g.txt'), 'x\n');
      const patch = wrap('*** Update File: f.txt', '@@', '-a', '+A', '', '*** Update File: g.txt', '@@', '-x', '+X');
      await writeFile(path.join(dir, 'f.txt'), 'a');
      await applyPatch(patch, { cwd: dir });
      assert.equal(await readFile(path.join(dir, 'f.txt'), 'utf8'), 'A');
      assert.equal(await readFile(path.join(dir, 'g.txt'), 'utf8'), 'X\n');
    });
  });

  describe('anchors and positions', () => {
    const twoFunctions = 'def a():\n    return 1\n\ndef b():\n    return 1\n';

    it('uses an @@ anchor to pick between identical blocks', async () => {
      assert.equal(await update(twoFunctions, '@@ def b():', '-    return 1', '+    return 2'), 'def a():\n    return 1\n\ndef b():\n    return 2\n');
      assert.equal(await update(twoFunctions, '-    return 1', '+    return 2'), 'def a():\n    return 2\n\ndef b():\n    return 1\n');
    });

    it('follows nested anchors in order (class, then method)', async () => {
      const text = 'class A:\n  def f(self):\n    x = 1\nclass B:\n  def g(self):\n    x = 1\n  def f(self):\n    x = 1\n';
      assert.equal(await update(text, '@@ class B:', '@@   def f(self):', '-    x = 1', '+    x = 2'), text.replace(/x = 1\n$/, 'x = 2\n'));
    });

    it('inserts a chunk of only added lines right after its anchor, or at the end without one', async () => {
      assert.equal(await update('def f():\n    pass\nend\n', '@@ def f():', '+    """Doc."""'), 'def f():\n    """Doc."""\n    pass\nend\n');
      assert.equal(await update('a\nb\n', '@@', '+c'), 'a\nb\nc\n');
    });

    it('matches an End of File chunk only at the end of the file', async () => {
      assert.equal(await update('x\ny\nx\n', '@@', '-x', '+z', '*** End of File'), 'x\ny\nz\n');
      await assert.rejects(update('x\ny\nx\n', '@@', '-y', '+z', '*** End of File'), /Failed to find expected lines in .*f\.txt:\ny$/);
    });

    it('looks for each chunk after the previous one', async () => {
      assert.equal(await update('a\nb\na\nb\n', '@@', '-b', '+B', '@@', '-b', '+C'), 'a\nB\na\nC\n');
      await assert.rejects(update('a\nb\nc\n', '@@', '-b', '+B', '@@', '-a', '+A'), /Failed to find expected lines/);
    });
  });
});
