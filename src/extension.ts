// Extension host entry point: activation creates the "Codex TS" log channel, registers the sidebar
// chat view and the extension's commands.
import * as vscode from 'vscode';
import { ChatViewProvider } from './views/chatViewProvider';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Codex TS', { log: true });
  const version = String((context.extension.packageJSON as { version?: unknown }).version ?? '0.0.0');
  const chatView = new ChatViewProvider(context.extensionUri, version, log);

  context.subscriptions.push(
    log,
    chatView,
    vscode.window.registerWebviewViewProvider(ChatViewProvider.viewId, chatView, {
      webviewOptions: { retainContextWhenHidden: true },
    }),
    vscode.commands.registerCommand('codex.openChat', () =>
      vscode.commands.executeCommand(`${ChatViewProvider.viewId}.focus`),
    ),
    vscode.commands.registerCommand('codex.showLogs', () => log.show(true)),
  );
  log.info(`Codex TS ${version} activated (VS Code ${vscode.version}, ${vscode.env.appHost})`);
}

export function deactivate(): void {}
