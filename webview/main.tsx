// Webview entry point: loads the stylesheets (theme-aware app styles and the codicon font, which
// esbuild emits into dist/webview/main.css + codicon.ttf), connects the page's store to the host
// (before `ready` is sent, so hostInfo is not missed) and mounts the React chat UI.
import '@vscode/codicons/dist/codicon.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { reportFocus } from './bridge/focusReporter';
import { pageStore } from './state/pageStore';

pageStore();
reportFocus();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
