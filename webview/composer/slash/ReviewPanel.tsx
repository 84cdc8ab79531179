// /review: review the uncommitted changes or the changes against a base branch (review/start),
// delivered inline in this chat or in a separate review chat per `codex.reviewDelivery`.
import { useState } from 'react';
import { VscodeButton } from '@vscode-elements/react-elements';
import type { ReviewTarget } from '@protocol';
import { t } from '../../l10n';
import { PanelFrame, errorText } from './PanelFrame';

export function ReviewPanel(props: {
  defaultBranch: string;
  onStart(target: ReviewTarget): Promise<void>;
  onClose(): void;
}): React.JSX.Element {
  const [kind, setKind] = useState<'uncommittedChanges' | 'baseBranch'>('uncommittedChanges');
  const [branch, setBranch] = useState(props.defaultBranch);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const start = (): void => {
    const target: ReviewTarget = kind === 'baseBranch' ? { type: 'baseBranch', branch: branch.trim() } : { type: 'uncommittedChanges' };
    if (target.type === 'baseBranch' && target.branch === '') return;
    setBusy(true);
    props.onStart(target).then(props.onClose, (err: unknown) => {
      setBusy(false);
      setError(errorText(err));
    });
  };
  return (
    <PanelFrame id="review" title={t('Code review')} icon="checklist" onClose={props.onClose}>
      <label className="codex-option">
        <input type="radio" name="review-target" checked={kind === 'uncommittedChanges'} onChange={() => setKind('uncommittedChanges')} data-testid="review-uncommitted" />
        {t('Uncommitted changes')}
      </label>
      <label className="codex-option">
        <input type="radio" name="review-target" checked={kind === 'baseBranch'} onChange={() => setKind('baseBranch')} data-testid="review-branch" />
        {t('Against a base branch')}
      </label>
      {kind === 'baseBranch' ? (
        <input
          className="codex-input"
          data-testid="review-branch-name"
          aria-label={t('Base branch')}
          list="codex-review-branches"
          value={branch}
          onChange={(e) => setBranch(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') start();
          }}
        />
      ) : null}
      <datalist id="codex-review-branches">
        {[...new Set([props.defaultBranch, 'main', 'master', 'develop'])].map((b) => (
          <option key={b} value={b} />
        ))}
      </datalist>
      {error ? <p className="codex-error">{error}</p> : null}
      <div className="codex-card-actions">
        <VscodeButton data-action="start-review" disabled={busy} onClick={start}>
          {t('Start review')}
        </VscodeButton>
      </div>
    </PanelFrame>
  );
}
