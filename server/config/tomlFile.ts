// Reads one TOML config file. A missing file is an empty layer; a syntax error is reported with
// file, line and column and the layer is left out, so a broken file never stops the server.
// Files are re-read on every call but parsed again only when their mtime or size changed, so each
// thread start sees edits made on disk without a restart and without re-parsing unchanged files.
import { readFileSync, statSync } from 'node:fs';
import { parse, TomlError } from 'smol-toml';
import { type TomlTable } from './tables';

export type { TomlTable } from './tables';

export interface ConfigProblem {
  readonly file: string;
  readonly line: number | null;
  readonly column: number | null;
  readonly key: string | null;
  readonly message: string;
  /** Warnings (unknown keys, fallbacks) leave the value in place; errors drop it. */
  readonly severity?: 'error' | 'warning';
}

export type TomlFileResult =
  | { readonly kind: 'missing' }
  | { readonly kind: 'loaded'; readonly table: TomlTable; readonly text: string }
  | { readonly kind: 'broken'; readonly problem: ConfigProblem; readonly text: string | null };

/** The result for every absent file: one object, so unchanged inputs keep their identity. */
export const MISSING_FILE: TomlFileResult = Object.freeze({ kind: 'missing' });

/** Parses TOML text; the problem names the file, line and column of a syntax error. */
export function parseToml(text: string, file: string): TomlFileResult {
  try {
    return { kind: 'loaded', table: parse(text) as TomlTable, text };
  } catch (error) {
    if (error instanceof TomlError) {
      const firstLine = error.message.split('\n')[0] ?? error.message;
      return { kind: 'broken', problem: { file, line: error.line, column: error.column, key: null, message: firstLine }, text };
    }
    throw error;
  }
}

export function readTomlFile(file: string): TomlFileResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return MISSING_FILE;
    return { kind: 'broken', problem: { file, line: null, column: null, key: null, message: (error as Error).message }, text: null };
  }
  return parseToml(text, file);
}

interface CacheEntry {
  readonly mtimeMs: number;
  readonly size: number;
  readonly result: TomlFileResult;
}

/** `readTomlFile` behind a stat check: unchanged files (same mtime and size) are not parsed again. */
export class TomlFileCache {
  private readonly entries = new Map<string, CacheEntry>();

  read(file: string): TomlFileResult {
    let mtimeMs: number;
    let size: number;
    try {
      const stat = statSync(file);
      if (!stat.isFile()) return stat.isDirectory() ? MISSING_FILE : readTomlFile(file);
      mtimeMs = stat.mtimeMs;
      size = stat.size;
    } catch {
      this.entries.delete(file);
      return MISSING_FILE;
    }
    const cached = this.entries.get(file);
    if (cached && cached.mtimeMs === mtimeMs && cached.size === size) return cached.result;
    const result = readTomlFile(file);
    this.entries.set(file, { mtimeMs, size, result });
    return result;
  }

  /** Drops a file's entry (after we wrote it ourselves within the mtime granularity). */
  forget(file: string): void {
    this.entries.delete(file);
  }
}

/** `-c key=value`: the value is parsed as TOML, and taken as a plain string when that fails. */
export function parseOverride(spec: string): { key: string; value: unknown } | { error: string } {
  const eq = spec.indexOf('=');
  if (eq <= 0) return { error: `config override '${spec}' must look like key=value` };
  const key = spec.slice(0, eq).trim();
  const raw = spec.slice(eq + 1).trim();
  return { key, value: parseTomlValue(raw) };
}

function parseTomlValue(raw: string): unknown {
  try {
    return (parse(`v = ${raw}`) as { v: unknown }).v;
  } catch {
    return raw;
  }
}
