// The webview side of the bridge: a typed wrapper around VS Code's `acquireVsCodeApi()` (callable
// once per page) plus a listener that drops any host message that fails validation.
import {
  type HostToWebviewMessage,
  type WebviewToHostMessage,
  isHostToWebviewMessage,
} from './messages';

interface VsCodeApi {
  postMessage(message: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

let api: VsCodeApi | undefined;

function vscodeApi(): VsCodeApi {
  api ??= acquireVsCodeApi();
  return api;
}

export function postToHost(message: WebviewToHostMessage): void {
  vscodeApi().postMessage(message);
}

/** Subscribes to validated host messages; returns the unsubscribe function. */
export function onHostMessage(handler: (message: HostToWebviewMessage) => void): () => void {
  const listener = (event: MessageEvent<unknown>): void => {
    if (isHostToWebviewMessage(event.data)) handler(event.data);
    else console.warn('[codex-ts] ignoring an invalid message from the extension host', event.data);
  };
  window.addEventListener('message', listener);
  return () => window.removeEventListener('message', listener);
}
