// The strip above the composer while the chat waits on the user: how many approvals or questions
// are pending in this thread; clicking it focuses the oldest card.
import { useStore } from '../state/hooks';
import { t } from '../l10n';

export function WaitingBar(props: { threadId: string | null }): React.JSX.Element | null {
  const count = useStore((s) => s.pendingRequests.filter((r) => r.threadId === null || r.threadId === props.threadId).length);
  if (count === 0) return null;
  const focusFirst = (): void => {
    const card = document.querySelector<HTMLElement>('[data-testid$="-card"][tabindex]');
    card?.scrollIntoView({ block: 'center' });
    card?.focus();
  };
  return (
    <button type="button" className="codex-waiting" data-testid="waiting-bar" data-count={count} onClick={focusFirst}>
      <span className="codicon codicon-bell-dot" aria-hidden="true" />
      {count === 1 ? t('Waiting for your approval') : t('Waiting for your approval ({0} requests)', count)}
    </button>
  );
}
