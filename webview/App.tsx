// The chat view's root component: sends `ready` to the extension host, shows the header with the
// host facts from `hostInfo`, and the empty-conversation state. The chat itself comes later.
import { useEffect, useState } from 'react';
import { VscodeBadge } from '@vscode-elements/react-elements';
import type { HostToWebviewMessage } from './bridge/messages';
import { onHostMessage, postToHost } from './bridge/vscodeApi';

type HostInfo = Extract<HostToWebviewMessage, { type: 'hostInfo' }>;

export function App(): React.JSX.Element {
  const [hostInfo, setHostInfo] = useState<HostInfo | null>(null);

  useEffect(() => {
    const unsubscribe = onHostMessage((message) => {
      if (message.type === 'hostInfo') setHostInfo(message);
    });
    postToHost({ type: 'ready' });
    return unsubscribe;
  }, []);

  return (
    <main className="codex-app" data-testid="codex-app" data-state={hostInfo ? 'connected' : 'connecting'}>
      <header className="codex-header">
        <span className="codicon codicon-comment-discussion" aria-hidden="true" />
        <h1 className="codex-title">Codex TS</h1>
        {hostInfo && (
          <VscodeBadge data-testid="codex-version" title="Extension version">
            v{hostInfo.version}
          </VscodeBadge>
        )}
      </header>
      <p className="codex-host" data-testid="codex-host">
        {hostInfo
          ? hostInfo.workspaceName
            ? `Workspace: ${hostInfo.workspaceName}`
            : 'No folder open'
          : 'Connecting to the extension…'}
      </p>
      <section className="codex-empty" data-testid="codex-empty">
        <span className="codicon codicon-comment" aria-hidden="true" />
        <p>No conversation yet.</p>
      </section>
    </main>
  );
}
