// The sign-in card's "Sign in with ChatGPT" (shown only when the connected server can do it): the
// host starts the login and opens the browser; the card waits for `account/login/completed` of
// that login, offers to cancel it, and shows why a login failed.
import { useEffect, useState } from 'react';
import { VscodeButton } from '@vscode-elements/react-elements';
import { useHostInfo, useStore } from '../state/hooks';
import { t } from '../l10n';
import { useHost } from './hostContext';
import { askHost } from './signInClient';

type Step = { readonly type: 'idle' } | { readonly type: 'starting' } | { readonly type: 'waiting'; readonly loginId: string };

export function ChatgptSignIn(props: { onSignedIn(): void }): React.JSX.Element {
  const client = useHost();
  const host = useHostInfo();
  const lastLogin = useStore((s) => s.lastLogin);
  const [step, setStep] = useState<Step>({ type: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const { onSignedIn } = props;

  useEffect(() => {
    if (step.type !== 'waiting' || lastLogin === null || lastLogin.loginId !== step.loginId) return;
    setStep({ type: 'idle' });
    if (lastLogin.success) onSignedIn();
    else setError(t('ChatGPT sign-in failed: {0}', lastLogin.error ?? t('no reason given')));
  }, [lastLogin, step, onSignedIn]);

  const start = (): void => {
    setStep({ type: 'starting' });
    setError(null);
    void askHost(client, { type: 'chatgpt/start' }).then((result) => {
      if (result.type === 'chatgptStarted') return setStep({ type: 'waiting', loginId: result.loginId });
      setStep({ type: 'idle' });
      setError(result.type === 'failed' ? result.message : t('Unexpected answer from the extension'));
    });
  };
  const cancel = (loginId: string): void => {
    void askHost(client, { type: 'chatgpt/cancel', loginId }).then((result) => {
      setStep({ type: 'idle' });
      if (result.type === 'failed') setError(result.message);
    });
  };

  return (
    <div className="codex-signin-way" data-testid="signin-chatgpt">
      <div className="codex-signin-way-title">{t('ChatGPT account')}</div>
      {step.type === 'waiting' ? (
        <div className="codex-signin-row" data-testid="signin-chatgpt-waiting">
          <span className="codex-muted">{t('Finish signing in in your browser…')}</span>
          <VscodeButton secondary data-action="signin-chatgpt-cancel" onClick={() => cancel(step.loginId)}>
            {t('Cancel')}
          </VscodeButton>
        </div>
      ) : (
        <>
          <p className="codex-muted">
            {host?.uiKind === 'web'
              ? t('Opens the ChatGPT sign-in in your browser. It returns to the Codex server on 127.0.0.1, so the browser must run on the same machine.')
              : t('Opens the ChatGPT sign-in in your browser.')}
          </p>
          <VscodeButton data-action="signin-chatgpt" disabled={step.type === 'starting'} onClick={start}>
            {t('Sign in with ChatGPT')}
          </VscodeButton>
        </>
      )}
      {error ? <p className="codex-error">{error}</p> : null}
    </div>
  );
}
