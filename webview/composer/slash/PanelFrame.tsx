// The frame of a slash command's panel above the composer: title, close button (Escape too), body.
import type { ReactNode } from 'react';
import { VscodeToolbarButton } from '@vscode-elements/react-elements';
import { t } from '../../l10n';
import { userErrorText } from '../../threads/threadErrors';

export function PanelFrame(props: { id: string; title: string; icon: string; onClose(): void; children?: ReactNode }): React.JSX.Element {
  return (
    <section
      className="codex-panel"
      data-testid={`slash-panel-${props.id}`}
      aria-label={props.title}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          props.onClose();
        }
      }}
    >
      <div className="codex-panel-title">
        <span className={`codicon codicon-${props.icon}`} aria-hidden="true" />
        <span>{props.title}</span>
        <span className="codex-header-spacer" />
        <VscodeToolbarButton icon="close" label={t('Close')} title={t('Close')} onClick={props.onClose} />
      </div>
      {props.children}
    </section>
  );
}

/** A request's error as text (as the chat shows errors: no internal ids). */
export function errorText(err: unknown): string {
  return userErrorText(err);
}
