// Dotted config key paths as clients send them (`apps.google_drive.tools.files/delete.approval_mode`,
// `projects."/home/me/x.y".trust_level`): split on `.` only, with "…" / '…' quoting a segment that
// itself contains dots. And the reverse, for messages and origins.

export class KeyPathError extends Error {
  override readonly name = 'KeyPathError';
}

/** Parses a key path; throws KeyPathError for empty segments or an unterminated quote. */
export function parseKeyPath(keyPath: string): string[] {
  const segments: string[] = [];
  let i = 0;
  const text = keyPath.trim();
  if (text === '') throw new KeyPathError('keyPath must not be empty');
  while (i <= text.length) {
    let segment: string;
    const quote = text[i];
    if (quote === '"' || quote === "'") {
      const end = findClosingQuote(text, i + 1, quote);
      if (end === -1) throw new KeyPathError(`unterminated ${quote} in keyPath '${keyPath}'`);
      segment = quote === '"' ? unescapeBasic(text.slice(i + 1, end)) : text.slice(i + 1, end);
      i = end + 1;
      if (i < text.length && text[i] !== '.') throw new KeyPathError(`expected '.' after a quoted segment in keyPath '${keyPath}'`);
    } else {
      const dot = text.indexOf('.', i);
      const end = dot === -1 ? text.length : dot;
      segment = text.slice(i, end).trim();
      if (segment === '') throw new KeyPathError(`empty segment in keyPath '${keyPath}'`);
      i = end;
    }
    segments.push(segment);
    if (i >= text.length) break;
    i += 1; // the dot
    if (i >= text.length) throw new KeyPathError(`keyPath '${keyPath}' ends with '.'`);
  }
  return segments;
}

function findClosingQuote(text: string, from: number, quote: string): number {
  for (let i = from; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') {
      i += 1;
      continue;
    }
    if (text[i] === quote) return i;
  }
  return -1;
}

function unescapeBasic(body: string): string {
  try {
    return JSON.parse(`"${body}"`) as string;
  } catch {
    return body;
  }
}

const BARE = /^[A-Za-z0-9_-]+$/;

/** TOML-style rendering (`apps.google_drive.tools."files/delete"`), for messages and file edits. */
export function formatKeyPath(path: readonly string[]): string {
  return path.map((segment) => (BARE.test(segment) ? segment : JSON.stringify(segment))).join('.');
}

/** The plain dotted form the real server uses as `origins` keys (segments joined as they are). */
export function originKey(path: readonly string[]): string {
  return path.join('.');
}
