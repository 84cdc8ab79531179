// Lossless edits of config.toml text: applies one key-path edit (replace, upsert or delete) with
// @decimalturn/toml-patch, which rewrites only the nodes that change, so comments, key order,
// blank lines and formatting elsewhere stay byte-identical. Keys already written inline
// (`approval_policy = "…"`, `set = { … }`) are edited in place as inline values; new tables become
// `[section]` headers. The result is re-parsed and compared with the intended table, so a
// surprising patch can never be written.
import { patch, parse as parsePreserving } from '@decimalturn/toml-patch';
import { parse } from 'smol-toml';
import { deepEqual, deletePath, getPath, isTable, mergeTables, setPath, type TomlTable } from './tables';
import { locateKeys, locationKey } from './tomlLocator';

export type EditOperation =
  | { readonly kind: 'delete'; readonly path: readonly string[] }
  | { readonly kind: 'replace'; readonly path: readonly string[]; readonly value: unknown }
  | { readonly kind: 'upsert'; readonly path: readonly string[]; readonly value: unknown };

export class TomlEditError extends Error {
  override readonly name = 'TomlEditError';
}

/** Applies an edit to a plain table (the same operation the text edit performs). */
export function applyToTable(table: TomlTable, op: EditOperation): TomlTable {
  if (op.kind === 'delete') return deletePath(table, op.path);
  const existing = getPath(table, op.path);
  const value = op.kind === 'upsert' && isTable(existing) && isTable(op.value) ? mergeTables(existing, op.value) : op.value;
  return setPath(table, op.path, value);
}

/** True when some prefix of `path` is written as a key/value (its value is an inline table). */
function insideInlineValue(text: string, path: readonly string[]): boolean {
  const locations = locateKeys(text);
  for (let length = 1; length <= path.length; length++) {
    const kind = locations.get(locationKey(path.slice(0, length)))?.kind;
    if (kind === 'kv' || kind === 'inline') return true;
  }
  return false;
}

const HEADER = /^\s*\[([^[\]]+)\]\s*(#.*)?$/;

/**
 * The patcher writes every level of a new nested table as its own header; an empty header that is
 * directly followed by one of its sub-tables is redundant in TOML, so new ones are dropped.
 */
function dropEmptyNewHeaders(before: string, after: string): string {
  const oldHeaders = new Set(before.split(/\r?\n/).filter((line) => HEADER.test(line)).map((line) => line.trim()));
  const newline = after.includes('\r\n') ? '\r\n' : '\n';
  const lines = after.split(/\r?\n/);
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const header = HEADER.exec(line);
    if (header && !oldHeaders.has(line.trim())) {
      let next = i + 1;
      while (next < lines.length && (lines[next] as string).trim() === '') next++;
      const nextHeader = HEADER.exec(lines[next] ?? '');
      const name = (header[1] as string).trim();
      if (nextHeader && (nextHeader[1] as string).trim().startsWith(`${name}.`)) {
        i = next - 1; // skip the header and the blank lines after it
        continue;
      }
    }
    out.push(line);
  }
  return out.join(newline);
}

const KEY_LINE = /^\s*[A-Za-z0-9_"'.-]+\s*=/;
const COMMENT_OR_BLANK = /^\s*(#.*)?$/;

/**
 * The patcher adds new keys of a table just before the next header, i.e. below the comments that
 * introduce that header. Moved above those comments (where Codex writes them), the comments stay
 * with the table they describe. Only whole single-line keys are moved; anything else is left.
 */
function keepCommentsWithTheirTable(before: string, after: string): string {
  const oldLines = before.split(/\r?\n/);
  const lines = after.split(/\r?\n/);
  const newline = after.includes('\r\n') ? '\r\n' : '\n';
  for (let h = 0; h < lines.length; h++) {
    const header = lines[h] as string;
    if (!HEADER.test(header)) continue;
    const oldIndex = oldLines.findIndex((line) => line.trim() === header.trim());
    if (oldIndex < 0) continue;
    let start = oldIndex;
    while (start > 0 && COMMENT_OR_BLANK.test(oldLines[start - 1] as string)) start--;
    // Comments that open the file, up to its first blank line, are about the file: they stay first.
    if (start === 0) start = Math.max(0, oldLines.slice(0, oldIndex).findIndex((line) => line.trim() === ''));
    const lead = oldLines.slice(start, oldIndex);
    if (!lead.some((line) => line.trim().startsWith('#'))) continue;
    let first = h;
    while (first > 0 && KEY_LINE.test(lines[first - 1] as string)) first--;
    const added = lines.slice(first, h);
    const leadStart = first - lead.length;
    if (added.length === 0 || leadStart < 0 || !lead.every((line, i) => lines[leadStart + i] === line)) continue;
    lines.splice(leadStart, h - leadStart, ...added, ...lead);
  }
  return lines.join(newline);
}

function withTrailingNewline(text: string): string {
  if (text === '' || text.endsWith('\n')) return text;
  return text + (text.includes('\r\n') ? '\r\n' : '\n');
}

/** Edits TOML text; throws TomlEditError when the text is not valid TOML or the edit misfires. */
export function editTomlText(text: string, op: EditOperation): string {
  let before: TomlTable;
  let preserving: TomlTable;
  try {
    before = parse(text) as TomlTable;
    preserving = parsePreserving(text) as TomlTable;
  } catch (error) {
    throw new TomlEditError(`the file is not valid TOML: ${(error as Error).message.split('\n')[0]}`);
  }
  const expected = applyToTable(before, op);
  if (deepEqual(expected, before)) return text;
  const inline = insideInlineValue(text, op.path);
  // The patch is computed from the patcher's own parse, so untouched values (dates, hex
  // integers, …) compare equal and are left exactly as written.
  const updated = applyToTable(preserving, op);
  let out = patch(text, updated, { inlineTableStart: inline ? 0 : 64 });
  if (!inline) out = keepCommentsWithTheirTable(text, dropEmptyNewHeaders(text, out));
  out = withTrailingNewline(out);
  let reparsed: TomlTable;
  try {
    reparsed = parse(out) as TomlTable;
  } catch (error) {
    throw new TomlEditError(`the edit produced invalid TOML: ${(error as Error).message.split('\n')[0]}`);
  }
  if (!deepEqual(reparsed, expected)) throw new TomlEditError('the edit did not produce the intended content');
  return out;
}
