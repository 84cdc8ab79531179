// Messages not tied to a turn, shown under the header, each dismissable: the chat view's own notice
// (its thread is gone and it became a new chat, or re-opening the thread failed) and the server's
// warnings, deprecation and config notices (a config notice links to its file).
import { VscodeToolbarButton } from '@vscode-elements/react-elements';
import { useStore, useWebviewStore } from '../state/hooks';
import type { ChatNotice } from '../state/types';
import { t } from '../l10n';
import { useHost } from './hostContext';

function chatNoticeText(notice: ChatNotice): string {
  switch (notice.type) {
    case 'threadGone':
      return t('That chat is no longer available (its history was deleted or belongs to another Codex home). This is a new chat.');
    case 'reopenFailed':
      return t('Could not reopen the chat: {0}', notice.reason);
  }
}

function ChatNoticeBanner(): React.JSX.Element | null {
  const store = useWebviewStore();
  const notice = useStore((s) => s.chatNotice);
  if (notice === null) return null;
  const error = notice.type === 'reopenFailed';
  return (
    <div
      className={`codex-banner ${error ? 'codex-banner-error' : 'codex-banner-info'}`}
      role={error ? 'alert' : 'status'}
      data-testid="chat-notice"
      data-kind={notice.type}
    >
      <span className={`codicon ${error ? 'codicon-error' : 'codicon-info'}`} aria-hidden="true" />
      <span className="codex-banner-text">{chatNoticeText(notice)}</span>
      <VscodeToolbarButton icon="close" label={t('Dismiss')} title={t('Dismiss')} onClick={() => store.clearChatNotice()} />
    </div>
  );
}

export function Notices(props: { threadId: string | null }): React.JSX.Element | null {
  const store = useWebviewStore();
  const client = useHost();
  const all = useStore((s) => s.notices);
  const notices = all.filter((n) => n.threadId === null || n.threadId === props.threadId).slice(-3);
  return (
    <>
      <ChatNoticeBanner />
      {notices.length > 0 ? (
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
      ) : null}
    </>
  );
}
