// The IDE context block (bridge/ideContext.ts): formatIdeContext → parseIdeContext round
// trips (context and chips, texts with backticks and odd line endings, caps), server paths, the
// official single-item form, and user texts that must stay text.
import { strict as assert } from 'node:assert';
import {
  capChip,
  capIdeContext,
  formatIdeContext,
  IDE_CONTEXT_LIMITS,
  IDE_CONTEXT_MARKER,
  type IdeContext,
  parseIdeContext,
} from '../../bridge/ideContext';
import type { ContextChip } from '../../bridge/messages';

const FULL: IdeContext = {
  activeFile: { path: '/work/app/src/main.ts', cursorLine: 12 },
  selection: { startLine: 10, endLine: 14, text: 'const a = 1;\n```md\ninside\n```\n\tlast line', languageId: 'typescript' },
  visibleFiles: ['/work/app/src/main.ts', '/work/app/README.md'],
  openTabs: ['/work/app/src/main.ts', '/work/app/README.md', '/work/app/src/util (copy).ts'],
  diagnostics: [
    { line: 12, column: 5, severity: 'error', message: "Cannot find name 'x'.", source: 'ts 2304' },
    { line: 20, column: 1, severity: 'warning', message: 'Unused [variable] y', source: null },
    { line: 3, column: 7, severity: 'hint', message: 'Can be const', source: 'eslint prefer-const' },
    { line: 4, column: 1, severity: 'information', message: 'See [the docs]', source: null },
    { line: 5, column: 2, severity: 'error', message: 'Expected ]', source: 'ts 1005' },
  ],
};

const CHIPS: ContextChip[] = [
  { type: 'selection', path: '/work/app/lib/a.py', startLine: 3, endLine: 3, text: 'x = 1\n', languageId: 'python' },
  { type: 'selection', path: '/work/app/lib/b.sh', startLine: 1, endLine: 2, text: '````\n``', languageId: '' },
  { type: 'file', path: '/work/app/docs/guide: part 1.md' },
  { type: 'todo', path: '/work/app/src/main.ts', line: 7, comment: 'TODO: handle errors' },
];

const EMPTY: IdeContext = { activeFile: null, selection: null, visibleFiles: [], openTabs: [], diagnostics: [] };

