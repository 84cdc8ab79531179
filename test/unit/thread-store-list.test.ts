// thread/list over the index: every filter and sort combination pages through exactly the expected
// threads (no duplicates, no gaps, correct order), cursors survive concurrent inserts and restarts,
// backwards cursors page back, and bad cursors are rejected.
import { strict as assert } from 'node:assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ThreadIndex } from '../../server/threads/store/threadIndex';
import { InvalidCursorError, type ThreadListQuery } from '../../server/threads/store/threadQuery';
import { writeSyntheticRollouts, type SyntheticThread } from '../support/rollout-fixtures';
import { ALL_SOURCE_KINDS, INTERACTIVE_SOURCE_KINDS, type ThreadSummary } from '../../server/threads/store/rolloutTypes';
import { emptySummary, sourceKindOf, toPreview } from '../../server/threads/store/threadMetadata';

async function pageAll(index: ThreadIndex, q: ThreadListQuery): Promise<ThreadSummary[]> {
  const out: ThreadSummary[] = [];
  let cursor: string | null = q.cursor ?? null;
  for (let guard = 0; guard < 1000; guard++) {
    const page = await index.list({ ...q, cursor });
    out.push(...page.data);
    assert.ok(page.data.length <= (q.limit ?? 25));
    if (!page.nextCursor) return out;
    assert.equal(page.data.length, q.limit ?? 25, 'only the last page is short');
    cursor = page.nextCursor;
  }
  throw new Error('paging did not end');
}

function expected(threads: SyntheticThread[], q: ThreadListQuery): Set<string> {
  const kinds = q.sourceKinds && q.sourceKinds.length > 0 ? q.sourceKinds : INTERACTIVE_SOURCE_KINDS;
  const cwds = q.cwd === undefined || q.cwd === null ? null : typeof q.cwd === 'string' ? [q.cwd] : q.cwd;
  const term = q.searchTerm?.toLowerCase();
  return new Set(
    threads
      .filter((t) => t.archived === (q.archived === true))
      .filter((t) => kinds.includes(sourceKindOf(t.source)))
      .filter((t) => !q.modelProviders || q.modelProviders.length === 0 || q.modelProviders.includes(t.modelProvider))
      .filter((t) => !cwds || cwds.includes(t.cwd))
      .filter((t) => !term || (t.name ?? '').toLowerCase().includes(term) || toPreview(t.userText).toLowerCase().includes(term))
      .filter((t) => !q.excludedThreadIds?.includes(t.id))
      .map((t) => t.id),
  );
}

function assertOrdered(rows: ThreadSummary[], q: ThreadListQuery): void {
  const key = (s: ThreadSummary): number => ((q.sortKey ?? 'created_at') === 'created_at' ? s.createdAt : s.updatedAt);
  const sign = (q.sortDirection ?? 'desc') === 'desc' ? -1 : 1;
  for (let i = 1; i < rows.length; i++) {
    const a = rows[i - 1]!;
    const b = rows[i]!;
    const cmp = key(a) - key(b) || (a.id < b.id ? -1 : 1);
    assert.ok(cmp * sign < 0, `rows ${i - 1} and ${i} out of order`);
  }
}

