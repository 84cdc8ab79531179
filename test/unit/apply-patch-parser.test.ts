// apply_patch parser: the accepted forms (operations, chunks, nested anchors, End of File, the
// lenient wrappers Codex accepts) and the exact error texts for malformed patches.
import { strict as assert } from 'node:assert';
import { parsePatch, PatchParseError } from '../../server/tools/applyPatch';

const wrap = (...body: string[]): string => ['*** Begin Patch', ...body, '*** End Patch'].join('\n');

function parseError(input: string): string {
  try {
    parsePatch(input);
  } catch (e) {
    assert.ok(e instanceof PatchParseError, `expected a PatchParseError, got ${String(e)}`);
    return e.message;
  }
  assert.fail('the patch parsed');
}

describe('apply_patch parser: accepted forms', () => {
  it('parses add, delete and update (with move) operations in order', () => {
    const parsed = parsePatch(
      wrap('*** Add File: path/add.py', '+abc', '+', '+def', '*** Delete File: path/delete.py', '*** Update File: path/update.py', '*** Move to: path/update2.py', '@@ def f():', '-    pass', '+    return 123'),
    );
    assert.deepEqual(parsed.hunks, [
      { type: 'add', path: 'path/add.py', contents: 'abc\n\ndef\n', line: 2 },
      { type: 'delete', path: 'path/delete.py', line: 6 },
      {
        type: 'update',
        path: 'path/update.py',
        movePath: 'path/update2.py',
        line: 7,
        chunks: [
          {
            anchors: ['def f():'],
            lines: [
              { op: '-', text: '    pass' },
              { op: '+', text: '    return 123' },
            ],
            endOfFile: false,
            line: 9,
          },
        ],
      },
    ]);
  });

  it('accepts an Add File with no lines (an empty file)', () => {
    assert.deepEqual(parsePatch(wrap('*** Add File: empty.txt')).hunks, [{ type: 'add', path: 'empty.txt', contents: '', line: 2 }]);
  });

  it('parses several chunks, nested anchors, a bare @@ and an End of File marker', () => {
    const [hunk] = parsePatch(wrap('*** Update File: a.py', '@@ class B', '@@     def f(self):', ' x', '-y', '+z', '@@', '-last', '+LAST', '*** End of File')).hunks;
    assert.ok(hunk?.type === 'update');
    assert.deepEqual(
      hunk.chunks.map((c) => [c.anchors, c.lines.length, c.endOfFile, c.line]),
      [
        [['class B', '    def f(self):'], 3, false, 3],
        [[], 2, true, 8],
      ],
    );
  });

  it('accepts a first chunk without @@, and reads a blank line inside a chunk as an empty context line', () => {
    const [hunk] = parsePatch(wrap('*** Update File: f.py', ' import foo', '', '+bar')).hunks;
    assert.ok(hunk?.type === 'update');
    assert.deepEqual(hunk.chunks[0]?.lines, [
      { op: ' ', text: 'import foo' },
      { op: ' ', text: '' },
      { op: '+', text: 'bar' },
    ]);
  });

  it('tolerates padding around the markers, surrounding blank lines, CRLF line breaks and a missing final newline', () => {
    const input = '\n\n *** Begin Patch \r\n  *** Update File: a.txt  \r\n@@\r\n-old\r\n+new\r\n\t*** End Patch \n\n';
    const parsed = parsePatch(input);
    assert.deepEqual(parsed.hunks, [
      { type: 'update', path: 'a.txt', movePath: null, line: 4, chunks: [{ anchors: [], lines: [{ op: '-', text: 'old' }, { op: '+', text: 'new' }], endOfFile: false, line: 5 }] },
    ]);
    assert.equal(parsed.patch, '*** Begin Patch\n  *** Update File: a.txt  \n@@\n-old\n+new\n*** End Patch');
  });

  it("unwraps a heredoc (<<'EOF' … EOF), also after `apply_patch` and with another delimiter", () => {
    const body = wrap('*** Add File: hello.txt', '+hi');
    for (const input of [`<<'EOF'\n${body}\nEOF\n`, `<<EOF\n${body}\nEOF`, `apply_patch <<"PATCH"\n${body}\nPATCH\n`]) {
      const parsed = parsePatch(input);
      assert.deepEqual(parsed.hunks, [{ type: 'add', path: 'hello.txt', contents: 'hi\n', line: 3 }]);
      assert.equal(parsed.patch, body);
    }
  });

  it("keeps a context line whose text starts with '***' a context line", () => {
    const [hunk] = parsePatch(wrap('*** Update File: notes.md', ' *** End of File', ' *** bold', '-old', '+new')).hunks;
    assert.ok(hunk?.type === 'update');
    assert.deepEqual(hunk.chunks.map((c) => [c.lines.map((l) => l.op + l.text), c.endOfFile]), [[[' *** End of File', ' *** bold', '-old', '+new'], false]]);
  });

  it('parses a patch with no operations (the planner rejects it)', () => {
    assert.deepEqual(parsePatch(wrap()).hunks, []);
  });
});

