// Reads one TOML config file. A missing file is an empty layer; a syntax error is reported with
// file, line and column and the layer is left out, so a broken file never stops the server.
import { readFileSync } from 'node:fs';
import { parse, TomlError } from 'smol-toml';

export type TomlTable = Record<string, unknown>;

export interface ConfigProblem {
  readonly file: string;
  readonly line: number | null;
  readonly column: number | null;
  readonly key: string | null;
  readonly message: string;
}

export type TomlFileResult =
  | { readonly kind: 'missing' }
  | { readonly kind: 'loaded'; readonly table: TomlTable }
  | { readonly kind: 'broken'; readonly problem: ConfigProblem };

export function readTomlFile(file: string): TomlFileResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'broken', problem: { file, line: null, column: null, key: null, message: (error as Error).message } };
  }
  try {
    return { kind: 'loaded', table: parse(text) as TomlTable };
  } catch (error) {
    if (error instanceof TomlError) {
      const firstLine = error.message.split('\n')[0] ?? error.message;
      return { kind: 'broken', problem: { file, line: error.line, column: error.column, key: null, message: firstLine } };
    }
    throw error;
  }
}

/** `-c key=value`: the value is parsed as TOML, and taken as a plain string when that fails. */
export function parseOverride(spec: string): { path: string[]; value: unknown } | { error: string } {
  const eq = spec.indexOf('=');
  if (eq <= 0) return { error: `config override '${spec}' must look like key=value` };
  const key = spec.slice(0, eq).trim();
  const raw = spec.slice(eq + 1).trim();
  return { path: key.split('.').map((part) => part.trim()), value: parseTomlValue(raw) };
}

function parseTomlValue(raw: string): unknown {
  try {
    return (parse(`v = ${raw}`) as { v: unknown }).v;
  } catch {
    return raw;
  }
}

/** Sets a dotted path inside a table, creating intermediate tables. Returns a new table. */
export function setPath(table: TomlTable, path: readonly string[], value: unknown): TomlTable {
  const [head, ...rest] = path;
  if (head === undefined) return table;
  if (rest.length === 0) return { ...table, [head]: value };
  const child = table[head];
  const childTable = typeof child === 'object' && child !== null && !Array.isArray(child) ? (child as TomlTable) : {};
  return { ...table, [head]: setPath(childTable, rest, value) };
}

/** Deep merge where `over` wins; tables merge key by key, everything else is replaced. */
export function mergeTables(base: TomlTable, over: TomlTable): TomlTable {
  const out: TomlTable = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const existing = out[key];
    const bothTables =
      typeof existing === 'object' && existing !== null && !Array.isArray(existing) &&
      typeof value === 'object' && value !== null && !Array.isArray(value);
    out[key] = bothTables ? mergeTables(existing as TomlTable, value as TomlTable) : value;
  }
  return out;
}
