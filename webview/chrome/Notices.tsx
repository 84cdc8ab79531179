// Messages from the server not tied to a turn — warnings, deprecation and config notices — shown
// under the header, each dismissable; a config notice links to its file.
import { VscodeToolbarButton } from '@vscode-elements/react-elements';
import { useStore, useWebviewStore } from '../state/hooks';
import { t } from '../l10n';
import { useHost } from './hostContext';

export function Notices(props: { threadId: string | null }): React.JSX.Element | null {
  const store = useWebviewStore();
  const client = useHost();
  const all = useStore((s) => s.notices);
  const notices = all.filter((n) => n.threadId === null || n.threadId === props.threadId).slice(-3);
  if (notices.length === 0) return null;
  return (
    <div className="codex-notices" data-testid="notices">
      {notices.map((n) => (
        <div key={n.seq} className="codex-banner codex-banner-warning" role="status" data-kind={n.kind}>
          <span className="codicon codicon-warning" aria-hidden="true" />
          <span className="codex-banner-text" title={n.details ?? undefined}>
            {n.summary}
            {n.path ? (
              <>
                {' '}
                <a
                  href="#"
                  onClick={(e) => {
                    e.preventDefault();
                    if (n.path) client.postUi({ type: 'ui/openFile', path: n.path });
                  }}
                >
                  {n.path}
                </a>
              </>
            ) : null}
          </span>
          <VscodeToolbarButton icon="close" label={t('Dismiss')} title={t('Dismiss')} onClick={() => store.dismissNotice(n.seq)} />
        </div>
      ))}
    </div>
  );
}
