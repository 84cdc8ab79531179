// Before/after reconstruction of file changes (src/editor/patchReconstruct.ts) from the server's
// diffs (hunks in our server's format, raw contents as the real codex sends for add/delete),
// whether the host read the files before the write (early) or after it (late).
import { strict as assert } from 'node:assert';
import type { FileUpdateChange } from '@protocol';
import { diffHunks } from '../../server/tools/applyPatch/unifiedDiff';
import { combineChanges, type DiskReads, resolveChange, wholeContent } from '../../src/editor/patchReconstruct';

const reads = (files: Record<string, string | null>): DiskReads => (p) => (p in files ? files[p] : undefined);
const none: DiskReads = () => undefined;

const BEFORE = 'one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\n';
const AFTER = 'one\nTWO\nthree\nfour\nfive\nsix\nseven\neight\nnine\n';
const update: FileUpdateChange = { path: '/w/a.txt', kind: { type: 'update', move_path: null }, diff: diffHunks(BEFORE, AFTER) };

describe('editor: reconstructing before/after contents from diffs', () => {
  it('update, read before the write (early): start is before, end is after', () => {
    assert.deepEqual(resolveChange(update, reads({ '/w/a.txt': BEFORE }), reads({ '/w/a.txt': AFTER })), [
      { path: '/w/a.txt', before: BEFORE, after: AFTER },
    ]);
  });

  it('update, read after the write (late): before comes from undoing the diff', () => {
    assert.deepEqual(resolveChange(update, reads({ '/w/a.txt': AFTER }), reads({ '/w/a.txt': AFTER })), [
      { path: '/w/a.txt', before: BEFORE, after: AFTER },
    ]);
    assert.deepEqual(resolveChange(update, none, reads({ '/w/a.txt': AFTER })), [{ path: '/w/a.txt', before: BEFORE, after: AFTER }]);
  });

  it('update, early read and the file changed again before the end read: after comes from applying the diff', () => {
    const later = AFTER.replace('six', 'SIX');
    assert.deepEqual(resolveChange(update, reads({ '/w/a.txt': BEFORE }), reads({ '/w/a.txt': later })), [
      { path: '/w/a.txt', before: BEFORE, after: AFTER },
    ]);
  });

  it('update that cannot be connected to what the disk holds → null', () => {
    assert.equal(resolveChange(update, none, reads({ '/w/a.txt': 'something else entirely\n' })), null);
    assert.equal(resolveChange(update, none, reads({ '/w/a.txt': null })), null);
  });

  it('keeps a missing final newline', () => {
    const change: FileUpdateChange = { path: '/w/n', kind: { type: 'update', move_path: null }, diff: diffHunks('a\nb', 'a\nc') };
    assert.deepEqual(resolveChange(change, none, reads({ '/w/n': 'a\nc' })), [{ path: '/w/n', before: 'a\nb', after: 'a\nc' }]);
  });

  it('add: before is absent; the content comes from hunks or from the raw diff', () => {
    const hunks: FileUpdateChange = { path: '/w/new.ts', kind: { type: 'add' }, diff: diffHunks('', 'export {};\n') };
    const raw: FileUpdateChange = { path: '/w/new.ts', kind: { type: 'add' }, diff: 'export {};\n' };
    for (const change of [hunks, raw]) {
      assert.equal(wholeContent(change), 'export {};\n');
      assert.deepEqual(resolveChange(change, reads({ '/w/new.ts': null }), reads({ '/w/new.ts': 'export {};\n' })), [
        { path: '/w/new.ts', before: null, after: 'export {};\n' },
      ]);
      // late read: the file already exists with the added content
      assert.deepEqual(resolveChange(change, reads({ '/w/new.ts': 'export {};\n' }), none), [
        { path: '/w/new.ts', before: null, after: 'export {};\n' },
      ]);
    }
  });

  it('add over an existing file seen by an early read keeps that file as before', () => {
    const change: FileUpdateChange = { path: '/w/f', kind: { type: 'add' }, diff: 'new\n' };
    assert.deepEqual(resolveChange(change, reads({ '/w/f': 'old\n' }), reads({ '/w/f': 'new\n' })), [{ path: '/w/f', before: 'old\n', after: 'new\n' }]);
  });

  it('delete: before is the deleted content (hunks or raw), after is absent', () => {
    const content = 'gone\nfor good\n';
    const hunks: FileUpdateChange = { path: '/w/old.txt', kind: { type: 'delete' }, diff: diffHunks(content, '') };
    const raw: FileUpdateChange = { path: '/w/old.txt', kind: { type: 'delete' }, diff: content };
    for (const change of [hunks, raw]) {
      assert.deepEqual(resolveChange(change, reads({ '/w/old.txt': null }), reads({ '/w/old.txt': null })), [
        { path: '/w/old.txt', before: content, after: null },
      ]);
    }
  });

  it('move with edits, early and late reads: the source comes back, the destination goes', () => {
    const move: FileUpdateChange = { path: '/w/a.txt', kind: { type: 'update', move_path: '/w/b.txt' }, diff: diffHunks(BEFORE, AFTER) };
    const expected = [
      { path: '/w/a.txt', before: BEFORE, after: null },
      { path: '/w/b.txt', before: null, after: AFTER },
    ];
    const end = reads({ '/w/a.txt': null, '/w/b.txt': AFTER });
    assert.deepEqual(resolveChange(move, reads({ '/w/a.txt': BEFORE, '/w/b.txt': null }), end), expected);
    assert.deepEqual(resolveChange(move, reads({ '/w/a.txt': null, '/w/b.txt': AFTER }), end), expected);
  });

  it("move in the real codex's form (hunks, then \"Moved to: <path>\")", () => {
    const move: FileUpdateChange = {
      path: '/w/old-name.txt',
      kind: { type: 'update', move_path: '/w/new-name.txt' },
      diff: '@@ -1 +1 @@\n-moved\n+moved and edited\n\n\nMoved to: /w/new-name.txt',
    };
    assert.deepEqual(resolveChange(move, reads({ '/w/old-name.txt': null, '/w/new-name.txt': 'moved and edited\n' }), none), [
      { path: '/w/old-name.txt', before: 'moved\n', after: null },
      { path: '/w/new-name.txt', before: null, after: 'moved and edited\n' },
    ]);
  });

  it('pure move without a diff', () => {
    const move: FileUpdateChange = { path: '/w/a', kind: { type: 'update', move_path: '/w/b' }, diff: '' };
    assert.deepEqual(resolveChange(move, none, reads({ '/w/a': null, '/w/b': 'same\n' })), [
      { path: '/w/a', before: 'same\n', after: null },
      { path: '/w/b', before: null, after: 'same\n' },
    ]);
  });

  it('combines several changes: first before, last after per path', () => {
    const combined = combineChanges([
      [{ path: '/a', before: null, after: 'v1' }],
      [{ path: '/a', before: 'v1', after: 'v2' }, { path: '/b', before: 'b0', after: null }],
    ]);
    assert.deepEqual(combined, [
      { path: '/a', before: null, after: 'v2' },
      { path: '/b', before: 'b0', after: null },
    ]);
  });
});
