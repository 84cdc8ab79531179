// The extension's commands and crash recovery through the real VS Code UI (code-server + headless
// chromium), with the bundled server on the mock model: the palette commands do what they say,
// Ctrl+N starts a new chat only while a Codex webview has focus, editor-tab chats come back after a
// reload, sign-in stores the key without logging it, an approval for a hidden chat reveals it with a
// notification and a badge, the image picker attaches a file, and a kill -9 of the server shows the restart
// banner in the chat and reconnects. Run by `npm run test:e2e`.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Page } from 'playwright-core';
import { mockConfigToml } from '../support/app-server-client';
import { functionCall, respond, startMockModel, textReply, type MockModel } from '../support/mock-model';
import { activityBarItem, runPaletteCommand, webviewFrame } from '../support/vscode/actions';
import { newSessionDir } from '../support/vscode/paths';
import { sleep } from '../support/vscode/processes';
import { openWorkbench, type WorkbenchSession } from '../support/vscode/workbench';

/** The pid of the app-server the extension started for this session (its CODEX_HOME is ours). */
function serverPid(codexHome: string): number | null {
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmdline.includes('app-server')) continue;
      if (readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(`CODEX_HOME=${codexHome}`)) return Number(pid);
    } catch {
      // exited, or not ours to read
    }
  }
  return null;
}

