// Unit tests for the typing-as-you-search session: updates reach the callbacks with the right
// query, a superseded query is never reported, narrowing gives the same answers as a fresh
// search, the empty query reports nothing, and stop() silences the session.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FuzzySearchSession, fuzzyFileSearch, type FuzzySearchSessionUpdate } from '../../server/search';

interface Recorder {
  updates: FuzzySearchSessionUpdate[];
  completed: string[];
  /** Resolves at the next onCompleted. */
  nextCompletion(): Promise<string>;
}

function recorder(): Recorder & { callbacks: ConstructorParameters<typeof FuzzySearchSession>[1] } {
  const updates: FuzzySearchSessionUpdate[] = [];
  const completed: string[] = [];
  let waiters: ((q: string) => void)[] = [];
  return {
    updates,
    completed,
    nextCompletion: () => new Promise((resolve) => waiters.push(resolve)),
    callbacks: {
      onUpdated: (u) => updates.push(u),
      onCompleted: (q) => {
        completed.push(q);
        const w = waiters;
        waiters = [];
        for (const resolve of w) resolve(q);
      },
    },
  };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('fuzzy file search: sessions', () => {
  let tmp: string;
  const sessions: FuzzySearchSession[] = [];
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzzy-session-'));
    fs.writeFileSync(path.join(tmp, '.gitignore'), 'ignored/\n');
    for (let d = 0; d < 20; d++) {
      const dir = path.join(tmp, `module${d}`, d % 2 ? 'src' : 'lib');
      fs.mkdirSync(dir, { recursive: true });
      for (const f of ['main.ts', 'mainView.tsx', 'userService.ts', 'README.md', `helper${d}.js`]) {
        fs.writeFileSync(path.join(dir, f), '');
      }
    }
    fs.mkdirSync(path.join(tmp, 'ignored'));
    fs.writeFileSync(path.join(tmp, 'ignored', 'main.ts'), '');
  });
  afterEach(() => {
    for (const s of sessions.splice(0)) s.stop();
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const start = (rec: ReturnType<typeof recorder>): FuzzySearchSession => {
    const s = new FuzzySearchSession([tmp], rec.callbacks);
    sessions.push(s);
    return s;
  };

  it('reports updates for the query, then completion', async () => {
    const rec = recorder();
    const session = start(rec);
    await session.walked;
    const done = rec.nextCompletion();
    session.update('main');
    assert.equal(await done, 'main');
    const last = rec.updates[rec.updates.length - 1]!;
    assert.equal(last.query, 'main');
    assert.equal(last.files.length, 40); // main.ts and mainView.tsx in each module
    assert.ok(last.files.every((f) => f.root === tmp && !f.path.startsWith('ignored')));
    assert.equal(last.files[0]!.file_name, 'main.ts');
  });

  it('answers an update sent before the walk finished, once the walk is done', async () => {
    const rec = recorder();
    const session = start(rec);
    session.update('userService');
    assert.equal(await rec.nextCompletion(), 'userService');
    assert.equal(session.isWalking, false);
    const last = rec.updates[rec.updates.length - 1]!;
    assert.equal(last.files.length, 20);
    assert.ok(last.files.every((f) => f.file_name === 'userService.ts'));
  });

  it('never reports a query superseded by a newer update', async () => {
    const rec = recorder();
    const session = start(rec);
    await session.walked;
    session.update('m');
    session.update('ma');
    session.update('mainv');
    assert.equal(await rec.nextCompletion(), 'mainv');
    await tick();
    assert.deepEqual([...new Set(rec.updates.map((u) => u.query))], ['mainv']);
    assert.deepEqual(rec.completed, ['mainv']);
  });

  it('gives each narrowing or widening update the same results as a fresh search', async () => {
    const rec = recorder();
    const session = start(rec);
    await session.walked;
    for (const query of ['m', 'ma', 'mai', 'main', 'mainV', 'mai', 'help', 'helper1', 'src us']) {
      const done = rec.nextCompletion();
      session.update(query);
      assert.equal(await done, query);
      const got = rec.updates[rec.updates.length - 1]!;
      assert.equal(got.query, query);
      const expected = await fuzzyFileSearch(query, [tmp], { cache: null });
      assert.deepEqual(got.files, expected, query);
    }
  });

  it('reports no files for an empty query', async () => {
    const rec = recorder();
    const session = start(rec);
    await session.walked;
    session.update('main');
    await rec.nextCompletion();
    session.update('');
    assert.equal(await rec.nextCompletion(), '');
    assert.deepEqual(rec.updates[rec.updates.length - 1], { query: '', files: [] });
  });

  it('stops: no callbacks afterwards, later updates are ignored', async () => {
    const rec = recorder();
    const session = start(rec);
    session.update('main');
    session.stop();
    session.update('user');
    await session.walked;
    await new Promise((resolve) => setTimeout(resolve, 80));
    assert.deepEqual(rec.updates, []);
    assert.deepEqual(rec.completed, []);
  });
});
