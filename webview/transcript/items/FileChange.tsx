// A patch of the agent: one card per file with its +/- counts and diff, and the editor actions on
// an applied one: open the change in the native diff editor, revert this file. A declined or
// failed patch says it was not applied; one whose turn the user undid is marked as undone.
import { type ReactNode, useMemo, useState } from 'react';
import type { FileUpdateChange, PatchApplyStatus, ThreadItem } from '@protocol';
import { t } from '../../l10n';
import { useStore } from '../../state/hooks';
import { baseName, StatusIcon, useTranscript } from './common';
import { changeLines, type DiffLine } from './diff';

function patchLabel(status: PatchApplyStatus, count: number): string {
  switch (status) {
    case 'inProgress':
      return count === 1 ? t('Editing 1 file') : t('Editing {0} files', count);
    case 'completed':
      return count === 1 ? t('Edited 1 file') : t('Edited {0} files', count);
    case 'declined':
      return count === 1 ? t('Change to 1 file declined, not applied') : t('Changes to {0} files declined, not applied', count);
    case 'failed':
      return count === 1 ? t('Change to 1 file failed, not applied') : t('Changes to {0} files failed, not applied', count);
  }
}

type FileChangeItem = Extract<ThreadItem, { type: 'fileChange' }>;

/** Diff lines shown per file until "Show all". */
const DIFF_VIEW_LINES = 300;

export function FileChange({ item, turnId }: { item: FileChangeItem; turnId: string }): ReactNode {
  const { threadId } = useTranscript();
  const undone = useStore((s) => s.turn(threadId, turnId)?.undone != null);
  const notApplied = item.status === 'declined' || item.status === 'failed';
  // Only an applied patch was recorded (a diff to open); only one not undone has a file to revert.
  const applied = item.status === 'completed';
  return (
    <div className={`tx-patch${notApplied || undone ? ' tx-patch-inactive' : ''}`} data-testid="item-fileChange" data-status={item.status} data-undone={undone}>
      <div className="tx-patch-header">
        <span className="codicon codicon-diff" aria-hidden="true" />
        <span className="tx-patch-title" data-testid="patch-title">
          {patchLabel(item.status, item.changes.length)}
        </span>
        {undone && item.status === 'completed' && <span className="tx-badge">{t('undone')}</span>}
        <StatusIcon status={item.status} />
      </div>
      {item.changes.map((change) => (
        <FileDiff key={change.path} change={change} itemId={item.id} turnId={turnId} applied={applied} revertable={applied && !undone} />
      ))}
    </div>
  );
}

function FileDiff(props: { change: FileUpdateChange; itemId: string; turnId: string; applied: boolean; revertable: boolean }): ReactNode {
  const { change, itemId, turnId, applied, revertable } = props;
  const { client, threadId } = useTranscript();
  const [open, setOpen] = useState(true);
  const [all, setAll] = useState(false);
  const lines = useMemo(() => changeLines(change), [change]);
  const added = lines.filter((l) => l.kind === 'add').length;
  const removed = lines.filter((l) => l.kind === 'del').length;
  const shown = all ? lines : lines.slice(0, DIFF_VIEW_LINES);
  const movedTo = change.kind.type === 'update' ? change.kind.move_path : null;
  const target = { threadId, turnId, itemId, path: change.path };
  return (
    <div className="tx-file" data-testid="file-diff" data-path={change.path}>
      <div className="tx-file-header">
        <button type="button" className="icon-button" aria-expanded={open} aria-label={open ? t('Collapse') : t('Expand')} onClick={() => setOpen(!open)}>
          <span className={`codicon ${open ? 'codicon-chevron-down' : 'codicon-chevron-right'}`} aria-hidden="true" />
        </button>
        <span className="tx-file-name" title={movedTo ? `${change.path} → ${movedTo}` : change.path}>
          {baseName(change.path)}
          {movedTo && ` → ${baseName(movedTo)}`}
        </span>
        {change.kind.type !== 'update' && <span className="tx-badge">{change.kind.type === 'add' ? t('new') : t('deleted')}</span>}
        <span className="tx-added" data-testid="added">+{added}</span>
        <span className="tx-removed" data-testid="removed">−{removed}</span>
        <span className="tx-spacer" />
        {applied && (
          <button type="button" className="icon-button" title={t('Open diff')} aria-label={t('Open diff')} onClick={() => client.postUi({ type: 'ui/openDiff', ...target })}>
            <span className="codicon codicon-diff-single" aria-hidden="true" />
          </button>
        )}
        {revertable && (
          <button type="button" className="icon-button" title={t('Revert file')} aria-label={t('Revert file')} onClick={() => client.postUi({ type: 'ui/revertFile', ...target })}>
            <span className="codicon codicon-discard" aria-hidden="true" />
          </button>
        )}
      </div>
      {open && (
        <pre className="tx-diff">
          {shown.map((line, i) => (
            <DiffRow key={i} line={line} />
          ))}
          {shown.length < lines.length && (
            <button type="button" className="link-button" onClick={() => setAll(true)}>
              {t('Show {0} more lines', lines.length - shown.length)}
            </button>
          )}
        </pre>
      )}
    </div>
  );
}

function DiffRow({ line }: { line: DiffLine }): ReactNode {
  return <span className={`tx-diff-${line.kind}`}>{line.text + '\n'}</span>;
}
