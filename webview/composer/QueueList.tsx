// The follow-ups queued while a turn runs, shown above the composer: each can be edited in place or
// removed, and "Send now" steers the running turn with it instead; the queue drains (oldest first)
// when the turn ends.
import { useState } from 'react';
import { VscodeToolbarButton } from '@vscode-elements/react-elements';
import { t } from '../l10n';
import { type QueuedMessage, useComposer, useComposerStore } from './composerStore';

function QueueRow(props: { threadId: string; message: QueuedMessage; onSteer(message: QueuedMessage): void }): React.JSX.Element {
  const composer = useComposerStore();
  const [editing, setEditing] = useState<string | null>(null);
  const { message } = props;
  const extras = message.content.images.length + message.chips.length;
  return (
    <li className="codex-queue-row" data-testid="queue-row" data-queue-id={message.id}>
      <span className="codicon codicon-clock" aria-hidden="true" />
      {editing !== null ? (
        <textarea
          className="codex-input codex-queue-edit"
          data-testid="queue-edit"
          aria-label={t('Edit queued message')}
          autoFocus
          value={editing}
          onChange={(e) => setEditing(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              if (editing.trim() === '' && extras === 0) composer.removeQueued(props.threadId, message.id);
              else composer.updateQueued(props.threadId, message.id, editing);
              setEditing(null);
            } else if (e.key === 'Escape') setEditing(null);
          }}
          onBlur={() => {
            if (editing.trim() !== '' || extras > 0) composer.updateQueued(props.threadId, message.id, editing);
            setEditing(null);
          }}
        />
      ) : (
        <span className="codex-queue-text" data-testid="queue-text" title={message.content.text} onDoubleClick={() => setEditing(message.content.text)}>
          {message.content.text}
          {extras > 0 ? <span className="codex-muted"> {t('(+{0} attachments)', extras)}</span> : null}
        </span>
      )}
      <VscodeToolbarButton icon="edit" label={t('Edit')} title={t('Edit')} data-action="edit" onClick={() => setEditing(message.content.text)} />
      <VscodeToolbarButton
        icon="debug-step-into"
        label={t('Send now (steer the running turn)')}
        title={t('Send now (steer the running turn)')}
        data-action="steer"
        onClick={() => {
          composer.removeQueued(props.threadId, message.id);
          props.onSteer(message);
        }}
      />
      <VscodeToolbarButton
        icon="trash"
        label={t('Remove')}
        title={t('Remove')}
        data-action="remove"
        onClick={() => composer.removeQueued(props.threadId, message.id)}
      />
    </li>
  );
}

export function QueueList(props: { threadId: string | null; onSteer(message: QueuedMessage): void }): React.JSX.Element | null {
  const queue = useComposer((c) => c.queue(props.threadId));
  if (props.threadId === null || queue.length === 0) return null;
  return (
    <section className="codex-queue" data-testid="queue" aria-label={t('Queued messages')}>
      <div className="codex-muted codex-queue-title">{t('Queued — sent when the current turn ends')}</div>
      <ul className="codex-queue-list">
        {queue.map((m) => (
          <QueueRow key={m.id} threadId={props.threadId ?? ''} message={m} onSteer={props.onSteer} />
        ))}
      </ul>
    </section>
  );
}
