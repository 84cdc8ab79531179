// The chat commands inside the real extension host, against the real webviews (the React app says
// `ready` and gets hostInfo): open the sidebar, several editor-tab chats with their own threads,
// restore of a chat tab on its thread, new chat in the active chat, sign-out; each does what it says.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { WebviewSession } from '../../../src/bridge/webviewSession';
import type { CodexTsTestHooks } from '../../../src/extension';
import type { HostToWebviewMessage } from '../../../bridge/messages';
import { type MockModel } from '../../support/mock-model';
import { EXTENSION_ID, eventually, SERVER_KIND, testHooks, useMockModel } from './support';

/** Records what the host posts to a live session from now on. */
function spy(session: WebviewSession): HostToWebviewMessage[] {
  const posted: HostToWebviewMessage[] = [];
  const original = session.post.bind(session);
  session.post = (message) => {
    posted.push(message);
    original(message);
  };
  return posted;
}

describe(`Chat commands (${SERVER_KIND} server)`, function () {
  this.timeout(90_000);
  let hooks: CodexTsTestHooks;
  let mock: MockModel;

  before(async () => {
    hooks = await testHooks();
    mock = await useMockModel(hooks);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await mock?.close();
  });

  it('codex.openSidebar shows the sidebar chat, whose webview loads and gets hostInfo', async () => {
    await vscode.commands.executeCommand('codex.openSidebar');
    const session = await eventually('the sidebar webview', () => hooks.sidebar.current);
    await eventually('the sidebar webview ready', () => session.ready, 30_000);
    assert.equal(session.kind, 'sidebar');
    assert.equal(session.visible, true);
    // VS Code 1.100 has no extension containers in the secondary sidebar: the activity-bar view is used.
    if (vscode.version.startsWith('1.100.')) assert.equal(hooks.sidebar.viewId, 'codex.sidebarView');
  });

  it('codex.newCodexPanel opens a new editor-tab chat each time', async () => {
    const before = hooks.router.openSessions.filter((s) => s.kind === 'panel').length;
    await vscode.commands.executeCommand('codex.newCodexPanel');
    await vscode.commands.executeCommand('codex.newCodexPanel');
    const panels = await eventually('two more ready panels', () => {
      const list = hooks.router.openSessions.filter((s) => s.kind === 'panel' && s.ready);
      return list.length >= before + 2 ? list : null;
    }, 30_000);
    assert.notEqual(panels[0]?.id, panels[1]?.id);
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview);
    assert.ok(tabs.length >= 2, `${tabs.length} webview tabs`);
  });

  it('codex.newChat starts a new chat in the chat the user looks at', async () => {
    await vscode.commands.executeCommand('codex.newCodexPanel');
    const active = await eventually('a visible ready chat', () => hooks.router.activeSession()?.ready && hooks.router.activeSession());
    const posted = spy(active);
    await vscode.commands.executeCommand('codex.newChat');
    assert.deepEqual(posted.map((m) => m.type), ['chat/new']);
  });

  it('restores an editor-tab chat on the thread its webview persisted (panel serializer)', async () => {
    const panel = vscode.window.createWebviewPanel('codex.chatPanel', 'Codex', vscode.ViewColumn.Active, {});
    await hooks.panels.deserializeWebviewPanel(panel, { activeThreadId: 'thr_restored', drafts: {} });
    const session = await eventually('the restored chat', () => hooks.router.openSessions.find((s) => s.surface.initialThreadId === 'thr_restored'));
    assert.equal(session.kind, 'panel');
    assert.equal(session.threadId, 'thr_restored');
    await eventually('the restored chat loaded', () => session.ready, 30_000);
    panel.dispose();
    await eventually('the closed chat detached', () => !hooks.router.openSessions.includes(session));
  });

  it('titles an editor-tab chat with its thread\'s name', async () => {
    const { thread } = (await hooks.connection.requestUnchecked('thread/start', { cwd: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath })) as {
      thread: { id: string };
    };
    const panel = vscode.window.createWebviewPanel('codex.chatPanel', 'Codex', vscode.ViewColumn.Active, {});
    await hooks.panels.deserializeWebviewPanel(panel, { activeThreadId: thread.id, drafts: {} });
    await hooks.connection.requestUnchecked('thread/name/set', { threadId: thread.id, name: 'Fix the parser' });
    await eventually('the tab title', () => panel.title === 'Fix the parser');
    panel.dispose();
  });

  (SERVER_KIND === 'bundled' ? it : it.skip)('changing codex.cliExecutable restarts the server on that executable (the real codex) and back', async () => {
    const extensionPath = vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath ?? '';
    const config = vscode.workspace.getConfiguration('codex');
    const userAgent = (): string => {
      const state = hooks.connection.state;
      return state.state === 'ready' ? state.userAgent : '';
    };
    assert.match(userAgent(), /^codex-ts\//);
    await config.update('cliExecutable', join(extensionPath, 'node_modules', '.bin', 'codex'), vscode.ConfigurationTarget.Global);
    try {
      await eventually('the real codex serving', () => userAgent() !== '' && !userAgent().startsWith('codex-ts/'), 60_000);
    } finally {
      await config.update('cliExecutable', undefined, vscode.ConfigurationTarget.Global);
    }
    await eventually('the bundled server back', () => userAgent().startsWith('codex-ts/'), 60_000);
  });

  it('codex.signOut signs out through the server', async () => {
    await hooks.connection.request('account/login/start', { type: 'apiKey', apiKey: 'sk-host-test-0123456789' });
    const signedIn = (await hooks.connection.requestUnchecked('account/read', {})) as { account: { type: string } | null };
    assert.equal(signedIn.account?.type, 'apiKey');
    await vscode.commands.executeCommand('codex.signOut');
    const account = (await hooks.connection.requestUnchecked('account/read', {})) as { account: unknown };
    assert.equal(account.account, null);
  });
});
