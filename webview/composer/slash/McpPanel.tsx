// /mcp: the configured MCP servers with their connection status, auth state and tool count
// (mcpServerStatus/list), and Reload (config/mcpServer/reload) after editing the config.
import { useCallback, useEffect, useState } from 'react';
import { VscodeButton } from '@vscode-elements/react-elements';
import type { McpServerStatus } from '@protocol';
import { useHost } from '../../chrome/hostContext';
import { useStore } from '../../state/hooks';
import { t } from '../../l10n';
import { PanelFrame, errorText } from './PanelFrame';

export function McpPanel(props: { threadId: string | null; onClose(): void }): React.JSX.Element {
  const client = useHost();
  const startup = useStore((s) => s.mcpServers);
  const [servers, setServers] = useState<readonly McpServerStatus[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => {
    setError(null);
    return client.rpc('mcpServerStatus/list', { detail: 'toolsAndAuthOnly', threadId: props.threadId }).then(
      (r) => setServers(r.data),
      (err: unknown) => setError(errorText(err)),
    );
  }, [client, props.threadId]);
  useEffect(() => {
    void load();
  }, [load]);
  const reload = (): void => {
    setBusy(true);
    client
      .rpc('config/mcpServer/reload', {})
      .then(load, (err: unknown) => setError(errorText(err)))
      .finally(() => setBusy(false));
  };
  return (
    <PanelFrame id="mcp" title={t('MCP servers')} icon="server" onClose={props.onClose}>
      {servers === null && !error ? <p className="codex-muted">{t('Loading…')}</p> : null}
      {servers?.length === 0 ? <p className="codex-muted">{t('No MCP servers are configured.')}</p> : null}
      {servers && servers.length > 0 ? (
        <ul className="codex-mcp-list" data-testid="mcp-list">
          {servers.map((s) => {
            const status = s.runtimeStatus ?? startup[s.name]?.status ?? 'notStarted';
            return (
              <li key={s.name} data-server={s.name}>
                <strong>{s.name}</strong> <span className="codex-muted">{status}</span>{' '}
                <span className="codex-muted">· {t('{0} tools', Object.keys(s.tools).length)}</span>
                {s.authStatus === 'notLoggedIn' ? <span className="codex-error"> · {t('sign-in required')}</span> : null}
                {s.toolsError ? <div className="codex-error">{s.toolsError}</div> : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {error ? <p className="codex-error">{error}</p> : null}
      <div className="codex-card-actions">
        <VscodeButton data-action="mcp-reload" disabled={busy} onClick={reload}>
          {t('Reload servers')}
        </VscodeButton>
      </div>
    </PanelFrame>
  );
}
