// The connection banner above the chat, driven by the host's server state: "restarting" with the
// attempt and the countdown, "failed" with Restart (ui/restartServer) and Show logs, and a brief
// "Reconnected" once the server is ready again after either. Nothing while all is well.
import { useEffect, useRef, useState } from 'react';
import { VscodeButton } from '@vscode-elements/react-elements';
import type { ServerConnectionState } from '../../bridge/messages';
import { useServerState } from '../state/hooks';
import { t } from '../l10n';
import { useHost } from './hostContext';

/** How long "Reconnected" stays. */
export const RECONNECTED_MS = 4000;

function useCountdown(state: ServerConnectionState): number | null {
  const [now, setNow] = useState(() => Date.now());
  const startedAt = useRef(Date.now());
  useEffect(() => {
    startedAt.current = Date.now();
    setNow(Date.now());
    if (state.state !== 'restarting') return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [state]);
  if (state.state !== 'restarting') return null;
  return Math.max(0, Math.ceil((state.delayMs - (now - startedAt.current)) / 1000));
}

export function ServerBanner(): React.JSX.Element | null {
  const server = useServerState();
  const client = useHost();
  const [reconnected, setReconnected] = useState(false);
  const previous = useRef(server.state);
  const seconds = useCountdown(server);

  useEffect(() => {
    const was = previous.current;
    previous.current = server.state;
    if (server.state === 'ready' && (was === 'restarting' || was === 'failed')) {
      setReconnected(true);
      const timer = setTimeout(() => setReconnected(false), RECONNECTED_MS);
      return () => clearTimeout(timer);
    }
    if (server.state !== 'ready') setReconnected(false);
    return undefined;
  }, [server.state]);

  if (server.state === 'restarting') {
    return (
      <div className="codex-banner codex-banner-warning" role="status" data-testid="server-banner" data-state="restarting">
        <span className="codicon codicon-sync codicon-modifier-spin" aria-hidden="true" />
        <span>
          {seconds !== null && seconds > 0
            ? t('The Codex server stopped. Restarting in {0}s (attempt {1})…', seconds, server.attempt)
            : t('The Codex server stopped. Restarting (attempt {0})…', server.attempt)}
          {server.reason ? <span className="codex-muted"> — {server.reason}</span> : null}
        </span>
      </div>
    );
  }
  if (server.state === 'failed' || server.state === 'stopped') {
    return (
      <div className="codex-banner codex-banner-error" role="alert" data-testid="server-banner" data-state={server.state}>
        <span className="codicon codicon-error" aria-hidden="true" />
        <span className="codex-banner-text">
          {server.state === 'failed' ? t('The Codex server could not be restarted: {0}', server.reason) : t('The Codex server is stopped.')}
        </span>
        <VscodeButton data-action="restart" onClick={() => client.postUi({ type: 'ui/restartServer' })}>
          {t('Restart')}
        </VscodeButton>
        <VscodeButton secondary onClick={() => client.postUi({ type: 'ui/showLogs' })}>
          {t('Show logs')}
        </VscodeButton>
      </div>
    );
  }
  if (reconnected) {
    return (
      <div className="codex-banner codex-banner-ok" role="status" data-testid="server-banner" data-state="reconnected">
        <span className="codicon codicon-check" aria-hidden="true" />
        {t('Reconnected to the Codex server.')}
      </div>
    );
  }
  return null;
}
