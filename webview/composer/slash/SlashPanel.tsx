// The open slash command panel above the composer (one at a time).
import type { ReviewTarget } from '@protocol';
import { useHostInfo } from '../../state/hooks';
import { t } from '../../l10n';
import { FeedbackPanel } from './FeedbackPanel';
import { GoalPanel } from './GoalPanel';
import { McpPanel } from './McpPanel';
import { ModelPanel } from './ModelPanel';
import { PanelFrame } from './PanelFrame';
import { ReviewPanel } from './ReviewPanel';
import { StatusPanel } from './StatusPanel';

export type PanelKind = 'local' | 'review' | 'status' | 'feedback' | 'goal' | 'mcp' | 'model';

export function SlashPanel(props: {
  kind: PanelKind;
  threadId: string | null;
  onReview(target: ReviewTarget): Promise<void>;
  onClose(): void;
}): React.JSX.Element | null {
  const host = useHostInfo();
  switch (props.kind) {
    case 'local':
      return (
        <PanelFrame id="local" title={t('Local')} icon="vm" onClose={props.onClose}>
          <p data-testid="local-info">
            {host?.cwd
              ? t('Codex runs locally, on this machine, in {0}. Local is the only environment for now.', host.cwd)
              : t('Codex runs locally, on this machine. Local is the only environment for now.')}
          </p>
        </PanelFrame>
      );
    case 'review':
      return <ReviewPanel defaultBranch="main" onStart={props.onReview} onClose={props.onClose} />;
    case 'status':
      return <StatusPanel threadId={props.threadId} onClose={props.onClose} />;
    case 'feedback':
      return <FeedbackPanel threadId={props.threadId} onClose={props.onClose} />;
    case 'goal':
      return props.threadId !== null ? <GoalPanel threadId={props.threadId} onClose={props.onClose} /> : null;
    case 'mcp':
      return <McpPanel threadId={props.threadId} onClose={props.onClose} />;
    case 'model':
      return <ModelPanel onClose={props.onClose} />;
  }
}
