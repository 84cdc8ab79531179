// Editor-tab chats (`codex.newCodexPanel`): any number of webview panels, each with its own thread,
// restored after a window reload by a WebviewPanelSerializer: the webview persists
// `{ activeThreadId, drafts }` (webview/state/store.ts) with setState, VS Code hands that state to
// the serializer, and the restored panel re-opens the thread (hostInfo.openThreadId) and is routed
// that thread's traffic and server requests before its webview even reports it.
import * as vscode from 'vscode';
import type { BridgeRouter } from '../bridge/router';
import type { WebviewSession } from '../bridge/webviewSession';
import { persistedThreadId } from './surfaceRules';
import { setWebviewContent, webviewOptions } from './webviewContent';

export const CHAT_PANEL_VIEW_TYPE = 'codex.chatPanel';

export class ChatPanels implements vscode.WebviewPanelSerializer, vscode.Disposable {
  private readonly panels = new Map<WebviewSession, vscode.WebviewPanel>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly router: BridgeRouter,
  ) {
    this.disposables.push(vscode.window.registerWebviewPanelSerializer(CHAT_PANEL_VIEW_TYPE, this));
  }

  /** Opens a new editor-tab chat (a new thread) and resolves once its webview is ready. */
  async open(): Promise<WebviewSession> {
    const panel = vscode.window.createWebviewPanel(
      CHAT_PANEL_VIEW_TYPE,
      vscode.l10n.t('Codex'),
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
      { ...webviewOptions(this.extensionUri), retainContextWhenHidden: true, enableFindWidget: true },
    );
    const session = this.adopt(panel, null);
    await session.whenReady();
    return session;
  }

  deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    this.adopt(panel, persistedThreadId(state));
    return Promise.resolve();
  }

  /** The visible panel the user used last, if any. */
  visible(): WebviewSession | null {
    for (const session of this.router.openSessions) if (session.kind === 'panel' && session.visible) return session;
    return null;
  }

  private adopt(panel: vscode.WebviewPanel, threadId: string | null): WebviewSession {
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'codex.svg');
    setWebviewContent(panel.webview, this.extensionUri);
    const title = panel.title;
    const visibility = new vscode.EventEmitter<boolean>();
    const stateListener = panel.onDidChangeViewState(() => visibility.fire(panel.visible));
    const session = this.router.attach({
      kind: 'panel',
      webview: panel.webview,
      get visible() {
        return panel.visible;
      },
      onDidChangeVisibility: visibility.event,
      onDidDispose: panel.onDidDispose,
      reveal: (preserveFocus) => panel.reveal(undefined, preserveFocus),
      showPendingCount: (count) => {
        panel.title = count > 0 ? `${title} (${count})` : title;
      },
      initialThreadId: threadId,
    });
    this.panels.set(session, panel);
    session.onDidDispose(() => {
      stateListener.dispose();
      visibility.dispose();
      this.panels.delete(session);
    });
    return session;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    for (const panel of this.panels.values()) panel.dispose();
  }
}
