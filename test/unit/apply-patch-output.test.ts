// apply_patch results as the model sees them (exact strings), per-file diffs, and the tool
// definitions offered to the model (custom tool with a Lark grammar, or a function tool).
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import {
  APPLY_PATCH_LARK_GRAMMAR,
  ApplyPatchError,
  applyPatchCustomTool,
  applyPatchFunctionTool,
  diffHunks,
  displayPath,
  formatExecOutput,
  formatPatchFailure,
  formatPatchSuccess,
  formatSummary,
  formatWallTime,
  parsePatch,
  PATCH_REJECTED_OUTPUT,
  patchInputFromCall,
  PatchParseError,
  PatchVerifyError,
  PatchWriteError,
  type PlannedOp,
} from '../../server/tools/applyPatch';
import type { CustomToolSpec, FunctionToolSpec } from '../../server/models/types';

const cwd = path.resolve('/work/project');
const op = (kind: PlannedOp['kind'], p: string, movePath: string | null = null): PlannedOp => ({
  kind,
  path: path.join(cwd, p),
  movePath: movePath === null ? null : path.join(cwd, movePath),
  before: null,
  after: null,
});

describe('apply_patch: output texts', () => {
  it('formats the success output exactly as Codex does', () => {
    const summary = formatSummary([op('add', 'hello.txt')], cwd);
    assert.equal(summary, 'Success. Updated the following files:\nA hello.txt\n');
    assert.equal(formatPatchSuccess(summary, 12), 'Exit code: 0\nWall time: 0 seconds\nOutput:\nSuccess. Updated the following files:\nA hello.txt\n');
  });

  it('lists added, then modified (moves under the new path), then deleted files, once each', () => {
    const ops = [op('delete', 'old.txt'), op('update', 'src/a.ts'), op('add', 'new/b.ts'), op('update', 'x.ts', 'lib/x.ts'), op('update', 'src/a.ts')];
    assert.equal(formatSummary(ops, cwd), 'Success. Updated the following files:\nA new/b.ts\nM src/a.ts\nM lib/x.ts\nD old.txt\n');
  });

  it('shows paths relative to the cwd when inside it, else absolute', () => {
    assert.equal(displayPath(path.join(cwd, 'a/b.txt'), cwd), 'a/b.txt');
    assert.equal(displayPath(path.resolve('/elsewhere/c.txt'), cwd), path.resolve('/elsewhere/c.txt'));
    assert.equal(displayPath(path.resolve('/work/project-two/d.txt'), cwd), path.resolve('/work/project-two/d.txt'));
  });

  it('rounds the wall time to a tenth of a second, without a trailing .0', () => {
    assert.deepEqual([0, 49, 50, 1234, 2000, 65_960].map(formatWallTime), ['0', '0', '0.1', '1.2', '2', '66']);
    assert.equal(formatExecOutput({ exitCode: 3, wallTimeMs: 1234, output: 'boom\n' }), 'Exit code: 3\nWall time: 1.2 seconds\nOutput:\nboom\n');
  });

  it('reports errors found before writing as "apply_patch verification failed: …"', () => {
    const parse = new PatchParseError("expected a line starting with ' ', '+' or '-', got 'oops'", 7);
    assert.equal(formatPatchFailure(parse, 5), "apply_patch verification failed: invalid hunk at line 7: expected a line starting with ' ', '+' or '-', got 'oops'");
    assert.equal(
      formatPatchFailure(new PatchParseError("The first line of the patch must be '*** Begin Patch'"), 5),
      "apply_patch verification failed: invalid patch: The first line of the patch must be '*** Begin Patch'",
    );
    assert.equal(formatPatchFailure(new PatchVerifyError('Failed to find context \'x\' in /p/a.txt'), 5), "apply_patch verification failed: Failed to find context 'x' in /p/a.txt");
  });

  it('reports write failures in the exec wrapper with exit code 1', () => {
    assert.equal(formatPatchFailure(new PatchWriteError('Failed to write file /p/a.txt: EACCES'), 300), 'Exit code: 1\nWall time: 0.3 seconds\nOutput:\nFailed to write file /p/a.txt: EACCES\n');
    assert.equal(formatPatchFailure(new Error('unexpected'), 0), 'Exit code: 1\nWall time: 0 seconds\nOutput:\nunexpected\n');
  });

  it('has the declined text', () => {
    assert.equal(PATCH_REJECTED_OUTPUT, 'patch rejected by user');
  });

  it('makes git-style per-file hunks', () => {
    assert.equal(diffHunks('', ''), '');
    assert.equal(diffHunks('a\nb\n', 'a\nX\nb\n'), '@@ -1,2 +1,3 @@\n a\n+X\n b\n');
    assert.equal(diffHunks('a\nb', 'a\nc'), '@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n');
  });
});

