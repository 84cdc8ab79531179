// The sidebar chat: one WebviewViewProvider serving both view ids — `codex.sidebarSecondaryView` in
// the secondary sidebar where the editor supports extension containers there (VS Code ≥ 1.106),
// else `codex.sidebarView` in the activity bar (the `codex.doesNotSupportSecondarySidebar` context
// key picks one, as the official extension does). Pending server requests show as a view badge.
import * as vscode from 'vscode';
import type { BridgeRouter } from '../bridge/router';
import type { WebviewSession } from '../bridge/webviewSession';
import { supportsSecondarySidebar } from './surfaceRules';
import { setWebviewContent } from './webviewContent';

export const SIDEBAR_VIEW_ID = 'codex.sidebarView';
export const SECONDARY_SIDEBAR_VIEW_ID = 'codex.sidebarSecondaryView';

export class SidebarChatProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  /** The view id this editor shows (the other container is hidden by its when-clause). */
  readonly viewId = supportsSecondarySidebar(vscode.version) ? SECONDARY_SIDEBAR_VIEW_ID : SIDEBAR_VIEW_ID;
  private session: WebviewSession | null = null;
  private readonly resolvedEmitter = new vscode.EventEmitter<WebviewSession>();
  private readonly disposables: vscode.Disposable[] = [this.resolvedEmitter];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly router: BridgeRouter,
  ) {
    void vscode.commands.executeCommand('setContext', 'codex.doesNotSupportSecondarySidebar', this.viewId === SIDEBAR_VIEW_ID);
    for (const id of [SIDEBAR_VIEW_ID, SECONDARY_SIDEBAR_VIEW_ID]) {
      this.disposables.push(
        vscode.window.registerWebviewViewProvider(id, this, { webviewOptions: { retainContextWhenHidden: true } }),
      );
    }
  }

  /** The sidebar chat's session, if the view has been resolved and is open. */
  get current(): WebviewSession | null {
    return this.session && !this.session.isDisposed ? this.session : null;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    setWebviewContent(view.webview, this.extensionUri);
    const visibility = new vscode.EventEmitter<boolean>();
    const visibilityListener = view.onDidChangeVisibility(() => {
      visibility.fire(view.visible);
      void vscode.commands.executeCommand('setContext', 'codex.sidebarVisible', view.visible);
    });
    void vscode.commands.executeCommand('setContext', 'codex.sidebarVisible', view.visible);
    const session = this.router.attach({
      kind: 'sidebar',
      webview: view.webview,
      get visible() {
        return view.visible;
      },
      onDidChangeVisibility: visibility.event,
      onDidDispose: view.onDidDispose,
      reveal: (preserveFocus) => view.show(preserveFocus),
      showPendingCount: (count) => {
        // A zero badge rather than undefined: VS Code 1.100 does not clear a webview view's badge
        // set to undefined, while a number badge of 0 is not drawn.
        view.badge = { value: count, tooltip: count > 0 ? vscode.l10n.t('{0} request(s) waiting for you', count) : '' };
      },
      initialThreadId: null,
    });
    session.onDidDispose(() => {
      visibilityListener.dispose();
      visibility.dispose();
      void vscode.commands.executeCommand('setContext', 'codex.sidebarVisible', false);
      if (this.session === session) this.session = null;
    });
    this.session = session;
    this.resolvedEmitter.fire(session);
  }

  /** Shows the sidebar chat (resolving it if needed) and resolves once its webview is ready. */
  async reveal(preserveFocus = false, timeoutMs = 30_000): Promise<WebviewSession | null> {
    const current = this.current;
    if (current && !current.visible) current.surface.reveal(preserveFocus);
    if (!current) {
      const resolved = new Promise<WebviewSession>((resolve) => {
        const once = this.resolvedEmitter.event((s) => {
          once.dispose();
          resolve(s);
        });
      });
      await vscode.commands.executeCommand(`${this.viewId}.focus`, { preserveFocus });
      const session = await withTimeout(resolved, timeoutMs);
      if (!session) return null;
      return (await withTimeout(session.whenReady().then(() => session), timeoutMs)) ?? null;
    }
    if (!preserveFocus) await vscode.commands.executeCommand(`${this.viewId}.focus`);
    return (await withTimeout(current.whenReady().then(() => current), timeoutMs)) ?? null;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), ms);
    void promise.then((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}
