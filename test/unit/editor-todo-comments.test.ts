// TODO/FIXME detection for the "Implement with Codex" CodeLens: comment syntaxes of many languages,
// keywords inside strings ignored, block comments across lines, the heuristic for unknown languages.
import { strict as assert } from 'node:assert';
import { findTodoComments, MAX_SCANNED_CHARS } from '../../src/editor/todoComments';

interface Case {
  readonly languageId: string;
  readonly text: string;
  /** [0-based line, comment] of each expected TODO. */
  readonly expected: readonly (readonly [number, string])[];
}

const CASES: readonly Case[] = [
  {
    languageId: 'typescript',
    text: 'const a = "// TODO: not me";\n// TODO: cache the result\nlet b = `\n// TODO in template\n`; /* FIXME: leaks */\n',
    expected: [
      [1, 'TODO: cache the result'],
      [4, 'FIXME: leaks'],
    ],
  },
  {
    languageId: 'javascript',
    text: "const s = 'it\\'s // TODO no';\n/**\n * Sums.\n * TODO(ann): handle overflow\n */\nfunction f() {} // FIXME later\n",
    expected: [
      [3, 'TODO(ann): handle overflow'],
      [5, 'FIXME later'],
    ],
  },
  {
    languageId: 'python',
    text: 'x = "# TODO not a comment"\n"""\nTODO: docstring, not a comment\n"""\n# TODO: parse args\ny = 1  # FIXME: off by one\n',
    expected: [
      [4, 'TODO: parse args'],
      [5, 'FIXME: off by one'],
    ],
  },
  {
    languageId: 'shellscript',
    text: 'echo "# TODO no"\necho ${#arr[@]} TODO no\n# TODO: quote paths\nls # FIXME: use find\n',
    expected: [
      [2, 'TODO: quote paths'],
      [3, 'FIXME: use find'],
    ],
  },
  {
    languageId: 'sql',
    text: "SELECT '-- TODO no' FROM t; -- TODO: index this\n/* FIXME:\n   join order */\nSELECT 'it''s -- TODO no';\n",
    expected: [
      [0, 'TODO: index this'],
      [1, 'FIXME:'],
    ],
  },
  {
    languageId: 'lua',
    text: 'local s = "-- TODO no"\n--[[ TODO: block ]]\n-- FIXME: line\n',
    expected: [
      [1, 'TODO: block'],
      [2, 'FIXME: line'],
    ],
  },
  {
    languageId: 'html',
    text: '<p>TODO: visible text, not a comment</p>\n<!-- TODO: add nav -->\n<!--\n  FIXME: a11y\n-->\n',
    expected: [
      [1, 'TODO: add nav'],
      [3, 'FIXME: a11y'],
    ],
  },
  {
    languageId: 'clojure',
    text: '(def s "; TODO no")\n; TODO: memoize\n(defn f [] 1) ;; FIXME arity\n',
    expected: [
      [1, 'TODO: memoize'],
      [2, 'FIXME arity'],
    ],
  },
  {
    languageId: 'latex',
    text: '50\\% TODO not a comment\n% TODO: cite the paper\n',
    expected: [[1, 'TODO: cite the paper']],
  },
  {
    languageId: 'matlab',
    text: "disp('% TODO no')\nb = a'; % TODO: vectorise\n%{\nFIXME: block\n%}\n",
    expected: [
      [1, 'TODO: vectorise'],
      [3, 'FIXME: block'],
    ],
  },
  {
    languageId: 'vb',
    text: 'Dim s = "\' TODO no"\n\' TODO: dispose\nREM FIXME: old style\n',
    expected: [
      [1, 'TODO: dispose'],
      [2, 'FIXME: old style'],
    ],
  },
  {
    languageId: 'bat',
    text: 'echo TODO not a comment\nREM TODO: check errorlevel\n:: FIXME: quoting\nrem todo lower-case keyword is not matched\n',
    expected: [
      [1, 'TODO: check errorlevel'],
      [2, 'FIXME: quoting'],
    ],
  },
  {
    languageId: 'rust',
    text: "fn f<'a>(s: &'a str) -> &'a str { s } // TODO: lifetimes\nlet u = \"// TODO no\";\n",
    expected: [[0, 'TODO: lifetimes']],
  },
  {
    languageId: 'haskell',
    text: 'main = putStrLn "-- TODO no"\n{- TODO: monad -}\n-- FIXME: laziness\n',
    expected: [
      [1, 'TODO: monad'],
      [2, 'FIXME: laziness'],
    ],
  },
  {
    languageId: 'ini',
    text: 'name = a;b TODO no\n; TODO: section\n# FIXME: key\n',
    expected: [
      [1, 'TODO: section'],
      [2, 'FIXME: key'],
    ],
  },
  {
    languageId: 'ocaml',
    text: 'let s = "(* TODO no *)"\n(* TODO: tail call *)\n',
    expected: [[1, 'TODO: tail call']],
  },
  {
    languageId: 'go',
    text: 'package main\n\n// TODO: context\nvar s = `\n// TODO raw string\n`\n',
    expected: [[2, 'TODO: context']],
  },
  {
    languageId: 'some-unknown-language',
    text: 'x = "// TODO no"\n// TODO: a\n# FIXME b\n-- TODO c\n; TODO d\n% TODO e\n/* TODO f */\n<!-- TODO g -->\nplain TODO text\n',
    expected: [
      [1, 'TODO: a'],
      [2, 'FIXME b'],
      [3, 'TODO c'],
      [4, 'TODO d'],
      [5, 'TODO e'],
      [6, 'TODO f'],
      [7, 'TODO g'],
    ],
  },
];

describe('editor: TODO comment detection', () => {
  for (const c of CASES) {
    it(`finds the TODO/FIXME comments of ${c.languageId} and none inside strings`, () => {
      const found = findTodoComments(c.text, c.languageId).map((t) => [t.line, t.comment]);
      assert.deepEqual(found, c.expected.map(([line, comment]) => [line, comment]));
    });
  }

  it('reports the keyword, its column and one entry per line', () => {
    const [todo, ...rest] = findTodoComments('  x(); // TODO: a TODO twice\n', 'typescript');
    assert.deepEqual(todo, { line: 0, character: 10, keyword: 'TODO', comment: 'TODO: a TODO twice' });
    assert.equal(rest.length, 0);
  });

  it('counts lines across multi-line strings and block comments', () => {
    const text = 'a = """\nline\n"""\n/*\n\n*/\n// FIXME here\n';
    assert.deepEqual(
      findTodoComments(text, 'python').map((t) => t.line),
      [],
      'python has no /* */ comments: the // line is code',
    );
    assert.deepEqual(
      findTodoComments('s = `\n1\n2`;\n/*\n\n*/\n// FIXME here\n', 'typescript').map((t) => t.line),
      [6],
    );
  });

  it('needs the whole word: TODOS, TODOLIST and lower-case todo are not matched', () => {
    assert.deepEqual(findTodoComments('// TODOS\n// MYTODO\n// todo: x\n', 'typescript'), []);
  });

  it('skips documents larger than the scan limit', () => {
    const big = '// TODO: x\n'.padEnd(MAX_SCANNED_CHARS + 1, ' ');
    assert.deepEqual(findTodoComments(big, 'typescript'), []);
  });
});
