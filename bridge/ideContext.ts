// The IDE context block sent with a turn (pure; shared by the host and the webview). The host adds
// one `text` input built by formatIdeContext() to each turn/start: the editor state (active file,
// selection, visible and open tabs, problems) plus the composer's chips, in a markdown block that
// begins with `# Context from my IDE setup:` as the official extension's does, so any Codex server
// and model understand it. The webview turns such a text back into chips with parseIdeContext(),
// which is strict: anything that is not exactly a block of this shape is left as the user's text.
import type { ContextChip } from './messages';

export const IDE_CONTEXT_MARKER = '# Context from my IDE setup:';
/** The official extension's single-item form puts the user's words after this heading. */
export const REQUEST_HEADING = '## My request for Codex:';

export type DiagnosticSeverity = 'error' | 'warning' | 'information' | 'hint';

export interface IdeDiagnostic {
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  readonly severity: DiagnosticSeverity;
  readonly message: string;
  /** "ts 2304": the diagnostic's source and code, when it has them. */
  readonly source: string | null;
}

/** What the editor shows when a turn starts. Paths are absolute host paths. */
export interface IdeContext {
  /** The file of the active (or last active) text editor; cursorLine is 1-based. */
  readonly activeFile: { readonly path: string; readonly cursorLine: number | null } | null;
  /** The non-empty selection in the active file (1-based inclusive lines). */
  readonly selection: {
    readonly startLine: number;
    readonly endLine: number;
    readonly text: string;
    readonly languageId: string;
  } | null;
  readonly visibleFiles: readonly string[];
  readonly openTabs: readonly string[];
  /** Problems of the active file. */
  readonly diagnostics: readonly IdeDiagnostic[];
}

export const IDE_CONTEXT_LIMITS = {
  selectionChars: 10_000,
  chipTextChars: 20_000,
  visibleFiles: 10,
  openTabs: 40,
  diagnostics: 25,
  diagnosticChars: 400,
} as const;

const TRUNCATED = '\n… (truncated)';

function truncate(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max) + TRUNCATED;
}

/** One line, no line breaks (paths, messages and language ids are written on heading lines). */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

/** The context as it is sent: lists, texts and messages cut to IDE_CONTEXT_LIMITS. */
export function capIdeContext(context: IdeContext): IdeContext {
  return {
    activeFile: context.activeFile && { ...context.activeFile, path: oneLine(context.activeFile.path) },
    selection: context.selection && {
      ...context.selection,
      languageId: fenceInfo(context.selection.languageId),
      text: truncate(context.selection.text, IDE_CONTEXT_LIMITS.selectionChars),
    },
    visibleFiles: context.visibleFiles.slice(0, IDE_CONTEXT_LIMITS.visibleFiles).map(oneLine),
    openTabs: context.openTabs.slice(0, IDE_CONTEXT_LIMITS.openTabs).map(oneLine),
    diagnostics: context.diagnostics.slice(0, IDE_CONTEXT_LIMITS.diagnostics).map((d) => ({
      ...d,
      message: oneLine(truncate(d.message, IDE_CONTEXT_LIMITS.diagnosticChars)),
      // Brackets would end the "[source]" suffix early; an empty source is no source.
      source: d.source === null || oneLine(d.source).replace(/[[\]]/g, '') === '' ? null : oneLine(d.source).replace(/[[\]]/g, ''),
    })),
  };
}

/** A chip as it is sent: its text cut to IDE_CONTEXT_LIMITS, its path on one line. */
export function capChip(chip: ContextChip): ContextChip {
  switch (chip.type) {
    case 'selection':
      return { ...chip, path: oneLine(chip.path), languageId: fenceInfo(chip.languageId), text: truncate(chip.text, IDE_CONTEXT_LIMITS.chipTextChars) };
    case 'file':
      return { ...chip, path: oneLine(chip.path) };
    case 'todo':
      return { ...chip, path: oneLine(chip.path), comment: truncate(chip.comment, IDE_CONTEXT_LIMITS.chipTextChars) };
  }
}

