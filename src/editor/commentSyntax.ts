// Comment and string syntax per VS Code language id, for finding TODO/FIXME comments (pure, no
// `vscode` import). Languages that are not listed fall back to a permissive per-line heuristic in
// todoComments.ts, so TODO lenses work in any language.

/** How one language writes comments and the strings that may contain comment-like text. */
export interface CommentSyntax {
  /** Tokens that start a comment running to the end of the line. */
  readonly line: readonly string[];
  /** Block comment [open, close] pairs. */
  readonly block: readonly (readonly [string, string])[];
  /** String delimiters; a single-character delimiter ends at the line's end if unterminated. */
  readonly strings: readonly string[];
  /** Line tokens that only count at the start of a line (after whitespace): `REM`, `::`, ini's `;`. */
  readonly lineStartOnly?: readonly string[];
  /** A line token needs whitespace (or the line start) before it: shell's `#` vs `$#`, `${#a}`. */
  readonly tokenNeedsSpaceBefore?: boolean;
  /** Line tokens are case-insensitive words (`REM`). */
  readonly caseInsensitiveTokens?: boolean;
  /** A backslash escapes the next character outside strings too (TeX's `\%`). */
  readonly escapeInCode?: boolean;
  /** Doubling a quote escapes it inside strings (SQL, VB, Pascal) instead of a backslash. */
  readonly doubledQuoteEscape?: boolean;
  /** `'` right after a name, `)`, `]`, `}` or `.` is MATLAB's transpose, not a string. */
  readonly transposeQuote?: boolean;
}

const cLike: CommentSyntax = { line: ['//'], block: [['/*', '*/']], strings: ['`', '"', "'"] };
const cNoChar: CommentSyntax = { line: ['//'], block: [['/*', '*/']], strings: ['"'] };
const hash: CommentSyntax = { line: ['#'], block: [], strings: ['"', "'"] };
const shell: CommentSyntax = { line: ['#'], block: [], strings: ['"', "'"], tokenNeedsSpaceBefore: true };
const markup: CommentSyntax = { line: [], block: [['<!--', '-->']], strings: [] };
const lisp: CommentSyntax = { line: [';'], block: [], strings: ['"'] };
const percent: CommentSyntax = { line: ['%'], block: [], strings: ['"'] };

/** Comment syntax by VS Code language id. */
export const COMMENT_SYNTAX: Readonly<Record<string, CommentSyntax>> = {
  javascript: cLike,
  typescript: cLike,
  javascriptreact: cLike,
  typescriptreact: cLike,
  java: cLike,
  c: cLike,
  cpp: cLike,
  'cuda-cpp': cLike,
  csharp: cLike,
  go: cLike,
  kotlin: cLike,
  scala: cLike,
  dart: cLike,
  groovy: cLike,
  'objective-c': cLike,
  'objective-cpp': cLike,
  swift: { line: ['//'], block: [['/*', '*/']], strings: ['"""', '"'] },
  rust: cNoChar, // 'a is a lifetime, not a string
  zig: { line: ['//'], block: [], strings: ['"'] },
  json: cNoChar,
  jsonc: cNoChar,
  json5: { line: ['//'], block: [['/*', '*/']], strings: ['"', "'"] },
  css: { line: [], block: [['/*', '*/']], strings: ['"', "'"] },
  scss: { line: ['//'], block: [['/*', '*/']], strings: ['"', "'"] },
  less: { line: ['//'], block: [['/*', '*/']], strings: ['"', "'"] },
  php: { line: ['//', '#'], block: [['/*', '*/']], strings: ['"', "'"] },
  python: { line: ['#'], block: [], strings: ['"""', "'''", '"', "'"] },
  ruby: { line: ['#'], block: [['=begin', '=end']], strings: ['"', "'"] },
  perl: hash,
  r: hash,
  julia: { line: ['#'], block: [['#=', '=#']], strings: ['"""', '"'] },
  elixir: { line: ['#'], block: [], strings: ['"""', '"', "'"] },
  coffeescript: { line: ['#'], block: [['###', '###']], strings: ['"', "'"] },
  nim: { line: ['#'], block: [['#[', ']#']], strings: ['"""', '"'] },
  powershell: { line: ['#'], block: [['<#', '#>']], strings: ['"', "'"] },
  shellscript: shell,
  dockerfile: shell,
  makefile: shell,
  yaml: shell,
  toml: { line: ['#'], block: [], strings: ['"""', "'''", '"', "'"] },
  cmake: hash,
  tcl: shell,
  properties: { line: ['#', '!'], block: [], strings: [], lineStartOnly: ['#', '!'] },
  ini: { line: [';', '#'], block: [], strings: [], lineStartOnly: [';', '#'] },
  sql: { line: ['--', '#'], block: [['/*', '*/']], strings: ["'", '"'], doubledQuoteEscape: true },
  lua: { line: ['--'], block: [['--[[', ']]']], strings: ['"', "'"] },
  haskell: { line: ['--'], block: [['{-', '-}']], strings: ['"'] },
  elm: { line: ['--'], block: [['{-', '-}']], strings: ['"'] },
  ada: { line: ['--'], block: [], strings: ['"'] },
  vhdl: { line: ['--'], block: [], strings: ['"'] },
  lisp,
  clojure: lisp,
  scheme: lisp,
  racket: lisp,
  'emacs-lisp': lisp,
  asm: { line: [';', '#'], block: [], strings: ['"'] },
  autohotkey: { line: [';'], block: [['/*', '*/']], strings: ['"'] },
  latex: { line: ['%'], block: [], strings: [], escapeInCode: true },
  tex: { line: ['%'], block: [], strings: [], escapeInCode: true },
  bibtex: { line: ['%'], block: [], strings: [], escapeInCode: true },
  matlab: { line: ['%'], block: [['%{', '%}']], strings: ['"', "'"], transposeQuote: true },
  erlang: percent,
  prolog: { line: ['%'], block: [['/*', '*/']], strings: ['"'] },
  vb: { line: ["'", 'REM'], block: [], strings: ['"'], caseInsensitiveTokens: true, doubledQuoteEscape: true },
  bat: { line: ['REM', '::'], block: [], strings: [], lineStartOnly: ['REM', '::'], caseInsensitiveTokens: true },
  html: markup,
  xml: markup,
  xsl: markup,
  markdown: markup,
  vue: { line: ['//'], block: [['<!--', '-->'], ['/*', '*/']], strings: [] },
  svelte: { line: ['//'], block: [['<!--', '-->'], ['/*', '*/']], strings: [] },
  razor: { line: ['//'], block: [['@*', '*@'], ['<!--', '-->'], ['/*', '*/']], strings: [] },
  ocaml: { line: [], block: [['(*', '*)']], strings: ['"'] },
  fsharp: { line: ['//'], block: [['(*', '*)']], strings: ['"'] },
  pascal: { line: ['//'], block: [['{', '}'], ['(*', '*)']], strings: ["'"], doubledQuoteEscape: true },
  terraform: { line: ['#', '//'], block: [['/*', '*/']], strings: ['"'] },
  graphql: hash,
  proto: cNoChar,
  proto3: cNoChar,
  solidity: cLike,
  verilog: cNoChar,
  systemverilog: cNoChar,
  glsl: cNoChar,
  hlsl: cNoChar,
  wgsl: cNoChar,
};

/** The syntax for a language id, or null when unknown (use the per-line heuristic). */
export function commentSyntaxFor(languageId: string): CommentSyntax | null {
  return COMMENT_SYNTAX[languageId] ?? null;
}
