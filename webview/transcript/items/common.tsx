// Pieces the item components share: a collapsible card, status icons, durations, and the
// transcript context (which thread, how to reach the host, where approval cards come from).
import { createContext, type ReactNode, useContext, useState } from 'react';
import { type HostClient, hostClient } from '../../bridge/hostClient';
import { t } from '../../l10n';

export interface TranscriptContextValue {
  readonly threadId: string;
  readonly client: HostClient;
  /** The thread's working directory: relative file links resolve against it. */
  readonly cwd: string | null;
}

export const TranscriptContext = createContext<TranscriptContextValue | null>(null);

export function useTranscript(): TranscriptContextValue {
  const value = useContext(TranscriptContext);
  if (value) return value;
  return { threadId: '', client: hostClient(), cwd: null };
}

/** Opens a file (absolute, or relative to the thread's cwd) in the editor. */
export function useOpenFile(): (path: string, line?: number) => void {
  const { client, cwd } = useTranscript();
  return (path, line) => client.postUi({ type: 'ui/openFile', path: resolvePath(cwd, path), ...(line ? { line } : {}) });
}

export function resolvePath(cwd: string | null, path: string): string {
  if (cwd === null || path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path)) return path;
  const sep = cwd.includes('\\') && !cwd.includes('/') ? '\\' : '/';
  return `${cwd.replace(/[\\/]+$/, '')}${sep}${path.replace(/^\.[\\/]/, '')}`;
}

export function baseName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).pop() ?? path;
}

export type Status = 'inProgress' | 'completed' | 'failed' | 'declined' | 'interrupted';

export function StatusIcon({ status }: { status: Status }): ReactNode {
  const icon =
    status === 'inProgress'
      ? 'codicon-loading codicon-modifier-spin'
      : status === 'completed'
        ? 'codicon-check'
        : status === 'declined'
          ? 'codicon-circle-slash'
          : status === 'interrupted'
            ? 'codicon-debug-stop'
            : 'codicon-error';
  const label = { inProgress: t('Running'), completed: t('Done'), failed: t('Failed'), declined: t('Declined'), interrupted: t('Interrupted') }[status];
  return <span className={`codicon ${icon} status-icon status-${status}`} title={label} aria-label={label} role="img" />;
}

export function formatDuration(ms: number | null | undefined): string | null {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return null;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.round(s % 60)} s`;
}

export interface CollapsibleProps {
  readonly icon: string;
  readonly title: ReactNode;
  /** The title's full text, shown on hover when a narrow view cuts the title off. */
  readonly tooltip?: string;
  readonly meta?: ReactNode;
  readonly defaultOpen?: boolean;
  readonly className?: string;
  readonly testId?: string;
  readonly children?: ReactNode;
}

/** A card whose header toggles its body (keyboard: the header is a button). */
export function Collapsible({ icon, title, tooltip, meta, defaultOpen = false, className, testId, children }: CollapsibleProps): ReactNode {
  const [open, setOpen] = useState(defaultOpen);
  return (
    <div className={`tx-card ${className ?? ''}`} data-testid={testId} data-open={open}>
      <button type="button" className="tx-card-header" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span className={`codicon ${open ? 'codicon-chevron-down' : 'codicon-chevron-right'} tx-chevron`} aria-hidden="true" />
        <span className={`codicon ${icon}`} aria-hidden="true" />
        <span className="tx-card-title" title={tooltip}>
          {title}
        </span>
        {meta !== undefined && <span className="tx-card-meta">{meta}</span>}
      </button>
      {open && children !== undefined && <div className="tx-card-body">{children}</div>}
    </div>
  );
}
