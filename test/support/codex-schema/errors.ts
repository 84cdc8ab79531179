// Turns Ajv error objects into short readable lines (`/params/thread/id: must be string`), adding the
// useful detail Ajv keeps in `params` (allowed enum values, the offending extra property, the bad
// discriminator tag), dropping duplicates, putting the deepest paths first and capping the list.
import { type ErrorObject } from 'ajv';

export type ValidationResult = { ok: true } | { ok: false; errors: string };

export const OK: ValidationResult = Object.freeze({ ok: true });

/** Maximum number of error lines kept in one result. */
const MAX_LINES = 25;

export function fail(errors: string): ValidationResult {
  return { ok: false, errors };
}

function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function detail(error: ErrorObject): string {
  const p: Record<string, unknown> = error.params;
  switch (error.keyword) {
    case 'enum':
      return Array.isArray(p.allowedValues) ? ` (allowed: ${p.allowedValues.map(show).join(', ')})` : '';
    case 'const':
      return ` (allowed: ${show(p.allowedValue)})`;
    case 'additionalProperties':
      return ` (${show(p.additionalProperty)})`;
    case 'format':
      return ` (format ${show(p.format)})`;
    default:
      return '';
  }
}

function depth(error: ErrorObject): number {
  return error.instancePath === '' ? 0 : error.instancePath.split('/').length - 1;
}

/**
 * Formats Ajv errors. `prefix` is prepended to every instance path (e.g. `/result` when the value
 * validated was a response's result), so paths always read as paths inside the wire message.
 */
export function formatAjvErrors(errors: readonly ErrorObject[] | null | undefined, prefix = ''): string {
  if (!errors || errors.length === 0) return `${prefix || '/'}: invalid (no details from Ajv)`;
  // Union summaries ("must match exactly one schema in oneOf") are least specific: list them last.
  const isSummary = (e: ErrorObject): boolean => e.keyword === 'oneOf' || e.keyword === 'anyOf';
  const ordered = [...errors].sort((a, b) => Number(isSummary(a)) - Number(isSummary(b)) || depth(b) - depth(a));
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const error of ordered) {
    const line = `${prefix + error.instancePath || '/'}: ${error.message ?? error.keyword}${detail(error)}`;
    if (seen.has(line)) continue;
    seen.add(line);
    lines.push(line);
  }
  const dropped = lines.length - MAX_LINES;
  return dropped > 0 ? [...lines.slice(0, MAX_LINES), `... and ${dropped} more`].join('\n') : lines.join('\n');
}
