// Text editing rules of the composer's two pickers, pure: where an `@file` mention or a `/command`
// is being typed (from the text and the caret), and how a chosen file replaces the `@query`.
export interface TokenAtCaret {
  /** Index of the trigger character (`@` or `/`). */
  readonly start: number;
  /** What follows the trigger up to the caret. */
  readonly query: string;
}

/** The `@query` being typed at the caret: `@` at the start or after whitespace, no space since. */
export function mentionAtCaret(text: string, caret: number): TokenAtCaret | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at < 0) return null;
  if (at > 0 && !/\s/.test(before[at - 1] ?? '')) return null;
  const query = before.slice(at + 1);
  if (/\s/.test(query)) return null;
  return { start: at, query };
}

/** The `/command` being typed: only as the first token of the message, before any space. */
export function slashAtCaret(text: string, caret: number): TokenAtCaret | null {
  if (!text.startsWith('/')) return null;
  const before = text.slice(0, caret);
  const query = before.slice(1);
  if (/\s/.test(query)) return null;
  if (/\s/.test(text.slice(1, caret))) return null;
  return { start: 0, query };
}

/** Replaces `@query` (from token.start to caret) by `@name ` and returns the new text and caret. */
export function insertMention(text: string, token: TokenAtCaret, caret: number, name: string): { text: string; caret: number } {
  const inserted = `@${name} `;
  const after = text.slice(caret).replace(/^\S*/, '');
  const next = text.slice(0, token.start) + inserted + after.replace(/^ /, '');
  return { text: next, caret: token.start + inserted.length };
}

/** The file name of a path (the mention's visible name). */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/).filter((p) => p !== '');
  return parts[parts.length - 1] ?? path;
}
