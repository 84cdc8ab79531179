// Plain-data helpers for parsed TOML tables: type guard, get/set/delete by key path, deep merge,
// leaf listing (for origins) and a canonical JSON form (for layer versions). Pure functions; the
// inputs are never mutated, so a cached layer can be shared by every thread that reads it.
import { createHash } from 'node:crypto';

export type TomlTable = Record<string, unknown>;

export function isTable(value: unknown): value is TomlTable {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** The value at a key path; a numeric segment indexes into an array (origins name array elements). */
export function getPath(table: TomlTable, path: readonly string[]): unknown {
  let node: unknown = table;
  for (const segment of path) {
    if (Array.isArray(node) && /^\d+$/.test(segment)) node = node[Number(segment)];
    else if (isTable(node) && Object.prototype.hasOwnProperty.call(node, segment)) node = node[segment];
    else return undefined;
  }
  return node;
}

export function hasPath(table: TomlTable, path: readonly string[]): boolean {
  return getPath(table, path) !== undefined;
}

/** Sets a key path, creating (or replacing non-table) intermediate tables. Returns a new table. */
export function setPath(table: TomlTable, path: readonly string[], value: unknown): TomlTable {
  const [head, ...rest] = path;
  if (head === undefined) return table;
  if (rest.length === 0) return { ...table, [head]: value };
  const child = table[head];
  return { ...table, [head]: setPath(isTable(child) ? child : {}, rest, value) };
}

/** Removes a key path; tables emptied by the removal stay (an empty table is still a table). */
export function deletePath(table: TomlTable, path: readonly string[]): TomlTable {
  const [head, ...rest] = path;
  if (head === undefined || !Object.prototype.hasOwnProperty.call(table, head)) return table;
  if (rest.length === 0) {
    const copy = { ...table };
    delete copy[head];
    return copy;
  }
  const child = table[head];
  return isTable(child) ? { ...table, [head]: deletePath(child, rest) } : table;
}

/** Deep merge where `over` wins; tables merge key by key, everything else (arrays too) is replaced. */
export function mergeTables(base: TomlTable, over: TomlTable): TomlTable {
  const out: TomlTable = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const existing = out[key];
    out[key] = isTable(existing) && isTable(value) ? mergeTables(existing, value) : value;
  }
  return out;
}

/**
 * Every leaf with its key path, depth first: scalars, empty tables and empty arrays; array elements
 * by index (`notify.0`), as the real server lists origins.
 */
export function leafPaths(value: unknown, prefix: readonly string[] = []): string[][] {
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((item, index) => [String(index), item]) : isTable(value) ? Object.entries(value) : [];
  if (entries.length === 0) return prefix.length > 0 ? [[...prefix]] : [];
  return entries.flatMap(([key, child]) => leafPaths(child, [...prefix, key]));
}

/** TOML values as JSON: dates become their TOML text, bigints numbers; tables and arrays recurse. */
export function toJsonValue(value: unknown): unknown {
  // smol-toml's TomlDate prints local dates/times in their TOML form from toISOString().
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (isTable(value)) {
    const out: TomlTable = {};
    for (const [key, child] of Object.entries(value)) out[key] = toJsonValue(child);
    return out;
  }
  return value;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isTable(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(toJsonValue(value)) ?? 'null';
}

/**
 * A layer's version as the real Codex computes it: `sha256:` + the hash of the layer's parsed
 * content as compact JSON with sorted keys (so a missing file is the hash of `{}`). Comment-only
 * edits keep the version, which is fine: writers always re-read the file text before editing.
 */
export function tableVersion(table: TomlTable): string {
  let version = versions.get(table);
  if (version === undefined) {
    version = `sha256:${createHash('sha256').update(canonicalJson(table)).digest('hex')}`;
    versions.set(table, version);
  }
  return version;
}

/**
 * Versions by table object: tables are never changed in place here (setPath, deletePath and
 * mergeTables make new ones), and a file's table stays the same object until the file changes,
 * so the effective config, built several times per turn, hashes each file once.
 */
const versions = new WeakMap<TomlTable, string>();

export function deepEqual(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