function fenceInfo(languageId: string): string {
  return languageId.replace(/[`\s]/g, '');
}

/** A fenced block whose fence is longer than any backtick run inside; the text is kept exactly. */
function fenced(text: string, info: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${text}\n${fence}`;
}

const lineRange = (start: number, end: number): string => (start === end ? `line ${start}` : `lines ${start}-${end}`);

export interface FormatOptions {
  /** Host path → the server's path (WSL); identity by default. */
  readonly toServerPath?: (hostPath: string) => string;
}

/**
 * The text input that carries IDE context and chips with a turn, or null when there is nothing
 * to send (no context and no chips).
 */
export function formatIdeContext(context: IdeContext | null, chips: readonly ContextChip[], options: FormatOptions = {}): string | null {
  const p = (hostPath: string): string => oneLine(options.toServerPath ? options.toServerPath(hostPath) : hostPath);
  const sections: string[] = [];
  if (context) {
    const c = capIdeContext(context);
    if (c.activeFile) {
      const cursor = c.activeFile.cursorLine === null ? '' : ` (line ${c.activeFile.cursorLine})`;
      sections.push(`## Active file: ${p(c.activeFile.path)}${cursor}`);
      if (c.selection) {
        sections.push(`## Active selection (${lineRange(c.selection.startLine, c.selection.endLine)}):\n${fenced(c.selection.text, c.selection.languageId)}`);
      }
    }
    if (c.visibleFiles.length > 0) sections.push(`## Visible files:\n${c.visibleFiles.map((f) => `- ${p(f)}`).join('\n')}`);
    if (c.openTabs.length > 0) sections.push(`## Open tabs:\n${c.openTabs.map((f) => `- ${p(f)}`).join('\n')}`);
    if (c.activeFile && c.diagnostics.length > 0) {
      // A message that ends in "]" gets an empty "[]" when there is no source, so it is not read as one.
      const suffix = (d: IdeDiagnostic): string => (d.source !== null ? ` [${d.source}]` : d.message.endsWith(']') ? ' []' : '');
      const lines = c.diagnostics.map((d) => `- ${d.line}:${d.column} ${d.severity}: ${d.message}${suffix(d)}`);
      sections.push(`## Problems in the active file:\n${lines.join('\n')}`);
    }
  }
  for (const raw of chips) {
    const chip = capChip(raw);
    if (chip.type === 'selection') {
      sections.push(`## Selection from ${p(chip.path)} (${lineRange(chip.startLine, chip.endLine)}):\n${fenced(chip.text, chip.languageId)}`);
    } else if (chip.type === 'file') {
      sections.push(`## File: ${p(chip.path)}`);
    } else {
      sections.push(`## TODO in ${p(chip.path)} (line ${chip.line}):\n${fenced(chip.comment, '')}`);
    }
  }
  if (sections.length === 0) return null;
  return `${IDE_CONTEXT_MARKER}\n\n${sections.join('\n\n')}\n`;
}

export interface ParsedIdeContext {
  readonly context: IdeContext;
  readonly chips: ContextChip[];
  /** The user's words when the block and the request share one text (the official extension's form). */
  readonly request: string | null;
}

const RANGE = /\((?:line (\d+)|lines (\d+)-(\d+))\):?$/;

function parseRange(heading: string): { start: number; end: number; rest: string } | null {
  const m = RANGE.exec(heading);
  if (!m) return null;
  const start = Number(m[1] ?? m[2]);
  const end = Number(m[1] ?? m[3]);
  if (!(start >= 1 && end >= start)) return null;
  return { start, end, rest: heading.slice(0, m.index).replace(/ $/, '') };
}

/** Reads a fenced block starting at lines[i]; returns its text and the index after it. */
function readFence(lines: readonly string[], i: number): { text: string; info: string; next: number } | null {
  const open = /^(`{3,})([^`]*)$/.exec(lines[i] ?? '');
  if (!open) return null;
  const fence = open[1] ?? '```';
  for (let j = i + 1; j < lines.length; j += 1) {
    if (lines[j] === fence) return { text: lines.slice(i + 1, j).join('\n'), info: open[2] ?? '', next: j + 1 };
  }
  return null;
}

function readList(lines: readonly string[], i: number): { items: string[]; next: number } {
  const items: string[] = [];
  let j = i;
  while (j < lines.length && (lines[j] ?? '').startsWith('- ')) {
    items.push((lines[j] ?? '').slice(2));
    j += 1;
  }
  return { items, next: j };
}

const DIAGNOSTIC = /^(\d+):(\d+) (error|warning|information|hint): (.*?)(?: \[([^\]]*)\])?$/;

