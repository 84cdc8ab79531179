// The page's one store: persisted in VS Code's webview state (active thread + drafts survive
// hide/show and window reloads) and fed by the page's host client (connect.ts).
import { hostClient } from '../bridge/hostClient';
import { vscodeApi } from '../bridge/vscodeApi';
import { connectStore } from './connect';
import { WebviewStore } from './store';

let store: WebviewStore | undefined;

export function pageStore(): WebviewStore {
  if (!store) {
    const api = vscodeApi();
    store = new WebviewStore({ persistence: { load: () => api.getState(), save: (state) => api.setState(state) } });
    connectStore(store, hostClient());
  }
  return store;
}
