// Public entry of the connection module: createServerConnection() wires the connection core to
// VS Code (log channel, settings, workspace folder, remote name, trace setting changes); the
// ServerConnection types and errors the other host modules use are re-exported from here.
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ConnectionCore } from './connectionCore';
import { createLaunchPreparer } from './launchResolver';
import type { ServerConnection, ServerConnectionOptions } from './types';

export * from './types';
export { RpcError, ConnectionErrorCode } from './errors';

declare const __CODEX_TS_VERSION__: string;

/** Our own identity in `initialize` (compliance logs tell clients apart by name). */
export const CLIENT_NAME = 'codex_ts_vscode';

/** The core plus the VS Code listener that applies trace setting changes live. */
class VsCodeServerConnection extends ConnectionCore {
  private readonly configListener = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('codex.trace.server')) this.applyTrace();
  });

  override dispose(): void {
    this.configListener.dispose();
    super.dispose();
  }
}

export function createServerConnection(options: ServerConnectionOptions): ServerConnection {
  const version = typeof __CODEX_TS_VERSION__ === 'string' ? __CODEX_TS_VERSION__ : '0.0.0';
  return new VsCodeServerConnection({
    log: options.log,
    getSettings: options.getSettings,
    clientInfo: { name: CLIENT_NAME, title: 'Codex TS', version },
    prepareLaunch: createLaunchPreparer({
      platform: process.platform,
      remoteName: vscode.env.remoteName,
      execPath: process.execPath,
      serverScript: path.join(options.extensionUri.fsPath, 'dist', 'server', 'cli.js'),
      cwd: () => vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? os.homedir(),
      env: process.env,
    }),
  });
}
