// ThreadIndex persistence: snapshot + log round trip, rebuild when the index is missing or corrupt,
// reconcile with rollouts changed behind the store's back, and log compaction.
import { strict as assert } from 'node:assert';
import { appendFile, mkdtemp, readdir, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ThreadIndex } from '../../server/threads/store/threadIndex';
import { ThreadStore } from '../../server/threads/store/threadStore';
import { writeSyntheticRollouts, type SyntheticThread } from '../support/rollout-fixtures';
import { ALL_SOURCE_KINDS, type ThreadSummary } from '../../server/threads/store/rolloutTypes';
import { toPreview } from '../../server/threads/store/threadMetadata';

const ALL = { sourceKinds: ALL_SOURCE_KINDS, limit: 1000 } as const;

async function allIds(index: ThreadIndex, archived = false): Promise<string[]> {
  return (await index.list({ ...ALL, archived })).data.map((s) => s.id).sort();
}

const activeIds = (threads: SyntheticThread[]): string[] => threads.filter((t) => !t.archived).map((t) => t.id).sort();

describe('thread store: index persistence', () => {
  let home: string;
  let threads: SyntheticThread[];
  const open: ThreadIndex[] = [];
  const newIndex = (opts: Partial<ConstructorParameters<typeof ThreadIndex>[0]> = {}): ThreadIndex => {
    const idx = new ThreadIndex({ codexHome: home, reconcileAfterLoad: false, ...opts });
    open.push(idx);
    return idx;
  };
  const snapshotPath = (): string => path.join(home, 'codex-ts', 'thread-index.snapshot');

  beforeEach(async () => {
    home = await mkdtemp(path.join(tmpdir(), 'codex-home-'));
    threads = await writeSyntheticRollouts(home, 60, { archivedRatio: 0.2, namedRatio: 0.3 });
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((i) => i.close()));
    await rm(home, { recursive: true, force: true });
  });

  it('builds from rollouts on first start, then loads the snapshot', async () => {
    const first = newIndex();
    const s1 = await first.load();
    assert.equal(s1.source, 'rebuild');
    assert.equal(s1.threads, 60);
    assert.deepEqual(await allIds(first), activeIds(threads));
    const named = threads.find((t) => t.name && !t.archived)!;
    const got = (await first.get(named.id))!;
    assert.equal(got.name, named.name);
    assert.equal(got.preview, toPreview(named.userText));
    assert.equal(got.createdAt, named.createdAt);
    assert.ok(Math.abs(got.updatedAt - named.updatedAt) < 1);
    assert.equal(got.cwd, named.cwd);
    assert.equal(got.modelProvider, named.modelProvider);
    await first.close();

    const second = newIndex();
    const s2 = await second.load();
    assert.equal(s2.source, 'snapshot');
    assert.deepEqual(await allIds(second), activeIds(threads));
    assert.deepEqual(await second.get(named.id), got);
    assert.deepEqual(await allIds(second, true), threads.filter((t) => t.archived).map((t) => t.id).sort());
  });

  it('replays the append log over the snapshot', async () => {
    const store = new ThreadStore({ codexHome: home, index: { reconcileAfterLoad: false } });
    const t = await store.createThread({ cwd: '/x', originator: 'o', cliVersion: '1', source: 'cli', modelProvider: 'openai' });
    t.writer.append({ type: 'event_msg', payload: { type: 'user_message', message: 'logged', images: [] } });
    await store.archiveThread(threads.find((x) => !x.archived)!.id);
    await store.close();
    const logs = (await readdir(path.join(home, 'codex-ts'))).filter((n) => n.endsWith('.log'));
    assert.equal(logs.length, 1);
    const idx = newIndex();
    const stats = await idx.load();
    assert.equal(stats.source, 'snapshot');
    assert.ok(stats.logEntries >= 2);
    assert.equal((await idx.get(t.id))!.preview, 'logged');
    assert.equal((await idx.list({ ...ALL })).data.length, activeIds(threads).length);
  });

  for (const damage of ['deleted', 'truncated', 'garbage in the columns', 'cut short in the body', 'garbage in the details'] as const) {
    it(`rebuilds from the rollouts when the snapshot is ${damage}`, async () => {
      await (await newIndex().load(), open[0]!.close());
      const file = snapshotPath();
      const buf = await readFile(file);
      if (damage === 'deleted') await unlink(file);
      if (damage === 'truncated') await writeFile(file, buf.subarray(0, 100));
      if (damage === 'cut short in the body') await writeFile(file, buf.subarray(0, buf.length - 50));
      if (damage === 'garbage in the columns') buf.fill(0x41, 200, 260);
      if (damage === 'garbage in the details') buf.fill(0x41, buf.length - 40, buf.length - 10);
      if (damage.startsWith('garbage')) await writeFile(file, buf);
      const logs: string[] = [];
      const idx = newIndex({ logger: (m) => logs.push(m) });
      const stats = await idx.load();
      if (damage === 'garbage in the details' || damage === 'cut short in the body') {
        // The body is checked after start-up: search waits for it, and the damage triggers a rebuild.
        assert.equal(stats.source, 'snapshot');
        assert.equal((await idx.list({ ...ALL, searchTerm: ' ' })).data.length, activeIds(threads).length);
        assert.ok(logs.some((m) => /unusable/.test(m)));
      } else {
        assert.equal(stats.source, 'rebuild');
        if (damage !== 'deleted') assert.ok(logs.some((m) => /unusable/.test(m)), logs.join('\n'));
      }
      assert.deepEqual(await allIds(idx), activeIds(threads));
      for (const t of threads.slice(0, 10)) assert.equal((await idx.get(t.id))!.preview, toPreview(t.userText));
      await idx.close();
      assert.equal((await newIndex().load()).source, 'snapshot', 'the rebuilt snapshot is good');
    });
  }

  it('reconcile picks up files created, appended and deleted behind its back', async () => {
    const idx = newIndex();
    await idx.load();
    const [extra] = await writeSyntheticRollouts(home, 1, { archivedRatio: 0, seed: 7 });
    const gone = threads.find((t) => !t.archived)!;
    await unlink(gone.path);
    const renamed = threads.find((t) => !t.archived && t.id !== gone.id)!;
    await appendFile(renamed.path, JSON.stringify({ timestamp: 't', type: 'event_msg', payload: { type: 'thread_name_updated', thread_name: 'Renamed elsewhere' } }) + '\n');
    const stats = await idx.reconcile();
    assert.equal(stats.added, 1);
    assert.equal(stats.removed, 1);
    assert.equal(stats.updated, 1);
    assert.equal(stats.files, 60);
    const expected = activeIds(threads).filter((id) => id !== gone.id).concat(extra!.id).sort();
    assert.deepEqual(await allIds(idx), expected);
    const r = (await idx.get(renamed.id))!;
    assert.equal(r.name, 'Renamed elsewhere');
    assert.ok(r.updatedAt >= (await stat(renamed.path)).mtimeMs);
    assert.equal((await idx.reconcile()).unchanged, 60, 'a second pass finds nothing to do');
  });

  it('reconciles in the background after start-up, including moves to archived_sessions', async () => {
    await (await newIndex().load(), open[0]!.close());
    const t = threads.find((x) => !x.archived)!;
    const archivedPath = path.join(home, 'archived_sessions', path.basename(t.path));
    await writeFile(archivedPath, await readFile(t.path));
    await unlink(t.path);
    const idx = newIndex({ reconcileAfterLoad: true });
    await idx.load();
    const stats = await idx.reconciled;
    assert.ok(stats);
    assert.equal(stats.updated, 1);
    const got = (await idx.get(t.id)) as ThreadSummary;
    assert.equal(got.archived, true);
    assert.equal(got.path, archivedPath);
  });

  it('closes promptly even before the background warm-up and reconcile have started', async () => {
    const idx = newIndex({ reconcileAfterLoad: true, backgroundDelayMs: 60_000 });
    await idx.load();
    const t0 = Date.now();
    await idx.close();
    assert.ok(Date.now() - t0 < 5000);
    assert.equal(await idx.reconciled, null);
  });

  it('compacts the log into a new snapshot past the configured size', async () => {
    const store = new ThreadStore({ codexHome: home, index: { reconcileAfterLoad: false, compactAfterLogEntries: 5 } });
    for (let i = 0; i < 8; i++) {
      const t = await store.createThread({ cwd: '/c', originator: 'o', cliVersion: '1', source: 'vscode', modelProvider: 'openai' });
      t.writer.append({ type: 'event_msg', payload: { type: 'user_message', message: `m${i}`, images: [] } });
      await store.flush();
    }
    await store.index.reconcile();
    await store.close();
    const idx = newIndex();
    const stats = await idx.load();
    assert.ok(stats.logEntries < 5, `log was compacted (${stats.logEntries} entries left)`);
    assert.equal((await idx.list({ ...ALL, cwd: '/c' })).data.length, 8);
  });
});
