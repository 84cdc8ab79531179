// The chat commands of the palette, menus and keybindings: open the sidebar, new chat (the focused
// chat's; Ctrl/Cmd+N while a Codex webview has focus), new editor-tab chat, restart the server,
// show the logs, sign in with an API key and sign out. (codex.addToThread, addFileToThread,
// implementTodo and openConfig are the editor features', src/editor.)
import * as vscode from 'vscode';
import { signInWithApiKey, signOut } from '../account/signIn';
import type { ServerConnection } from '../connection';
import type { ActiveChat } from '../views/activeChat';
import type { ChatPanels } from '../views/chatPanels';
import type { SidebarChatProvider } from '../views/sidebarView';

export interface CommandDeps {
  readonly connection: ServerConnection;
  readonly log: vscode.LogOutputChannel;
  readonly sidebar: SidebarChatProvider;
  readonly panels: ChatPanels;
  readonly activeChat: ActiveChat;
  ensureStarted(): void;
}

export function registerChatCommands(deps: CommandDeps): vscode.Disposable[] {
  const { connection, log, sidebar, panels, activeChat } = deps;
  return [
    vscode.commands.registerCommand('codex.openSidebar', async () => {
      deps.ensureStarted();
      await sidebar.reveal(false);
    }),
    vscode.commands.registerCommand('codex.newChat', async () => {
      deps.ensureStarted();
      const chat = await activeChat.target();
      if (!chat) return;
      await chat.whenReady();
      chat.post({ type: 'chat/new' });
      log.info(`new chat in the ${chat.kind} chat`);
    }),
    vscode.commands.registerCommand('codex.newCodexPanel', async () => {
      deps.ensureStarted();
      await panels.open();
    }),
    vscode.commands.registerCommand('codex.restartServer', async () => {
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Restarting the Codex server…') },
        () => connection.restart(vscode.l10n.t('restart requested by the user')),
      );
    }),
    vscode.commands.registerCommand('codex.showLogs', () => log.show(true)),
    vscode.commands.registerCommand('codex.signIn', () => signInWithApiKey(connection, log)),
    vscode.commands.registerCommand('codex.signOut', () => signOut(connection, log)),
  ];
}
