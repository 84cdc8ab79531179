// A command the agent ran: the command (or what it did: read, list, search), live output while it
// runs (the last lines; the store keeps a capped tail), exit code and duration. Expandable; open
// while running.
import { type ReactNode, useMemo, useState } from 'react';
import type { CommandAction, ThreadItem } from '@protocol';
import { t } from '../../l10n';
import type { ItemView } from '../../state/types';
import { baseName, Collapsible, formatDuration, StatusIcon } from './common';

type CommandItem = Extract<ThreadItem, { type: 'commandExecution' }>;

/** Output lines shown until "Show all". */
export const OUTPUT_VIEW_LINES = 200;

export function CommandExecution({ view, item }: { view: ItemView; item: CommandItem }): ReactNode {
  const running = item.status === 'inProgress';
  const duration = formatDuration(item.durationMs);
  const summary = describeActions(item.commandActions);
  const meta = (
    <>
      {item.exitCode !== null && (
        <span className={`tx-badge ${item.exitCode === 0 ? 'tx-badge-ok' : 'tx-badge-error'}`} data-testid="exit-code">
          {t('exit {0}', item.exitCode)}
        </span>
      )}
      {duration && <span className="tx-duration">{duration}</span>}
      <StatusIcon status={item.status} />
    </>
  );
  return (
    <Collapsible
      key={running ? 'running' : 'done'}
      icon="codicon-terminal"
      title={summary ?? <code className="tx-command">{item.command}</code>}
      tooltip={summary ? `${summary}\n${item.command}` : item.command}
      meta={meta}
      defaultOpen={running}
      className="tx-exec"
      testId="item-commandExecution"
    >
      {summary && <code className="tx-command tx-command-full">{item.command}</code>}
      <Output view={view} output={item.aggregatedOutput ?? ''} running={running} />
      {item.cwd && <div className="tx-muted tx-cwd">{t('in {0}', item.cwd)}</div>}
    </Collapsible>
  );
}

function Output({ view, output, running }: { view: ItemView; output: string; running: boolean }): ReactNode {
  const [all, setAll] = useState(false);
  const { shown, hidden } = useMemo(() => tailLines(output, all ? Infinity : OUTPUT_VIEW_LINES), [output, all]);
  if (output === '' && view.stdin.length === 0) return <div className="tx-muted">{running ? t('Waiting for output…') : t('No output')}</div>;
  return (
    <div className="tx-output-wrap">
      {(hidden > 0 || view.outputDroppedChars > 0) && (
        <div className="tx-muted tx-output-note">
          {hidden > 0 && t('{0} earlier lines not shown', hidden)}
          {view.outputDroppedChars > 0 && ` ${t('({0} characters of output dropped)', view.outputDroppedChars)}`}
          {hidden > 0 && (
            <button type="button" className="link-button" onClick={() => setAll(true)}>
              {t('Show all')}
            </button>
          )}
        </div>
      )}
      <pre className="tx-output" data-testid="command-output">
        {shown}
        {view.stdin.map((line, i) => (
          <span key={i} className="tx-stdin">{`> ${line}`}</span>
        ))}
      </pre>
    </div>
  );
}

export function tailLines(text: string, max: number): { shown: string; hidden: number } {
  if (max === Infinity) return { shown: text, hidden: 0 };
  let index = text.length;
  if (text.endsWith('\n')) index--;
  for (let n = 0; n < max; n++) {
    index = text.lastIndexOf('\n', index - 1);
    if (index < 0) return { shown: text, hidden: 0 };
  }
  const head = text.slice(0, index);
  return { shown: text.slice(index + 1), hidden: head.split('\n').length };
}

function describeActions(actions: readonly CommandAction[]): string | null {
  if (actions.length === 0 || actions.some((a) => a.type === 'unknown')) return null;
  const parts = actions.map((a) => {
    switch (a.type) {
      case 'read':
        return t('Read {0}', a.name || baseName(a.path));
      case 'listFiles':
        return a.path ? t('Listed files in {0}', a.path) : t('Listed files');
      case 'search':
        return a.query ? (a.path ? t('Searched for {0} in {1}', a.query, a.path) : t('Searched for {0}', a.query)) : t('Searched');
      default:
        return '';
    }
  });
  return parts.join(', ');
}
