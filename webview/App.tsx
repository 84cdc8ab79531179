// The chat view's root: connection banner, header (title, usage, history, new chat), history
// panel, notices, the active thread's transcript with approval cards in place, the waiting strip,
// and the composer — or the sign-in card when the server needs credentials. Re-opens the active
// thread after a reload (thread/resume) and tells the host it is ready.
import { useEffect, useState } from 'react';
import { VscodeBadge } from '@vscode-elements/react-elements';
import { ServerRequestCard } from './approvals/ServerRequestCard';
import { useHost } from './chrome/hostContext';
import { Notices } from './chrome/Notices';
import { ServerBanner } from './chrome/ServerBanner';
import { SignInCard, useAuthState } from './chrome/SignInCard';
import { WaitingBar } from './chrome/WaitingBar';
import { Composer } from './composer/Composer';
import { ComposerStore, ComposerStoreProvider, useComposerStore } from './composer/composerStore';
import { useQueueDrain } from './composer/queueDrain';
import { t } from './l10n';
import { useActiveThreadId, useHostInfo, useServerState, useStore, useWebviewStore } from './state/hooks';
import { Header } from './threads/Header';
import { HistoryPanel } from './threads/HistoryPanel';
import { leaveGoneThread, openThread } from './threads/threadActions';
import { isThreadUnknown, userErrorText } from './threads/threadErrors';
import { Transcript } from './transcript/Transcript';
import './chrome/chrome.css';
import './threads/threads.css';

let readySent = false;

/**
 * Re-opens the active thread when the view (re)loads with one the store does not hold yet. A thread
 * whose history is gone leaves the chat as a new chat with a notice; any other failure keeps the id
 * (a restarted server may know it again) and says so until the user's next action.
 */
function useReopenActiveThread(threadId: string | null): void {
  const store = useWebviewStore();
  const client = useHost();
  const hostInfo = useHostInfo();
  const server = useServerState();
  const loaded = useStore((s) => (threadId === null ? true : s.thread(threadId)?.meta != null));
  useEffect(() => {
    if (threadId === null || loaded || hostInfo === null || server.state !== 'ready') return;
    let live = true;
    openThread(store, client, threadId).catch((err: unknown) => {
      if (!live) return;
      if (isThreadUnknown(err)) leaveGoneThread(store, threadId);
      else if (store.activeThreadId === threadId) store.showChatNotice({ type: 'reopenFailed', reason: userErrorText(err) });
    });
    return () => {
      live = false;
    };
  }, [threadId, loaded, hostInfo, server.state, store, client]);
}

function EmptyChat(): React.JSX.Element {
  const host = useHostInfo();
  return (
    <section className="codex-empty" data-testid="codex-empty">
      <span className="codicon codicon-comment-discussion" aria-hidden="true" />
      <p>
        Codex TS{' '}
        {host ? (
          <VscodeBadge data-testid="codex-version" title={t('Extension version')}>
            v{host.version}
          </VscodeBadge>
        ) : null}
      </p>
      <p>{t('What should Codex do?')}</p>
      <p className="codex-muted" data-testid="codex-host">
        {host ? (host.workspaceName ? t('Workspace: {0}', host.workspaceName) : t('No folder open')) : t('Connecting to the extension…')}
      </p>
    </section>
  );
}

/** The pickers follow the opened thread's model and effort (a new chat keeps the last choice). */
function useFollowThreadModel(threadId: string | null): void {
  const composer = useComposerStore();
  const model = useStore((s) => (threadId === null ? null : (s.thread(threadId)?.meta?.model ?? null)));
  const effort = useStore((s) => (threadId === null ? null : (s.thread(threadId)?.meta?.reasoningEffort ?? null)));
  useEffect(() => {
    if (threadId === null || model === null || composer.wasStartedHere(threadId)) return;
    composer.setPrefs({ model, effort });
  }, [threadId, model, effort, composer]);
}

function AppShell(): React.JSX.Element {
  const client = useHost();
  const store = useWebviewStore();
  const hostInfo = useHostInfo();
  const threadId = useActiveThreadId();
  useFollowThreadModel(threadId);
  useQueueDrain();
  const [historyOpen, setHistoryOpen] = useState(false);
  const auth = useAuthState();
  useReopenActiveThread(threadId);

  useEffect(() => {
    if (readySent) return;
    readySent = true;
    client.postUi({ type: 'ready' });
  }, [client]);

  return (
    <main className="codex-app" data-testid="codex-app" data-state={hostInfo ? 'connected' : 'connecting'}>
      <ServerBanner />
      <Header
        threadId={threadId}
        historyOpen={historyOpen}
        onToggleHistory={() => setHistoryOpen((open) => !open)}
        onNewChat={() => {
          store.setActiveThread(null);
          setHistoryOpen(false);
        }}
      />
      {historyOpen ? <HistoryPanel activeThreadId={threadId} onClose={() => setHistoryOpen(false)} /> : null}
      <Notices threadId={threadId} />
      <div className="codex-main">
        {threadId !== null ? (
          <Transcript
            threadId={threadId}
            client={client}
            renderServerRequest={(id) => <ServerRequestCard requestId={id} />}
            empty={<EmptyChat />}
          />
        ) : (
          <EmptyChat />
        )}
      </div>
      <WaitingBar threadId={threadId} />
      {auth.state === 'signedOut' ? <SignInCard onSignedIn={auth.refresh} /> : <Composer threadId={threadId} />}
    </main>
  );
}

export function App(): React.JSX.Element {
  const [composer] = useState(() => new ComposerStore());
  return (
    <ComposerStoreProvider store={composer}>
      <AppShell />
    </ComposerStoreProvider>
  );
}
