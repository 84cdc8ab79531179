// config/value/write and config/batchWrite on disk: reads the file fresh, checks the caller's
// expected version (optimistic concurrency), applies every edit to the text losslessly
// (tomlEdit.ts), validates the result, and replaces the file atomically (temp file + rename). Writes
// to one file are serialised in this process; a change by another process between our read and
// our rename is detected and reported as a version conflict (or retried when no version was given).
import { chmodSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import type { MergeStrategy } from '../protocol/config';
import { ConfigWriteError, versionConflict } from './configErrors';
import { formatKeyPath, KeyPathError, parseKeyPath } from './keyPath';
import { describeProblem } from './layers';
import { isTable, tableVersion, type TomlTable } from './tables';
import { applyToTable, editTomlText, TomlEditError, type EditOperation } from './tomlEdit';
import { parseToml } from './tomlFile';
import { validateLayer } from './validateLayer';

export interface WriteEdit {
  readonly keyPath: string;
  readonly value: unknown;
  readonly mergeStrategy: MergeStrategy;
}

export interface WriteRequest {
  readonly file: string;
  readonly edits: readonly WriteEdit[];
  readonly expectedVersion?: string | null;
  /** Extra policy checks on the edited table (requirements); throw ConfigWriteError to refuse. */
  readonly check?: (table: TomlTable, paths: readonly (readonly string[])[]) => void;
}

export interface WriteOutcome {
  readonly version: string;
  readonly table: TomlTable;
  readonly paths: readonly (readonly string[])[];
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
}

/** JSON from the client → TOML values: null members mean "no value" (TOML has no null). */
function toTomlValue(value: unknown, where: string): unknown {
  if (value === null) return undefined;
  if (Array.isArray(value)) {
    return value.map((item, index) => {
      const converted = toTomlValue(item, `${where}[${index}]`);
      if (converted === undefined) throw new ConfigWriteError('configValidationError', `Invalid configuration: null is not a TOML value (at ${where}[${index}])`);
      return converted;
    });
  }
  if (isTable(value)) {
    const out: TomlTable = {};
    for (const [key, child] of Object.entries(value)) {
      const converted = toTomlValue(child, `${where}.${key}`);
      if (converted !== undefined) out[key] = converted;
    }
    return out;
  }
  return value;
}

export function editToOperation(edit: WriteEdit): EditOperation {
  let path: string[];
  try {
    path = parseKeyPath(edit.keyPath);
  } catch (error) {
    if (error instanceof KeyPathError) throw new ConfigWriteError('configPathNotFound', `Invalid keyPath: ${error.message}`);
    throw error;
  }
  const value = toTomlValue(edit.value, formatKeyPath(path));
  if (value === undefined) return { kind: 'delete', path };
  return { kind: edit.mergeStrategy, path, value };
}

function atomicReplace(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  let mode: number | undefined;
  try {
    mode = statSync(file).mode & 0o777;
  } catch {
    mode = undefined;
  }
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(temp, text, { encoding: 'utf8', mode: mode ?? 0o600 });
    if (mode !== undefined) chmodSync(temp, mode);
    renameSync(temp, file);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // the temp file may not exist; nothing to clean up then
    }
    throw error;
  }
}

const MAX_ATTEMPTS = 5;

export class ConfigWriter {
  private chain: Promise<unknown> = Promise.resolve();

  /** Runs writes one at a time: concurrent requests see each other's result, never a lost update. */
  write(request: WriteRequest): Promise<WriteOutcome> {
    const run = this.chain.then(() => this.writeNow(request));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private writeNow(request: WriteRequest): WriteOutcome {
    const operations = request.edits.map(editToOperation);
    for (let attempt = 1; ; attempt++) {
      const text = readText(request.file);
      const parsed = parseToml(text, request.file);
      if (parsed.kind === 'broken') {
        throw new ConfigWriteError('configValidationError', `Cannot edit ${describeProblem(parsed.problem)}; fix the file first`);
      }
      const current = parsed.kind === 'loaded' ? parsed.table : {};
      if (request.expectedVersion && request.expectedVersion !== tableVersion(current)) throw versionConflict();

      let nextText = text;
      let table = current;
      for (const op of operations) {
        table = applyToTable(table, op);
        try {
          nextText = editTomlText(nextText, op);
        } catch (error) {
          if (error instanceof TomlEditError) throw new ConfigWriteError('configValidationError', `Cannot write ${formatKeyPath(op.path)}: ${error.message}`);
          throw error;
        }
      }
      // Only the edited keys must be valid: a bad value elsewhere (already reported) does not block writes.
      const edited = operations.map((op) => formatKeyPath(op.path));
      const touches = (key: string | null): boolean => key !== null && edited.some((e) => key === e || key.startsWith(`${e}.`) || e.startsWith(`${key}.`));
      const errors = validateLayer(table, request.file, nextText).problems.filter((p) => p.severity === 'error' && touches(p.key));
      if (errors.length > 0) {
        throw new ConfigWriteError('configValidationError', `Invalid configuration: ${errors.map((p) => `${p.key ?? ''}: ${p.message.replace(/; the value is ignored$/, '')}`).join('; ')}`);
      }
      const paths = operations.map((op) => op.path);
      request.check?.(table, paths);
      // Another process may have written since we read: never overwrite what we have not seen.
      if (readText(request.file) !== text) {
        if (request.expectedVersion || attempt >= MAX_ATTEMPTS) throw versionConflict();
        continue;
      }
      if (nextText !== text) atomicReplace(request.file, nextText);
      return { version: tableVersion(table), table, paths };
    }
  }
}
