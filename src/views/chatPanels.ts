// Editor-tab chats (`codex.newCodexPanel`): any number of webview panels, each with its own thread,
// restored after a window reload by a WebviewPanelSerializer: the webview persists
// `{ activeThreadId, drafts }` (webview/state/store.ts) with setState, VS Code hands that state to
// the serializer, and the restored panel re-opens the thread (hostInfo.openThreadId) and is routed
// that thread's traffic and server requests before its webview even reports it. A tab is titled
// with its thread's name once the thread has one (`thread/name/updated`), with the number of
// requests waiting in it.
import type { ServerNotification } from '@protocol';
import * as vscode from 'vscode';
import type { BridgeRouter } from '../bridge/router';
import type { WebviewSession } from '../bridge/webviewSession';
import { persistedThreadId } from './surfaceRules';
import { setWebviewContent, webviewOptions } from './webviewContent';

export const CHAT_PANEL_VIEW_TYPE = 'codex.chatPanel';

export class ChatPanels implements vscode.WebviewPanelSerializer, vscode.Disposable {
  private readonly panels = new Map<WebviewSession, vscode.WebviewPanel>();
  /** Each panel's title without the pending-request count. */
  private readonly titles = new Map<WebviewSession, string>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly router: BridgeRouter,
    onNotification: vscode.Event<ServerNotification>,
  ) {
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(CHAT_PANEL_VIEW_TYPE, this),
      onNotification((notification) => {
        if (notification.method !== 'thread/name/updated') return;
        const { threadId, threadName } = notification.params;
        if (!threadName) return;
        for (const session of this.panels.keys()) {
          if (session.threadId === threadId) this.setTitle(session, threadName);
        }
      }),
    );
  }

  private setTitle(session: WebviewSession, title: string): void {
    this.titles.set(session, title);
    const panel = this.panels.get(session);
    if (panel) panel.title = session.pendingRequests > 0 ? `${title} (${session.pendingRequests})` : title;
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

  private adopt(panel: vscode.WebviewPanel, threadId: string | null): WebviewSession {
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'codex.svg');
    setWebviewContent(panel.webview, this.extensionUri);
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
      showPendingCount: () => this.setTitle(session, this.titles.get(session) ?? panel.title),
      initialThreadId: threadId,
    });
    this.panels.set(session, panel);
    this.titles.set(session, panel.title);
    session.onDidDispose(() => {
      stateListener.dispose();
      visibility.dispose();
      this.panels.delete(session);
      this.titles.delete(session);
    });
    return session;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    for (const panel of this.panels.values()) panel.dispose();
  }
}
