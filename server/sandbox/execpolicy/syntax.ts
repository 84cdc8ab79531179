// The Starlark subset `.rules` files are written in: a lexer and a recursive-descent parser that
// turn the text into statements, with line:column positions for every error. Supported:
//   statements   `NAME = expr` and expression statements (in practice, calls), separated by
//                newlines or `;`; `#` comments; newlines inside (), [] are ignored;
//   expressions  strings ('…', "…", '''…''', """…""", r-prefixed raw strings, Starlark escapes),
//                integers, True/False/None, names, lists `[a, b,]`, calls `f(a, k=v,)`,
//                parentheses, and `+` (list or string concatenation).
// Anything else (def, if, for, lambda, dicts, comprehensions, other operators) is a syntax error.

export interface Position {
  line: number;
  column: number;
}

export class RulesSyntaxError extends Error {
  constructor(
    message: string,
    readonly pos: Position,
  ) {
    super(message);
    this.name = 'RulesSyntaxError';
    Object.setPrototypeOf(this, RulesSyntaxError.prototype);
  }
}

export type Expr =
  | { kind: 'string'; value: string; pos: Position }
  | { kind: 'int'; value: number; pos: Position }
  | { kind: 'const'; value: boolean | null; pos: Position }
  | { kind: 'name'; name: string; pos: Position }
  | { kind: 'list'; items: Expr[]; pos: Position }
  | { kind: 'call'; callee: string; args: Arg[]; pos: Position }
  | { kind: 'add'; left: Expr; right: Expr; pos: Position };

export interface Arg {
  name: string | null;
  value: Expr;
  pos: Position;
}

export type Stmt = { kind: 'assign'; name: string; value: Expr; pos: Position } | { kind: 'expr'; value: Expr; pos: Position };

type TokenKind = 'name' | 'string' | 'int' | 'op' | 'newline' | 'eof';
interface Token {
  kind: TokenKind;
  text: string;
  value?: string | number;
  pos: Position;
}

const SIMPLE_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"' };
const KEYWORDS = new Set(['and', 'break', 'continue', 'def', 'elif', 'else', 'for', 'if', 'in', 'lambda', 'load', 'not', 'or', 'pass', 'return', 'while']);

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  let depth = 0;
  const pos = (at: number): Position => ({ line, column: at - lineStart + 1 });
  const fail = (message: string, at: number): never => {
    throw new RulesSyntaxError(message, pos(at));
  };
  while (i < src.length) {
    const c = src[i] as string;
    if (c === '\n') {
      if (depth === 0) tokens.push({ kind: 'newline', text: '\n', pos: pos(i) });
      i += 1;
      line += 1;
      lineStart = i;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i += 1;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      line += 1;
      lineStart = i;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i += 1;
      continue;
    }
    const start = i;
    if (/[A-Za-z_]/.test(c)) {
      const raw = (c === 'r' || c === 'R') && (src[i + 1] === '"' || src[i + 1] === "'");
      if (raw) {
        i += 1;
      } else {
        while (i < src.length && /[A-Za-z0-9_]/.test(src[i] as string)) i += 1;
        const word = src.slice(start, i);
        if (KEYWORDS.has(word)) fail(`'${word}' is not supported in rules files`, start);
        tokens.push({ kind: 'name', text: word, pos: pos(start) });
        continue;
      }
    }
    if (src[i] === '"' || src[i] === "'") {
      const raw = i > start;
      const quote = src[i] as string;
      const triple = src.startsWith(quote.repeat(3), i);
      const close = triple ? quote.repeat(3) : quote;
      i += close.length;
      let value = '';
      for (;;) {
        if (i >= src.length) fail('unterminated string', start);
        if (src.startsWith(close, i)) {
          i += close.length;
          break;
        }
        const ch = src[i] as string;
        if (ch === '\n') {
          if (!triple) fail('unterminated string', start);
          line += 1;
          lineStart = i + 1;
        }
        if (ch === '\\' && !raw) {
          const [text, used] = readEscape(src, i, fail);
          value += text;
          i += used;
          continue;
        }
        if (ch === '\\' && raw && (src[i + 1] === quote || src[i + 1] === '\\')) {
          value += ch + (src[i + 1] as string);
          i += 2;
          continue;
        }
        value += ch;
        i += 1;
      }
      tokens.push({ kind: 'string', text: src.slice(start, i), value, pos: pos(start) });
      continue;
    }
    if (/[0-9]/.test(c)) {
      while (i < src.length && /[0-9]/.test(src[i] as string)) i += 1;
      if (i < src.length && /[A-Za-z_.]/.test(src[i] as string)) fail('only decimal integers are supported', start);
      tokens.push({ kind: 'int', text: src.slice(start, i), value: Number(src.slice(start, i)), pos: pos(start) });
      continue;
    }
    if ('([{'.includes(c)) depth += 1;
    if (')]}'.includes(c)) depth = Math.max(0, depth - 1);
    if ('()[],=+;'.includes(c)) {
      tokens.push({ kind: 'op', text: c, pos: pos(start) });
      i += 1;
      continue;
    }
    fail(`unexpected character '${c}'`, start);
  }
  tokens.push({ kind: 'newline', text: '\n', pos: pos(i) }, { kind: 'eof', text: '', pos: pos(i) });
  return tokens;
}

