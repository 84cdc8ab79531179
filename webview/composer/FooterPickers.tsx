// The composer's footer: mode (Chat / Agent / Agent (Full access), constrained by the config
// requirements), model and reasoning effort (model/list), the IDE-context chip (auto context on or
// off: ui/setAutoContext) and the plan-mode chip (/plan).
import { useEffect } from 'react';
import { useHost } from '../chrome/hostContext';
import { useSettings } from '../state/hooks';
import { t } from '../l10n';
import { useComposer, useComposerStore } from './composerStore';
import { MODES, type ModeId, allowedModes, effectiveMode } from './modes';
import { currentModel, useModels, useRequirements } from './serverFacts';

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
  const allowed = allowedModes(requirements);
  const mode = effectiveMode(prefs.mode, allowed);
  const model = currentModel(models, prefs.model);
  const efforts = model?.supportedReasoningEfforts ?? [];

  // A mode the requirements forbid is never used.
  useEffect(() => {
    if (mode !== null && mode !== prefs.mode) composer.setPrefs({ mode });
  }, [mode, prefs.mode, composer]);

  return (
    <div className="codex-footer" data-testid="composer-footer">
      <select
        className="codex-select"
        data-testid="mode-picker"
        aria-label={t('Mode')}
        title={mode ? modeTitle(mode) : t('No mode is allowed by the configuration requirements')}
        value={mode ?? ''}
        onChange={(e) => composer.setPrefs({ mode: e.target.value as ModeId })}
      >
        {MODES.map((m) => (
          <option key={m.id} value={m.id} disabled={!allowed[m.id]} title={allowed[m.id] ? modeTitle(m.id) : t('Not allowed by your configuration requirements')}>
            {modeLabel(m.id)}
          </option>
        ))}
      </select>
      {models.length > 0 ? (
        <select
          className="codex-select"
          data-testid="model-picker"
          aria-label={t('Model')}
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
