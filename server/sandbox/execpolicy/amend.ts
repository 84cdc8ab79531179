// Exec-policy amendments: "accept, and allow commands starting with this from now on"
// (acceptWithExecpolicyAmendment) appends `prefix_rule(pattern=["cargo", "test"], decision="allow")`
// to $CODEX_HOME/rules/default.rules — the exact line Codex writes (tokens JSON-quoted, which is
// valid Starlark) — creating the folder if needed, adding a newline before it if the file does not
// end with one, and skipping a line that is already there. Appends to the same file are serialized
// within this process; O_APPEND keeps concurrent writers from other processes from interleaving.
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';

/** The rule line for an allow amendment. */
export function formatAllowPrefixRule(prefix: readonly string[]): string {
  if (prefix.length === 0) throw new Error('prefix rule requires at least one token');
  return `prefix_rule(pattern=[${prefix.map((t) => JSON.stringify(t)).join(', ')}], decision="allow")`;
}

const queues = new Map<string, Promise<unknown>>();

/** Appends an allow rule for `prefix` to `file` (idempotent). Resolves true if a line was added. */
export function appendAllowPrefixRule(file: string, prefix: readonly string[]): Promise<boolean> {
  let line: string;
  try {
    line = formatAllowPrefixRule(prefix);
  } catch (err) {
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }
  const previous = queues.get(file) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => appendLine(file, line));
  queues.set(file, next);
  void next.finally(() => {
    if (queues.get(file) === next) queues.delete(file);
  });
  return next;
}

async function appendLine(file: string, line: string): Promise<boolean> {
  await mkdir(path.dirname(file), { recursive: true });
  let contents = '';
  try {
    contents = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (contents.split('\n').some((existing) => existing.replace(/\r$/, '') === line)) return false;
  const prefix = contents.length > 0 && !contents.endsWith('\n') ? '\n' : '';
  await appendFile(file, `${prefix}${line}\n`, { encoding: 'utf8', flag: 'a' });
  return true;
}
