// Where each key of a TOML document is written: line and column of every table header, key/value
// and key inside an inline table or array, by key path. Used to point config errors at the exact
// spot ("config.toml:12:1: model_verbosity: …") and by the writer to tell keys written as
// `[section]` headers from keys written inline. Best effort on valid TOML: it never throws, and
// stops at the first thing it does not understand (the keys before that are still located).

export type KeyKind = 'table' | 'arrayTable' | 'kv' | 'inline';

export interface KeyLocation {
  readonly line: number;
  readonly column: number;
  readonly kind: KeyKind;
}

export type KeyLocations = ReadonlyMap<string, KeyLocation>;

/** Map key for a path (array indices as numbers, like zod issue paths). */
export function locationKey(path: readonly (string | number)[]): string {
  return path.map(String).join('\u0000');
}

class StopScan extends Error {}

class Scanner {
  pos = 0;
  readonly found = new Map<string, KeyLocation>();
  private readonly arrayTableCounts = new Map<string, number>();

  constructor(private readonly text: string) {}

  private peek(offset = 0): string {
    return this.text[this.pos + offset] ?? '';
  }

  private startsWith(token: string): boolean {
    return this.text.startsWith(token, this.pos);
  }

  private where(at: number): { line: number; column: number } {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < at; i++) {
      if (this.text[i] === '\n') {
        line += 1;
        lineStart = i + 1;
      }
    }
    return { line, column: at - lineStart + 1 };
  }

  private record(path: readonly (string | number)[], at: number, kind: KeyKind): void {
    const key = locationKey(path);
    if (!this.found.has(key)) this.found.set(key, { ...this.where(at), kind });
  }

  private skipSpaces(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.pos += 1;
  }

  /** Spaces, newlines and comments (between statements and inside arrays). */
  private skipBlank(): void {
    for (;;) {
      const c = this.peek();
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.pos += 1;
      else if (c === '#') while (this.pos < this.text.length && this.peek() !== '\n') this.pos += 1;
      else return;
    }
  }

  private expect(token: string): void {
    if (!this.startsWith(token)) throw new StopScan();
    this.pos += token.length;
  }

  private readString(): string {
    const quote = this.peek();
    if (this.startsWith(quote.repeat(3))) {
      const delimiter = quote.repeat(3);
      const end = this.text.indexOf(delimiter, this.pos + 3);
      if (end === -1) throw new StopScan();
      let close = end + 3;
      // Up to two more quotes may belong to the content ("""a"""" ends after the 4th).
      while (this.text[close] === quote && close - end < 5) close += 1;
      const body = this.text.slice(this.pos + 3, close - 3);
      this.pos = close;
      return body;
    }
    let i = this.pos + 1;
    let body = '';
    for (; i < this.text.length; i++) {
      const c = this.text[i] as string;
      if (c === '\n') throw new StopScan();
      if (quote === '"' && c === '\\') {
        body += c + (this.text[i + 1] ?? '');
        i += 1;
        continue;
      }
      if (c === quote) break;
      body += c;
    }
    if (i >= this.text.length) throw new StopScan();
    this.pos = i + 1;
    if (quote === "'") return body;
    try {
      return JSON.parse(`"${body}"`) as string;
    } catch {
      return body;
    }
  }

  private readKey(): string[] {
    const parts: string[] = [];
    for (;;) {
      this.skipSpaces();
      const c = this.peek();
      if (c === '"' || c === "'") parts.push(this.readString());
      else {
        const match = /^[A-Za-z0-9_-]+/.exec(this.text.slice(this.pos, this.pos + 256));
        if (!match) throw new StopScan();
        parts.push(match[0]);
        this.pos += match[0].length;
      }
      this.skipSpaces();
      if (this.peek() !== '.') return parts;
      this.pos += 1;
    }
  }

  private readKeyValue(prefix: readonly (string | number)[], kind: 'kv' | 'inline'): void {
    const at = this.pos;
    const key = this.readKey();
    // Dotted keys define their parent tables at the same spot.
    for (let i = 1; i <= key.length; i++) this.record([...prefix, ...key.slice(0, i)], at, kind);
    this.expect('=');
    this.skipSpaces();
    this.readValue([...prefix, ...key]);
  }

  private readValue(path: readonly (string | number)[]): void {
    const c = this.peek();
    if (c === '"' || c === "'") {
      this.readString();
    } else if (c === '[') {
      this.pos += 1;
      for (let index = 0; ; index++) {
        this.skipBlank();
        if (this.peek() === ']') break;
        this.record([...path, index], this.pos, 'inline');
        this.readValue([...path, index]);
        this.skipBlank();
        if (this.peek() === ',') this.pos += 1;
        else if (this.peek() !== ']') throw new StopScan();
      }
      this.pos += 1;
    } else if (c === '{') {
      this.pos += 1;
      for (;;) {
        this.skipBlank();
        if (this.peek() === '}') break;
        this.readKeyValue(path, 'inline');
        this.skipBlank();
        if (this.peek() === ',') this.pos += 1;
        else if (this.peek() !== '}') throw new StopScan();
      }
      this.pos += 1;
    } else {
      const match = /^[^\s,\]}#]+/.exec(this.text.slice(this.pos, this.pos + 256));
      if (!match) throw new StopScan();
      this.pos += match[0].length;
      // A datetime may use a space between date and time: 1979-05-27 07:32:00.
      if (/^\d{4}-\d{2}-\d{2}$/.test(match[0]) && /^ \d{2}:/.test(this.text.slice(this.pos, this.pos + 4))) {
        const time = /^ [^\s,\]}#]+/.exec(this.text.slice(this.pos, this.pos + 256));
        if (time) this.pos += time[0].length;
      }
    }
  }

  private readHeader(): (string | number)[] {
    const at = this.pos;
    const isArray = this.startsWith('[[');
    this.expect(isArray ? '[[' : '[');
    const key = this.readKey();
    this.expect(isArray ? ']]' : ']');
    for (let i = 1; i < key.length; i++) this.record(key.slice(0, i), at, 'table');
    if (!isArray) {
      this.record(key, at, 'table');
      return key;
    }
    const counter = locationKey(key);
    const index = this.arrayTableCounts.get(counter) ?? 0;
    this.arrayTableCounts.set(counter, index + 1);
    this.record(key, at, 'arrayTable');
    this.record([...key, index], at, 'arrayTable');
    return [...key, index];
  }

  scan(): void {
    let prefix: (string | number)[] = [];
    try {
      for (;;) {
        this.skipBlank();
        if (this.pos >= this.text.length) return;
        if (this.peek() === '[') prefix = this.readHeader();
        else this.readKeyValue(prefix, 'kv');
      }
    } catch (error) {
      if (!(error instanceof StopScan)) throw error;
    }
  }
}

export function locateKeys(text: string): KeyLocations {
  const scanner = new Scanner(text.startsWith('\uFEFF') ? ` ${text.slice(1)}` : text);
  scanner.scan();
  return scanner.found;
}

/** The location of the longest prefix of `path` that is written in the file (null when none is). */
export function locateKey(locations: KeyLocations, path: readonly (string | number)[]): KeyLocation | null {
  for (let length = path.length; length > 0; length--) {
    const found = locations.get(locationKey(path.slice(0, length)));
    if (found) return found;
  }
  return null;
}
