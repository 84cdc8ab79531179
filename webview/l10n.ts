// The webview's strings: `t('English source {0}', arg)` through @vscode/l10n, configured from the
// bundle the host sends in `hostInfo.l10n` (null = English, the source strings themselves).
import * as l10n from '@vscode/l10n';

let configured = false;

/** Loads the host's bundle (source string → translation); null or {} means English. */
export function configureL10n(bundle: Readonly<Record<string, string>> | null): void {
  l10n.config({ contents: { ...(bundle ?? {}) } });
  configured = true;
}

/** The translation of `message` with `{0}`, `{1}` … (or `{name}` with a record) filled in. */
export function t(message: string, ...args: Array<string | number | boolean>): string;
export function t(message: string, args: Record<string, string | number | boolean>): string;
export function t(message: string, ...args: unknown[]): string {
  if (!configured) configureL10n(null);
  return (l10n.t as (m: string, ...a: unknown[]) => string)(message, ...args);
}
