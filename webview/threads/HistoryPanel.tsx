// The history panel: threads from thread/list, scoped to this workspace by default (a toggle shows
// every workspace), searchable, with archived threads on a second toggle; open (thread/resume),
// fork, archive and unarchive per row; "Load more" pages on.
import { useCallback, useEffect, useRef, useState } from 'react';
import { VscodeButton, VscodeToolbarButton } from '@vscode-elements/react-elements';
import type { Thread } from '@protocol';
import { useHost } from '../chrome/hostContext';
import { useHostInfo, useWebviewStore } from '../state/hooks';
import { t } from '../l10n';
import { userErrorText } from './threadErrors';
import { type HistoryFilter, ageOf, historyParams } from './historyQuery';
import { archiveThread, forkThread, openThread, threadTitle, unarchiveThread } from './threadActions';

const SEARCH_DEBOUNCE_MS = 200;

export function HistoryPanel(props: { activeThreadId: string | null; onClose(): void }): React.JSX.Element {
  const store = useWebviewStore();
  const client = useHost();
  const cwd = useHostInfo()?.cwd ?? null;
  const [filter, setFilter] = useState<HistoryFilter>({ scope: 'workspace', search: '', archived: false });
  const [searchText, setSearchText] = useState('');
  const [threads, setThreads] = useState<readonly Thread[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);

  const load = useCallback(
    (from: string | null) => {
      const gen = ++generation.current;
      setLoading(true);
      setError(null);
      client.rpc('thread/list', historyParams(filter, cwd, from)).then(
        (page) => {
          if (gen !== generation.current) return;
          setThreads((old) => (from === null ? page.data : [...old, ...page.data]));
          setCursor(page.nextCursor);
          setLoading(false);
        },
        (err: unknown) => {
          if (gen !== generation.current) return;
          setError(userErrorText(err));
          setLoading(false);
        },
      );
    },
    [client, filter, cwd],
  );

  useEffect(() => load(null), [load]);
  useEffect(() => {
    const timer = setTimeout(() => setFilter((f) => (f.search === searchText ? f : { ...f, search: searchText })), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [searchText]);

  const run = (action: Promise<unknown>, reload: boolean, close: boolean): void => {
    action.then(
      () => {
        if (reload) load(null);
        if (close) props.onClose();
      },
      (err: unknown) => setError(userErrorText(err)),
    );
  };

  const now = Date.now();
  const scope = filter.scope === 'workspace' && cwd !== null ? t('Chats in {0}', cwd) : t('Chats in every workspace');
  return (
    <section className="codex-history" data-testid="history-panel" aria-label={t('Chat history')}>
      <div className="codex-history-toolbar">
        <input
          className="codex-input codex-history-search"
          data-testid="history-search"
          type="search"
          placeholder={t('Search chats')}
          aria-label={t('Search chats')}
          value={searchText}
          onChange={(e) => setSearchText(e.target.value)}
        />
        <label className="codex-toggle" title={t('Show chats from every workspace')}>
          <input
            type="checkbox"
            data-testid="history-all"
            checked={filter.scope === 'all'}
            disabled={cwd === null}
            onChange={(e) => setFilter((f) => ({ ...f, scope: e.target.checked ? 'all' : 'workspace' }))}
          />
          {t('All workspaces')}
        </label>
        <label className="codex-toggle">
          <input
            type="checkbox"
            data-testid="history-archived"
            checked={filter.archived}
            onChange={(e) => setFilter((f) => ({ ...f, archived: e.target.checked }))}
          />
          {t('Archived')}
        </label>
        <VscodeToolbarButton icon="close" label={t('Close history')} title={t('Close history')} onClick={props.onClose} />
      </div>
      <p className="codex-muted codex-history-scope" data-testid="history-scope" title={scope}>
        {scope}
      </p>
      {error ? <p className="codex-error">{error}</p> : null}
      <ul className="codex-history-list" data-testid="history-list">
        {threads.map((thread) => {
          const title = threadTitle(thread.name, thread.preview) ?? t('Untitled chat');
          const meta = [ageOf(thread.updatedAt, now), filter.scope === 'all' ? thread.cwd : null, thread.gitInfo?.branch ?? null]
            .filter((part): part is string => part !== null && part !== '')
            .join(' · ');
          return (
            <li
              key={thread.id}
              className={`codex-history-row${thread.id === props.activeThreadId ? ' codex-history-active' : ''}`}
              data-testid="history-row"
              data-thread-id={thread.id}
            >
              <button
                type="button"
                className="codex-history-open"
                title={t('Open this chat')}
                onClick={() => run(openThread(store, client, thread.id), false, true)}
              >
                <span className="codex-history-title" title={title}>
                  {title}
                </span>
                <span className="codex-muted codex-history-meta" title={meta}>
                  {meta}
                </span>
              </button>
              <VscodeToolbarButton
                icon="repo-forked"
                label={t('Fork')}
                title={t('Fork into a new chat')}
                data-action="fork"
                onClick={() => run(forkThread(store, client, thread.id), false, true)}
              />
              {filter.archived ? (
                <VscodeToolbarButton
                  icon="discard"
                  label={t('Unarchive')}
                  title={t('Unarchive')}
                  data-action="unarchive"
                  onClick={() => run(unarchiveThread(store, client, thread.id), true, false)}
                />
              ) : (
                <VscodeToolbarButton
                  icon="archive"
                  label={t('Archive')}
                  title={t('Archive')}
                  data-action="archive"
                  onClick={() => run(archiveThread(store, client, thread.id), true, false)}
                />
              )}
            </li>
          );
        })}
      </ul>
      {!loading && threads.length === 0 ? (
        <p className="codex-muted" data-testid="history-empty">
          {filter.search.trim() !== '' ? t('No chats match.') : t('No chats yet.')}
        </p>
      ) : null}
      {cursor !== null ? (
        <VscodeButton secondary disabled={loading} onClick={() => load(cursor)}>
          {t('Load more')}
        </VscodeButton>
      ) : null}
    </section>
  );
}
