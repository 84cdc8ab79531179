// The chat header: the thread's title (click the pencil to rename: thread/name/set), the context
// usage, and buttons for history and a new chat.
import { useState } from 'react';
import { VscodeToolbarButton } from '@vscode-elements/react-elements';
import { useHost } from '../chrome/hostContext';
import { useStore, useThread, useWebviewStore } from '../state/hooks';
import type { WebviewStore } from '../state/store';
import { t } from '../l10n';
import { userErrorText } from './threadErrors';
import { renameThread, threadTitle } from './threadActions';
import { TokenUsage } from './TokenUsage';

/** The text of the thread's first user message in the store (a new thread's title until it has a preview). */
function firstUserText(store: WebviewStore, threadId: string): string | null {
  const thread = store.thread(threadId);
  const firstTurn = thread?.turnIds[0];
  if (!thread || firstTurn === undefined) return null;
  for (const itemId of store.turn(threadId, firstTurn)?.itemIds ?? []) {
    const item = store.item(threadId, itemId)?.item;
    if (item?.type !== 'userMessage') continue;
    const text = item.content.find((c) => c.type === 'text' && !c.text.startsWith('# Context from my IDE setup:'));
    return text?.type === 'text' ? text.text : null;
  }
  return null;
}

export function Header(props: {
  threadId: string | null;
  historyOpen: boolean;
  onToggleHistory(): void;
  onNewChat(): void;
}): React.JSX.Element {
  const store = useWebviewStore();
  const client = useHost();
  const thread = useThread(props.threadId);
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const firstMessage = useStore((st) => (props.threadId === null ? null : firstUserText(st, props.threadId)));
  const title = threadTitle(thread?.name, thread?.meta?.preview || firstMessage) ?? t('New chat');

  const commit = (): void => {
    const name = editing?.trim() ?? '';
    setEditing(null);
    if (props.threadId === null || name === '' || name === thread?.name) return;
    renameThread(store, client, props.threadId, name).catch((err: unknown) => setError(userErrorText(err)));
  };

  return (
    <header className="codex-header" data-testid="chat-header">
      {editing !== null ? (
        <input
          className="codex-input codex-title-input"
          data-testid="title-input"
          aria-label={t('Thread name')}
          autoFocus
          value={editing}
          onChange={(e) => setEditing(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
            else if (e.key === 'Escape') setEditing(null);
          }}
        />
      ) : (
        <h1 className="codex-title" data-testid="chat-title" title={title}>
          {title}
        </h1>
      )}
      {props.threadId !== null && editing === null ? (
        <VscodeToolbarButton
          icon="edit"
          label={t('Rename thread')}
          title={t('Rename thread')}
          data-action="rename"
          onClick={() => {
            setError(null);
            setEditing(thread?.name ?? title);
          }}
        />
      ) : null}
      <span className="codex-header-spacer" />
      <TokenUsage threadId={props.threadId} />
      <VscodeToolbarButton
        icon="history"
        label={t('Chat history')}
        title={t('Chat history')}
        data-action="history"
        checked={props.historyOpen}
        toggleable
        onClick={props.onToggleHistory}
      />
      <VscodeToolbarButton icon="add" label={t('New chat')} title={t('New chat')} data-action="new-chat" onClick={props.onNewChat} />
      {error ? (
        <span className="codex-error" role="alert">
          {error}
        </span>
      ) : null}
    </header>
  );
}
