// The sign-in card shown instead of the composer when the server needs OpenAI credentials
// (`account/read`: no account and requiresOpenaiAuth): an API key field that signs in with
// `account/login/start` and reads the account again. Re-read on `account/updated`.
import { useCallback, useEffect, useState } from 'react';
import { VscodeButton } from '@vscode-elements/react-elements';
import { useServerState, useStore } from '../state/hooks';
import { t } from '../l10n';
import { useHost } from './hostContext';

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

export function SignInCard(props: { onSignedIn(): void }): React.JSX.Element {
  const client = useHost();
  const [apiKey, setApiKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const signIn = (): void => {
    const key = apiKey.trim();
    if (key === '') return;
    setBusy(true);
    setError(null);
    client.rpc('account/login/start', { type: 'apiKey', apiKey: key }).then(
      () => {
        setBusy(false);
        setApiKey('');
        props.onSignedIn();
      },
      (err: unknown) => {
        setBusy(false);
        setError(err instanceof Error ? err.message : String(err));
      },
    );
  };
  return (
    <form
      className="codex-card codex-signin"
      data-testid="signin-card"
      onSubmit={(event) => {
        event.preventDefault();
        signIn();
      }}
    >
      <div className="codex-card-title">
        <span className="codicon codicon-account" aria-hidden="true" />
        {t('Sign in to use Codex')}
      </div>
      <p className="codex-muted">{t('Enter an OpenAI API key. It is stored by the Codex server in its auth file.')}</p>
      <input
        className="codex-input"
        data-testid="signin-apikey"
        type="password"
        autoComplete="off"
        placeholder={t('OpenAI API key (sk-…)')}
        aria-label={t('OpenAI API key')}
        value={apiKey}
        onChange={(event) => setApiKey(event.target.value)}
      />
      {error ? <p className="codex-error">{error}</p> : null}
      <div className="codex-card-actions">
        <VscodeButton data-action="signin" disabled={busy || apiKey.trim() === ''} onClick={signIn}>
          {t('Sign in')}
        </VscodeButton>
      </div>
    </form>
  );
}