function readEscape(src: string, i: number, fail: (message: string, at: number) => never): [string, number] {
  const e = src[i + 1];
  if (e === undefined) return fail('unterminated string', i);
  if (e === '\n') return ['', 2];
  const simple = SIMPLE_ESCAPES[e];
  if (simple !== undefined) return [simple, 2];
  const hex = (len: number): [string, number] => {
    const digits = src.slice(i + 2, i + 2 + len);
    if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(digits)) return fail(`invalid \\${e} escape`, i);
    const code = parseInt(digits, 16);
    if (code > 0x10ffff) return fail('invalid code point', i);
    return [String.fromCodePoint(code), 2 + len];
  };
  if (e === 'x') return hex(2);
  if (e === 'u') return hex(4);
  if (e === 'U') return hex(8);
  if (/[0-7]/.test(e)) {
    const m = /^[0-7]{1,3}/.exec(src.slice(i + 1)) as RegExpExecArray;
    return [String.fromCharCode(parseInt(m[0], 8)), 1 + m[0].length];
  }
  return fail(`invalid escape sequence \\${e}`, i);
}

/** Parses a rules file into statements. Throws RulesSyntaxError. */
export function parseRules(src: string): Stmt[] {
  const tokens = tokenize(src);
  let at = 0;
  const peek = (): Token => tokens[at] as Token;
  const next = (): Token => tokens[at++] as Token;
  const isOp = (text: string): boolean => peek().kind === 'op' && peek().text === text;
  const fail = (message: string, tok: Token = peek()): never => {
    throw new RulesSyntaxError(message, tok.pos);
  };
  const describe = (tok: Token): string => (tok.kind === 'eof' ? 'end of file' : tok.kind === 'newline' ? 'end of line' : `'${tok.text}'`);
  const expectOp = (text: string): Token => (isOp(text) ? next() : fail(`expected '${text}', found ${describe(peek())}`));

  const parseSequence = (close: string, item: () => void): void => {
    while (!isOp(close)) {
      item();
      if (isOp(',')) next();
      else if (!isOp(close)) fail(`expected ',' or '${close}', found ${describe(peek())}`);
    }
    next();
  };

  const parsePrimary = (): Expr => {
    const tok = peek();
    if (tok.kind === 'string') return (next(), { kind: 'string', value: tok.value as string, pos: tok.pos });
    if (tok.kind === 'int') return (next(), { kind: 'int', value: tok.value as number, pos: tok.pos });
    if (tok.kind === 'name') {
      next();
      if (tok.text === 'True' || tok.text === 'False') return { kind: 'const', value: tok.text === 'True', pos: tok.pos };
      if (tok.text === 'None') return { kind: 'const', value: null, pos: tok.pos };
      if (!isOp('(')) return { kind: 'name', name: tok.text, pos: tok.pos };
      next();
      const args: Arg[] = [];
      parseSequence(')', () => {
        const start = peek();
        const keyword = start.kind === 'name' && tokens[at + 1]?.kind === 'op' && tokens[at + 1]?.text === '=';
        if (keyword) at += 2;
        if (!keyword && args.some((a) => a.name !== null)) fail('positional argument follows keyword argument', start);
        args.push({ name: keyword ? start.text : null, value: parseExpr(), pos: start.pos });
      });
      return { kind: 'call', callee: tok.text, args, pos: tok.pos };
    }
    if (isOp('[')) {
      next();
      const items: Expr[] = [];
      parseSequence(']', () => items.push(parseExpr()));
      return { kind: 'list', items, pos: tok.pos };
    }
    if (isOp('(')) {
      next();
      const inner = parseExpr();
      expectOp(')');
      return inner;
    }
    return fail(`expected an expression, found ${describe(tok)}`);
  };

  const parseExpr = (): Expr => {
    let left = parsePrimary();
    while (isOp('+')) {
      const op = next();
      left = { kind: 'add', left, right: parsePrimary(), pos: op.pos };
    }
    return left;
  };

  const stmts: Stmt[] = [];
  while (peek().kind !== 'eof') {
    if (peek().kind === 'newline' || isOp(';')) {
      next();
      continue;
    }
    const start = peek();
    if (start.kind === 'name' && tokens[at + 1]?.kind === 'op' && tokens[at + 1]?.text === '=') {
      at += 2;
      stmts.push({ kind: 'assign', name: start.text, value: parseExpr(), pos: start.pos });
    } else {
      stmts.push({ kind: 'expr', value: parseExpr(), pos: start.pos });
    }
    if (peek().kind !== 'newline' && !isOp(';')) fail(`expected end of statement, found ${describe(peek())}`);
  }
  return stmts;
}
