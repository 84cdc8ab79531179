// The row of decision buttons of an approval card, one per available decision, each showing its
// keyboard shortcut; the card's key handler presses them (see decisions.ts for the keys).
import { VscodeButton } from '@vscode-elements/react-elements';
import { t } from '../l10n';
import type { DecisionButton, DecisionKind } from './decisions';

function label(button: DecisionButton): string {
  const labels: Record<DecisionKind, () => string> = {
    accept: () => t('Accept'),
    acceptForSession: () => t('Accept for this session'),
    acceptWithExecpolicyAmendment: () => t('Always allow'),
    applyNetworkPolicyAmendment: () =>
      button.network?.action === 'deny'
        ? t('Always deny {0}', button.network.host)
        : t('Always allow {0}', button.network?.host ?? ''),
    decline: () => t('Decline'),
    cancel: () => t('Cancel turn'),
  };
  return labels[button.kind]();
}

export function DecisionBar(props: {
  buttons: readonly DecisionButton[];
  disabled: boolean;
  onDecide(button: DecisionButton): void;
}): React.JSX.Element {
  const rule = props.buttons.find((b) => b.rule)?.rule;
  return (
    <>
      {rule ? (
        <p className="codex-card-meta" data-testid="approval-rule">
          {t('"Always allow" adds a rule: commands starting with')} <code>{rule.join(' ')}</code>
        </p>
      ) : null}
      <div className="codex-card-actions" role="group">
        {props.buttons.map((button) => (
          <VscodeButton
            key={`${button.kind}:${button.network?.action ?? ''}`}
            data-decision={button.kind}
            secondary={!button.primary}
            disabled={props.disabled}
            title={t('Shortcut: {0}', button.shortcutLabel)}
            onClick={() => props.onDecide(button)}
          >
            {label(button)} <kbd className="codex-kbd">{button.shortcutLabel}</kbd>
          </VscodeButton>
        ))}
      </div>
    </>
  );
}
