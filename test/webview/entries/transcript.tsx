// Test entry for the harness: the page store (fed by the fake host) and <Transcript> for the
// active thread, which it opens like the app does for a long thread (loadLatestTurns: thread/read
// + the newest page of thread/turns/list). The approval-card slot renders a marker per request.
import '@vscode/codicons/dist/codicon.css';
import '../../../webview/styles.css';
import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { hostClient } from '../../../webview/bridge/hostClient';
import { useActiveThreadId, useHostInfo } from '../../../webview/state/hooks';
import { loadLatestTurns } from '../../../webview/state/paging';
import { pageStore } from '../../../webview/state/pageStore';
import { Transcript } from '../../../webview/transcript/Transcript';

function TranscriptPage(): React.JSX.Element {
  const threadId = useActiveThreadId();
  const hostInfo = useHostInfo();
  useEffect(() => {
    hostClient().postUi({ type: 'ready' });
  }, []);
  useEffect(() => {
    if (hostInfo && threadId) void loadLatestTurns(pageStore(), hostClient(), threadId).catch((e: unknown) => console.error(e));
  }, [hostInfo, threadId]);
  return (
    <main className="codex-app" style={{ padding: 0 }}>
      {threadId && (
        <Transcript
          threadId={threadId}
          empty={<p data-testid="transcript-empty">empty</p>}
          renderServerRequest={(id) => (
            <div className="request-slot" data-testid="request-slot" data-request-id={String(id)}>
              request {String(id)}
            </div>
          )}
        />
      )}
    </main>
  );
}

pageStore();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <TranscriptPage />
    </StrictMode>,
  );
}
