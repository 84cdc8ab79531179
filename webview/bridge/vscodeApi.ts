// The webview side of the bridge: a typed wrapper around VS Code's `acquireVsCodeApi()` (callable
// once per page) plus a listener that drops any host message that fails validation, and the
// webview's persisted state (VS Code keeps it across hide/show and window reloads).
import {
  type HostToWebviewMessage,
  type WebviewToHostMessage,
  isHostToWebviewMessage,
} from '../../bridge/messages';

export interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

let api: VsCodeApi | undefined;

/** The page's one VS Code API object (acquired on first use). */
export function vscodeApi(): VsCodeApi {
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
