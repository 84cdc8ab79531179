// Webview entry point: mounts the React chat UI.
import { createRoot } from 'react-dom/client';

const root = document.getElementById('root');
if (root) createRoot(root).render(<div className="codex-app">Codex TS</div>);
