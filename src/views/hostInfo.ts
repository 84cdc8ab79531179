// Builds the `hostInfo` message a chat webview gets when it says `ready`: version, workspace,
// UI kind, surface, settings, locale and its l10n bundle, the server state, and the thread the
// webview re-opens (a restored editor-tab chat's, or the one a reloaded page showed).
import * as vscode from 'vscode';
import type { HostToWebviewMessage, WebviewSettings } from '../../bridge/messages';
import type { WebviewSession } from '../bridge/webviewSession';
import type { ServerConnection } from '../connection';
import { loadWebviewBundle } from '../l10n/bundles';
import { uiLocale } from './settings';

export type HostInfo = Extract<HostToWebviewMessage, { type: 'hostInfo' }>;

export async function buildHostInfo(
  session: WebviewSession,
  deps: { version: string; extensionPath: string; connection: ServerConnection; settings(): WebviewSettings },
): Promise<HostInfo> {
  const locale = uiLocale();
  return {
    type: 'hostInfo',
    version: deps.version,
    workspaceName: vscode.workspace.name ?? null,
    cwd: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? null,
    uiKind: vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop',
    surface: session.kind,
    settings: deps.settings(),
    locale,
    l10n: await loadWebviewBundle(deps.extensionPath, locale),
    server: deps.connection.state,
    // The thread the webview shows now: a reloaded page comes back to it, not to the one its tab
    // was restored on (which the user may have left, or which fell back to a new chat as gone).
    openThreadId: session.threadId,
  };
}
