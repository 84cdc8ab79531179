// The card of `item/tool/requestUserInput`: one to three questions, each answered by one of its
// options or by free text ("Other", or the only way when it has no options); secret questions
// use a masked field. Ctrl/Cmd+Enter submits; Skip answers with no answers.
import { useState } from 'react';
import { VscodeButton } from '@vscode-elements/react-elements';
import { t } from '../l10n';
import type { UserInputRequest } from './requestParams';
import { OTHER, type QuestionDraft, allowsText, buildAnswers, emptyDraft } from './userInputAnswers';
import { useCard } from './useCardFocus';

export function UserInputCard(props: {
  requestId: string | number;
  params: UserInputRequest;
  autoFocus: boolean;
  busy: boolean;
  onAnswer(result: unknown): void;
}): React.JSX.Element {
  const { questions } = props.params;
  const [drafts, setDrafts] = useState<Record<string, QuestionDraft>>(() =>
    Object.fromEntries(questions.map((q) => [q.id, emptyDraft(q)])),
  );
  const [missing, setMissing] = useState<readonly string[]>([]);
  // No single-key shortcuts (answers are typed); Ctrl/Cmd+Enter submits (onKeyDown below).
  const ref = useCard<HTMLFormElement>(props.autoFocus, () => false);
  const update = (id: string, patch: Partial<QuestionDraft>): void => {
    setDrafts((d) => ({ ...d, [id]: { ...(d[id] ?? { choice: null, text: '' }), ...patch } }));
    setMissing((m) => m.filter((x) => x !== id));
  };
  const submit = (): void => {
    const built = buildAnswers(questions, drafts);
    if (built.ok) props.onAnswer(built.result);
    else setMissing(built.unanswered);
  };
  const name = (qid: string): string => `q-${String(props.requestId)}-${qid}`;

  return (
    <form
      ref={ref}
      className="codex-card codex-question"
      data-testid="question-card"
      tabIndex={0}
      aria-label={t('Questions from Codex')}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          submit();
        }
      }}
    >
      <div className="codex-card-title">
        <span className="codicon codicon-question" aria-hidden="true" />
        {questions.length === 1 ? t('Codex has a question') : t('Codex has {0} questions', questions.length)}
      </div>
      {questions.map((q) => {
        const draft = drafts[q.id] ?? emptyDraft(q);
        const options = q.options ?? [];
        const textAllowed = allowsText(q);
        const textActive = draft.choice === OTHER;
        return (
          <fieldset key={q.id} className="codex-question-item" data-question={q.id} aria-invalid={missing.includes(q.id)}>
            {q.header ? <legend className="codex-question-header">{q.header}</legend> : null}
            <p className="codex-question-text">{q.question}</p>
            {options.map((option) => (
              <label key={option.label} className="codex-option">
                <input
                  type="radio"
                  name={name(q.id)}
                  value={option.label}
                  checked={draft.choice === option.label}
                  onChange={() => update(q.id, { choice: option.label })}
                />
                <span>{option.label}</span>
                {option.description ? <span className="codex-muted"> — {option.description}</span> : null}
              </label>
            ))}
            {textAllowed && options.length > 0 ? (
              <label className="codex-option">
                <input type="radio" name={name(q.id)} value={OTHER} checked={textActive} onChange={() => update(q.id, { choice: OTHER })} />
                <span>{t('Other')}</span>
              </label>
            ) : null}
            {textAllowed ? (
              <input
                className="codex-input"
                data-testid={`answer-${q.id}`}
                type={q.isSecret ? 'password' : 'text'}
                autoComplete="off"
                placeholder={q.isSecret ? t('Secret answer (hidden)') : t('Your answer')}
                value={draft.text}
                disabled={options.length > 0 && !textActive}
                onChange={(event) => update(q.id, { text: event.target.value, choice: OTHER })}
              />
            ) : null}
            {missing.includes(q.id) ? <p className="codex-error">{t('Please answer this question.')}</p> : null}
          </fieldset>
        );
      })}
      <div className="codex-card-actions">
        <VscodeButton data-action="submit" disabled={props.busy} onClick={submit}>
          {t('Submit')} <kbd className="codex-kbd">{t('Ctrl+Enter')}</kbd>
        </VscodeButton>
        <VscodeButton data-action="skip" secondary disabled={props.busy} onClick={() => props.onAnswer({ answers: {} })}>
          {t('Skip')}
        </VscodeButton>
      </div>
    </form>
  );
}
