// The approval card of a file change (`item/fileChange/requestApproval`): the reason, the folder
// write access asked for (grantRoot), and the diff of each file from the fileChange item the
// request is about; decision buttons from the standard decisions with keyboard shortcuts.
import type { FileUpdateChange } from '@protocol';
import { useItem } from '../state/hooks';
import { t } from '../l10n';
import { DecisionBar } from './DecisionBar';
import { buttonForKey, decisionButtons, type DecisionButton } from './decisions';
import type { FileChangeApprovalRequest } from './requestParams';
import { useCard } from './useCardFocus';

const MAX_DIFF_LINES = 400;

function lineClass(line: string): string {
  if (line.startsWith('+') && !line.startsWith('+++')) return 'codex-diff-add';
  if (line.startsWith('-') && !line.startsWith('---')) return 'codex-diff-del';
  if (line.startsWith('@@')) return 'codex-diff-hunk';
  return 'codex-diff-ctx';
}

function kindLabel(change: FileUpdateChange): string {
  switch (change.kind.type) {
    case 'add':
      return t('added');
    case 'delete':
      return t('deleted');
    case 'update':
      return change.kind.move_path ? t('moved to {0}', change.kind.move_path) : t('modified');
  }
}

export function DiffBlock(props: { change: FileUpdateChange }): React.JSX.Element {
  const lines = props.change.diff.split('\n');
  const shown = lines.slice(0, MAX_DIFF_LINES);
  return (
    <div className="codex-diff" data-testid="approval-diff" data-path={props.change.path}>
      <div className="codex-diff-header">
        <span className="codicon codicon-file" aria-hidden="true" /> {props.change.path}{' '}
        <span className="codex-muted">({kindLabel(props.change)})</span>
      </div>
      <pre className="codex-diff-body">
        {shown.map((line, i) => (
          <div key={i} className={lineClass(line)}>
            {line === '' ? ' ' : line}
          </div>
        ))}
        {lines.length > shown.length ? <div className="codex-muted">{t('… {0} more lines', lines.length - shown.length)}</div> : null}
      </pre>
    </div>
  );
}

export function FileChangeApprovalCard(props: {
  params: FileChangeApprovalRequest;
  autoFocus: boolean;
  busy: boolean;
  onDecide(button: DecisionButton): void;
}): React.JSX.Element {
  const { params } = props;
  const view = useItem(params.threadId, params.itemId);
  const changes = view?.item.type === 'fileChange' ? view.item.changes : [];
  const buttons = decisionButtons(null);
  const ref = useCard<HTMLDivElement>(props.autoFocus, (key) => {
    if (props.busy) return false;
    const button = buttonForKey(buttons, key);
    if (button) props.onDecide(button);
    return button !== undefined;
  });
  return (
    <div
      ref={ref}
      className="codex-card codex-approval"
      data-testid="approval-card"
      data-kind="fileChange"
      tabIndex={0}
      role="alertdialog"
      aria-label={t('File change approval')}
    >
      <div className="codex-card-title">
        <span className="codicon codicon-diff" aria-hidden="true" />
        {changes.length === 1 ? t('Apply this change?') : t('Apply these changes to {0} files?', changes.length)}
      </div>
      {params.reason ? <p className="codex-card-reason">{params.reason}</p> : null}
      {params.grantRoot ? (
        <p className="codex-card-meta">{t('Also allow writes under {0} for this session', params.grantRoot)}</p>
      ) : null}
      {changes.map((change) => (
        <DiffBlock key={change.path} change={change} />
      ))}
      <DecisionBar buttons={buttons} disabled={props.busy} onDecide={props.onDecide} />
    </div>
  );
}