describe('thread store: list pagination', () => {
  let home: string;
  let threads: SyntheticThread[];
  let index: ThreadIndex;

  before(async () => {
    home = await mkdtemp(path.join(tmpdir(), 'codex-home-'));
    // Few distinct seconds over a short span, so many threads share a timestamp (tie-break by id).
    threads = await writeSyntheticRollouts(home, 400, { spanDays: 0.01, archivedRatio: 0.15, namedRatio: 0.2 });
    index = new ThreadIndex({ codexHome: home, reconcileAfterLoad: false });
    await index.load();
  });
  after(async () => {
    await index.close();
    await rm(home, { recursive: true, force: true });
  });

  const queries: ThreadListQuery[] = [];
  for (const sortKey of ['created_at', 'updated_at'] as const) {
    for (const sortDirection of ['desc', 'asc'] as const) {
      queries.push(
        { sortKey, sortDirection, limit: 7 },
        { sortKey, sortDirection, limit: 50, sourceKinds: ALL_SOURCE_KINDS },
        { sortKey, sortDirection, limit: 5, archived: true, sourceKinds: ALL_SOURCE_KINDS },
        { sortKey, sortDirection, limit: 9, modelProviders: ['mock', 'azure'], sourceKinds: ['exec', 'appServer', 'subAgentReview'] },
        { sortKey, sortDirection, limit: 4, cwd: ['/home/dev/projects/project-3', '/home/dev/projects/project-4'] },
        { sortKey, sortDirection, limit: 3, cwd: '/home/dev/projects/project-1', sourceKinds: ALL_SOURCE_KINDS },
        { sortKey, sortDirection, limit: 6, searchTerm: 'FLAKY build', sourceKinds: ALL_SOURCE_KINDS },
        { sortKey, sortDirection, limit: 2, searchTerm: 'thread 1', sourceKinds: ALL_SOURCE_KINDS },
      );
    }
  }
  queries.push({}, { limit: 1000, sourceKinds: [] }, { searchTerm: 'no such words here' }, { modelProviders: ['nobody'] });

  for (const q of queries) {
    it(`pages ${JSON.stringify(q)} without duplicates or gaps`, async () => {
      const rows = await pageAll(index, q);
      const ids = rows.map((r) => r.id);
      assert.equal(new Set(ids).size, ids.length, 'no duplicates');
      assert.deepEqual(new Set(ids), expected(threads, q));
      assertOrdered(rows, q);
    });
  }

  it('leaves out excludedThreadIds before the limit', async () => {
    const first = await index.list({ limit: 5 });
    const q = { limit: 5, excludedThreadIds: first.data.slice(0, 2).map((s) => s.id.toUpperCase()) };
    const page = await index.list(q);
    assert.deepEqual(page.data.map((s) => s.id).slice(0, 3), first.data.slice(2).map((s) => s.id));
    assert.equal(page.data.length, 5);
  });

  it('keeps a cursor stable when threads are inserted between pages', async () => {
    const q: ThreadListQuery = { limit: 10, sourceKinds: ALL_SOURCE_KINDS };
    const before = await pageAll(index, q);
    const p1 = await index.list(q);
    // One newer than everything (lands before page 1) and one in the not-yet-seen middle.
    const newest = { ...emptySummary({ id: '7fffffff-ffff-7fff-bfff-ffffffffffff', path: '/nowhere/a.jsonl', archived: false, createdAt: Date.now() + 60_000, updatedAt: Date.now() + 60_000, defaultProvider: 'openai' }), sourceKind: 'cli' as const };
    const mid = before[25]!;
    const middle = { ...newest, id: '00000000-0000-7000-8000-000000000001', path: '/nowhere/b.jsonl', createdAt: mid.createdAt, updatedAt: mid.updatedAt };
    index.put(newest);
    index.put(middle);
    try {
      const rest = await pageAll(index, { ...q, cursor: p1.nextCursor });
      const seen = [...p1.data, ...rest].map((s) => s.id);
      assert.equal(new Set(seen).size, seen.length, 'no duplicates');
      assert.ok(!seen.includes(newest.id), 'an insert before the cursor does not shift later pages');
      assert.equal(seen.filter((id) => id === middle.id).length, 1, 'an insert after the cursor shows up once');
      assert.deepEqual(seen.filter((id) => id !== middle.id), before.map((s) => s.id));
    } finally {
      index.remove(newest.id);
      index.remove(middle.id);
    }
  });

  it('pages back with backwardsCursor and the opposite direction', async () => {
    const q: ThreadListQuery = { limit: 8, sortKey: 'updated_at', sourceKinds: ALL_SOURCE_KINDS };
    const p1 = await index.list(q);
    const p2 = await index.list({ ...q, cursor: p1.nextCursor });
    const back = await index.list({ ...q, sortDirection: 'asc', cursor: p2.backwardsCursor });
    assert.deepEqual(back.data.map((s) => s.id), p1.data.map((s) => s.id).reverse());
    assert.equal(p2.backwardsCursor !== null && (await index.list({ ...q, searchTerm: 'zzz-none' })).backwardsCursor, null);
  });

  it('accepts cursors after a restart and rejects bad ones', async () => {
    const q: ThreadListQuery = { limit: 10 };
    const p1 = await index.list(q);
    const other = new ThreadIndex({ codexHome: home, reconcileAfterLoad: false });
    try {
      const a = await index.list({ ...q, cursor: p1.nextCursor });
      const b = await other.list({ ...q, cursor: p1.nextCursor });
      assert.deepEqual(b.data.map((s) => s.id), a.data.map((s) => s.id));
    } finally {
      await other.close();
    }
    await assert.rejects(index.list({ cursor: 'garbage!' }), InvalidCursorError);
    await assert.rejects(index.list({ cursor: p1.nextCursor, sortKey: 'updated_at' }), InvalidCursorError);
  });
});
