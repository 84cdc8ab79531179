// Sets up a chat webview's options and HTML (the React bundle from dist/webview with a nonce CSP),
// shared by the sidebar views and the editor-tab chats.
import * as vscode from 'vscode';
import { createNonce, renderWebviewHtml } from './webviewHtml';

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

export function setWebviewContent(webview: vscode.Webview, extensionUri: vscode.Uri): void {
  const root = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
  webview.options = webviewOptions(extensionUri);
  webview.html = renderWebviewHtml({
    cspSource: webview.cspSource,
    nonce: createNonce(),
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'main.js')).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'main.css')).toString(),
  });
}
