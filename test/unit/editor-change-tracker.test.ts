// The change tracker and snapshot store on real files in a temp folder: fileChange notifications
// with early and late snapshots, reverting one item, undoing a turn (added files deleted, deleted
// files re-created, moves undone), conflicts when a file changed since, the memory budget with the
// disk fallback, a fresh store reading what an earlier one persisted, pruning.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileUpdateChange, ServerNotification } from '@protocol';
import { diffHunks } from '../../server/tools/applyPatch/unifiedDiff';
import { ChangeTracker, pathsToRevert } from '../../src/editor/changeTracker';
import { nodeFileAccess } from '../../src/editor/nodeFileAccess';
import { SnapshotStore } from '../../src/editor/snapshotStore';

type Status = 'completed' | 'declined' | 'failed' | 'inProgress';

function itemNote(method: 'item/started' | 'item/completed', turnId: string, itemId: string, changes: FileUpdateChange[], status: Status): ServerNotification {
  const item = { type: 'fileChange' as const, id: itemId, changes, status };
  return method === 'item/started'
    ? { method, params: { item, threadId: 'th', turnId, startedAtMs: 0 } }
    : { method, params: { item, threadId: 'th', turnId, completedAtMs: 0 } };
}

describe('editor: change tracker and snapshots on real files', () => {
  let root: string;
  let tracker: ChangeTracker;
  let store: SnapshotStore;
  const file = (name: string): string => join(root, 'ws', name);
  const read = (name: string): string | null => (existsSync(file(name)) ? readFileSync(file(name), 'utf8') : null);

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'codex-editor-snap-'));
    mkdirSync(join(root, 'ws', 'src'), { recursive: true });
    store = new SnapshotStore({ dir: join(root, 'storage') });
    tracker = new ChangeTracker(nodeFileAccess, store);
  });
  afterEach(async () => {
    await store.flush(); // background snapshot writes would re-create the folder
    rmSync(root, { recursive: true, force: true });
  });

  /** Simulates the server: item/started, the write (before or after the host's first read), item/completed. */
  async function applyItem(turnId: string, itemId: string, changes: FileUpdateChange[], write: () => void, late: boolean): Promise<void> {
    if (late) write();
    tracker.handle(itemNote('item/started', turnId, itemId, changes, 'inProgress'));
    if (!late) {
      await new Promise((r) => setTimeout(r, 20)); // the host's start reads finish first
      write();
    }
    tracker.handle(itemNote('item/completed', turnId, itemId, changes, 'completed'));
  }

  for (const late of [false, true]) {
    it(`reverts one item's change (${late ? 'late' : 'early'} snapshot)`, async () => {
      writeFileSync(file('a.txt'), 'alpha\nbeta\n');
      const change: FileUpdateChange = { path: file('a.txt'), kind: { type: 'update', move_path: null }, diff: diffHunks('alpha\nbeta\n', 'alpha\nBETA\n') };
      await applyItem('t1', 'i1', [change], () => writeFileSync(file('a.txt'), 'alpha\nBETA\n'), late);
      const snapshot = await tracker.item('th', 't1', 'i1');
      assert.deepEqual(snapshot?.paths, [{ path: file('a.txt'), before: 'alpha\nbeta\n', after: 'alpha\nBETA\n' }]);
      assert.deepEqual(await tracker.conflicts(snapshot.paths), []);
      await tracker.restore(snapshot.paths);
      assert.equal(read('a.txt'), 'alpha\nbeta\n');
    });
  }

  it('undoes a whole turn: updates, an added file, a deleted file and a move across two items', async () => {
    writeFileSync(file('keep.txt'), 'k1\nk2\nk3\n');
    writeFileSync(file('old.txt'), 'old\n');
    writeFileSync(file('src/mv.ts'), 'export const a = 1;\n');
    const item1: FileUpdateChange[] = [
      { path: file('keep.txt'), kind: { type: 'update', move_path: null }, diff: diffHunks('k1\nk2\nk3\n', 'k1\nK2\nk3\n') },
      { path: file('new.txt'), kind: { type: 'add' }, diff: diffHunks('', 'brand new\n') },
      { path: file('old.txt'), kind: { type: 'delete' }, diff: diffHunks('old\n', '') },
    ];
    await applyItem('t1', 'i1', item1, () => {
      writeFileSync(file('keep.txt'), 'k1\nK2\nk3\n');
      writeFileSync(file('new.txt'), 'brand new\n');
      rmSync(file('old.txt'));
    }, true);
    const item2: FileUpdateChange[] = [
      { path: file('keep.txt'), kind: { type: 'update', move_path: null }, diff: diffHunks('k1\nK2\nk3\n', 'k1\nK2\nK3\n') },
      { path: file('src/mv.ts'), kind: { type: 'update', move_path: file('lib/mv.ts') }, diff: diffHunks('export const a = 1;\n', 'export const a = 2;\n') },
    ];
    await applyItem('t1', 'i2', item2, () => {
      writeFileSync(file('keep.txt'), 'k1\nK2\nK3\n');
      mkdirSync(file('lib'));
      writeFileSync(file('lib/mv.ts'), 'export const a = 2;\n');
      rmSync(file('src/mv.ts'));
    }, false);
    const turn = await tracker.turn('th', 't1');
    assert.equal(turn.length, 5);
    assert.deepEqual(await tracker.conflicts(turn), []);
    await tracker.restore(turn);
    assert.equal(read('keep.txt'), 'k1\nk2\nk3\n');
    assert.equal(read('new.txt'), null);
    assert.equal(read('old.txt'), 'old\n');
    assert.equal(read('src/mv.ts'), 'export const a = 1;\n');
    assert.equal(read('lib/mv.ts'), null);
  });

  it('reports a conflict when the file changed since the item, and records nothing for declined items', async () => {
    writeFileSync(file('c.txt'), 'x\n');
    const change: FileUpdateChange = { path: file('c.txt'), kind: { type: 'update', move_path: null }, diff: diffHunks('x\n', 'y\n') };
    await applyItem('t2', 'i1', [change], () => writeFileSync(file('c.txt'), 'y\n'), true);
    const snapshot = await tracker.item('th', 't2', 'i1');
    assert.ok(snapshot);
    writeFileSync(file('c.txt'), 'y\nedited by the user\n');
    assert.deepEqual(await tracker.conflicts(snapshot.paths), [{ path: file('c.txt'), expected: 'y\n', actual: 'y\nedited by the user\n' }]);

    tracker.handle(itemNote('item/started', 't2', 'i2', [change], 'inProgress'));
    tracker.handle(itemNote('item/completed', 't2', 'i2', [change], 'declined'));
    assert.equal(await tracker.item('th', 't2', 'i2'), null);
    assert.equal(tracker.startedItems, 0);
  });

  it('forgets the start reads of items an ended turn never completed', () => {
    const change: FileUpdateChange = { path: file('x.txt'), kind: { type: 'add' }, diff: 'x\n' };
    tracker.handle(itemNote('item/started', 't3', 'i1', [change], 'inProgress'));
    tracker.handle(itemNote('item/started', 't30', 'i1', [change], 'inProgress'));
    assert.equal(tracker.startedItems, 2);
    const turn = { id: 't3', rootTurnId: null, items: [], itemsView: 'full', status: 'interrupted', error: null, startedAt: null, completedAt: null, durationMs: null };
    tracker.handle({ method: 'turn/completed', params: { threadId: 'th', turn } } as unknown as ServerNotification);
    assert.equal(tracker.startedItems, 1, 'only the other turn keeps its reads');
  });

  it("resolves a turn's items from history (no live snapshots): newest first against the disk", async () => {
    writeFileSync(file('h.txt'), 'v3\n');
    const update = (id: string, from: string, to: string) => ({
      type: 'fileChange' as const,
      id,
      status: 'completed' as const,
      changes: [{ path: file('h.txt'), kind: { type: 'update' as const, move_path: null }, diff: diffHunks(from, to) }],
    });
    const added = { type: 'fileChange' as const, id: 'add', status: 'completed' as const, changes: [{ path: file('h.txt'), kind: { type: 'add' as const }, diff: 'v1\n' }] };
    const declined = { ...update('declined', 'v3\n', 'v4\n'), status: 'declined' as const };
    await tracker.recordHistory('th', 't0', [added, update('one', 'v1\n', 'v2\n'), update('two', 'v2\n', 'v3\n'), declined]);
    assert.deepEqual((await tracker.item('th', 't0', 'one'))?.paths, [{ path: file('h.txt'), before: 'v1\n', after: 'v2\n' }]);
    assert.equal(await tracker.item('th', 't0', 'declined'), null);
    assert.deepEqual(await tracker.turn('th', 't0'), [{ path: file('h.txt'), before: null, after: 'v3\n' }]);
  });

  it('reverting one end of a move reverts both', async () => {
    const snapshot = {
      threadId: 'th', turnId: 't', itemId: 'i', seq: 1, moves: [[file('a'), file('b')]] as [string, string][],
      paths: [
        { path: file('a'), before: 'x', after: null },
        { path: file('b'), before: null, after: 'x' },
        { path: file('c'), before: 'c0', after: 'c1' },
      ],
    };
    assert.deepEqual(pathsToRevert(snapshot, file('b')).map((p) => p.path), [file('a'), file('b')]);
    assert.deepEqual(pathsToRevert(snapshot, file('c')).map((p) => p.path), [file('c')]);
  });

  it('keeps memory within budget, falls back to disk, and a new store reads what the old one wrote', async () => {
    const small = new SnapshotStore({ dir: join(root, 'small'), maxMemoryChars: 100 });
    for (let i = 0; i < 5; i += 1) {
      small.put({ threadId: 'th', turnId: 'tx', itemId: `i${i}`, seq: i, moves: [], paths: [{ path: `/p${i}`, before: 'b'.repeat(40), after: null }] });
    }
    assert.ok(small.heldChars <= 100, `held ${small.heldChars}`);
    assert.equal((await small.get('th', 'tx', 'i0'))?.paths[0]?.path, '/p0');
    assert.deepEqual((await small.turn('th', 'tx')).map((s) => s.itemId), ['i0', 'i1', 'i2', 'i3', 'i4']);
    const reopened = new SnapshotStore({ dir: join(root, 'small') });
    assert.equal((await reopened.get('th', 'tx', 'i3'))?.paths[0]?.before, 'b'.repeat(40));
    assert.equal(await reopened.get('th', 'tx', 'nope'), null);
  });

  it('prunes the oldest turn folders beyond the limit', async () => {
    const dir = join(root, 'prune');
    const pruned = new SnapshotStore({ dir, maxTurnsOnDisk: 2 });
    for (let t = 0; t < 4; t += 1) {
      pruned.put({ threadId: 'th', turnId: `t${t}`, itemId: 'i', seq: t, paths: [], moves: [] });
      await pruned.flush();
      await new Promise((r) => setTimeout(r, 15));
    }
    await pruned.prune();
    assert.equal(readdirSync(dir).length, 2);
    const fresh = new SnapshotStore({ dir });
    assert.equal(await fresh.get('th', 't0', 'i'), null);
    assert.ok(await fresh.get('th', 't3', 'i'));
  });
});
