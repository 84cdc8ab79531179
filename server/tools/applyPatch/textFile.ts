// A text file as lines plus the layout to restore when writing it back: line ending (CRLF when
// every line break of the file is CRLF, like Codex's check), whether the last line ends with a
// line break, and a UTF-8 byte-order mark.

export interface TextLayout {
  eol: '\n' | '\r\n';
  finalNewline: boolean;
  bom: boolean;
}

export interface TextLines extends TextLayout {
  lines: string[];
}

const BOM = '\uFEFF';

/** Splits file text into lines (without line breaks) and its layout. */
export function splitText(text: string): TextLines {
  const bom = text.startsWith(BOM);
  const body = bom ? text.slice(1) : text;
  const lf = countOf(body, '\n');
  const eol = lf > 0 && countOf(body, '\r\n') === lf ? '\r\n' : '\n';
  // An empty file gets line breaks like any text file once lines are added to it.
  const finalNewline = body === '' || body.endsWith('\n');
  if (body === '') return { lines: [], eol, finalNewline, bom };
  const lines = body.split(eol);
  if (body.endsWith(eol)) lines.pop();
  return { lines, eol, finalNewline, bom };
}

/** Joins lines back into file text with the given layout. */
export function joinText(lines: readonly string[], layout: TextLayout): string {
  if (lines.length === 0) return layout.bom ? BOM : '';
  return (layout.bom ? BOM : '') + lines.join(layout.eol) + (layout.finalNewline ? layout.eol : '');
}

function countOf(text: string, needle: string): number {
  let n = 0;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}
