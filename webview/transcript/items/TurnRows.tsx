// The rows a turn adds after its items: the plan checklist (`turn/plan/updated`), its errors
// (retry status while the server retries, the final error), and its end: interrupted/failed,
// files changed with +/- totals and "Undo turn" (or, once undone, how many files were restored),
// the turn's duration.
import { type ReactNode } from 'react';
import { t } from '../../l10n';
import { useStore } from '../../state/hooks';
import { changeLines } from './diff';
import { formatDuration, StatusIcon, useTranscript } from './common';

export function TurnPlan({ turnId }: { turnId: string }): ReactNode {
  const { threadId } = useTranscript();
  const plan = useStore((s) => s.turn(threadId, turnId)?.plan);
  if (!plan) return null;
  const done = plan.steps.filter((s) => s.status === 'completed').length;
  return (
    <div className="tx-card tx-plan" data-testid="turn-plan">
      <div className="tx-card-header tx-static">
        <span className="codicon codicon-checklist" aria-hidden="true" />
        <span className="tx-card-title" title={t('Plan')}>
          {t('Plan')}
        </span>
        <span className="tx-card-meta">{t('{0} of {1} done', done, plan.steps.length)}</span>
      </div>
      <div className="tx-card-body">
        {plan.explanation && <p className="tx-muted">{plan.explanation}</p>}
        <ul className="tx-checklist">
          {plan.steps.map((step, i) => (
            <li key={i} data-status={step.status}>
              <span
                className={`codicon ${step.status === 'completed' ? 'codicon-pass-filled' : step.status === 'inProgress' ? 'codicon-circle-large-filled' : 'codicon-circle-large-outline'}`}
                aria-label={step.status}
                role="img"
              />
              <span>{step.step}</span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

export function TurnErrors({ turnId }: { turnId: string }): ReactNode {
  const { threadId } = useTranscript();
  const turn = useStore((s) => s.turn(threadId, turnId));
  if (!turn) return null;
  const last = turn.errors.at(-1);
  const retrying = turn.status === 'inProgress' && last?.willRetry === true;
  const retries = turn.errors.filter((e) => e.willRetry).length;
  const final = turn.error ?? turn.errors.filter((e) => !e.willRetry).at(-1)?.error ?? null;
  return (
    <div className="tx-errors" data-testid="turn-errors">
      {retrying && last && (
        <div className="tx-retry" data-testid="turn-retry" role="status">
          <span className="codicon codicon-sync codicon-modifier-spin" aria-hidden="true" />
          <span>{t('Retrying ({0}): {1}', retries, last.error.message)}</span>
        </div>
      )}
      {final && (
        <div className="tx-error" data-testid="turn-error" role="alert">
          <span className="codicon codicon-error" aria-hidden="true" />
          <div>
            <div>{final.message}</div>
            {final.additionalDetails && <div className="tx-muted">{final.additionalDetails}</div>}
          </div>
        </div>
      )}
    </div>
  );
}

export function TurnEnd({ turnId }: { turnId: string }): ReactNode {
  const { threadId, client } = useTranscript();
  const turn = useStore((s) => s.turn(threadId, turnId));
  // Files changed by the turn's completed patches (item ids → items are stable references).
  const changes = useStore((s) => {
    const ids = s.turn(threadId, turnId)?.itemIds ?? [];
    let key = '';
    for (const id of ids) {
      const item = s.item(threadId, id)?.item;
      if (item?.type === 'fileChange' && item.status === 'completed') key += `${id},`;
    }
    return key;
  });
  const totals = useStore((s) => {
    let added = 0;
    let removed = 0;
    const files = new Set<string>();
    for (const id of changes.split(',').filter(Boolean)) {
      const item = s.item(threadId, id)?.item;
      if (item?.type !== 'fileChange') continue;
      for (const change of item.changes) {
        files.add(change.path);
        for (const line of changeLines(change)) {
          if (line.kind === 'add') added++;
          else if (line.kind === 'del') removed++;
        }
      }
    }
    return `${files.size}:${added}:${removed}`;
  });
  if (!turn || turn.status === 'inProgress') return null;
  const [files = 0, added = 0, removed = 0] = totals.split(':').map(Number);
  const duration = formatDuration(turn.durationMs);
  const undone = turn.undone;
  return (
    <div className="tx-turn-end" data-testid="turn-end" data-status={turn.status} data-undone={undone !== null}>
      {turn.status !== 'completed' && <StatusIcon status={turn.status === 'failed' ? 'failed' : 'interrupted'} />}
      {turn.status === 'interrupted' && <span>{t('Interrupted')}</span>}
      {files > 0 && (
        <>
          <span className="codicon codicon-files" aria-hidden="true" />
          <span>{files === 1 ? t('1 file changed') : t('{0} files changed', files)}</span>
          <span className="tx-added">+{added}</span>
          <span className="tx-removed">−{removed}</span>
          {undone === null ? (
            <button type="button" className="link-button" data-testid="undo-turn" onClick={() => client.postUi({ type: 'ui/undoTurn', threadId, turnId })}>
              <span className="codicon codicon-discard" aria-hidden="true" /> {t('Undo turn')}
            </button>
          ) : null}
        </>
      )}
      {undone !== null && (
        <span className="tx-badge tx-undone" data-testid="turn-undone">
          <span className="codicon codicon-discard" aria-hidden="true" />{' '}
          {undone.files === 1 ? t('Undone: 1 file restored') : t('Undone: {0} files restored', undone.files)}
        </span>
      )}
      <span className="tx-spacer" />
      {duration && <span className="tx-muted">{duration}</span>}
    </div>
  );
}
