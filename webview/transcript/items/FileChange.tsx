// A patch the agent applied: one card per file with its +/- counts and diff, and the editor
// actions: open the change in the native diff editor, revert this file.
import { type ReactNode, useMemo, useState } from 'react';
import type { FileUpdateChange, ThreadItem } from '@protocol';
import { t } from '../../l10n';
import { baseName, StatusIcon, useTranscript } from './common';
import { changeLines, type DiffLine } from './diff';

function editedLabel(inProgress: boolean, count: number): string {
  if (inProgress) return count === 1 ? t('Editing 1 file') : t('Editing {0} files', count);
  return count === 1 ? t('Edited 1 file') : t('Edited {0} files', count);
}

type FileChangeItem = Extract<ThreadItem, { type: 'fileChange' }>;

/** Diff lines shown per file until "Show all". */
const DIFF_VIEW_LINES = 300;

export function FileChange({ item, turnId }: { item: FileChangeItem; turnId: string }): ReactNode {
  return (
    <div className="tx-patch" data-testid="item-fileChange">
      <div className="tx-patch-header">
        <span className="codicon codicon-diff" aria-hidden="true" />
        <span>{editedLabel(item.status === 'inProgress', item.changes.length)}</span>
        <StatusIcon status={item.status} />
      </div>
      {item.changes.map((change) => (
        <FileDiff key={change.path} change={change} itemId={item.id} turnId={turnId} applied={item.status === 'completed'} />
      ))}
    </div>
  );
}

function FileDiff({ change, itemId, turnId, applied }: { change: FileUpdateChange; itemId: string; turnId: string; applied: boolean }): ReactNode {
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
        <span className="tx-file-name" title={change.path}>
          {baseName(change.path)}
          {movedTo && ` → ${baseName(movedTo)}`}
        </span>
        {change.kind.type !== 'update' && <span className="tx-badge">{change.kind.type === 'add' ? t('new') : t('deleted')}</span>}
        <span className="tx-added" data-testid="added">+{added}</span>
        <span className="tx-removed" data-testid="removed">−{removed}</span>
        <span className="tx-spacer" />
        <button type="button" className="icon-button" title={t('Open diff')} aria-label={t('Open diff')} onClick={() => client.postUi({ type: 'ui/openDiff', ...target })}>
          <span className="codicon codicon-diff-single" aria-hidden="true" />
        </button>
        {applied && (
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
