// /model: choose the model and its reasoning effort for the next turns (model/list).
import { useComposer, useComposerStore } from '../composerStore';
import { currentModel, useModels } from '../serverFacts';
import { t } from '../../l10n';
import { PanelFrame } from './PanelFrame';

export function ModelPanel(props: { onClose(): void }): React.JSX.Element {
  const composer = useComposerStore();
  const prefs = useComposer((c) => c.prefs);
  const models = useModels();
  const selected = currentModel(models, prefs.model);
  return (
    <PanelFrame id="model" title={t('Model')} icon="sparkle" onClose={props.onClose}>
      {models.length === 0 ? <p className="codex-muted">{t('Loading…')}</p> : null}
      <div role="radiogroup" aria-label={t('Model')} className="codex-model-list">
        {models.map((m) => (
          <label key={m.id} className="codex-option" data-model={m.model}>
            <input
              type="radio"
              name="codex-model"
              checked={selected?.id === m.id}
              onChange={() => composer.setPrefs({ model: m.model, effort: null })}
            />
            <span>{m.displayName || m.model}</span>
            {m.description ? <span className="codex-muted"> — {m.description}</span> : null}
          </label>
        ))}
      </div>
      {selected && selected.supportedReasoningEfforts.length > 0 ? (
        <div role="radiogroup" aria-label={t('Reasoning effort')} className="codex-effort-list">
          <span className="codex-muted">{t('Reasoning effort')}</span>
          {selected.supportedReasoningEfforts.map((e) => (
            <label key={e.reasoningEffort} className="codex-option" title={e.description}>
              <input
                type="radio"
                name="codex-effort"
                checked={(prefs.effort ?? selected.defaultReasoningEffort) === e.reasoningEffort}
                onChange={() => composer.setPrefs({ effort: e.reasoningEffort })}
              />
              {e.reasoningEffort}
            </label>
          ))}
        </div>
      ) : null}
    </PanelFrame>
  );
}
