// The webview's l10n bundle: l10n/bundle.l10n.<locale>.json of the extension (the same files
// vscode.l10n uses for the host), for the locale the UI shows (`codex.localeOverride` or the
// editor's language); falls back from "de-ch" to "de"; null for English or a missing bundle.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export async function loadWebviewBundle(extensionPath: string, locale: string): Promise<Record<string, string> | null> {
  for (const candidate of localeCandidates(locale)) {
    if (candidate === 'en') return null;
    try {
      const text = await readFile(join(extensionPath, 'l10n', `bundle.l10n.${candidate}.json`), 'utf8');
      return toStringRecord(JSON.parse(text) as unknown);
    } catch {
      // no bundle for this candidate: try the next one
    }
  }
  return null;
}

/** "pt-BR" → ["pt-br", "pt"]. */
export function localeCandidates(locale: string): string[] {
  const lower = locale.trim().toLowerCase();
  if (lower === '') return [];
  const base = lower.split(/[-_]/)[0] ?? lower;
  return base === lower ? [lower] : [lower, base];
}

/**
 * A bundle maps messages to translations; entries with a comment (`{message, comment}`) are
 * flattened to their message. Anything else is dropped.
 */
function toStringRecord(value: unknown): Record<string, string> | null {
  if (typeof value !== 'object' || value === null) return null;
  const out: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry === 'string') out[key] = entry;
    else if (typeof entry === 'object' && entry !== null && typeof (entry as { message?: unknown }).message === 'string') {
      out[key] = (entry as { message: string }).message;
    }
  }
  return out;
}
