// The page's one store: persisted in VS Code's webview state (active thread + drafts survive
// hide/show and window reloads) and fed by the page's host client (connect.ts); server
// notifications reach React once per animation frame.
import { hostClient } from '../bridge/hostClient';
import { vscodeApi } from '../bridge/vscodeApi';
import { connectStore } from './connect';
import { WebviewStore } from './store';

let store: WebviewStore | undefined;

export function pageStore(): WebviewStore {
  if (!store) {
    const api = vscodeApi();
    store = new WebviewStore({
      persistence: { load: () => api.getState(), save: (state) => api.setState(state) },
      // Server notifications render once per frame; the timer covers a hidden view (no frames).
      schedule: (flush) => {
        let done = false;
        const once = (): void => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          flush();
        };
        const timer = setTimeout(once, 100);
        requestAnimationFrame(once);
      },
    });
    connectStore(store, hostClient());
  }
  return store;
}
