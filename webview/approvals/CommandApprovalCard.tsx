// The approval card of a command (`item/commandExecution/requestApproval`): the command line and
// its working directory, the reason, or for managed network access the host and protocol being
// asked for; decision buttons from `availableDecisions` with keyboard shortcuts.
import { t } from '../l10n';
import { DecisionBar } from './DecisionBar';
import { buttonForKey, decisionButtons, type DecisionButton } from './decisions';
import type { CommandApprovalRequest } from './requestParams';
import { useCard } from './useCardFocus';

export function CommandApprovalCard(props: {
  params: CommandApprovalRequest;
  autoFocus: boolean;
  busy: boolean;
  onDecide(button: DecisionButton): void;
}): React.JSX.Element {
  const { params } = props;
  const buttons = decisionButtons(params.availableDecisions);
  const ref = useCard<HTMLDivElement>(props.autoFocus, (key) => {
    if (props.busy) return false;
    const button = buttonForKey(buttons, key);
    if (button) props.onDecide(button);
    return button !== undefined;
  });
  const network = params.networkApprovalContext;
  return (
    <div
      ref={ref}
      className="codex-card codex-approval"
      data-testid="approval-card"
      data-kind={network ? 'network' : 'command'}
      tabIndex={0}
      role="alertdialog"
      aria-label={network ? t('Network access approval') : t('Command approval')}
    >
      <div className="codex-card-title">
        <span className={`codicon ${network ? 'codicon-globe' : 'codicon-terminal'}`} aria-hidden="true" />
        {network ? t('Allow network access?') : t('Run this command?')}
      </div>
      {network ? (
        <dl className="codex-card-facts">
          <dt>{t('Host')}</dt>
          <dd data-testid="approval-host">{network.host}</dd>
          <dt>{t('Protocol')}</dt>
          <dd>{network.protocol}</dd>
        </dl>
      ) : (
        <>
          <pre className="codex-card-command" data-testid="approval-command">
            {params.command ?? ''}
          </pre>
          {params.cwd ? (
            <div className="codex-card-meta">
              <span className="codicon codicon-folder" aria-hidden="true" /> {params.cwd}
            </div>
          ) : null}
        </>
      )}
      {params.reason ? <p className="codex-card-reason">{params.reason}</p> : null}
      <DecisionBar buttons={buttons} disabled={props.busy} onDecide={props.onDecide} />
    </div>
  );
}