async function until<T>(what: string, probe: () => T | null | undefined | false, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

/** A 1×1 transparent PNG. */
const PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

async function notification(page: Page, text: string): Promise<void> {
  const toast = page.locator('.notifications-toasts .notification-list-item', { hasText: text }).first();
  await toast.waitFor({ timeout: 30_000 });
}

describe('Codex TS commands and crash recovery (UI)', function () {
  this.timeout(150_000);
  let session: WorkbenchSession;
  let mock: MockModel;
  let codexHome: string;

  before(async () => {
    mock = await startMockModel();
    codexHome = newSessionDir('codex-home');
    writeFileSync(join(codexHome, 'config.toml'), mockConfigToml(mock.baseUrl));
    session = await openWorkbench({
      label: 'commands',
      env: { CODEX_HOME: codexHome, MOCK_API_KEY: 'test-key' },
      settings: {
        'codex.trace.server': 'verbose', // the whole JSON-RPC traffic goes to the log
        'codex.openOnStartup': true,
        'codex.localeOverride': 'de', // the chat in German (l10n/bundle.l10n.de.json)
      },
    });
    // The extension's contributions (palette entries included) are there once its container is.
    await activityBarItem(session.page, 'Codex TS').waitFor({ timeout: 60_000 });
  });

  after(async () => {
    if (process.env.E2E_DUMP_LOGS) console.log(session?.logs.dump());
    await session?.close();
    await mock?.close();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await session.screenshot(`commands-failed-${this.currentTest.title.replace(/\W+/g, '-')}`).catch(() => undefined);
      console.log(session.logs.dump());
    }
  });

  it('codex.openOnStartup opens the sidebar chat, which starts the server', async () => {
    await webviewFrame(session.page).locator('[data-testid="codex-app"]').waitFor({ timeout: 60_000 });
    await until('the server process', () => serverPid(codexHome), 60_000);
    await until('hostInfo sent', () => /sidebar webview ready; sent hostInfo/.test(session.logs.extension()));
  });

  it('codex.localeOverride shows the chat in that language', async () => {
    const frame = webviewFrame(session.page);
    await frame.getByText('Neuer Chat').first().waitFor({ timeout: 30_000 });
    await frame.getByText('Was soll Codex tun?').first().waitFor({ timeout: 10_000 });
    await session.screenshot('commands-chat-in-german');
  });

  it('"Open Codex Sidebar" shows the chat again after the sidebar was closed', async () => {
    const app = webviewFrame(session.page).locator('[data-testid="codex-app"]');
    await runPaletteCommand(session.page, 'View: Close Primary Side Bar');
    await app.waitFor({ state: 'hidden', timeout: 20_000 });
    await runPaletteCommand(session.page, 'Codex TS: Open Codex Sidebar');
    await app.waitFor({ timeout: 30_000 });
  });

  it('Ctrl+N starts a new chat while the Codex chat has focus', async () => {
    await webviewFrame(session.page).locator('[data-testid="codex-app"]').click({ position: { x: 20, y: 20 } });
    await session.page.keyboard.press('Control+N');
    await until('the new chat', () => /new chat in the sidebar chat/.test(session.logs.extension()), 20_000);
    const untitled = session.page.locator('.tabs-container .tab', { hasText: 'Untitled' });
    assert.equal(await untitled.count(), 0, 'no untitled file was opened');
  });

  it('"Sign In with API Key" stores the key without logging it; "Sign Out" removes it', async () => {
    const key = 'sk-e2e-secret-0123456789';
    await runPaletteCommand(session.page, 'Codex TS: Sign In with API Key', { opensInput: true });
    const input = session.page.locator('.quick-input-widget input[type="password"]');
    await input.waitFor({ timeout: 20_000 });
    await input.fill(key);
    await input.press('Enter');
    await notification(session.page, 'Signed in to Codex with an API key.');
    assert.ok(readFileSync(join(codexHome, 'auth.json'), 'utf8').includes(key), 'the server stored the key');
    await until('the traced login request', () => /\[trace\] Sending request 'account\/login\/start/.test(session.logs.extension()));
    assert.match(session.logs.extension(), /"apiKey": "\[redacted\]"/);
    assert.ok(!session.logs.extension().includes(key), 'the key is not in the log, even with verbose tracing');
    await runPaletteCommand(session.page, 'Codex TS: Sign Out');
    await notification(session.page, 'Signed out of Codex.');
    const auth = existsSync(join(codexHome, 'auth.json')) ? readFileSync(join(codexHome, 'auth.json'), 'utf8') : '';
    assert.ok(!auth.includes(key), 'the key is gone');
  });

  it('an approval for a hidden chat reveals it, notifies, and badges the view until answered', async () => {
    const frame = webviewFrame(session.page);
    await runPaletteCommand(session.page, 'Codex TS: Open Codex Sidebar');
    mock.enqueue(
      // Outside the sandbox: asks for approval in the Agent mode picked below (on-request).
      respond(
        [functionCall('exec_command', { cmd: 'touch approval-file', sandbox_permissions: 'require_escalated', justification: 'e2e', yield_time_ms: 10000 }, { callId: 'call_touch' })],
        { delayMs: 700 },
      ),
      textReply('Declined, stopping.'),
    );
    const input = frame.locator('[data-testid="composer-input"]');
    await input.waitFor({ timeout: 30_000 });
    // The mock config.toml says approval_policy = "never": pick the Agent mode (on-request), which overrides it.
    await frame.locator('[data-testid="mode-picker"]').selectOption('agent');
    await input.fill('touch a file');
    await input.press('Enter');
    await mock.waitForRequests(1, { endpoint: 'responses', timeoutMs: 30_000 });
    await activityBarItem(session.page, 'Explorer').click(); // the chat is hidden while the reply streams
    await notification(session.page, 'Codex needs your approval to continue.');
    const card = frame.locator('[data-testid="approval-card"]');
    await card.waitFor({ timeout: 30_000 }); // revealed
    const badge = session.page.locator('.activitybar .action-item', { has: session.page.locator('a[aria-label^="Codex TS"]') }).locator('.badge-content');
    assert.equal((await badge.textContent({ timeout: 10_000 }))?.trim(), '1');
    await card.locator('[data-decision="decline"]').click();
    await card.waitFor({ state: 'detached', timeout: 30_000 });
    await badge.waitFor({ state: 'hidden', timeout: 20_000 });
  });

  it('the chat\'s image picker opens the editor\'s file dialog and attaches the chosen image', async () => {
    const png = join(session.workspaceDir, 'pixel.png');
    writeFileSync(png, Buffer.from(PIXEL_PNG, 'base64'));
    const frame = webviewFrame(session.page);
    await runPaletteCommand(session.page, 'Codex TS: Open Codex Sidebar');
    await frame.locator('[data-action="pick-images"]').click();
    // VS Code's own file dialog (a quick input in the browser): once it lists the folder, choose the file.
    const dialog = session.page.locator('.quick-input-widget', { hasText: 'Attach images' });
    await dialog.locator('.monaco-list-row', { hasText: 'pixel.png' }).waitFor({ timeout: 20_000 });
    await dialog.locator('input').fill(png);
    await dialog.locator('.monaco-button', { hasText: 'Attach' }).click();
    const chip = frame.locator('[data-testid="image-chip"]');
    await chip.waitFor({ timeout: 20_000 });
    assert.equal(await chip.getAttribute('title'), 'pixel.png');
  });

  it('changing codex.runCodexInWindowsSubsystemForLinux offers a window reload', async () => {
    await runPaletteCommand(session.page, 'Preferences: Open User Settings');
    const search = session.page.locator('.settings-editor .suggest-input-container .monaco-editor textarea, .settings-editor .search-container textarea').first();
    await search.waitFor({ timeout: 30_000 });
    await search.fill('codex.runCodexInWindowsSubsystemForLinux');
    const checkbox = session.page.locator('.settings-editor .setting-item-bool .setting-value-checkbox').first();
    await checkbox.waitFor({ timeout: 30_000 });
    await checkbox.click();
    await notification(session.page, 'Reload the window to run the Codex server in the new place?');
    await checkbox.click(); // back to the default (offers the reload again; not taken)
    await session.page.keyboard.press('Escape');
    await runPaletteCommand(session.page, 'View: Close All Editors');
  });

  it('kill -9 of the server: the chat shows the restart banner, then reconnects', async () => {
    await runPaletteCommand(session.page, 'Codex TS: Open Codex Sidebar');
    const pid = await until('the server process', () => serverPid(codexHome));
    process.kill(pid, 'SIGKILL');
    const banner = webviewFrame(session.page).locator('[data-testid="server-banner"]');
    await banner.first().waitFor({ timeout: 30_000 });
    await webviewFrame(session.page).locator('[data-testid="server-banner"][data-state="reconnected"]').waitFor({ timeout: 60_000 });
    const next = await until('a new server process', () => {
      const now = serverPid(codexHome);
      return now !== null && now !== pid ? now : null;
    });
    assert.notEqual(next, pid);
    await session.screenshot('commands-reconnected-banner');
  });

  it('"Restart Server" starts a new server process', async () => {
    const before = await until('the server process', () => serverPid(codexHome));
    await runPaletteCommand(session.page, 'Codex TS: Restart Server');
    const after = await until('a new server process', () => {
      const now = serverPid(codexHome);
      return now !== null && now !== before ? now : null;
    });
    assert.notEqual(after, before);
    assert.match(session.logs.extension(), /Restarting the Codex server: restart requested by the user/);
  });

  it('"New Codex Chat in Editor" opens editor-tab chats that come back after a reload', async () => {
    const tabs = session.page.locator('.tabs-container .tab', { hasText: 'Codex' });
    await runPaletteCommand(session.page, 'Codex TS: New Codex Chat in Editor');
    await tabs.first().waitFor({ timeout: 30_000 });
    await until('the chat tab loaded', () => /panel webview ready; sent hostInfo/.test(session.logs.extension()));
    await runPaletteCommand(session.page, 'Codex TS: New Codex Chat in Editor');
    await tabs.nth(1).waitFor({ timeout: 30_000 });
    assert.equal(await tabs.count(), 2);
    // The second chat loads (and may take the focus) before the palette opens again.
    await until('the second chat tab loaded', () => (session.logs.extension().match(/panel webview ready; sent hostInfo/g) ?? []).length >= 2);
    // An orderly reload (the workbench saves its editors and their webview state on shutdown).
    await runPaletteCommand(session.page, 'Developer: Reload Window');
    await session.page.waitForEvent('load', { timeout: 60_000 }).catch(() => undefined);
    await session.page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 60_000 });
    await tabs.nth(1).waitFor({ timeout: 60_000 });
    assert.equal(await tabs.count(), 2);
    await tabs.first().click();
    await webviewFrame(session.page).locator('[data-testid="codex-app"]').first().waitFor({ timeout: 60_000 });
    await session.screenshot('commands-restored-chat-tabs');
  });

});
