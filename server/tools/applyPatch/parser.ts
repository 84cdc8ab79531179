// Parser for the Codex patch format:
//
//   *** Begin Patch
//   *** Add File: <path>          followed by '+' lines (the new file's contents)
//   *** Delete File: <path>
//   *** Update File: <path>       optionally followed by '*** Move to: <path>', then chunks:
//   @@ [line to find]             zero or more anchors (nested: each searched after the previous)
//    context / -removed / +added  lines, optionally ended by '*** End of File'
//   *** End Patch
//
// Lenient where Codex is: surrounding blank lines and whitespace around the marker lines, a heredoc
// wrapper (`<<'EOF'` … `EOF`, optionally preceded by `apply_patch`), CRLF line breaks, blank lines
// inside a chunk (an empty context line), and a first chunk without `@@`. Strict elsewhere: every
// other deviation is a PatchParseError naming the 1-based line of the text as given.
import { PatchParseError } from './errors';
import type { ChunkLine, ParsedPatch, PatchHunk, UpdateChunk } from './types';

export const BEGIN_PATCH = '*** Begin Patch';
export const END_PATCH = '*** End Patch';
export const END_OF_FILE = '*** End of File';
const HEADER = /^\*\*\* (Add File|Delete File|Update File):(.*)$/;
const MOVE_TO = /^\*\*\* Move to:(.*)$/;
const HEREDOC_OPEN = /^(?:(?:apply_patch|applypatch)\s+)?<<-?\s*(['"]?)([A-Za-z_][\w-]*)\1$/;
const VALID_HEADERS = "Valid hunk headers: '*** Add File: {path}', '*** Delete File: {path}', '*** Update File: {path}'";
const DIFF_LINE_EXPECTED = "expected a line starting with ' ', '+' or '-'";

/** Parses patch text (the apply_patch tool input) into hunks. Throws PatchParseError. */
export function parsePatch(input: string): ParsedPatch {
  const lines = input.split(/\r?\n/);
  const { begin, end } = findBoundaries(lines);
  const hunks = new BodyParser(lines, begin + 1, end).parse();
  const patch = [BEGIN_PATCH, ...lines.slice(begin + 1, end), END_PATCH].join('\n');
  return { hunks, patch };
}

/** Quotes a patch line for an error message, shortened when very long. */
export function quoteLine(line: string): string {
  return `'${line.length > 200 ? `${line.slice(0, 200)}…` : line}'`;
}

/** A `***` marker line (possibly padded); a line starting with ' ' is always a context line. */
function isMarker(line: string): boolean {
  return !line.startsWith(' ') && line.trimStart().startsWith('***');
}

function firstNonBlank(lines: string[], from: number, to: number): number {
  for (let i = from; i <= to; i++) if (lines[i]!.trim() !== '') return i;
  return -1;
}

function lastNonBlank(lines: string[], from: number, to: number): number {
  for (let i = to; i >= from; i--) if (lines[i]!.trim() !== '') return i;
  return -1;
}

/** Indices of the `*** Begin Patch` and `*** End Patch` lines, unwrapping a heredoc if needed. */
function findBoundaries(lines: string[]): { begin: number; end: number } {
  const firstLineError = new PatchParseError(`The first line of the patch must be '${BEGIN_PATCH}'`);
  let begin = firstNonBlank(lines, 0, lines.length - 1);
  let end = lastNonBlank(lines, 0, lines.length - 1);
  if (begin < 0) throw firstLineError;
  if (lines[begin]!.trim() !== BEGIN_PATCH) {
    const open = HEREDOC_OPEN.exec(lines[begin]!.trim());
    if (!open || end <= begin || lines[end]!.trim() !== open[2]) throw firstLineError;
    const innerBegin = firstNonBlank(lines, begin + 1, end - 1);
    const innerEnd = lastNonBlank(lines, begin + 1, end - 1);
    if (innerBegin < 0 || lines[innerBegin]!.trim() !== BEGIN_PATCH) throw firstLineError;
    begin = innerBegin;
    end = innerEnd;
  }
  if (end === begin || lines[end]!.trim() !== END_PATCH) {
    throw new PatchParseError(`The last line of the patch must be '${END_PATCH}'`);
  }
  return { begin, end };
}

/** Walks the lines strictly between the begin and end markers. */
class BodyParser {
  private i: number;
  constructor(
    private readonly lines: string[],
    start: number,
    private readonly end: number,
  ) {
    this.i = start;
  }

  parse(): PatchHunk[] {
    const hunks: PatchHunk[] = [];
    for (;;) {
      this.skipBlank();
      if (this.i >= this.end) return hunks;
      hunks.push(this.parseHunk(hunks[hunks.length - 1]?.type === 'delete'));
    }
  }

  private lineNo(index = this.i): number {
    return index + 1;
  }

  private skipBlank(): void {
    while (this.i < this.end && this.lines[this.i]!.trim() === '') this.i++;
  }

  private parseHunk(afterDelete: boolean): PatchHunk {
    const raw = this.lines[this.i]!;
    const trimmed = raw.trim();
    const line = this.lineNo();
    const header = HEADER.exec(trimmed);
    if (!header) {
      if (trimmed === END_PATCH) throw new PatchParseError(`'${END_PATCH}' must be the last line of the patch`, line);
      if (trimmed === BEGIN_PATCH) throw new PatchParseError(`'${BEGIN_PATCH}' may only appear on the first line`, line);
      if (MOVE_TO.test(trimmed)) throw new PatchParseError(`'*** Move to:' must directly follow an '*** Update File:' line`, line);
      if (trimmed === END_OF_FILE) throw new PatchParseError(`'${END_OF_FILE}' must follow the lines of an update hunk`, line);
      const note = afterDelete ? " (no lines may follow '*** Delete File:')" : '';
      throw new PatchParseError(`${quoteLine(trimmed)} is not a valid hunk header${note}. ${VALID_HEADERS}`, line);
    }
    const path = header[2]!.trim();
    if (path === '') throw new PatchParseError(`missing file path after '*** ${header[1]}:'`, line);
    this.i++;
    if (header[1] === 'Add File') return { type: 'add', path, contents: this.parseAddedLines(path), line };
    if (header[1] === 'Delete File') return { type: 'delete', path, line };
    return this.parseUpdate(path, line);
  }

  /** The '+' lines of an Add File; returns the file contents (every line newline-terminated). */
  private parseAddedLines(path: string): string {
    const out: string[] = [];
    while (this.i < this.end) {
      const raw = this.lines[this.i]!;
      if (raw.startsWith('+')) {
        out.push(raw.slice(1));
        this.i++;
        continue;
      }
      const trimmed = raw.trim();
      if (trimmed.startsWith('***')) break;
      if (trimmed === '') {
        const next = firstNonBlank(this.lines, this.i, this.end - 1);
        if (next < 0 || !this.lines[next]!.startsWith('+')) break;
      }
      throw new PatchParseError(
        `expected a line starting with '+' in the contents of '${path}' (every line of an added file needs the '+' prefix, an empty line is a lone '+'), got ${quoteLine(raw)}`,
        this.lineNo(),
      );
    }
    return out.map((l) => `${l}\n`).join('');
  }

  private parseUpdate(path: string, line: number): PatchHunk {
    let movePath: string | null = null;
    const move = this.i < this.end ? MOVE_TO.exec(this.lines[this.i]!.trim()) : null;
    if (move) {
      movePath = move[1]!.trim();
      if (movePath === '') throw new PatchParseError(`missing file path after '*** Move to:'`, this.lineNo());
      this.i++;
    }
    const chunks: UpdateChunk[] = [];
    for (;;) {
      this.skipBlank();
      if (this.i >= this.end || isMarker(this.lines[this.i]!)) break;
      chunks.push(this.parseChunk(chunks.length === 0));
    }
    if (chunks.length === 0) throw new PatchParseError(`Update file hunk for path '${path}' is empty`, line);
    return { type: 'update', path, movePath, chunks, line };
  }

  /** One chunk: its `@@` anchors (optional for the first chunk), then diff lines. */
  private parseChunk(first: boolean): UpdateChunk {
    const start = this.lineNo();
    const anchors: string[] = [];
    let sawHeader = false;
    while (this.i < this.end && this.lines[this.i]!.startsWith('@@')) {
      const rest = this.lines[this.i]!.slice(2);
      if (rest.trim() !== '') {
        if (!rest.startsWith(' ')) {
          throw new PatchParseError(`expected '@@' or '@@ <line to find>', got ${quoteLine(this.lines[this.i]!)}`, this.lineNo());
        }
        anchors.push(rest.slice(1));
      }
      sawHeader = true;
      this.i++;
    }
    if (!sawHeader && !first) {
      throw new PatchParseError(`${DIFF_LINE_EXPECTED}, got ${quoteLine(this.lines[this.i]!)}`, this.lineNo());
    }
    const lines: ChunkLine[] = [];
    let endOfFile = false;
    while (this.i < this.end) {
      const raw = this.lines[this.i]!;
      const c = raw.charAt(0);
      if (raw.trimEnd() === END_OF_FILE) {
        if (lines.length === 0) break;
        endOfFile = true;
        this.i++;
        break;
      }
      if (c === ' ' || c === '-' || c === '+') lines.push({ op: c, text: raw.slice(1) });
      else if (raw.trim() === '') lines.push({ op: ' ', text: '' });
      else if (raw.startsWith('@@') || isMarker(raw)) break;
      else throw new PatchParseError(`${DIFF_LINE_EXPECTED}, got ${quoteLine(raw)}`, this.lineNo());
      this.i++;
    }
    if (lines.length === 0) throw new PatchParseError('Update hunk does not contain any lines', start);
    return { anchors, lines, endOfFile, line: start };
  }
}
