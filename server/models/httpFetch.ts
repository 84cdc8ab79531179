// The `fetch` the model clients give the openai SDK: a small implementation over node:http/https.
// Node's built-in fetch (undici) costs ~30 MiB in a process that streams a few chat turns: its
// llhttp parser is WebAssembly, and V8 tiering that module up to optimised code takes a transient
// ~20 MiB right after the first request, on top of the parser's own code and buffers. node:http
// uses the native parser. Only what the SDK uses is implemented: status/ok/headers.get/entries, the
// body (an async-iterable Node stream, which the SDK reads directly), text()/json(), AbortSignal,
// redirects and gzip/deflate/br bodies. Anything else (a Request object, a streamed request body,
// NODE_USE_ENV_PROXY in Node versions whose fetch honours proxy variables) goes to the global fetch.
import type * as http from 'node:http';
import type { Readable } from 'node:stream';

export type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

type RequestBody = string | Uint8Array | undefined;

const MAX_REDIRECTS = 20;

/** What the SDK reads off response headers: get (case-insensitive), has, entries, forEach. */
export class ResponseHeaders {
  constructor(private readonly raw: http.IncomingHttpHeaders) {}

  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }

  has(name: string): boolean {
    return this.raw[name.toLowerCase()] !== undefined;
  }

  *entries(): IterableIterator<[string, string]> {
    for (const name of Object.keys(this.raw).sort()) {
      const value = this.get(name);
      if (value !== null) yield [name, value];
    }
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }

  forEach(callback: (value: string, name: string) => void): void {
    for (const [name, value] of this.entries()) callback(value, name);
  }
}

/** The subset of `Response` the SDK relies on; `body` is a Node stream of Buffers (async-iterable). */
export class HttpResponse {
  readonly ok: boolean;
  readonly statusText: string;
  readonly headers: ResponseHeaders;
  readonly redirected: boolean;
  readonly type = 'basic';
  bodyUsed = false;

  constructor(
    readonly status: number,
    statusText: string | undefined,
    headers: http.IncomingHttpHeaders,
    readonly body: Readable | null,
    readonly url: string,
    redirects: number,
  ) {
    this.ok = status >= 200 && status <= 299;
    this.statusText = statusText ?? '';
    this.headers = new ResponseHeaders(headers);
    this.redirected = redirects > 0;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = await this.bytes();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  async text(): Promise<string> {
    return (await this.bytes()).toString('utf8');
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text()) as unknown;
  }

  private async bytes(): Promise<Buffer> {
    if (this.bodyUsed) throw new TypeError('Body is unusable: Body has already been read');
    this.bodyUsed = true;
    if (!this.body) return Buffer.alloc(0);
    const chunks: Buffer[] = [];
    for await (const chunk of this.body) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/** Request headers from a Headers object, a pair list or a record (as `fetch` accepts them). */
function headerRecord(init: RequestInit['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  if (!init) return out;
  if (Array.isArray(init)) {
    for (const [name, value] of init as [string, string][]) out[name.toLowerCase()] = value;
  } else if (typeof (init as Headers).forEach === 'function') {
    (init as Headers).forEach((value: string, name: string) => (out[name.toLowerCase()] = value));
  } else {
    for (const [name, value] of Object.entries(init as Record<string, string>)) out[name.toLowerCase()] = value;
  }
  return out;
}

function requestBody(body: RequestInit['body']): RequestBody | null {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  return null; // streams, blobs, forms: the global fetch handles them
}

/** gzip/deflate/br bodies are decoded, as the global fetch does. */
function decoded(res: http.IncomingMessage): Readable {
  const encoding = (res.headers['content-encoding'] ?? '').trim().toLowerCase();
  if (encoding !== 'gzip' && encoding !== 'x-gzip' && encoding !== 'deflate' && encoding !== 'br') return res;
  const zlib = process.getBuiltinModule('node:zlib');
  const decoder = encoding === 'br' ? zlib.createBrotliDecompress() : encoding === 'deflate' ? zlib.createInflate() : zlib.createGunzip();
  res.on('error', (error) => decoder.destroy(error));
  return res.pipe(decoder);
}

function send(url: URL, method: string, headers: Record<string, string>, body: RequestBody, signal: AbortSignal | undefined): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    // Loaded on the first request, not at server start (https also loads TLS).
    const transport = process.getBuiltinModule(url.protocol === 'https:' ? 'node:https' : 'node:http');
    const outgoing = { ...headers };
    if (body !== undefined) outgoing['content-length'] = String(typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength);
    const req = transport.request(url, { method, headers: outgoing });
    const onAbort = (): void => {
      req.destroy();
      reject(abortReason(signal!));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (error) => {
      signal?.removeEventListener('abort', onAbort);
      reject(new TypeError('fetch failed', { cause: error }));
    });
    req.once('response', (res) => {
      signal?.removeEventListener('abort', onAbort);
      // A failure before anyone reads the body must not become an uncaught 'error' event; readers
      // still see it (the stream is destroyed with it).
      res.on('error', () => undefined);
      resolve(res);
    });
    req.end(body);
  });
}

/** Stops reading `res` (and closes its socket) when `signal` fires, failing the body with the reason. */
function abortBodyOn(signal: AbortSignal | undefined, res: http.IncomingMessage, body: Readable): void {
  if (!signal) return;
  const onAbort = (): void => {
    const reason = abortReason(signal);
    body.destroy(reason instanceof Error ? reason : new DOMException('This operation was aborted', 'AbortError'));
    if (body !== res) res.destroy();
  };
  signal.addEventListener('abort', onAbort, { once: true });
  body.once('close', () => signal.removeEventListener('abort', onAbort));
}

export const httpFetch: Fetch = async (input, init = {}) => {
  const body = requestBody(init.body);
  // (`input instanceof Request` would load undici just to answer no.)
  if ((typeof input !== 'string' && !(input instanceof URL)) || body === null || process.env.NODE_USE_ENV_PROXY) return fetch(input, init);
  const signal = init.signal ?? undefined;
  if (signal?.aborted) throw abortReason(signal);
  let url = new URL(input);
  let method = (init.method ?? 'GET').toUpperCase();
  let headers = headerRecord(init.headers);
  let payload: RequestBody = body;
  for (let redirects = 0; ; redirects++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError('fetch failed', { cause: new Error(`unsupported protocol ${url.protocol}`) });
    const res = await send(url, method, headers, payload, signal);
    const status = res.statusCode ?? 0;
    const location = res.headers.location;
    if ([301, 302, 303, 307, 308].includes(status) && location !== undefined && init.redirect !== 'manual') {
      res.resume();
      if (init.redirect === 'error' || redirects >= MAX_REDIRECTS) throw new TypeError('fetch failed', { cause: new Error('redirect count exceeded or redirects not allowed') });
      const next = new URL(location, url);
      if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
        method = method === 'HEAD' ? 'HEAD' : 'GET';
        payload = undefined;
        headers = Object.fromEntries(Object.entries(headers).filter(([name]) => !name.startsWith('content-')));
      }
      // Credentials never follow a redirect to another origin.
      if (next.origin !== url.origin) headers = Object.fromEntries(Object.entries(headers).filter(([name]) => name !== 'authorization' && name !== 'cookie'));
      url = next;
      continue;
    }
    const empty = method === 'HEAD' || status === 204 || status === 304;
    if (empty) res.resume();
    const stream = empty ? null : decoded(res);
    if (stream) abortBodyOn(signal, res, stream);
    return new HttpResponse(status, res.statusMessage, res.headers, stream, url.href, redirects) as unknown as Response;
  }
};
