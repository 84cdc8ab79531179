// /feedback: a classification, an optional comment and optionally the logs, sent with
// feedback/upload for the current thread.
import { useState } from 'react';
import { VscodeButton } from '@vscode-elements/react-elements';
import { useHost } from '../../chrome/hostContext';
import { t } from '../../l10n';
import { PanelFrame, errorText } from './PanelFrame';

const CLASSIFICATIONS = ['bug', 'good_result', 'bad_result', 'other'] as const;

function classLabel(c: (typeof CLASSIFICATIONS)[number]): string {
  switch (c) {
    case 'bug':
      return t('Bug');
    case 'good_result':
      return t('Good result');
    case 'bad_result':
      return t('Bad result');
    case 'other':
      return t('Other');
  }
}

export function FeedbackPanel(props: { threadId: string | null; onClose(): void }): React.JSX.Element {
  const client = useHost();
  const [classification, setClassification] = useState<(typeof CLASSIFICATIONS)[number]>('bug');
  const [reason, setReason] = useState('');
  const [includeLogs, setIncludeLogs] = useState(false);
  const [state, setState] = useState<{ kind: 'idle' | 'busy' } | { kind: 'sent'; id: string } | { kind: 'error'; message: string }>({ kind: 'idle' });
  const send = (): void => {
    setState({ kind: 'busy' });
    client
      .rpc('feedback/upload', { classification, reason: reason.trim() || null, threadId: props.threadId, includeLogs })
      .then(
        (r) => setState({ kind: 'sent', id: r.threadId }),
        (err: unknown) => setState({ kind: 'error', message: errorText(err) }),
      );
  };
  return (
    <PanelFrame id="feedback" title={t('Send feedback')} icon="feedback" onClose={props.onClose}>
      {state.kind === 'sent' ? (
        <p data-testid="feedback-sent">{t('Thanks! Your feedback was sent (id {0}).', state.id)}</p>
      ) : (
        <>
          <select className="codex-select" aria-label={t('Kind of feedback')} value={classification} onChange={(e) => setClassification(e.target.value as typeof classification)}>
            {CLASSIFICATIONS.map((c) => (
              <option key={c} value={c}>
                {classLabel(c)}
              </option>
            ))}
          </select>
          <textarea
            className="codex-input"
            data-testid="feedback-reason"
            rows={3}
            placeholder={t('What happened? (optional)')}
            aria-label={t('Comment')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <label className="codex-option">
            <input type="checkbox" data-testid="feedback-logs" checked={includeLogs} onChange={(e) => setIncludeLogs(e.target.checked)} />
            {t('Include logs')}
          </label>
          {state.kind === 'error' ? <p className="codex-error">{state.message}</p> : null}
          <div className="codex-card-actions">
            <VscodeButton data-action="send-feedback" disabled={state.kind === 'busy'} onClick={send}>
              {t('Send')}
            </VscodeButton>
          </div>
        </>
      )}
    </PanelFrame>
  );
}
