// MCP elicitation forms: turns the request's `requestedSchema` (a flat JSON-schema object whose
// properties are strings, numbers/integers, booleans or enums — MCP's restricted subset) into form
// fields, and the user's raw field values back into the `content` the server expects, with the
// schema's constraints checked. The schema comes from an MCP server, so it is validated here.
import * as z from 'zod';
import { t } from '../l10n';

const Base = { title: z.string().optional(), description: z.string().optional() };

const StringProp = z.object({
  type: z.literal('string'),
  ...Base,
  minLength: z.number().int().nonnegative().optional(),
  maxLength: z.number().int().nonnegative().optional(),
  format: z.string().optional(),
  default: z.string().optional(),
  enum: z.array(z.string()).optional(),
  enumNames: z.array(z.string()).optional(),
  oneOf: z.array(z.object({ const: z.string(), title: z.string().optional() })).optional(),
});
const NumberProp = z.object({
  type: z.enum(['number', 'integer']),
  ...Base,
  minimum: z.number().optional(),
  maximum: z.number().optional(),
  default: z.number().optional(),
});
const BooleanProp = z.object({ type: z.literal('boolean'), ...Base, default: z.boolean().optional() });

const RequestedSchema = z.object({
  type: z.literal('object').optional(),
  properties: z.record(z.string(), z.unknown()).default({}),
  required: z.array(z.string()).optional(),
});

export type FormField =
  | {
      readonly kind: 'string';
      readonly name: string;
      readonly label: string;
      readonly description: string | null;
      readonly required: boolean;
      readonly minLength?: number;
      readonly maxLength?: number;
      readonly format?: string;
      readonly defaultValue: string;
    }
  | {
      readonly kind: 'number';
      readonly name: string;
      readonly label: string;
      readonly description: string | null;
      readonly required: boolean;
      readonly integer: boolean;
      readonly minimum?: number;
      readonly maximum?: number;
      readonly defaultValue: string;
    }
  | {
      readonly kind: 'boolean';
      readonly name: string;
      readonly label: string;
      readonly description: string | null;
      readonly required: boolean;
      readonly defaultValue: boolean;
    }
  | {
      readonly kind: 'enum';
      readonly name: string;
      readonly label: string;
      readonly description: string | null;
      readonly required: boolean;
      readonly options: readonly { readonly value: string; readonly label: string }[];
      readonly defaultValue: string;
    };

export type FormParse =
  | { readonly ok: true; readonly fields: readonly FormField[] }
  | { readonly ok: false; readonly unsupported: readonly string[] };

/** The fields of a requested schema; `ok: false` names the properties this form cannot render. */
export function parseRequestedSchema(schema: unknown): FormParse {
  const parsed = RequestedSchema.safeParse(schema ?? {});
  if (!parsed.success) return { ok: false, unsupported: ['(schema)'] };
  const required = new Set(parsed.data.required ?? []);
  const fields: FormField[] = [];
  const unsupported: string[] = [];
  for (const [name, raw] of Object.entries(parsed.data.properties)) {
    const field = toField(name, raw, required.has(name));
    if (field) fields.push(field);
    else unsupported.push(name);
  }
  return unsupported.length > 0 ? { ok: false, unsupported } : { ok: true, fields };
}

function toField(name: string, raw: unknown, required: boolean): FormField | null {
  const s = StringProp.safeParse(raw);
  if (s.success) {
    const p = s.data;
    const common = { name, label: p.title ?? name, description: p.description ?? null, required };
    const options = p.oneOf
      ? p.oneOf.map((o) => ({ value: o.const, label: o.title ?? o.const }))
      : p.enum?.map((value, i) => ({ value, label: p.enumNames?.[i] ?? value }));
    if (options) return { kind: 'enum', ...common, options, defaultValue: p.default ?? (required ? (options[0]?.value ?? '') : '') };
    return {
      kind: 'string',
      ...common,
      ...(p.minLength !== undefined ? { minLength: p.minLength } : {}),
      ...(p.maxLength !== undefined ? { maxLength: p.maxLength } : {}),
      ...(p.format !== undefined ? { format: p.format } : {}),
      defaultValue: p.default ?? '',
    };
  }
  const n = NumberProp.safeParse(raw);
  if (n.success) {
    const p = n.data;
    return {
      kind: 'number',
      name,
      label: p.title ?? name,
      description: p.description ?? null,
      required,
      integer: p.type === 'integer',
      ...(p.minimum !== undefined ? { minimum: p.minimum } : {}),
      ...(p.maximum !== undefined ? { maximum: p.maximum } : {}),
      defaultValue: p.default !== undefined ? String(p.default) : '',
    };
  }
  const b = BooleanProp.safeParse(raw);
  if (b.success) {
    return { kind: 'boolean', name, label: b.data.title ?? name, description: b.data.description ?? null, required, defaultValue: b.data.default ?? false };
  }
  return null;
}

export type FieldValue = string | boolean;

export function initialValues(fields: readonly FormField[]): Record<string, FieldValue> {
  return Object.fromEntries(fields.map((f) => [f.name, f.defaultValue]));
}

/** Why a field's value is invalid (translated). */
export type FieldError = string;

export type FormResult =
  | { readonly ok: true; readonly content: Record<string, string | number | boolean> }
  | { readonly ok: false; readonly errors: Readonly<Record<string, FieldError>> };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks the values against the fields and builds the elicitation `content` (empty optional fields omitted). */
export function buildContent(fields: readonly FormField[], values: Readonly<Record<string, FieldValue>>): FormResult {
  const content: Record<string, string | number | boolean> = {};
  const errors: Record<string, FieldError> = {};
  for (const field of fields) {
    const value = values[field.name] ?? field.defaultValue;
    if (field.kind === 'boolean') {
      content[field.name] = value === true;
      continue;
    }
    const text = typeof value === 'string' ? value.trim() : '';
    if (text === '') {
      if (field.required) errors[field.name] = t('This field is required.');
      continue;
    }
    if (field.kind === 'number') {
      const num = Number(text);
      if (!Number.isFinite(num)) errors[field.name] = t('Enter a number.');
      else if (field.integer && !Number.isInteger(num)) errors[field.name] = t('Enter a whole number.');
      else if (field.minimum !== undefined && num < field.minimum) errors[field.name] = t('Must be at least {0}.', field.minimum);
      else if (field.maximum !== undefined && num > field.maximum) errors[field.name] = t('Must be at most {0}.', field.maximum);
      else content[field.name] = num;
      continue;
    }
    if (field.kind === 'enum') {
      if (!field.options.some((o) => o.value === text)) errors[field.name] = t('Choose one of the options.');
      else content[field.name] = text;
      continue;
    }
    if (field.minLength !== undefined && text.length < field.minLength) errors[field.name] = t('Must be at least {0} characters.', field.minLength);
    else if (field.maxLength !== undefined && text.length > field.maxLength) errors[field.name] = t('Must be at most {0} characters.', field.maxLength);
    else if (field.format === 'email' && !EMAIL.test(text)) errors[field.name] = t('Enter an email address.');
    else if (field.format === 'uri' && !URL.canParse(text)) errors[field.name] = t('Enter a URL.');
    else content[field.name] = text;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, content };
}
