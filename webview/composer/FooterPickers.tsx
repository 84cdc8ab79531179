// The composer's footer: mode (Chat / Agent / Agent (Full access), constrained by the config
// requirements; it starts as config.toml's approval policy and sandbox — Agent when config.toml
// sets neither — and says when the picked mode overrides them), model and reasoning effort
// (model/list: the configured provider's models), the IDE-context chip (auto context on or off:
// ui/setAutoContext) and the plan-mode chip (/plan).
import { useEffect } from 'react';
import { useHost } from '../chrome/hostContext';
import { useActiveThreadId, useSettings } from '../state/hooks';
import { t } from '../l10n';
import { useComposer, useComposerStore } from './composerStore';
import { MODES, type ModeId, allowedModes, describePolicy, effectiveMode, overridesConfig, unpickedMode } from './modes';
import { currentModel, useConfigPolicy, useModels, useRequirements } from './serverFacts';

/** The picker's entry for "no mode picked" when config.toml's settings match none of the modes (or are unknown). */
const AS_CONFIGURED = 'config';

export function modeLabel(id: ModeId): string {
  switch (id) {
    case 'chat':
      return t('Chat');
    case 'agent':
      return t('Agent');
    case 'agentFull':
      return t('Agent (Full access)');
  }
}

function modeTitle(id: ModeId): string {
  switch (id) {
    case 'chat':
      return t('Read-only: Codex can read files and answer; it asks before running anything else.');
    case 'agent':
      return t('Codex can edit files in the workspace and run commands in the sandbox; it asks for anything beyond.');
    case 'agentFull':
      return t('Codex can edit any file and run any command, with network access, without asking.');
  }
}

export function FooterPickers(): React.JSX.Element {
  const composer = useComposerStore();
  const client = useHost();
  const prefs = useComposer((c) => c.prefs);
  const settings = useSettings();
  const models = useModels();
  const requirements = useRequirements();
  const policy = useConfigPolicy();
  const newChat = useActiveThreadId() === null;
  const allowed = allowedModes(requirements);
  const unpicked = unpickedMode(policy, allowed);
  /** The mode shown while none is picked (null: "As configured"). */
  const configured = unpicked.mode;
  const sentByDefault = unpicked.type === 'default' ? unpicked.mode : null;
  const model = currentModel(models, prefs.model);
  const efforts = model?.supportedReasoningEfforts ?? [];
  /** Picking the mode the chat is in anyway picks nothing: config.toml's own mode sends no override. */
  const pick = (mode: ModeId | null): void => composer.setPrefs({ mode: mode === configured ? null : mode });

  // Agent's settings go out while config.toml says nothing about approvals and sandbox.
  useEffect(() => {
    composer.setDefaultMode(sentByDefault);
  }, [sentByDefault, composer]);

  // A new chat never keeps a model the list does not offer (an OpenAI model after a local one was
  // chosen in the sign-in card, an opened chat's old model): it falls back to the configured one.
  useEffect(() => {
    if (!newChat || prefs.model === null || models.length === 0) return;
    if (currentModel(models, prefs.model) === undefined) composer.setPrefs({ model: null, effort: null });
  }, [newChat, models, prefs.model, composer]);

  // A picked mode the requirements forbid is never used (config.toml's is already within them).
  useEffect(() => {
    if (prefs.mode === null || allowed[prefs.mode]) return;
    const mode = effectiveMode(prefs.mode, allowed);
    composer.setPrefs({ mode: mode === configured ? null : mode });
  }, [prefs.mode, allowed, configured, composer]);

  const shown = prefs.mode ?? configured;
  const overriding = overridesConfig(prefs.mode, policy);
  const configText = policy === null ? '' : describePolicy(policy);
  const asConfiguredTitle =
    configText === '' ? t('Codex uses the approval policy and sandbox of config.toml (or its defaults).') : t('As config.toml sets it: {0}', configText);

  return (
    <div className="codex-footer" data-testid="composer-footer">
      <select
        className="codex-select"
        data-testid="mode-picker"
        aria-label={t('Mode')}
        title={shown !== null ? modeTitle(shown) : asConfiguredTitle}
        value={shown ?? AS_CONFIGURED}
        onChange={(e) => pick(e.target.value === AS_CONFIGURED ? null : (e.target.value as ModeId))}
      >
        {configured === null ? (
          <option value={AS_CONFIGURED} title={asConfiguredTitle}>
            {t('As configured')}
          </option>
        ) : null}
        {MODES.map((m) => (
          <option key={m.id} value={m.id} disabled={!allowed[m.id]} title={allowed[m.id] ? modeTitle(m.id) : t('Not allowed by your configuration requirements')}>
            {modeLabel(m.id)}
          </option>
        ))}
      </select>
      {overriding ? (
        <span
          className="codex-muted codex-mode-override"
          data-testid="mode-override"
          title={t('config.toml sets {0}; this chat sends the settings of the mode you picked instead.', configText)}
        >
          <span className="codicon codicon-warning" aria-hidden="true" /> {t('overrides config.toml')}
        </span>
      ) : null}
      {models.length > 0 ? (
        <select
          className="codex-select"
          data-testid="model-picker"
          aria-label={t('Model')}
          title={model ? `${model.displayName || model.model}: ${model.description}` : (prefs.model ?? undefined)}
          value={model?.model ?? prefs.model ?? ''}
          onChange={(e) => composer.setPrefs({ model: e.target.value, effort: null })}
        >
          {model === undefined && prefs.model !== null ? <option value={prefs.model}>{prefs.model}</option> : null}
          {models.map((m) => (
            <option key={m.id} value={m.model} title={m.description}>
              {m.displayName || m.model}
            </option>
          ))}
        </select>
      ) : null}
      {efforts.length > 0 ? (
        <select
          className="codex-select"
          data-testid="effort-picker"
          aria-label={t('Reasoning effort')}
          title={t('Reasoning effort')}
          value={prefs.effort ?? model?.defaultReasoningEffort ?? ''}
          onChange={(e) => composer.setPrefs({ effort: e.target.value })}
        >
          {efforts.map((e) => (
            <option key={e.reasoningEffort} value={e.reasoningEffort} title={e.description}>
              {e.reasoningEffort}
            </option>
          ))}
        </select>
      ) : null}
      {settings ? (
        <button
          type="button"
          className={`codex-chip codex-toggle-chip${settings.autoContext ? ' codex-chip-on' : ''}`}
          data-testid="auto-context-chip"
          aria-pressed={settings.autoContext}
          title={
            settings.autoContext
              ? t('IDE context is on: the active file, selection and open tabs go with each message. Click to turn off.')
              : t('IDE context is off. Click to send the active file, selection and open tabs with each message.')
          }
          onClick={() => client.postUi({ type: 'ui/setAutoContext', enabled: !settings.autoContext })}
        >
          <span className={`codicon ${settings.autoContext ? 'codicon-eye' : 'codicon-eye-closed'}`} aria-hidden="true" />
          {t('IDE context')}
        </button>
      ) : null}
      {prefs.plan ? (
        <button
          type="button"
          className="codex-chip codex-toggle-chip codex-chip-on"
          data-testid="plan-chip"
          title={t('Plan mode is on. Click to turn it off.')}
          onClick={() => composer.setPrefs({ plan: false })}
        >
          <span className="codicon codicon-checklist" aria-hidden="true" />
          {t('Plan')}
          <span className="codicon codicon-close" aria-hidden="true" />
        </button>
      ) : null}
    </div>
  );
}
