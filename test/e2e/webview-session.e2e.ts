// A full chat session through the React UI in a real VS Code (code-server + headless chromium)
// against the mock model: send and stream, approve a command, see a patch and open its diff,
// interrupt, slash commands, an @mention, and the history scoped to the workspace (a thread of
// another folder shows only under "All workspaces"). Screenshots go to test-results/.
import { strict as assert } from 'node:assert';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { makeCodexHome, mockConfigToml, runTurn, startAppServer } from '../support/app-server-client';
import { customToolCall, functionCall, hang, type MockModel, respond, startMockModel, textReply } from '../support/mock-model';
import { activityBarItem, webviewFrame } from '../support/vscode/actions';
import { openWorkbench, type WorkbenchSession } from '../support/vscode/workbench';

describe('Codex TS chat UI: a full session (e2e)', function () {
  this.timeout(180_000);
  let session: WorkbenchSession;
  let mock: MockModel;
  let frame: FrameLocator;
  let otherDir: string;
  const savedEnv = { CODEX_HOME: process.env.CODEX_HOME, MOCK_API_KEY: process.env.MOCK_API_KEY };

  /** Types into the composer and sends with Enter. */
  async function send(text: string): Promise<void> {
    const input = frame.locator('[data-testid="composer-input"]');
    await input.fill(text);
    await input.press('Enter');
  }

  async function idle(): Promise<void> {
    await frame.locator('[data-testid="composer"][data-running="false"]').waitFor({ timeout: 30_000 });
  }

  before(async () => {
    mock = await startMockModel();
    const codexHome = makeCodexHome();
    writeFileSync(join(codexHome, 'config.toml'), mockConfigToml(mock.baseUrl));
    // A thread in another folder, made before VS Code starts: the history must hide it by default.
    otherDir = join(tmpdir(), `codex-ts-other-${process.pid}`);
    mkdirSync(otherDir, { recursive: true });
    const server = await startAppServer({ codexHome });
    try {
      mock.enqueue(textReply('Answer in the other project'));
      const { thread } = await server.request<{ thread: { id: string } }>('thread/start', { cwd: otherDir });
      await server.request('thread/name/set', { threadId: thread.id, name: 'Other project chat' });
      await runTurn(server, thread.id, 'hello from elsewhere');
    } finally {
      await server.close();
    }
    process.env.CODEX_HOME = codexHome;
    process.env.MOCK_API_KEY = 'test-key';
    session = await openWorkbench({ label: 'webview-session' });
    await activityBarItem(session.page, 'Codex TS').click();
    frame = webviewFrame(session.page);
    await frame.locator('[data-testid="codex-app"][data-state="connected"]').waitFor({ timeout: 60_000 });
    await frame.locator('[data-testid="composer-input"]').waitFor({ timeout: 60_000 });
    // The mock config.toml says approval_policy = "never"; the approval test needs the Agent mode's on-request.
    await frame.locator('[data-testid="mode-picker"]').selectOption('agent');
    await frame.locator('[data-testid="mode-override"]').waitFor({ timeout: 10_000 });
  });

  after(async () => {
    if (process.env.E2E_DUMP_LOGS) console.log(session?.logs.dump());
    await session?.close();
    await mock?.close();
    rmSync(otherDir, { recursive: true, force: true });
    for (const [key, value] of Object.entries(savedEnv)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await session.screenshot(`webview-session-failed-${this.currentTest.title.replace(/\W+/g, '-')}`).catch(() => undefined);
      console.log(session.logs.dump());
    }
  });

  it('sends a message and streams the answer into the transcript', async () => {
    mock.enqueue(textReply(['Hello ', 'from ', 'the mock ', 'model.'], { delayMs: 40 }));
    await send('Say hello');
    await frame.getByText('Hello from the mock model.').waitFor({ timeout: 30_000 });
    await idle();
    await frame.locator('[data-testid="chat-title"]', { hasText: 'Say hello' }).waitFor({ timeout: 10_000 });
    await session.screenshot('webview-session-1-streamed');
  });

  it('asks to approve a command and runs it when accepted', async () => {
    mock.enqueue(
      respond([functionCall('exec_command', { cmd: 'echo approved-run', sandbox_permissions: 'require_escalated', justification: 'Show that approvals work' })]),
      textReply('The command ran.'),
    );
    await send('Run the echo command');
    const card = frame.locator('[data-testid="approval-card"]');
    await card.waitFor({ timeout: 30_000 });
    assert.match(await card.innerText(), /echo approved-run/);
    assert.match(await card.innerText(), /Show that approvals work/);
    await frame.locator('[data-testid="waiting-bar"]').waitFor();
    // The view told the host a request waits: the Codex TS activity-bar item shows a badge.
    await session.page.locator('.activitybar .action-item .badge-content', { hasText: '1' }).first().waitFor({ timeout: 10_000 });
    await session.screenshot('webview-session-2-approval');
    await card.locator('[data-decision="accept"]').click();
    await card.waitFor({ state: 'detached', timeout: 15_000 });
    await frame.getByText('The command ran.').waitFor({ timeout: 30_000 });
    const command = frame.locator('[data-testid="item-commandExecution"]').last();
    if ((await command.getAttribute('data-open')) !== 'true') await command.locator('.tx-card-header').click();
    assert.match(await command.locator('[data-testid="command-output"]').innerText(), /approved-run/);
    await idle();
  });

  it('shows a patch and opens its diff in the editor', async () => {
    const patch = '*** Begin Patch\n*** Update File: src/greet.js\n@@\n export function greet(name) {\n-  return `Hello, ${name}!`;\n+  return `Hello there, ${name}!`;\n }\n*** End Patch';
    mock.enqueue(respond([customToolCall('apply_patch', patch)]), textReply('Patched greet.js.'));
    await send('Make the greeting warmer');
    await frame.getByText('Patched greet.js.').waitFor({ timeout: 30_000 });
    const file = frame.locator('[data-testid="file-diff"]').last();
    await file.waitFor();
    assert.match((await file.getAttribute('data-path')) ?? '', /greet\.js$/);
    assert.equal((await file.locator('[data-testid="added"]').innerText()).trim(), '+1');
    await session.screenshot('webview-session-3-patch');
    await file.getByRole('button', { name: 'Open diff' }).click();
    await session.page.locator('.tabs-container .tab', { hasText: 'greet.js' }).first().waitFor({ timeout: 20_000 });
    await session.page.locator('.monaco-diff-editor').first().waitFor({ timeout: 20_000 });
    await session.screenshot('webview-session-4-diff');
    await idle();
  });

  it('interrupts a running turn with Stop', async () => {
    mock.enqueue(hang([]));
    await send('Start something long');
    const stop = frame.locator('[data-action="stop"]');
    await stop.waitFor({ timeout: 30_000 });
    await stop.click();
    await idle();
    await frame.getByText('Interrupted').last().waitFor({ timeout: 15_000 });
  });

  it('runs slash commands: /status shows the thread, /mcp lists no servers', async () => {
    const input = frame.locator('[data-testid="composer-input"]');
    await input.fill('');
    await input.pressSequentially('/sta');
    await frame.locator('[data-testid="slash-menu"]').waitFor();
    await input.press('Enter');
    const status = frame.locator('[data-testid="slash-panel-status"]');
    await status.waitFor();
    assert.match(await status.innerText(), /Thread\s+[0-9a-f-]{36}/);
    await session.screenshot('webview-session-5-status');
    await status.press('Escape');
    await send('/mcp');
    await frame.locator('[data-testid="slash-panel-mcp"]').getByText('No MCP servers are configured.').waitFor({ timeout: 20_000 });
    await frame.locator('[data-testid="slash-panel-mcp"]').press('Escape');
  });

  it('mentions a file with @ and sends it with the message', async () => {
    mock.enqueue(textReply('I read greet.js.'));
    const input = frame.locator('[data-testid="composer-input"]');
    await input.fill('Look at ');
    await input.pressSequentially('@greet');
    const option = frame.locator('[data-testid="mention-menu"] [role="option"]', { hasText: 'greet.js' }).first();
    await option.waitFor({ timeout: 20_000 });
    await input.press('Enter');
    assert.equal(await input.inputValue(), 'Look at @src/greet.js ');
    await input.press('Enter');
    await frame.getByText('I read greet.js.').waitFor({ timeout: 30_000 });
    assert.match(mock.lastRequest('stream').rawBody, /greet\.js/);
    await idle();
  });

  it('history lists this workspace’s chats; the other folder’s chat only under "All workspaces"', async () => {
    await frame.locator('[data-action="history"]').click();
    const panel = frame.locator('[data-testid="history-panel"]');
    await panel.locator('[data-testid="history-row"]').first().waitFor({ timeout: 20_000 });
    const titles = await panel.locator('.codex-history-title').allInnerTexts();
    assert.ok(titles.some((t) => /Say hello/.test(t)), titles.join(' | '));
    assert.ok(!titles.some((t) => /Other project chat/.test(t)), titles.join(' | '));
    await session.screenshot('webview-session-6-history');
    await panel.locator('[data-testid="history-all"]').check();
    await panel.locator('.codex-history-title', { hasText: 'Other project chat' }).waitFor({ timeout: 20_000 });
    await session.screenshot('webview-session-7-history-all');
  });

  it('ran the whole session without Content-Security-Policy violations', () => {
    const bad = session.logs.browser.filter((line) => /Content Security Policy|Refused to/i.test(line));
    assert.deepEqual(bad, []);
  });
});
