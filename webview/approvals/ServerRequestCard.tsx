// The card for one pending server request, rendered by the transcript at its place
// (renderServerRequest): parses the request and shows the command, file change, question or MCP
// elicitation card; answering sends the result through the host and removes the card (the
// server's `serverRequest/resolved` removes it too, e.g. when the turn was interrupted).
import { useMemo, useState } from 'react';
import { VscodeButton } from '@vscode-elements/react-elements';
import { useHost } from '../chrome/hostContext';
import { answerServerRequest } from '../state/connect';
import { useStore, useWebviewStore } from '../state/hooks';
import { t } from '../l10n';
import { CommandApprovalCard } from './CommandApprovalCard';
import { ElicitationCard } from './ElicitationCard';
import { FileChangeApprovalCard } from './FileChangeApprovalCard';
import { UserInputCard } from './UserInputCard';
import { declineResult, parseServerRequest } from './requestParams';
import './approvals.css';

export function ServerRequestCard(props: { requestId: string | number }): React.JSX.Element | null {
  const store = useWebviewStore();
  const client = useHost();
  const request = useStore((s) => s.pendingRequest(props.requestId));
  // The oldest waiting request takes focus; the others wait their turn.
  const isFirst = useStore((s) => s.pendingRequests[0]?.id === props.requestId);
  const [busy, setBusy] = useState(false);
  const parsed = useMemo(() => (request ? parseServerRequest(request.method, request.params) : null), [request]);
  if (!request || !parsed) return null;

  const answer = (result: unknown): void => {
    setBusy(true);
    answerServerRequest(store, client, request.id, result);
  };

  switch (parsed.method) {
    case 'item/commandExecution/requestApproval':
      return <CommandApprovalCard params={parsed.params} autoFocus={isFirst} busy={busy} onDecide={(b) => answer({ decision: b.decision })} />;
    case 'item/fileChange/requestApproval':
      return <FileChangeApprovalCard params={parsed.params} autoFocus={isFirst} busy={busy} onDecide={(b) => answer({ decision: b.decision })} />;
    case 'item/tool/requestUserInput':
      return <UserInputCard requestId={request.id} params={parsed.params} autoFocus={isFirst} busy={busy} onAnswer={answer} />;
    case 'mcpServer/elicitation/request':
      return <ElicitationCard params={parsed.params} autoFocus={isFirst} busy={busy} onAnswer={answer} />;
    case 'unsupported':
      return (
        <div className="codex-card" data-testid="unsupported-request-card">
          <div className="codex-card-title">
            <span className="codicon codicon-warning" aria-hidden="true" />
            {t('Codex asks for something this chat cannot show ({0}).', parsed.originalMethod)}
          </div>
          <div className="codex-card-actions">
            <VscodeButton secondary disabled={busy} onClick={() => answer(declineResult(parsed.originalMethod))}>
              {t('Decline')}
            </VscodeButton>
          </div>
        </div>
      );
  }
}
