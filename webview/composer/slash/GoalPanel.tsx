// /goal: the thread's persistent goal — shows it (thread/goal/get, kept fresh by
// thread/goal/updated|cleared), sets a new objective (thread/goal/set) or clears it.
import { useEffect, useState } from 'react';
import { VscodeButton } from '@vscode-elements/react-elements';
import { useHost } from '../../chrome/hostContext';
import { useThread, useWebviewStore } from '../../state/hooks';
import { t } from '../../l10n';
import { PanelFrame, errorText } from './PanelFrame';

export function GoalPanel(props: { threadId: string; onClose(): void }): React.JSX.Element {
  const client = useHost();
  const store = useWebviewStore();
  const goal = useThread(props.threadId)?.goal ?? null;
  const [objective, setObjective] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    client.rpc('thread/goal/get', { threadId: props.threadId }).then(
      (r) => store.updateThread(props.threadId, { goal: r.goal }),
      (err: unknown) => setError(errorText(err)),
    );
  }, [client, store, props.threadId]);

  const run = (p: Promise<unknown>): void => {
    setBusy(true);
    setError(null);
    p.then(
      () => setBusy(false),
      (err: unknown) => {
        setBusy(false);
        setError(errorText(err));
      },
    );
  };
  const set = (): void => {
    const text = objective.trim();
    if (text === '') return;
    run(
      client.rpc('thread/goal/set', { threadId: props.threadId, objective: text, status: 'active' }).then((r) => {
        store.updateThread(props.threadId, { goal: r.goal });
        setObjective('');
      }),
    );
  };
  return (
    <PanelFrame id="goal" title={t('Goal')} icon="target" onClose={props.onClose}>
      <p data-testid="goal-current">{goal ? t('Goal: {0} ({1})', goal.objective, goal.status) : t('No goal is set for this thread.')}</p>
      <input
        className="codex-input"
        data-testid="goal-input"
        placeholder={t('New objective')}
        aria-label={t('New objective')}
        value={objective}
        onChange={(e) => setObjective(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') set();
        }}
      />
      {error ? <p className="codex-error">{error}</p> : null}
      <div className="codex-card-actions">
        <VscodeButton data-action="set-goal" disabled={busy || objective.trim() === ''} onClick={set}>
          {t('Set goal')}
        </VscodeButton>
        {goal ? (
          <VscodeButton
            data-action="clear-goal"
            secondary
            disabled={busy}
            onClick={() => run(client.rpc('thread/goal/clear', { threadId: props.threadId }).then(() => store.updateThread(props.threadId, { goal: null })))}
          >
            {t('Clear goal')}
          </VscodeButton>
        ) : null}
      </div>
    </PanelFrame>
  );
}
