// Finds TODO/FIXME comments in a document's text for the "Implement with Codex" CodeLens (pure, no
// `vscode` import). Known languages are scanned with a small lexer that follows strings and
// block comments (so `"// TODO"` inside a string is not a comment); other languages use a per-line
// heuristic: the keyword right after any common comment opener, outside an obvious string.
import { type CommentSyntax, commentSyntaxFor } from './commentSyntax';

/** One TODO/FIXME found in a comment. Lines and characters are 0-based, as in VS Code ranges. */
export interface TodoComment {
  readonly line: number;
  /** Column of the keyword. */
  readonly character: number;
  readonly keyword: 'TODO' | 'FIXME';
  /** The comment from the keyword to the end of the comment on that line, trimmed. */
  readonly comment: string;
}

/** Documents longer than this are not scanned (a lens per TODO in a huge generated file helps nobody). */
export const MAX_SCANNED_CHARS = 2_000_000;
/** At most this many TODOs are reported per document. */
export const MAX_TODOS = 500;

const KEYWORD = /\b(TODO|FIXME)\b/;

export function findTodoComments(text: string, languageId: string): TodoComment[] {
  if (text.length > MAX_SCANNED_CHARS) return [];
  const syntax = commentSyntaxFor(languageId);
  return syntax ? scanWithSyntax(text, syntax) : scanHeuristically(text);
}

/** Looks for the keyword in one line's piece of a comment, [from, to) without line breaks. */
function inspectSegment(text: string, from: number, to: number, line: number, lineStart: number, out: TodoComment[]): void {
  if (out.length >= MAX_TODOS || out.at(-1)?.line === line) return;
  const segment = text.slice(from, to);
  const match = KEYWORD.exec(segment);
  if (!match) return;
  const comment = segment.slice(match.index).trim();
  out.push({ line, character: from - lineStart + match.index, keyword: match[1] as 'TODO' | 'FIXME', comment });
}

function byLengthDesc(tokens: readonly string[]): string[] {
  return [...tokens].sort((a, b) => b.length - a.length);
}

function startsWithToken(text: string, i: number, token: string, caseInsensitive: boolean): boolean {
  if (!caseInsensitive) return text.startsWith(token, i);
  return text.slice(i, i + token.length).toUpperCase() === token.toUpperCase();
}

const isWordChar = (ch: string | undefined): boolean => ch !== undefined && /[\w]/.test(ch);
const isSpace = (ch: string | undefined): boolean => ch === ' ' || ch === '\t';

/** Whether a line-comment token at i counts, given the language's placement rules. */
function lineTokenApplies(text: string, i: number, token: string, syntax: CommentSyntax, lineStart: number): boolean {
  const before = text.slice(lineStart, i);
  if (syntax.lineStartOnly?.includes(token) && before.trim() !== '') return false;
  if (syntax.tokenNeedsSpaceBefore && i > lineStart && !isSpace(text[i - 1])) return false;
  if (/^\w/.test(token)) {
    // A word token such as REM: a whole word, followed by a space or the line's end.
    if (isWordChar(text[i - 1]) || isWordChar(text[i + token.length])) return false;
  }
  return true;
}

