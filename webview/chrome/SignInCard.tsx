// The sign-in card shown instead of the composer when the server needs OpenAI credentials
// (`account/read`: no account and requiresOpenaiAuth). It offers every way in: ChatGPT (only when
// the connected server can do it), an OpenAI API key, or a local model — the Ollama and LM Studio
// servers the host finds, or any OpenAI-compatible URL — which the host writes to config.toml.
// The account is read again on `account/updated` and after each choice.
import { useCallback, useEffect, useState } from 'react';
import type { LocalServerProbe } from '../../bridge/signInMessages';
import { useServerState, useStore, useWebviewStore } from '../state/hooks';
import { t } from '../l10n';
import { ApiKeySignIn } from './ApiKeySignIn';
import { ChatgptSignIn } from './ChatgptSignIn';
import { useHost } from './hostContext';
import { LocalModelChoice } from './LocalModelChoice';
import { askHost } from './signInClient';

export type AuthState = 'unknown' | 'signedIn' | 'signedOut' | 'notRequired';

/** Reads the account when the server is ready and again when it changes. */
export function useAuthState(): { state: AuthState; refresh(): void } {
  const client = useHost();
  const server = useServerState();
  const account = useStore((s) => s.account);
  const [state, setState] = useState<AuthState>('unknown');
  const refresh = useCallback(() => {
    client.rpc('account/read', {}).then(
      (result) => setState(result.account !== null ? 'signedIn' : result.requiresOpenaiAuth ? 'signedOut' : 'notRequired'),
      () => setState('unknown'),
    );
  }, [client]);
  useEffect(() => {
    if (server.state === 'ready') refresh();
  }, [server.state, account, refresh]);
  return { state, refresh };
}

interface WaysIn {
  readonly chatgpt: boolean;
  /** null while the host is still probing. */
  readonly local: readonly LocalServerProbe[] | null;
  readonly error: string | null;
}

/** Asks the host which ways in there are (on mount and on "Detect again"). */
function useWaysIn(): WaysIn & { redetect(): void } {
  const client = useHost();
  const [ways, setWays] = useState<WaysIn>({ chatgpt: false, local: null, error: null });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    setWays((current) => ({ ...current, local: null, error: null }));
    void askHost(client, { type: 'detect' }).then((result) => {
      if (!live) return;
      if (result.type === 'detected') setWays({ chatgpt: result.chatgpt, local: result.local, error: null });
      else setWays({ chatgpt: false, local: [], error: result.type === 'failed' ? result.message : null });
    });
    return () => {
      live = false;
    };
  }, [client, round]);
  return { ...ways, redetect: () => setRound((n) => n + 1) };
}

export function SignInCard(props: { onSignedIn(): void }): React.JSX.Element {
  const store = useWebviewStore();
  const ways = useWaysIn();
  const { onSignedIn } = props;
  // The open chat keeps the provider it started with: the next message starts a new one on the choice.
  const onProviderChosen = (): void => {
    if (store.activeThreadId !== null) store.setActiveThread(null);
    onSignedIn();
  };
  return (
    <section className="codex-card codex-signin" data-testid="signin-card" aria-label={t('Sign in to use Codex')}>
      <div className="codex-card-title">
        <span className="codicon codicon-account" aria-hidden="true" />
        {t('Sign in to use Codex')}
      </div>
      <p className="codex-muted">{t('Codex needs a model. Choose one way in:')}</p>
      {ways.chatgpt ? <ChatgptSignIn onSignedIn={onSignedIn} /> : null}
      <ApiKeySignIn onSignedIn={onSignedIn} />
      <LocalModelChoice probes={ways.local} onRedetect={ways.redetect} onChosen={onProviderChosen} />
      {ways.error ? <p className="codex-error">{ways.error}</p> : null}
    </section>
  );
}