describe('editor: IDE context block', () => {
  it('round-trips a full context and every kind of chip', () => {
    const text = formatIdeContext(FULL, CHIPS);
    assert.ok(text?.startsWith(`${IDE_CONTEXT_MARKER}\n\n## Active file: /work/app/src/main.ts (line 12)\n`));
    assert.deepEqual(parseIdeContext(text ?? ''), { context: FULL, chips: CHIPS, request: null });
  });

  it('round-trips partial contexts and chips alone', () => {
    const variants: [IdeContext | null, ContextChip[]][] = [
      [{ ...EMPTY, activeFile: { path: '/a.txt', cursorLine: null } }, []],
      [{ ...EMPTY, openTabs: ['/a', '/b'] }, []],
      [null, [{ type: 'file', path: '/only/a/file.ts' }]],
      [{ ...EMPTY, activeFile: { path: '/x.c', cursorLine: 1 }, selection: { startLine: 1, endLine: 1, text: '', languageId: 'c' } }, []],
      [{ ...EMPTY, activeFile: { path: '/x.c', cursorLine: 2 }, selection: { startLine: 2, endLine: 3, text: 'a\r\nb\r\n\n', languageId: 'c' } }, []],
    ];
    for (const [context, chips] of variants) {
      const text = formatIdeContext(context, chips);
      assert.ok(text, 'something to send');
      assert.deepEqual(parseIdeContext(text), { context: context ?? EMPTY, chips, request: null });
    }
  });

  it('returns null when there is nothing to send', () => {
    assert.equal(formatIdeContext(null, []), null);
    assert.equal(formatIdeContext(EMPTY, []), null);
  });

  it('caps what is sent, and the parsed block equals the capped input', () => {
    const many = Array.from({ length: 100 }, (_, i) => `/tabs/file${i}.ts`);
    const huge: IdeContext = {
      activeFile: { path: '/a.ts', cursorLine: 1 },
      selection: { startLine: 1, endLine: 1, text: 'x'.repeat(IDE_CONTEXT_LIMITS.selectionChars + 50), languageId: 'ts' },
      visibleFiles: many,
      openTabs: many,
      diagnostics: many.map((_, i) => ({ line: i + 1, column: 1, severity: 'error' as const, message: `bad\nthing ${'y'.repeat(500)}`, source: null })),
    };
    const chip: ContextChip = { type: 'selection', path: '/s.ts', startLine: 1, endLine: 1, text: 'z'.repeat(IDE_CONTEXT_LIMITS.chipTextChars + 1), languageId: 'ts' };
    const parsed = parseIdeContext(formatIdeContext(huge, [chip]) ?? '');
    const capped = capIdeContext(huge);
    assert.equal(capped.openTabs.length, IDE_CONTEXT_LIMITS.openTabs);
    assert.equal(capped.visibleFiles.length, IDE_CONTEXT_LIMITS.visibleFiles);
    assert.equal(capped.diagnostics.length, IDE_CONTEXT_LIMITS.diagnostics);
    assert.ok(capped.selection && capped.selection.text.length < huge.selection!.text.length);
    assert.ok(!capped.diagnostics[0]?.message.includes('\n'));
    assert.deepEqual(
      capIdeContext({ ...EMPTY, diagnostics: [{ line: 1, column: 1, severity: 'error', message: 'm', source: '[x]' }, { line: 1, column: 1, severity: 'error', message: 'm', source: '[]' }] }).diagnostics.map((d) => d.source),
      ['x', null],
    );
    assert.deepEqual(parsed, { context: capped, chips: [capChip(chip)], request: null });
  });

  it('writes server paths when given a translation', () => {
    const toServerPath = (p: string): string => p.replace(/^C:\\Users\\me/, '/mnt/c/Users/me').replace(/\\/g, '/');
    const text = formatIdeContext(
      { ...EMPTY, activeFile: { path: 'C:\\Users\\me\\a.ts', cursorLine: 2 }, openTabs: ['C:\\Users\\me\\b.ts'] },
      [{ type: 'file', path: 'C:\\Users\\me\\c.ts' }],
      { toServerPath },
    );
    assert.ok(text?.includes('## Active file: /mnt/c/Users/me/a.ts (line 2)'));
    assert.ok(text?.includes('- /mnt/c/Users/me/b.ts'));
    assert.ok(text?.includes('## File: /mnt/c/Users/me/c.ts'));
    assert.ok(!text?.includes('C:\\'));
  });

  it("reads the official extension's single-item form with the user's request", () => {
    const text = `${IDE_CONTEXT_MARKER}\n\n## Open tabs:\n- /a.ts\n\n## My request for Codex:\nfix the bug\n\n## not a section, part of the request`;
    assert.deepEqual(parseIdeContext(text), {
      context: { ...EMPTY, openTabs: ['/a.ts'] },
      chips: [],
      request: 'fix the bug\n\n## not a section, part of the request',
    });
  });

  it('leaves user texts alone, including ones that mention the marker', () => {
    const texts = [
      '',
      'hello',
      `Please explain this:\n${IDE_CONTEXT_MARKER}\n\n## Open tabs:\n- /a.ts\n`,
      ` ${IDE_CONTEXT_MARKER}\n\n## Open tabs:\n- /a.ts\n`,
      `${IDE_CONTEXT_MARKER}`,
      `${IDE_CONTEXT_MARKER}\nmy own words`,
      `${IDE_CONTEXT_MARKER}\n\n## Open tabs:\n- /a.ts\nand then some prose`,
      `${IDE_CONTEXT_MARKER}\n\n## Something else:\n- /a.ts\n`,
      `${IDE_CONTEXT_MARKER}\n\n## Selection from /a.ts (lines 1-2):\n\`\`\`ts\nunterminated\n`,
      `${IDE_CONTEXT_MARKER}\n\n## Selection from /a.ts (lines 5-2):\n\`\`\`\nx\n\`\`\``,
      `${IDE_CONTEXT_MARKER}\n\n## Problems in the active file:\n- not a diagnostic\n`,
      `${IDE_CONTEXT_MARKER}\n\n## Active selection (line 1):\n\`\`\`\nno active file\n\`\`\``,
    ];
    for (const text of texts) assert.equal(parseIdeContext(text), null, JSON.stringify(text));
  });
});
