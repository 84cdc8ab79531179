// POSIX shell words: quoting for display (`/bin/bash -lc 'echo hello'`, the way Codex shows a
// command) and a small tokenizer for the *simple* scripts that command classification understands:
// plain words, single/double quotes, backslash escapes and the connectors `|`, `&&`, `||`, `;`
// (a newline counts as `;`). Anything richer — redirections, `$` expansions, command
// substitution, subshells, background `&`, assignments, comments — makes the tokenizer give up
// (returns null), and the caller then treats the script as one opaque command.

/** The connector tokens a tokenized script may contain besides words. */
export type Connector = '|' | '&&' | '||' | ';';
export const CONNECTORS: readonly string[] = ['|', '&&', '||', ';'];

export function isConnector(token: string): token is Connector {
  return CONNECTORS.includes(token);
}

/** Characters that never need quoting. `=` and `%` are deliberately absent (Codex quotes `--a=b`). */
const SAFE_WORD = /^[A-Za-z0-9_\-+.,/:@\]]+$/;

/** Quotes one word so a POSIX shell reads it back unchanged. */
export function shellQuote(word: string): string {
  if (word === '') return "''";
  if (SAFE_WORD.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Joins argv into one display string, quoting words that need it. */
export function shellJoin(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*\+?=/;

interface WordState {
  text: string;
  /** The raw source of the word, used to spot `NAME=value` assignments and a leading `!`/`#`. */
  raw: string;
  started: boolean;
}

/**
 * Splits a simple shell script into words and connector tokens. Returns null when the script uses
 * a construct this tokenizer does not model (see the module comment), or has unbalanced quotes.
 */
export function tokenizeScript(script: string): string[] | null {
  const out: string[] = [];
  let word: WordState = { text: '', raw: '', started: false };
  let atCommandStart = true;

  const endWord = (): boolean => {
    if (!word.started) return true;
    if (atCommandStart && (ASSIGNMENT.test(word.raw) || word.raw === '!')) return false;
    out.push(word.text);
    word = { text: '', raw: '', started: false };
    atCommandStart = false;
    return true;
  };
  const pushConnector = (c: Connector): void => {
    out.push(c);
    atCommandStart = true;
  };

  let i = 0;
  while (i < script.length) {
    const ch = script[i] as string;
    const next = script[i + 1];
    if (ch === ' ' || ch === '\t') {
      if (!endWord()) return null;
      i += 1;
      continue;
    }
    if (ch === '\n' || ch === ';' || ch === '|' || ch === '&') {
      if (!endWord()) return null;
      if (ch === '\n') {
        pushConnector(';');
        i += 1;
      } else if (ch === ';') {
        if (next === ';' || next === '&') return null;
        pushConnector(';');
        i += 1;
      } else if (ch === '|') {
        if (next === '&') return null;
        pushConnector(next === '|' ? '||' : '|');
        i += next === '|' ? 2 : 1;
      } else {
        if (next !== '&') return null; // a lone `&` runs in the background
        pushConnector('&&');
        i += 2;
      }
      continue;
    }
    if ('<>()$`{}'.includes(ch)) return null;
    if (ch === '#' && !word.started) return null;
    if (ch === "'") {
      const end = script.indexOf("'", i + 1);
      if (end < 0) return null;
      word.text += script.slice(i + 1, end);
      word.raw += script.slice(i, end + 1);
      word.started = true;
      i = end + 1;
      continue;
    }
    if (ch === '"') {
      const parsed = readDoubleQuoted(script, i + 1);
      if (!parsed) return null;
      word.text += parsed.text;
      word.raw += script.slice(i, parsed.end + 1);
      word.started = true;
      i = parsed.end + 1;
      continue;
    }
    if (ch === '\\') {
      if (next === undefined) return null;
      if (next !== '\n') {
        word.text += next;
        word.raw += ch + next;
        word.started = true;
      }
      i += 2;
      continue;
    }
    word.text += ch;
    word.raw += ch;
    word.started = true;
    i += 1;
  }
  if (!endWord()) return null;
  return out;
}

/** Reads a double-quoted string body starting after the opening quote; null on `$`, backquote or EOF. */
function readDoubleQuoted(script: string, start: number): { text: string; end: number } | null {
  let text = '';
  let i = start;
  while (i < script.length) {
    const ch = script[i] as string;
    if (ch === '"') return { text, end: i };
    if (ch === '$' || ch === '`') return null;
    if (ch === '\\') {
      const next = script[i + 1];
      if (next === undefined) return null;
      if (next === '"' || next === '\\' || next === '$' || next === '`') {
        text += next;
      } else if (next !== '\n') {
        text += ch + next;
      }
      i += 2;
      continue;
    }
    text += ch;
    i += 1;
  }
  return null;
}

/** Splits a token list on connectors into the individual commands, dropping empty ones. */
export function splitOnConnectors(tokens: readonly string[]): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  for (const token of tokens) {
    if (isConnector(token)) {
      if (current.length > 0) out.push(current);
      current = [];
    } else {
      current.push(token);
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}