function scanWithSyntax(text: string, syntax: CommentSyntax): TodoComment[] {
  const out: TodoComment[] = [];
  const blocks = [...syntax.block].sort((a, b) => b[0].length - a[0].length);
  const lineTokens = byLengthDesc(syntax.line);
  const strings = byLengthDesc(syntax.strings);
  const caseInsensitive = syntax.caseInsensitiveTokens === true;
  let line = 0;
  let lineStart = 0;
  let i = 0;
  const n = text.length;
  const newline = (at: number): void => {
    line += 1;
    lineStart = at + 1;
  };
  while (i < n && out.length < MAX_TODOS) {
    const ch = text[i];
    if (ch === '\n') {
      newline(i);
      i += 1;
      continue;
    }
    if (syntax.escapeInCode && ch === '\\') {
      i += text[i + 1] === '\n' ? 1 : 2;
      continue;
    }
    const block = blocks.find(([open]) => text.startsWith(open, i));
    if (block) {
      // A block comment: inspect each line's piece up to the closer.
      let from = i + block[0].length;
      let j = from;
      while (j < n && !text.startsWith(block[1], j)) {
        if (text[j] === '\n') {
          inspectSegment(text, from, j, line, lineStart, out);
          newline(j);
          from = j + 1;
        }
        j += 1;
      }
      inspectSegment(text, from, j, line, lineStart, out);
      i = j + block[1].length;
      continue;
    }
    const token = lineTokens.find(
      (t) => startsWithToken(text, i, t, caseInsensitive) && lineTokenApplies(text, i, t, syntax, lineStart),
    );
    if (token !== undefined) {
      const end = text.indexOf('\n', i);
      const lineEnd = end === -1 ? n : end;
      inspectSegment(text, i + token.length, lineEnd, line, lineStart, out);
      i = lineEnd;
      continue;
    }
    const quote = strings.find((q) => text.startsWith(q, i));
    if (quote !== undefined && !(quote === "'" && syntax.transposeQuote && /[\w)\]}.']/.test(text[i - 1] ?? ''))) {
      i = skipString(text, i + quote.length, quote, syntax, newline);
      continue;
    }
    i += 1;
  }
  return out;
}

/** Skips a string body starting after its opening quote; returns the index after it. */
function skipString(text: string, start: number, quote: string, syntax: CommentSyntax, newline: (at: number) => void): number {
  const multiline = quote.length > 1 || quote === '`';
  const backslash = syntax.doubledQuoteEscape !== true;
  let j = start;
  while (j < text.length) {
    const c = text[j];
    if (c === '\n') {
      if (!multiline) return j; // unterminated: the string ends with its line
      newline(j);
      j += 1;
      continue;
    }
    if (backslash && c === '\\') {
      if (text[j + 1] === '\n') newline(j + 1);
      j += 2;
      continue;
    }
    if (text.startsWith(quote, j)) {
      if (!backslash && quote.length === 1 && text[j + 1] === quote) {
        j += 2; // '' or "" inside the string
        continue;
      }
      return j + quote.length;
    }
    j += 1;
  }
  return j;
}

/**
 * Unknown languages: the keyword directly after a comment opener (`//`, `#`, `--`, `;`, `%`, `'`,
 * `/*`, `<!--`, `(*`, `{-`, a block comment's `*`, `REM`, `::`), not after an odd number of quotes.
 */
const HEURISTIC = /(\/\/+|#+|--+|;+|%+|'|\/\*+|<!--|\(\*|\{-|^\s*\*|\b(?:REM|rem|Rem)\b|::)[\s:!-]*\b(TODO|FIXME)\b/;
const CLOSERS = /\s*(\*\/|-->|\*\)|-\})\s*$/;

function scanHeuristically(text: string): TodoComment[] {
  const out: TodoComment[] = [];
  const lines = text.split('\n');
  for (let line = 0; line < lines.length && out.length < MAX_TODOS; line += 1) {
    const content = lines[line] ?? '';
    const match = HEURISTIC.exec(content);
    if (!match) continue;
    const before = content.slice(0, match.index);
    if (unbalancedQuotes(before)) continue;
    const character = match.index + match[0].length - (match[2] ?? '').length;
    const comment = content.slice(character).replace(CLOSERS, '').trim();
    out.push({ line, character, keyword: match[2] as 'TODO' | 'FIXME', comment });
  }
  return out;
}

function unbalancedQuotes(before: string): boolean {
  const unescaped = before.replace(/\\./g, '');
  return (unescaped.split('"').length - 1) % 2 === 1 || (unescaped.split('`').length - 1) % 2 === 1;
}
