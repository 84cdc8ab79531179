// The sign-in card's local models: the Ollama and LM Studio servers the host found on loopback, each
// with its models, and any OpenAI-compatible server the user types in. Choosing one makes the host
// write it to config.toml as the model provider; servers not found say why and how to get one.
import { useState } from 'react';
import { VscodeButton } from '@vscode-elements/react-elements';
import type { AbsentReason, LocalServerKind, LocalServerProbe, ProviderChoice, WireApiChoice } from '../../bridge/signInMessages';
import { t } from '../l10n';
import { useHost } from './hostContext';
import { askHost } from './signInClient';

const SERVER_NAMES: Readonly<Record<LocalServerKind, string>> = { ollama: 'Ollama', lmstudio: 'LM Studio' };

function where(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}

function absentText(reason: AbsentReason): string {
  switch (reason) {
    case 'unreachable':
      return t('not running');
    case 'timeout':
      return t('did not answer in time');
    case 'httpError':
      return t('answered with an error');
    case 'invalid':
      return t('did not answer with a model list');
  }
}

function noModelsText(server: LocalServerKind): string {
  return server === 'ollama'
    ? t('Running, but it has no models yet: run `ollama pull llama3.2`, then detect again.')
    : t('Running, but it has no models yet: download one in LM Studio, then detect again.');
}

/** Writes the choice; resolves with an error message, or null once it is saved. */
function useProviderWrite(onChosen: () => void): { busy: boolean; error: string | null; choose(choice: ProviderChoice): void } {
  const client = useHost();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const choose = (choice: ProviderChoice): void => {
    setBusy(true);
    setError(null);
    void askHost(client, { type: 'useProvider', choice }).then((result) => {
      setBusy(false);
      if (result.type === 'providerSaved') onChosen();
      else setError(result.type === 'failed' ? result.message : t('Unexpected answer from the extension'));
    });
  };
  return { busy, error, choose };
}

function FoundServer(props: { probe: Extract<LocalServerProbe, { type: 'found' }>; busy: boolean; choose(choice: ProviderChoice): void }): React.JSX.Element {
  const { probe } = props;
  const [model, setModel] = useState(probe.models[0] ?? '');
  const name = SERVER_NAMES[probe.server];
  return (
    <div className="codex-signin-server" data-testid="local-server" data-server={probe.server}>
      <span className="codicon codicon-vm-running" aria-hidden="true" />
      <span className="codex-signin-server-name">{t('{0} on {1}', name, where(probe.baseUrl))}</span>
      {probe.models.length === 0 ? (
        <span className="codex-muted">{noModelsText(probe.server)}</span>
      ) : (
        <span className="codex-signin-row">
          <select className="codex-select" data-testid="local-model" aria-label={t('{0} model', name)} value={model} onChange={(e) => setModel(e.target.value)}>
            {probe.models.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
          <VscodeButton
            data-action="use-local"
            disabled={props.busy || model === ''}
            onClick={() => props.choose({ type: 'local', server: probe.server, baseUrl: probe.baseUrl, model })}
          >
            {t('Use')}
          </VscodeButton>
        </span>
      )}
    </div>
  );
}

function CustomServer(props: { busy: boolean; choose(choice: ProviderChoice): void }): React.JSX.Element {
  const [baseUrl, setBaseUrl] = useState('');
  const [model, setModel] = useState('');
  const [wireApi, setWireApi] = useState<WireApiChoice>('responses');
  const ready = /^https?:\/\/\S+$/i.test(baseUrl.trim()) && model.trim() !== '';
  const submit = (): void => {
    if (ready && !props.busy) props.choose({ type: 'custom', baseUrl: baseUrl.trim(), model: model.trim(), wireApi });
  };
  return (
    <form
      className="codex-signin-custom"
      data-testid="custom-server"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <div className="codex-muted">{t('Another OpenAI-compatible server (vLLM, llama.cpp, a proxy …):')}</div>
      <input
        className="codex-input"
        data-testid="custom-baseurl"
        type="url"
        placeholder="http://127.0.0.1:8000/v1"
        aria-label={t('Base URL')}
        value={baseUrl}
        onChange={(e) => setBaseUrl(e.target.value)}
      />
      <div className="codex-signin-row">
        <input className="codex-input" data-testid="custom-model" placeholder={t('Model name')} aria-label={t('Model name')} value={model} onChange={(e) => setModel(e.target.value)} />
        <select className="codex-select" data-testid="custom-wireapi" aria-label={t('API')} value={wireApi} onChange={(e) => setWireApi(e.target.value === 'chat' ? 'chat' : 'responses')}>
          <option value="responses">{t('Responses API')}</option>
          <option value="chat">{t('Chat Completions API')}</option>
        </select>
        <VscodeButton data-action="use-custom" disabled={props.busy || !ready} onClick={submit}>
          {t('Use')}
        </VscodeButton>
      </div>
    </form>
  );
}

export function LocalModelChoice(props: { probes: readonly LocalServerProbe[] | null; onRedetect(): void; onChosen(): void }): React.JSX.Element {
  const write = useProviderWrite(props.onChosen);
  const found = (props.probes ?? []).filter((p): p is Extract<LocalServerProbe, { type: 'found' }> => p.type === 'found');
  const absent = (props.probes ?? []).filter((p): p is Extract<LocalServerProbe, { type: 'absent' }> => p.type === 'absent');
  return (
    <div className="codex-signin-way" data-testid="signin-local">
      <div className="codex-signin-way-title">{t('Local model (no account needed)')}</div>
      {props.probes === null ? (
        <p className="codex-muted" data-testid="local-detecting">
          {t('Looking for Ollama and LM Studio on this machine…')}
        </p>
      ) : (
        <>
          {found.map((probe) => (
            <FoundServer key={probe.server} probe={probe} busy={write.busy} choose={write.choose} />
          ))}
          {found.length === 0 ? (
            <p className="codex-muted" data-testid="local-none">
              {t('No local model server found. Install Ollama (ollama.com) or LM Studio (lmstudio.ai), start it with a model, then detect again.')}
            </p>
          ) : null}
          {absent.length > 0 ? (
            <ul className="codex-muted codex-signin-absent" data-testid="local-absent">
              {absent.map((probe) => (
                <li key={probe.server} data-server={probe.server}>
                  {t('{0} on {1}: {2}', SERVER_NAMES[probe.server], where(probe.baseUrl), absentText(probe.reason))}
                </li>
              ))}
            </ul>
          ) : null}
          <VscodeButton secondary data-action="redetect" onClick={props.onRedetect}>
            {t('Detect again')}
          </VscodeButton>
        </>
      )}
      <CustomServer busy={write.busy} choose={write.choose} />
      {write.error ? (
        <p className="codex-error" data-testid="local-error">
          {write.error}
        </p>
      ) : null}
    </div>
  );
}