/**
 * Reads a text input back into context and chips, or null when the text is not such a block: it
 * must start with the marker line, and every section must be one this module writes. The
 * webview then shows the user's text as it is.
 */
export function parseIdeContext(text: string): ParsedIdeContext | null {
  const lines = text.replace(/\n$/, '').split('\n');
  if (lines[0] !== IDE_CONTEXT_MARKER) return null;
  let activeFile: IdeContext['activeFile'] = null;
  let selection: IdeContext['selection'] = null;
  let visibleFiles: string[] = [];
  let openTabs: string[] = [];
  let diagnostics: IdeDiagnostic[] = [];
  const chips: ContextChip[] = [];
  let i = 1;
  let sections = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (line === '') {
      i += 1;
      continue;
    }
    if (line === REQUEST_HEADING) {
      const request = lines.slice(i + 1).join('\n');
      return { context: { activeFile, selection, visibleFiles, openTabs, diagnostics }, chips, request };
    }
    if (!line.startsWith('## ')) return null;
    sections += 1;
    const heading = line.slice(3);
    if (heading.startsWith('Active file: ')) {
      const m = /^(.+?)(?: \(line (\d+)\))?$/.exec(heading.slice('Active file: '.length));
      if (!m || activeFile) return null;
      activeFile = { path: m[1] ?? '', cursorLine: m[2] === undefined ? null : Number(m[2]) };
      i += 1;
    } else if (heading.startsWith('Active selection ')) {
      const range = parseRange(heading);
      const block = readFence(lines, i + 1);
      if (!range || range.rest !== 'Active selection' || !block || !activeFile || selection) return null;
      selection = { startLine: range.start, endLine: range.end, text: block.text, languageId: block.info };
      i = block.next;
    } else if (heading === 'Visible files:' || heading === 'Open tabs:') {
      const list = readList(lines, i + 1);
      if (heading === 'Visible files:') visibleFiles = list.items;
      else openTabs = list.items;
      i = list.next;
    } else if (heading === 'Problems in the active file:') {
      const list = readList(lines, i + 1);
      const parsed = list.items.map((item) => DIAGNOSTIC.exec(item));
      if (parsed.some((m) => m === null)) return null;
      diagnostics = parsed.map((m) => ({
        line: Number(m?.[1]),
        column: Number(m?.[2]),
        severity: m?.[3] as DiagnosticSeverity,
        message: m?.[4] ?? '',
        source: m?.[5] ? m[5] : null,
      }));
      i = list.next;
    } else if (heading.startsWith('Selection from ')) {
      const range = parseRange(heading);
      const block = readFence(lines, i + 1);
      if (!range || !block) return null;
      const path = range.rest.slice('Selection from '.length);
      chips.push({ type: 'selection', path, startLine: range.start, endLine: range.end, text: block.text, languageId: block.info });
      i = block.next;
    } else if (heading.startsWith('File: ')) {
      chips.push({ type: 'file', path: heading.slice('File: '.length) });
      i += 1;
    } else if (heading.startsWith('TODO in ')) {
      const range = parseRange(heading);
      const block = readFence(lines, i + 1);
      if (!range || range.start !== range.end || !block) return null;
      chips.push({ type: 'todo', path: range.rest.slice('TODO in '.length), line: range.start, comment: block.text });
      i = block.next;
    } else {
      return null;
    }
  }
  if (sections === 0) return null;
  return { context: { activeFile, selection, visibleFiles, openTabs, diagnostics }, chips, request: null };
}
