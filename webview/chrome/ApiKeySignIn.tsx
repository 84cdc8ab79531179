// The sign-in card's API-key form: the key goes to the server's `account/login/start` (stored in
// its auth file), then the account is read again.
import { useState } from 'react';
import { VscodeButton } from '@vscode-elements/react-elements';
import { t } from '../l10n';
import { useHost } from './hostContext';

export function ApiKeySignIn(props: { onSignedIn(): void }): React.JSX.Element {
  const client = useHost();
  const [apiKey, setApiKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const signIn = (): void => {
    const key = apiKey.trim();
    if (key === '' || busy) return;
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
      className="codex-signin-way"
      data-testid="signin-apikey-form"
      onSubmit={(event) => {
        event.preventDefault();
        signIn();
      }}
    >
      <div className="codex-signin-way-title">{t('OpenAI API key')}</div>
      <p className="codex-muted">{t('Enter an OpenAI API key. It is stored by the Codex server in its auth file.')}</p>
      <div className="codex-signin-row">
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
        <VscodeButton data-action="signin" disabled={busy || apiKey.trim() === ''} onClick={signIn}>
          {t('Sign in')}
        </VscodeButton>
      </div>
      {error ? <p className="codex-error">{error}</p> : null}
    </form>
  );
}
