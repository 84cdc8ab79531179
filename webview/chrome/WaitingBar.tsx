// The strip above the composer while the chat waits on the user: how many approvals or questions
// are pending in this thread (clicking focuses the oldest card), and a button to the other chat
// when a request waits in a thread this view is not showing (a detached review, a chat left open).
import { useStore, useWebviewStore } from '../state/hooks';
import { t } from '../l10n';

export function WaitingBar(props: { threadId: string | null }): React.JSX.Element | null {
  const store = useWebviewStore();
  const here = useStore((s) => s.pendingRequests.filter((r) => r.threadId === null || r.threadId === props.threadId).length);
  const elsewhere = useStore((s) => s.pendingRequests.find((r) => r.threadId !== null && r.threadId !== props.threadId)?.threadId ?? null);
  if (here === 0 && elsewhere === null) return null;
  const focusFirst = (): void => {
    const card = document.querySelector<HTMLElement>('[data-testid$="-card"][tabindex]');
    card?.scrollIntoView({ block: 'center' });
    card?.focus();
  };
  return (
    <>
      {here > 0 ? (
        <button type="button" className="codex-waiting" data-testid="waiting-bar" data-count={here} onClick={focusFirst}>
          <span className="codicon codicon-bell-dot" aria-hidden="true" />
          {here === 1 ? t('Waiting for your approval') : t('Waiting for your approval ({0} requests)', here)}
        </button>
      ) : null}
      {elsewhere !== null ? (
        <button type="button" className="codex-waiting" data-testid="waiting-elsewhere" onClick={() => store.setActiveThread(elsewhere)}>
          <span className="codicon codicon-bell" aria-hidden="true" />
          {t('Another chat is waiting for your approval — open it')}
        </button>
      ) : null}
    </>
  );
}
