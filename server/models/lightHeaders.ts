// The `Headers` of the server bundle (esbuild.mjs injects it for the global of that name): the openai
// SDK builds every request's headers with `new Headers()`, and Node's global one is undici's, whose
// first use loads all of undici (fetch, web streams, FormData, ~6 MiB) in a process that never uses
// them, since the model clients' fetch is node:http (httpFetch.ts). Same observable behaviour as the
// Fetch standard's class for what the SDK does: case-insensitive names, `append` joining values with
// ", ", values trimmed and checked, iteration sorted by lower-case name.

type HeadersInitLike = Iterable<readonly [string, string]> | Record<string, string | readonly string[]> | LightHeaders | null | undefined;

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const INVALID_VALUE = /[\0\r\n]/;

function headerName(name: string): string {
  const text = String(name);
  if (!TOKEN.test(text)) throw new TypeError(`Headers: invalid header name "${text}"`);
  return text.toLowerCase();
}

/** Leading and trailing HTTP whitespace goes, as in the standard; NUL, CR and LF are refused. */
function headerValue(value: string): string {
  const text = String(value).replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
  if (INVALID_VALUE.test(text)) throw new TypeError(`Headers: invalid header value "${text}"`);
  return text;
}

export class LightHeaders {
  private readonly map = new Map<string, string>();

  constructor(init?: HeadersInitLike) {
    if (init === null || init === undefined) return;
    if (typeof (init as Iterable<unknown>)[Symbol.iterator] === 'function') {
      for (const pair of init as Iterable<readonly [string, string]>) {
        if (pair.length !== 2) throw new TypeError('Headers: a header pair needs a name and a value');
        this.append(pair[0], pair[1]);
      }
    } else {
      for (const [name, value] of Object.entries(init as Record<string, string | readonly string[]>)) this.append(name, String(value));
    }
  }

  append(name: string, value: string): void {
    const key = headerName(name);
    const text = headerValue(value);
    const previous = this.map.get(key);
    this.map.set(key, previous === undefined ? text : `${previous}, ${text}`);
  }

  set(name: string, value: string): void {
    this.map.set(headerName(name), headerValue(value));
  }

  get(name: string): string | null {
    return this.map.get(headerName(name)) ?? null;
  }

  has(name: string): boolean {
    return this.map.has(headerName(name));
  }

  delete(name: string): void {
    this.map.delete(headerName(name));
  }

  getSetCookie(): string[] {
    const value = this.map.get('set-cookie');
    return value === undefined ? [] : [value];
  }

  *entries(): IterableIterator<[string, string]> {
    const names = [...this.map.keys()].sort();
    for (const name of names) yield [name, this.map.get(name)!];
  }

  *keys(): IterableIterator<string> {
    for (const [name] of this.entries()) yield name;
  }

  *values(): IterableIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }

  forEach(callback: (value: string, name: string, headers: LightHeaders) => void, thisArg?: unknown): void {
    for (const [name, value] of this.entries()) callback.call(thisArg, value, name, this);
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }

  get [Symbol.toStringTag](): string {
    return 'Headers';
  }
}

export { LightHeaders as Headers };
