// The sidebar chat view (`codex.chatView`): serves the React webview bundle from dist/webview and
// answers its `ready` message with host facts (version, workspace, UI kind) over the typed bridge.
import * as vscode from 'vscode';
import {
  type HostToWebviewMessage,
  parseWebviewToHostMessage,
} from '../../webview/bridge/messages';
import { createNonce, renderWebviewHtml } from './webviewHtml';

export class ChatViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  static readonly viewId = 'codex.chatView';

  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly version: string,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    const webviewRoot = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    const webview = view.webview;
    webview.options = {
      enableScripts: true,
      localResourceRoots: [webviewRoot, vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
    const listener = webview.onDidReceiveMessage((message: unknown) => this.onMessage(webview, message));
    this.disposables.push(listener);
    view.onDidDispose(() => {
      listener.dispose();
      const index = this.disposables.indexOf(listener);
      if (index >= 0) this.disposables.splice(index, 1);
    });
    webview.html = renderWebviewHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot, 'main.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot, 'main.css')).toString(),
    });
    this.log.info('chat view resolved');
  }

  private onMessage(webview: vscode.Webview, message: unknown): void {
    const parsed = parseWebviewToHostMessage(message);
    if (parsed === null) {
      this.log.warn('ignoring an invalid message from the webview', message);
      return;
    }
    switch (parsed.type) {
      case 'ready': {
        const reply: HostToWebviewMessage = {
          type: 'hostInfo',
          version: this.version,
          workspaceName: vscode.workspace.name ?? null,
          cwd: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? null,
          uiKind: vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop',
          surface: 'sidebar',
          settings: { followUpQueueMode: 'queue', composerEnterBehavior: 'enter', reviewDelivery: 'inline', autoContext: true },
          locale: vscode.env.language,
          l10n: null,
          server: { state: 'starting' },
          openThreadId: null,
        };
        void webview.postMessage(reply);
        this.log.info('webview ready; sent hostInfo');
        return;
      }
      default:
        this.log.info(`webview message ${parsed.type} not handled yet`);
    }
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
