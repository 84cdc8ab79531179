// The small YAML subset SKILL.md front matter uses: `key: value` mappings (one level of nesting,
// e.g. `metadata:` → `short-description:`), plain, 'single' and "double" quoted scalars, plain
// scalars continued on indented lines, block scalars (`|`, `>`, with `-`/`+` chomping), comments
// and blank lines. Anything else (sequences, flow collections, anchors) is reported as invalid so a
// broken skill surfaces as an error instead of being misread.

export type FrontMatterValue = string | { readonly [key: string]: FrontMatterValue };
export type FrontMatter = { readonly [key: string]: FrontMatterValue };

export class FrontMatterError extends Error {}

/** The lines between a leading `---` line and the next `---` line, or null when there is no such block. */
export function extractFrontMatter(contents: string): { yaml: string; body: string } | null {
  const lines = contents.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trim() !== '---') return null;
  const end = lines.findIndex((line, index) => index > 0 && line.trim() === '---');
  if (end <= 1) return null; // no closing line, or an empty block
  return { yaml: lines.slice(1, end).join('\n'), body: lines.slice(end + 1).join('\n') };
}

interface Line {
  readonly indent: number;
  readonly text: string; // without the indentation
  readonly number: number; // 1-based, within the front matter
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

function stripComment(value: string): string {
  // A comment starts at ` #` outside quotes (plain scalars only reach here).
  const match = / #/.exec(value);
  return (match ? value.slice(0, match.index) : value).trimEnd();
}

function unescapeDouble(body: string, line: number): string {
  return body.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_all, esc: string) => {
    switch (esc[0]) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case '0':
        return '\0';
      case '"':
      case '\\':
      case '/':
      case ' ':
        return esc;
      case 'u':
      case 'x':
        return String.fromCharCode(parseInt(esc.slice(1), 16));
      default:
        throw new FrontMatterError(`line ${line}: unknown escape \\${esc}`);
    }
  });
}

/** Index of the quote that closes a quoted scalar whose opening quote was already removed, or -1. */
function closingQuote(raw: string, quote: '"' | "'"): number {
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (quote === '"' && ch === '\\') i++;
    else if (ch === quote) {
      if (quote === "'" && raw[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}

/** A quoted scalar that may continue over several lines (line breaks fold to spaces). */
function quoted(first: string, rest: Line[], lineNo: number): { value: string; consumed: number } {
  const quote = first[0] as '"' | "'";
  let raw = first.slice(1);
  let consumed = 0;
  let end = closingQuote(raw, quote);
  while (end === -1) {
    const next = rest[consumed];
    if (!next) throw new FrontMatterError(`line ${lineNo}: unterminated ${quote === '"' ? 'double' : 'single'}-quoted string`);
    raw += next.text === '' ? '\n' : ` ${next.text}`;
    consumed++;
    end = closingQuote(raw, quote);
  }
  const after = raw.slice(end + 1).trim();
  if (after !== '' && !after.startsWith('#')) throw new FrontMatterError(`line ${lineNo}: unexpected text after the closing quote`);
  const body = raw.slice(0, end);
  return { value: quote === '"' ? unescapeDouble(body, lineNo) : body.replace(/''/g, "'"), consumed };
}

/** A block scalar (`|` keeps line breaks, `>` folds them); its lines are those indented deeper than the key. */
function blockScalar(header: string, rest: Line[], parentIndent: number, lineNo: number): { value: string; consumed: number } {
  if (!/^[|>][-+]?$/.test(header)) throw new FrontMatterError(`line ${lineNo}: unsupported block scalar header '${header}'`);
  let consumed = 0;
  const body: Line[] = [];
  while (consumed < rest.length) {
    const line = rest[consumed] as Line;
    if (line.text !== '' && line.indent <= parentIndent) break;
    body.push(line);
    consumed++;
  }
  const contentIndent = Math.min(...body.filter((l) => l.text !== '').map((l) => l.indent));
  const texts = body.map((l) => (l.text === '' ? '' : ' '.repeat(l.indent - contentIndent) + l.text));
  while (texts.length > 0 && texts[texts.length - 1] === '') texts.pop();
  let value = header[0] === '|' ? texts.join('\n') : texts.join('\n').replace(/([^\n])\n(?=[^\n])/g, '$1 ');
  if (header[1] !== '-' && value !== '') value += '\n';
  return { value, consumed };
}

function nextContent(lines: Line[], from: number): Line | undefined {
  return lines.slice(from).find((line) => line.text !== '');
}

function parseMapping(lines: Line[], indent: number): { map: Record<string, FrontMatterValue>; consumed: number } {
  const map: Record<string, FrontMatterValue> = {};
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as Line;
    if (line.text === '') {
      i++;
      continue;
    }
    if (line.indent < indent) break;
    if (line.indent > indent) throw new FrontMatterError(`line ${line.number}: unexpected indentation`);
    const match = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^:#'"\s][^:]*?)\s*:(?:\s+(.*)|)$/.exec(line.text);
    if (!match) throw new FrontMatterError(`line ${line.number}: expected 'key: value'`);
    const rawKey = match[1] as string;
    const key = rawKey.startsWith('"') || rawKey.startsWith("'") ? rawKey.slice(1, -1) : rawKey;
    if (Object.prototype.hasOwnProperty.call(map, key)) throw new FrontMatterError(`line ${line.number}: duplicate key '${key}'`);
    const value = (match[2] ?? '').trim();
    i++;
    const rest = lines.slice(i);
    if (value === '' || value.startsWith('#')) {
      const child = nextContent(lines, i);
      if (child && child.indent > indent) {
        const nested = parseMapping(rest, child.indent);
        map[key] = nested.map;
        i += nested.consumed;
      } else {
        map[key] = '';
      }
    } else if (value.startsWith('"') || value.startsWith("'")) {
      const q = quoted(value, rest, line.number);
      map[key] = q.value;
      i += q.consumed;
    } else if (value.startsWith('|') || value.startsWith('>')) {
      const b = blockScalar(stripComment(value), rest, indent, line.number);
      map[key] = b.value;
      i += b.consumed;
    } else if (/^[[{&*!]/.test(value) || /^- /.test(value)) {
      throw new FrontMatterError(`line ${line.number}: unsupported YAML value for '${key}'`);
    } else {
      // A plain scalar; deeper-indented lines continue it (line breaks fold to spaces).
      const parts = [stripComment(value)];
      while (i < lines.length) {
        const next = lines[i] as Line;
        if (next.text !== '' && next.indent <= indent) break;
        if (next.text !== '') parts.push(stripComment(next.text));
        i++;
      }
      map[key] = parts.join(' ');
    }
  }
  return { map, consumed: i };
}

/** Parses the front-matter YAML; throws FrontMatterError with a line number on anything unsupported. */
export function parseFrontMatter(yaml: string): FrontMatter {
  const lines: Line[] = [];
  yaml.split('\n').forEach((raw, index) => {
    if (/^ *\t/.test(raw)) throw new FrontMatterError(`line ${index + 1}: tabs are not allowed for indentation`);
    const text = raw.trim();
    if (text.startsWith('#')) return; // comments never matter
    // Blank lines are kept (block scalars need them) with an indentation that never ends a block.
    lines.push({ indent: text === '' ? Number.MAX_SAFE_INTEGER : indentOf(raw), text, number: index + 1 });
  });
  const first = nextContent(lines, 0);
  return parseMapping(lines, first?.indent ?? 0).map;
}
