// Component tests of patches and undone turns in the real app bundle: "Undo turn" asks the host,
// and once the host reports the turn undone (`turn/undone`) the turn says how many files were
// restored (singular and plural, English and German) and its patches are marked undone, without
// a revert button; a declined or failed patch says it was not applied and offers no editor actions.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ThreadItem } from '@protocol';
import { type WebviewHarness, startWebviewHarness } from './harness';
import { THREAD_ID, makeThread, makeTurn, openApp } from './ui-helpers';
import { fileChange, userMessage } from './fixtures';
import { REPO_ROOT } from '../support/vscode/paths';

type Patch = Extract<ThreadItem, { type: 'fileChange' }>;

/** A patch of the fixture's files: the first `count` of them (1 or 2). */
function patch(id: string, status: Patch['status'], count: 1 | 2): ThreadItem {
  const full = fileChange(id) as Patch;
  return { ...full, status, changes: full.changes.slice(0, count) };
}

const germanBundle = (): Record<string, string> => JSON.parse(readFileSync(join(REPO_ROOT, 'l10n', 'bundle.l10n.de.json'), 'utf8')) as Record<string, string>;

describe('webview UI: patches and undone turns', function () {
  this.timeout(60_000);
  let harness: WebviewHarness;
  before(async () => {
    harness = await startWebviewHarness();
  });
  after(async () => harness?.close());

  it('marks a turn undone once the host restored its files: "1 file restored", no Undo, the patch marked', async () => {
    const thread = makeThread([makeTurn('t1', [userMessage('u1', 'change a.ts'), patch('p1', 'completed', 1)])]);
    const app = await openApp(harness, { thread });
    try {
      const page = app.view.page;
      const end = page.getByTestId('turn-end');
      await end.getByText('1 file changed').waitFor();
      await end.getByTestId('undo-turn').click();
      assert.deepEqual(await app.view.waitForPosted((m) => m.type === 'ui/undoTurn'), { type: 'ui/undoTurn', threadId: THREAD_ID, turnId: 't1' });
      const card = page.getByTestId('item-fileChange');
      assert.equal(await card.getByRole('button', { name: 'Revert file' }).count(), 1);

      await app.view.push({ type: 'turn/undone', threadId: THREAD_ID, turnId: 't1', files: 1 });
      await end.getByTestId('turn-undone').getByText('Undone: 1 file restored').waitFor();
      assert.equal(await end.getAttribute('data-undone'), 'true');
      assert.equal(await end.getByTestId('undo-turn').count(), 0, 'nothing left to undo');
      assert.equal(await card.getAttribute('data-undone'), 'true');
      assert.match(await card.innerText(), /undone/);
      assert.equal(await card.getByRole('button', { name: 'Revert file' }).count(), 0);
      await app.view.screenshot('ui-turn-undone');
    } finally {
      await app.view.close();
    }
  });

  it('says how many files were restored in German, singular and plural', async () => {
    const thread = makeThread([
      makeTurn('t1', [userMessage('u1', 'one'), patch('p1', 'completed', 1)]),
      makeTurn('t2', [userMessage('u2', 'two'), patch('p2', 'completed', 2)]),
    ]);
    const app = await openApp(harness, { thread, hostInfo: { locale: 'de', l10n: germanBundle() } });
    try {
      const page = app.view.page;
      await app.view.push({ type: 'turn/undone', threadId: THREAD_ID, turnId: 't1', files: 1 });
      await app.view.push({ type: 'turn/undone', threadId: THREAD_ID, turnId: 't2', files: 2 });
      const undone = page.getByTestId('turn-undone');
      await undone.nth(1).waitFor();
      assert.deepEqual((await undone.allInnerTexts()).map((s) => s.trim()), ['Rückgängig gemacht: 1 Datei wiederhergestellt', 'Rückgängig gemacht: 2 Dateien wiederhergestellt']);
    } finally {
      await app.view.close();
    }
  });

  it('a declined or failed patch says it was not applied and offers no diff or revert', async () => {
    const thread = makeThread([
      makeTurn('t1', [userMessage('u1', 'edit things'), patch('p-declined', 'declined', 1), patch('p-failed', 'failed', 2), patch('p-ok', 'completed', 1)]),
    ]);
    const app = await openApp(harness, { thread });
    try {
      const page = app.view.page;
      const titles = page.getByTestId('patch-title');
      await titles.nth(2).waitFor();
      assert.deepEqual(await titles.allInnerTexts(), ['Change to 1 file declined, not applied', 'Changes to 2 files failed, not applied', 'Edited 1 file']);
      for (const status of ['declined', 'failed']) {
        const card = page.locator(`[data-testid="item-fileChange"][data-status="${status}"]`);
        assert.equal(await card.getByRole('button', { name: 'Revert file' }).count(), 0, status);
        assert.equal(await card.getByRole('button', { name: 'Open diff' }).count(), 0, status);
      }
      const applied = page.locator('[data-testid="item-fileChange"][data-status="completed"]');
      assert.equal(await applied.getByRole('button', { name: 'Open diff' }).count(), 1);
      // Only the applied patch counts as a change of the turn.
      await page.getByTestId('turn-end').getByText('1 file changed').waitFor();
    } finally {
      await app.view.close();
    }
  });
});