describe('apply_patch parser: errors', () => {
  it('requires *** Begin Patch first', () => {
    assert.equal(parseError('bad'), "invalid patch: The first line of the patch must be '*** Begin Patch'");
    assert.equal(parseError(''), "invalid patch: The first line of the patch must be '*** Begin Patch'");
    assert.equal(parseError('*** Add File: x\n+hi\n*** End Patch'), "invalid patch: The first line of the patch must be '*** Begin Patch'");
  });

  it('requires *** End Patch last', () => {
    assert.equal(parseError('*** Begin Patch\n*** Add File: x\n+hi'), "invalid patch: The last line of the patch must be '*** End Patch'");
    assert.equal(parseError('*** Begin Patch'), "invalid patch: The last line of the patch must be '*** End Patch'");
  });

  it('rejects a heredoc whose closing delimiter does not match', () => {
    assert.equal(parseError(`<<'EOF'\n${wrap('*** Delete File: a')}\nEND`), "invalid patch: The first line of the patch must be '*** Begin Patch'");
  });

  it('names the line that does not start with a diff prefix', () => {
    const input = wrap('*** Update File: a.txt', '@@ def f():', ' context', '-old', '+new', 'oops');
    assert.equal(parseError(input), "invalid hunk at line 7: expected a line starting with ' ', '+' or '-', got 'oops'");
    assert.equal(parseError(wrap('*** Update File: a.txt', '\tindented')), "invalid hunk at line 3: expected a line starting with ' ', '+' or '-', got '\tindented'");
  });

  it('counts lines of the text as given (leading blank lines, heredoc line)', () => {
    assert.match(parseError(`\n\n${wrap('*** Update File: a', '@@', 'x')}`), /^invalid hunk at line 6: /);
    assert.match(parseError(`<<'EOF'\n${wrap('*** Update File: a', '@@', 'x')}\nEOF`), /^invalid hunk at line 5: /);
  });

  it('rejects unknown headers with the list of valid ones', () => {
    assert.equal(
      parseError(wrap('*** Frob File: a.txt')),
      "invalid hunk at line 2: '*** Frob File: a.txt' is not a valid hunk header. Valid hunk headers: '*** Add File: {path}', '*** Delete File: {path}', '*** Update File: {path}'",
    );
  });

  it('says that nothing may follow a Delete File line', () => {
    assert.equal(
      parseError(wrap('*** Delete File: a.txt', '-old content')),
      "invalid hunk at line 3: '-old content' is not a valid hunk header (no lines may follow '*** Delete File:'). Valid hunk headers: '*** Add File: {path}', '*** Delete File: {path}', '*** Update File: {path}'",
    );
  });

  it('rejects misplaced markers with a specific message', () => {
    assert.equal(parseError(wrap('*** Move to: b.txt')), "invalid hunk at line 2: '*** Move to:' must directly follow an '*** Update File:' line");
    assert.equal(parseError(wrap('*** Delete File: a', '*** End Patch', '*** Delete File: b')), "invalid hunk at line 3: '*** End Patch' must be the last line of the patch");
    assert.equal(parseError(wrap('*** Delete File: a', '*** End of File')), "invalid hunk at line 3: '*** End of File' must follow the lines of an update hunk");
  });

  it('rejects an empty path', () => {
    assert.equal(parseError(wrap('*** Add File:', '+x')), "invalid hunk at line 2: missing file path after '*** Add File:'");
    assert.equal(parseError(wrap('*** Update File: a', '*** Move to:  ', '@@', '-a')), "invalid hunk at line 3: missing file path after '*** Move to:'");
  });

  it('rejects an Update File without chunks, and a chunk without lines', () => {
    assert.equal(parseError(wrap('*** Update File: a.txt')), "invalid hunk at line 2: Update file hunk for path 'a.txt' is empty");
    assert.equal(parseError(wrap('*** Update File: a.txt', '@@')), 'invalid hunk at line 3: Update hunk does not contain any lines');
    assert.equal(parseError(wrap('*** Update File: a.txt', '@@ x', '*** End of File')), 'invalid hunk at line 3: Update hunk does not contain any lines');
  });

  it("rejects '@@' glued to its anchor", () => {
    assert.equal(parseError(wrap('*** Update File: a', '@@def f():', '-x')), "invalid hunk at line 3: expected '@@' or '@@ <line to find>', got '@@def f():'");
  });

  it("rejects added-file lines without '+', including a bare blank line between '+' lines", () => {
    const why = "(every line of an added file needs the '+' prefix, an empty line is a lone '+')";
    assert.equal(parseError(wrap('*** Add File: x', '+hello', 'world')), `invalid hunk at line 4: expected a line starting with '+' in the contents of 'x' ${why}, got 'world'`);
    assert.equal(parseError(wrap('*** Add File: x', '+a', '', '+b')), `invalid hunk at line 4: expected a line starting with '+' in the contents of 'x' ${why}, got ''`);
  });

  it('shortens very long offending lines in the message', () => {
    const message = parseError(wrap('*** Update File: a', '@@', 'x'.repeat(500)));
    assert.ok(message.endsWith(`got '${'x'.repeat(200)}…'`));
  });

  it('records the error line and detail on the error object', () => {
    try {
      parsePatch(wrap('*** Update File: a', '@@', 'x'));
      assert.fail('parsed');
    } catch (e) {
      assert.ok(e instanceof PatchParseError);
      assert.equal(e.kind, 'parse');
      assert.equal(e.line, 4);
      assert.equal(e.detail, "expected a line starting with ' ', '+' or '-', got 'x'");
    }
  });
});
