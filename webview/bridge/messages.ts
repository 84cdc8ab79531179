// The typed message bridge between the extension host (src/) and the chat webview (webview/).
// Both sides import this file and validate every message they receive with the guards below:
// postMessage data crosses a process/iframe boundary, so it is untrusted until checked.

/** Where VS Code's UI runs: the desktop app or a browser (code-server, vscode.dev, Codespaces). */
export type UiKind = 'desktop' | 'web';

/** Webview → host. `ready` is sent once the React app has mounted and can receive messages. */
export type WebviewToHostMessage = { readonly type: 'ready' };

/** Host → webview. `hostInfo` answers `ready` with facts the UI shows. */
export type HostToWebviewMessage = {
  readonly type: 'hostInfo';
  readonly version: string;
  /** The VS Code workspace name, or null when no folder is open. */
  readonly workspaceName: string | null;
  readonly uiKind: UiKind;
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isWebviewToHostMessage(value: unknown): value is WebviewToHostMessage {
  return isRecord(value) && value.type === 'ready';
}

export function isHostToWebviewMessage(value: unknown): value is HostToWebviewMessage {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'hostInfo':
      return (
        typeof value.version === 'string' &&
        (typeof value.workspaceName === 'string' || value.workspaceName === null) &&
        (value.uiKind === 'desktop' || value.uiKind === 'web')
      );
    default:
      return false;
  }
}
