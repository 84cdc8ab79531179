// UI smoke test in a real VS Code (code-server + headless chromium): the packaged extension
// activates, its activity-bar item opens the chat view, and the React webview renders with the
// version the host sent over the bridge. Run by `npm run test:e2e` (scripts/run-e2e.mjs).
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { activityBarItem, runPaletteCommand, webviewFrame } from '../support/vscode/actions';
import { packageVersion } from '../support/vscode/paths';
import { openWorkbench, type WorkbenchSession } from '../support/vscode/workbench';

describe('Codex TS in VS Code (UI)', function () {
  this.timeout(120_000);
  let session: WorkbenchSession;
  const version = packageVersion();

  before(async () => {
    session = await openWorkbench({ label: 'smoke' });
  });

  after(async () => {
    if (process.env.E2E_DUMP_LOGS) console.log(session?.logs.dump());
    await session?.close();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      const name = `smoke-failed-${this.currentTest.title.replace(/\W+/g, '-')}`;
      await session.screenshot(name).catch(() => undefined);
      console.log(session.logs.dump());
    }
  });

  it('shows the Codex TS activity-bar item', async () => {
    await activityBarItem(session.page, 'Codex TS').waitFor({ timeout: 60_000 });
  });

  it('opens the chat view, which renders the React app', async () => {
    await activityBarItem(session.page, 'Codex TS').click();
    const app = webviewFrame(session.page).locator('[data-testid="codex-app"]');
    await app.waitFor({ timeout: 60_000 });
    assert.equal(await app.locator('h1').textContent(), 'New chat'); // the header shows the thread's title
  });

  it('shows the version and workspace the extension host sent (bridge round trip)', async () => {
    const frame = webviewFrame(session.page);
    await frame.locator('[data-testid="codex-app"][data-state="connected"]').waitFor({ timeout: 30_000 });
    assert.equal((await frame.locator('[data-testid="codex-version"]').textContent())?.trim(), `v${version}`);
    assert.match((await frame.locator('[data-testid="codex-host"]').textContent()) ?? '', /^Workspace: workspace/);
    assert.equal(await frame.locator('[data-testid="codex-empty"]').isVisible(), true);
  });

  it('activated the extension and logged to its "Codex TS" channel', async () => {
    await runPaletteCommand(session.page, 'Codex TS: Show Logs');
    const deadline = Date.now() + 20_000;
    while (!session.logs.extension().includes(`Codex TS ${version} activated`) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    assert.match(session.logs.extension(), new RegExp(`Codex TS ${version.replace(/\./g, '\\.')} activated`));
    assert.match(session.logs.extension(), /webview ready; sent hostInfo/);
  });

  it('loads the webview without Content-Security-Policy violations', () => {
    const violations = session.logs.browser.filter((line) => /Content Security Policy|Refused to/i.test(line));
    assert.deepEqual(violations, []);
  });

  it('"Codex TS: Open Codex Sidebar" focuses the chat view; a screenshot is saved', async () => {
    await runPaletteCommand(session.page, 'Codex TS: Open Codex Sidebar');
    await webviewFrame(session.page).locator('[data-testid="codex-version"]').waitFor({ timeout: 30_000 });
    const path = await session.screenshot('smoke-chat-view');
    assert.ok(existsSync(path), path);
  });
});
