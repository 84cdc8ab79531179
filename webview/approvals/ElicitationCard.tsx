// The card of an MCP elicitation (`mcpServer/elicitation/request`): in form mode a form built from
// the requested schema (strings, numbers, booleans, enums; no fields = a tool-call approval), in
// url mode a link to open; Accept/Submit, Decline and Cancel (Enter, n/Esc, c outside fields).
import { useMemo, useState } from 'react';
import { VscodeButton } from '@vscode-elements/react-elements';
import { t } from '../l10n';
import type { ElicitationRequest } from './requestParams';
import { type FieldValue, type FormField, buildContent, initialValues, parseRequestedSchema } from './schemaForm';
import { type CardKey, useCard } from './useCardFocus';

type Action = 'accept' | 'decline' | 'cancel';

function Field(props: { field: FormField; value: FieldValue; error: string | null; onChange(value: FieldValue): void }): React.JSX.Element {
  const { field } = props;
  const id = `elicit-${field.name}`;
  let control: React.JSX.Element;
  if (field.kind === 'boolean') {
    control = <input id={id} type="checkbox" checked={props.value === true} onChange={(e) => props.onChange(e.target.checked)} />;
  } else if (field.kind === 'enum') {
    control = (
      <select id={id} className="codex-input" value={String(props.value)} onChange={(e) => props.onChange(e.target.value)}>
        {field.required ? null : <option value="">{t('(none)')}</option>}
        {field.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  } else {
    control = (
      <input
        id={id}
        className="codex-input"
        type={field.kind === 'number' ? 'number' : field.format === 'email' ? 'email' : 'text'}
        value={String(props.value)}
        onChange={(e) => props.onChange(e.target.value)}
      />
    );
  }
  return (
    <div className="codex-form-field" data-field={field.name}>
      <label htmlFor={id}>
        {field.label}
        {field.required ? <span className="codex-required"> *</span> : null}
      </label>
      {control}
      {field.description ? <div className="codex-muted">{field.description}</div> : null}
      {props.error ? <div className="codex-error">{props.error}</div> : null}
    </div>
  );
}

export function ElicitationCard(props: {
  params: ElicitationRequest;
  autoFocus: boolean;
  busy: boolean;
  onAnswer(result: unknown): void;
}): React.JSX.Element {
  const { params } = props;
  const form = useMemo(() => (params.mode === 'form' ? parseRequestedSchema(params.requestedSchema) : null), [params]);
  const fields = form?.ok ? form.fields : [];
  const [values, setValues] = useState<Record<string, FieldValue>>(() => initialValues(fields));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const unsupported = form !== null && !form.ok;

  const act = (action: Action): void => {
    if (action !== 'accept') {
      props.onAnswer({ action });
      return;
    }
    if (params.mode === 'url') {
      props.onAnswer({ action: 'accept' });
      return;
    }
    const built = buildContent(fields, values);
    if (!built.ok) {
      setErrors({ ...built.errors });
      return;
    }
    props.onAnswer({ action: 'accept', content: built.content });
  };

  const onKey = (key: CardKey): boolean => {
    if (props.busy || key.ctrlKey || key.metaKey || key.altKey) return false;
    const k = key.key.length === 1 ? key.key.toLowerCase() : key.key;
    const action: Action | null = k === 'Enter' && !unsupported ? 'accept' : k === 'n' || k === 'Escape' ? 'decline' : k === 'c' ? 'cancel' : null;
    if (action) act(action);
    return action !== null;
  };
  const ref = useCard<HTMLDivElement>(props.autoFocus, onKey);

  return (
    <div
      ref={ref}
      className="codex-card codex-elicitation"
      data-testid="elicitation-card"
      tabIndex={0}
      role="alertdialog"
      aria-label={t('Request from MCP server {0}', params.serverName)}
      onKeyDown={(event) => {
        // Ctrl/Cmd+Enter submits from inside a field too.
        if (!props.busy && event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          act('accept');
        }
      }}
    >
      <div className="codex-card-title">
        <span className="codicon codicon-plug" aria-hidden="true" />
        {t('{0} asks', params.serverName)}
      </div>
      <p className="codex-card-reason">{params.message}</p>
      {params.mode === 'url' ? (
        <p>
          <a href={params.url} target="_blank" rel="noreferrer" data-testid="elicitation-url">
            {params.url}
          </a>
        </p>
      ) : null}
      {unsupported ? (
        <p className="codex-error">{t('This request asks for fields the chat cannot show ({0}); decline it or cancel.', form.unsupported.join(', '))}</p>
      ) : (
        fields.map((field) => (
          <Field
            key={field.name}
            field={field}
            value={values[field.name] ?? field.defaultValue}
            error={errors[field.name] ?? null}
            onChange={(value) => {
              setValues((v) => ({ ...v, [field.name]: value }));
              setErrors((e) => {
                const { [field.name]: _removed, ...rest } = e;
                return rest;
              });
            }}
          />
        ))
      )}
      <div className="codex-card-actions">
        {unsupported ? null : (
          <VscodeButton data-action="accept" disabled={props.busy} onClick={() => act('accept')}>
            {params.mode === 'url' ? t('Done') : fields.length > 0 ? t('Submit') : t('Accept')} <kbd className="codex-kbd">↵</kbd>
          </VscodeButton>
        )}
        <VscodeButton data-action="decline" secondary disabled={props.busy} onClick={() => act('decline')}>
          {t('Decline')} <kbd className="codex-kbd">N</kbd>
        </VscodeButton>
        <VscodeButton data-action="cancel" secondary disabled={props.busy} onClick={() => act('cancel')}>
          {t('Cancel')} <kbd className="codex-kbd">C</kbd>
        </VscodeButton>
      </div>
    </div>
  );
}