describe('apply_patch: tool definitions', () => {
  it('offers a freeform custom tool with a Lark grammar', () => {
    const tool: CustomToolSpec = applyPatchCustomTool();
    assert.equal(tool.type, 'custom');
    assert.equal(tool.name, 'apply_patch');
    assert.match(tool.description, /FREEFORM/);
    assert.deepEqual(tool.format, { type: 'grammar', syntax: 'lark', definition: APPLY_PATCH_LARK_GRAMMAR });
  });

  it('writes a grammar whose rules are all defined and cover the format’s markers', () => {
    const defined = new Set(APPLY_PATCH_LARK_GRAMMAR.split('\n').map((l) => /^(\w+):/.exec(l)?.[1]).filter((n) => n !== undefined));
    const used = new Set(
      APPLY_PATCH_LARK_GRAMMAR.split('\n')
        .map((l) => l.replace(/^\w+:/, '').replace(/"(?:[^"\\]|\\.)*"|\/(?:[^/\\]|\\.)*\//g, ''))
        .flatMap((l) => l.match(/\b[A-Za-z_]\w*\b/g) ?? []),
    );
    assert.ok(defined.has('start'));
    for (const name of used) assert.ok(defined.has(name), `${name} is used but not defined`);
    for (const marker of ['*** Begin Patch', '*** End Patch', '*** Add File: ', '*** Delete File: ', '*** Update File: ', '*** Move to: ', '*** End of File', '@@']) {
      assert.ok(APPLY_PATCH_LARK_GRAMMAR.includes(`"${marker}"`), marker);
    }
  });

  it('offers a function tool taking {input}', () => {
    const tool: FunctionToolSpec = applyPatchFunctionTool();
    assert.equal(tool.type, 'function');
    assert.equal(tool.name, 'apply_patch');
    assert.equal(tool.strict, false);
    assert.deepEqual(tool.parameters, {
      type: 'object',
      properties: { input: { type: 'string', description: 'The whole patch, from "*** Begin Patch" to "*** End Patch".' } },
      required: ['input'],
      additionalProperties: false,
    });
  });

  it('explains the format in the function tool with an example that parses', () => {
    const description = applyPatchFunctionTool().description;
    const example = /Example:\n([\s\S]*?\*\*\* End Patch)/.exec(description)?.[1];
    assert.ok(example);
    assert.deepEqual(
      parsePatch(example).hunks.map((h) => [h.type, h.path]),
      [
        ['add', 'docs/hello.txt'],
        ['update', 'src/app.py'],
        ['delete', 'obsolete.txt'],
      ],
    );
  });

  it('reads the patch out of either kind of call', () => {
    assert.equal(patchInputFromCall({ type: 'custom', input: '*** Begin Patch' }), '*** Begin Patch');
    assert.equal(patchInputFromCall({ type: 'function', arguments: JSON.stringify({ input: 'P' }) }), 'P');
    for (const [args, message] of [
      ['{"patch":"P"}', 'failed to parse function arguments: missing string field `input`'],
      ['not json', /^failed to parse function arguments: /],
    ] as const) {
      assert.throws(
        () => patchInputFromCall({ type: 'function', arguments: args }),
        (e: unknown) => e instanceof ApplyPatchError && e.kind === 'arguments' && (typeof message === 'string' ? e.message === message : message.test(e.message)),
      );
    }
    try {
      patchInputFromCall({ type: 'function', arguments: '{}' });
    } catch (e) {
      assert.equal(formatPatchFailure(e, 0), 'failed to parse function arguments: missing string field `input`');
    }
  });
});
