// Extension host entry point: activation wires the sidebar view and commands.
import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('codex.showLogs', () => undefined),
  );
}

export function deactivate(): void {}
