// ThreadStore lifecycle: create, index updates from our own appends, find, resume, archive and
// unarchive (file and index), fork, and persistence of all that across store instances.
import { strict as assert } from 'node:assert';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ThreadNotFoundError, ThreadStore, type NewThreadInit } from '../../server/threads/store/threadStore';
import { readRollout } from '../../server/threads/store/rolloutReader';
import { uuidv7Time } from '../../server/threads/store/ids';

const init = (cwd = '/work/app'): NewThreadInit => ({
  cwd,
  originator: 'codex_vscode',
  cliVersion: '0.1.0',
  source: 'vscode',
  modelProvider: 'openai',
  model: 'gpt-5.5',
  baseInstructions: 'You are Codex.',
  git: { commit_hash: 'abc', branch: 'main', repository_url: 'https://example.com/r.git' },
  extra: { history_mode: 'paginated' },
});

const exists = async (p: string): Promise<boolean> => access(p).then(() => true, () => false);

describe('thread store: lifecycle', () => {
  let home: string;
  let store: ThreadStore;
  beforeEach(async () => {
    home = await mkdtemp(path.join(tmpdir(), 'codex-home-'));
    store = new ThreadStore({ codexHome: home, index: { reconcileAfterLoad: false } });
  });
  afterEach(async () => {
    await store.close();
    await rm(home, { recursive: true, force: true });
  });

  it('creates a rollout with session_meta on disk and indexes it at once', async () => {
    const t = await store.createThread(init());
    assert.ok(uuidv7Time(t.id) !== null);
    assert.match(path.relative(home, t.path), /^sessions\/\d{4}\/\d{2}\/\d{2}\/rollout-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-[0-9a-f-]{36}\.jsonl$/);
    const { lines } = await readRollout(t.path);
    assert.equal(lines.length, 1);
    const meta = lines[0]!;
    assert.ok(meta.type === 'session_meta');
    assert.equal(meta.payload.id, t.id);
    assert.equal(meta.payload.history_mode, 'paginated');
    const page = await store.listThreads();
    assert.deepEqual(page.data.map((s) => s.id), [t.id]);
    const s = page.data[0]!;
    assert.equal(s.cwd, '/work/app');
    assert.equal(s.sourceKind, 'vscode');
    assert.equal(s.model, 'gpt-5.5');
    assert.deepEqual(s.gitInfo, { sha: 'abc', branch: 'main', originUrl: 'https://example.com/r.git' });
    assert.equal(s.preview, '');
  });

  it('takes preview, name and updatedAt from appends immediately', async () => {
    let clock = 1_800_000_000_000;
    await store.close();
    store = new ThreadStore({ codexHome: home, now: () => clock, index: { reconcileAfterLoad: false } });
    const t = await store.createThread(init());
    clock += 5000;
    t.writer.append({ type: 'response_item', payload: { type: 'message', role: 'user', content: [{ type: 'input_text', text: '<environment_context>cwd</environment_context>' }] } });
    t.writer.append({ type: 'response_item', payload: { type: 'message', role: 'user', content: [{ type: 'input_text', text: `Fix   the\nbug ${'x'.repeat(300)}` }] } });
    t.writer.append({ type: 'response_item', payload: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'second message' }] } });
    t.writer.append({ type: 'event_msg', payload: { type: 'thread_name_updated', thread_id: t.id, thread_name: 'My thread' } });
    const s = (await store.index.get(t.id))!;
    assert.equal(s.preview.slice(0, 12), 'Fix the bug ');
    assert.equal(s.preview.length, 200);
    assert.equal(s.name, 'My thread');
    assert.equal(s.updatedAt, clock);
    assert.equal(s.createdAt, 1_800_000_000_000);
    const byUpdated = await store.listThreads({ sortKey: 'updated_at', searchTerm: 'my THREAD' });
    assert.deepEqual(byUpdated.data.map((x) => x.id), [t.id]);
  });

  it('finds rollouts by id via the index and, when the index lacks them, by scanning', async () => {
    const t = await store.createThread(init());
    await store.close();
    assert.equal(await store.findRolloutPath(t.id), t.path);
    const other = new ThreadStore({ codexHome: home, index: { dir: path.join(home, 'empty-index'), reconcileAfterLoad: false } });
    try {
      await other.index.load();
      await other.index.rebuild();
      other.index.remove(t.id);
      assert.equal(await other.findRolloutPath(t.id), t.path, 'scan fallback');
      assert.ok(await other.index.get(t.id), 'and the index is repaired');
      assert.equal(await other.findRolloutPath('01900000-0000-7000-8000-000000000000'), null);
    } finally {
      await other.close();
    }
  });

  it('archives and unarchives: moves the file and updates the index', async () => {
    const t = await store.createThread(init());
    t.writer.append({ type: 'event_msg', payload: { type: 'user_message', message: 'hello', images: [] } });
    const archived = await store.archiveThread(t.id);
    assert.equal(archived.archived, true);
    assert.equal(archived.path, path.join(home, 'archived_sessions', path.basename(t.path)));
    assert.ok(await exists(archived.path));
    assert.ok(!(await exists(t.path)));
    assert.deepEqual((await store.listThreads()).data, []);
    assert.deepEqual((await store.listThreads({ archived: true })).data.map((s) => s.id), [t.id]);
    // The open writer keeps appending to the moved file.
    t.writer.append({ type: 'event_msg', payload: { type: 'task_complete' } });
    await t.writer.flush();
    assert.equal((await readRollout(archived.path)).lines.length, 3);

    const back = await store.unarchiveThread(t.id);
    assert.equal(back.path, t.path);
    assert.ok(await exists(t.path));
    assert.deepEqual((await store.listThreads()).data.map((s) => s.id), [t.id]);
    await store.close();
    const reopened = new ThreadStore({ codexHome: home, index: { reconcileAfterLoad: false } });
    try {
      const s = (await reopened.getThread(t.id))!;
      assert.equal(s.archived, false);
      assert.equal(s.path, t.path);
      assert.equal(s.preview, 'hello');
    } finally {
      await reopened.close();
    }
  });

  it('forks into a new rollout with forked_from_id and the source history', async () => {
    const src = await store.createThread(init('/src'));
    src.writer.append({ type: 'event_msg', payload: { type: 'user_message', message: 'original question', images: [] } });
    src.writer.append({ type: 'response_item', payload: { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'answer' }] } });
    const fork = await store.forkThread(src.id, { cwd: '/fork' });
    assert.notEqual(fork.id, src.id);
    const { lines, warnings } = await readRollout(fork.path);
    assert.deepEqual(warnings, []);
    assert.deepEqual(lines.map((l) => l.type), ['session_meta', 'event_msg', 'response_item']);
    const meta = lines[0]!;
    assert.ok(meta.type === 'session_meta');
    assert.equal(meta.payload.id, fork.id);
    assert.equal(meta.payload.forked_from_id, src.id);
    assert.equal(meta.payload.cwd, '/fork');
    assert.equal(meta.payload.model_provider, 'openai');
    fork.writer.append({ type: 'event_msg', payload: { type: 'task_started' } });
    await fork.writer.flush();
    assert.deepEqual((await readRollout(fork.path)).lines.map((l) => l.ordinal), [0, 1, 2, 3]);
    const s = (await store.getThread(fork.id))!;
    assert.equal(s.forkedFromId, src.id);
    assert.equal(s.preview, 'original question');
    assert.equal(s.cwd, '/fork');
    assert.equal((await store.listThreads()).data.length, 2);
  });

  it('resumes a thread after restart with continuing ordinals', async () => {
    const t = await store.createThread(init());
    t.writer.append({ type: 'event_msg', payload: { type: 'user_message', message: 'first', images: [] } });
    await store.close();
    store = new ThreadStore({ codexHome: home, index: { reconcileAfterLoad: false } });
    const again = await store.resumeThread(t.id);
    assert.equal(again.path, t.path);
    again.writer.append({ type: 'event_msg', payload: { type: 'user_message', message: 'second', images: [] } });
    await store.flush();
    const { lines } = await readRollout(t.path);
    assert.deepEqual(lines.map((l) => l.ordinal), [0, 1, 2]);
    assert.equal((await store.getThread(t.id))!.preview, 'first');
    await assert.rejects(store.resumeThread('01900000-0000-7000-8000-000000000000'), ThreadNotFoundError);
  });
});
