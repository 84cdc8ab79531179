// The turn diff for turn/diff/updated: baselines from before the turn's first change, net changes
// across several patches, renames, and agreement with git itself (git must be installed).
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { applyPlanned, planPatch, TurnDiffTracker } from '../../server/tools/applyPatch';
import { requireSystemTool } from '../support/system-tools';

const wrap = (...body: string[]): string => ['*** Begin Patch', ...body, '*** End Patch'].join('\n');

describe('apply_patch: turn diff', () => {
  let dir: string;
  let tracker: TurnDiffTracker;
  async function apply(...body: string[]): Promise<void> {
    const plan = await planPatch(wrap(...body), { cwd: dir });
    await applyPlanned(plan);
    tracker.track(plan.ops);
  }

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'apply-patch-turn-'));
    tracker = new TurnDiffTracker(dir);
    await writeFile(path.join(dir, 'a.txt'), 'one\ntwo\n');
    await writeFile(path.join(dir, 'd.txt'), 'bye\n');
    await writeFile(path.join(dir, 'm.txt'), 'x\ny\n');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is empty before any change', () => {
    assert.equal(tracker.unifiedDiff(), '');
  });

  it('shows a new file in git style', async () => {
    await apply('*** Add File: hello.txt', '+hello');
    assert.equal(tracker.unifiedDiff(), 'diff --git a/hello.txt b/hello.txt\nnew file mode 100644\nindex 0000000..ce01362\n--- /dev/null\n+++ b/hello.txt\n@@ -0,0 +1 @@\n+hello\n');
  });

  it('shows the net add, update and delete of two patches against the baselines, sorted by path', async () => {
    await apply('*** Add File: hello.txt', '+hello', '*** Update File: a.txt', '@@', ' one', '-two', '+TWO');
    await apply('*** Update File: hello.txt', '@@', ' hello', '+world', '*** Delete File: d.txt');
    assert.equal(
      tracker.unifiedDiff(),
      [
        'diff --git a/a.txt b/a.txt',
        'index 814f4a4..879de50 100644',
        '--- a/a.txt',
        '+++ b/a.txt',
        '@@ -1,2 +1,2 @@',
        ' one',
        '-two',
        '+TWO',
        'diff --git a/d.txt b/d.txt',
        'deleted file mode 100644',
        'index b023018..0000000',
        '--- a/d.txt',
        '+++ /dev/null',
        '@@ -1 +0,0 @@',
        '-bye',
        'diff --git a/hello.txt b/hello.txt',
        'new file mode 100644',
        'index 0000000..94954ab',
        '--- /dev/null',
        '+++ b/hello.txt',
        '@@ -0,0 +1,2 @@',
        '+hello',
        '+world',
        '',
      ].join('\n'),
    );
  });

  it('drops files whose changes cancel out within the turn', async () => {
    await apply('*** Add File: tmp.txt', '+scratch', '*** Update File: a.txt', '-two', '+2');
    await apply('*** Delete File: tmp.txt', '*** Update File: a.txt', '-2', '+two');
    assert.equal(tracker.unifiedDiff(), '');
  });

  it('shows a moved and edited file as one rename, and a pure move without hunks', async () => {
    await apply('*** Update File: m.txt', '*** Move to: sub/m.txt', '@@', ' x', '-y', '+Y');
    await apply('*** Update File: d.txt', '*** Move to: e.txt', '@@', ' bye');
    assert.equal(
      tracker.unifiedDiff(),
      [
        'diff --git a/d.txt b/e.txt',
        'rename from d.txt',
        'rename to e.txt',
        'diff --git a/m.txt b/sub/m.txt',
        'rename from m.txt',
        'rename to sub/m.txt',
        'index b77b4eb..7061c57 100644',
        '--- a/m.txt',
        '+++ b/sub/m.txt',
        '@@ -1,2 +1,2 @@',
        ' x',
        '-y',
        '+Y',
        '',
      ].join('\n'),
    );
  });

  it('follows a file moved twice back to its original name as an ordinary update', async () => {
    await apply('*** Update File: m.txt', '*** Move to: n.txt', '@@', '-x', '+X');
    await apply('*** Update File: n.txt', '*** Move to: m.txt', '@@', ' y');
    assert.equal(tracker.unifiedDiff(), 'diff --git a/m.txt b/m.txt\nindex b77b4eb..215c42f 100644\n--- a/m.txt\n+++ b/m.txt\n@@ -1,2 +1,2 @@\n-x\n+X\n y\n');
  });

  it('shows an empty new file without ---/+++ lines, like git', async () => {
    await apply('*** Add File: empty.txt');
    assert.equal(tracker.unifiedDiff(), 'diff --git a/empty.txt b/empty.txt\nnew file mode 100644\nindex 0000000..e69de29\n');
  });

  it('agrees with git: `git diff` prints the same text and `git apply` of it reproduces the files', async () => {
    requireSystemTool('git');
    const git = (...args: string[]): string => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: dir, encoding: 'utf8' });
    await writeFile(path.join(dir, 'nonl.txt'), 'no newline');
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'base');
    await apply('*** Update File: a.txt', '@@', ' one', '-two', '+TWO', '+three', '*** Add File: sub/new.txt', '+hello', '+world');
    await apply('*** Delete File: d.txt', '*** Update File: nonl.txt', '@@', '-no newline', '+still none');
    const ours = tracker.unifiedDiff();
    git('add', '-N', 'sub/new.txt');
    assert.equal(git('diff', '--no-renames'), ours);
    const finalFiles = await Promise.all(['a.txt', 'sub/new.txt', 'nonl.txt'].map((f) => readFile(path.join(dir, f), 'utf8')));
    git('reset', '-q', '--hard');
    git('clean', '-qfd');
    await writeFile(path.join(dir, '.turn.diff'), ours);
    git('apply', '.turn.diff');
    assert.deepEqual(await Promise.all(['a.txt', 'sub/new.txt', 'nonl.txt'].map((f) => readFile(path.join(dir, f), 'utf8'))), finalFiles);
  });
});
