// The loopback HTTP server of the mock model (node:http only): routes /v1/responses, /v1/chat/completions
// and /v1/models, answers each streaming request with the next scripted Reply (FIFO queue, then the
// fallback responder, else HTTP 500), records every request, and implements drop / hang / close.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { renderChatSse } from './chat-sse';
import { renderResponsesSse } from './responses-sse';
import { RequestLog, type RequestFilter } from './request-log';
import type {
  Endpoint,
  HttpErrorReply,
  MockModelOptions,
  RecordedRequest,
  Reply,
  RequestBody,
  RequestOutcome,
  Responder,
  Script,
  StreamReply,
} from './types';

export const DEFAULT_MODELS: readonly string[] = ['gpt-5.5', 'mock-model'];
export const DEFAULT_CREATED_AT = 1_700_000_000;
export const EMPTY_QUEUE_MESSAGE = 'mock model: no scripted reply left';

export interface MockModel {
  /** `http://127.0.0.1:<port>/v1` — use as the provider base URL. */
  readonly baseUrl: string;
  readonly port: number;
  /** Every request received, in arrival order (all paths). */
  readonly requests: readonly RecordedRequest[];
  /** Scripts still queued. */
  readonly remaining: number;
  /** Appends replies (or per-request functions) to the FIFO queue. */
  enqueue(...scripts: Script[]): void;
  /** Sets (or clears) the responder used when the queue is empty. */
  setResponder(responder: Responder | undefined): void;
  /** Requests matching the filter ('stream' = responses + chat). */
  requestsTo(filter: RequestFilter): RecordedRequest[];
  /** The last request (optionally matching a filter); throws when there is none. */
  lastRequest(filter?: RequestFilter): RecordedRequest;
  /** Resolves with the matching requests once there are at least `n` (default timeout 5000 ms). */
  waitForRequests(n: number, opts?: number | { timeoutMs?: number; endpoint?: RequestFilter }): Promise<RecordedRequest[]>;
  /** Resolves when the client of that request (or request index) went away; rejects after the timeout. */
  waitForDisconnect(request: RecordedRequest | number, timeoutMs?: number): Promise<RecordedRequest>;
  /** Stops listening and ends every open connection, hanging streams included. */
  close(): Promise<void>;
}

/** Mutable per-request state behind `disconnected` / `finished`. */
interface Tracker {
  res: ServerResponse;
  cause: 'dropped' | 'closed-by-mock' | undefined;
  /** Aborts when the response closes or the mock closes; stops delays and hangs. */
  signal: AbortSignal;
}

function classify(method: string, path: string): Endpoint {
  if (method === 'POST' && path === '/v1/responses') return 'responses';
  if (method === 'POST' && path === '/v1/chat/completions') return 'chat';
  if (method === 'GET' && path === '/v1/models') return 'models';
  return 'other';
}

function errorBody(message: string, type: string, code: string | null): string {
  return JSON.stringify({ error: { message, type, code } });
}

function sendJson(res: ServerResponse, status: number, body: string, headers: Readonly<Record<string, string>> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body);
}

function sendHttpError(res: ServerResponse, reply: HttpErrorReply): void {
  const { status } = reply;
  const type = reply.type ?? (status === 429 ? 'requests' : status >= 500 ? 'server_error' : 'invalid_request_error');
  const code = reply.code !== undefined ? reply.code : status === 429 ? 'rate_limit_exceeded' : null;
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.retryAfter !== undefined) headers['retry-after'] = String(reply.retryAfter);
  sendJson(res, status, errorBody(reply.message ?? `mock model: HTTP ${status}`, type, code), headers);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseBody(rawBody: string): { body: RequestBody; jsonError?: string } {
  if (rawBody.trim() === '') return { body: {} };
  try {
    const parsed: unknown = JSON.parse(rawBody);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return { body: parsed as RequestBody };
    return { body: {}, jsonError: 'body is not a JSON object' };
  } catch (err) {
    return { body: {}, jsonError: err instanceof Error ? err.message : String(err) };
  }
}

/** Writes one frame and waits until it is flushed; false when the stream went away first. */
function writeFrame(res: ServerResponse, frame: string, signal: AbortSignal): Promise<boolean> {
  if (res.destroyed || signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = (): void => resolve(false);
    signal.addEventListener('abort', onAbort, { once: true });
    res.write(frame, (err) => {
      signal.removeEventListener('abort', onAbort);
      resolve(!err);
    });
  });
}

/** Starts the mock on 127.0.0.1 with a free port. */
export async function startMockModel(options: MockModelOptions = {}): Promise<MockModel> {
  const queue: Script[] = [...(options.replies ?? [])];
  let responder = options.responder;
  const models = options.models ?? DEFAULT_MODELS;
  const createdAt = options.createdAt ?? DEFAULT_CREATED_AT;
  const log = new RequestLog();
  const closing = new AbortController();
  const live = new Set<Tracker>();

  async function nextReply(record: RecordedRequest): Promise<Reply | undefined> {
    const script = queue.shift() ?? responder;
    if (script === undefined) return undefined;
    return typeof script === 'function' ? await script(record) : script;
  }

  async function stream(res: ServerResponse, record: RecordedRequest, reply: StreamReply, tracker: Tracker): Promise<void> {
    const include = record.body.stream_options?.include_usage === true;
    const ctx = {
      n: record.index + 1,
      model: typeof record.body.model === 'string' ? record.body.model : 'mock-model',
      createdAt,
      includeUsage: include,
    };
    const rendered = record.endpoint === 'responses' ? renderResponsesSse(reply, ctx) : renderChatSse(reply, ctx);
    const partial = reply.kind === 'drop' || reply.kind === 'hang';
    const cut = partial ? Math.min(reply.afterEvents ?? rendered.completeAt, rendered.frames.length) : rendered.frames.length;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...reply.headers });
    res.flushHeaders();
    const delayMs = reply.delayMs ?? 0;
    for (let i = 0; i < cut; i++) {
      if (i > 0 && delayMs > 0) {
        try {
          await sleep(delayMs, undefined, { signal: tracker.signal });
        } catch {
          return; // client or mock closed during the pause
        }
      }
      if (!(await writeFrame(res, rendered.frames[i] ?? '', tracker.signal))) return;
    }
    if (reply.kind === 'drop') {
      tracker.cause = 'dropped';
      if (reply.how === 'end') res.end();
      else res.destroy();
    } else if (reply.kind === 'hang') {
      if (!tracker.signal.aborted) {
        await new Promise((resolve) => tracker.signal.addEventListener('abort', resolve, { once: true }));
      }
      res.destroy();
    } else {
      res.end();
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawBody = await readBody(req);
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const endpoint = classify(method, path);
    const { body, jsonError } = parseBody(rawBody);

    const requestDone = new AbortController();
    const tracker: Tracker = { res, cause: undefined, signal: AbortSignal.any([requestDone.signal, closing.signal]) };
    live.add(tracker);
    let resolveDisconnected = (): void => {};
    let resolveFinished = (_outcome: RequestOutcome): void => {};
    const disconnected = new Promise<void>((resolve) => (resolveDisconnected = resolve));
    const finished = new Promise<RequestOutcome>((resolve) => (resolveFinished = resolve));
    res.on('close', () => {
      live.delete(tracker);
      const outcome: RequestOutcome =
        tracker.cause === 'dropped' ? 'dropped' : res.writableFinished ? 'completed' : (tracker.cause ?? 'client-disconnected');
      if (outcome === 'client-disconnected') resolveDisconnected();
      requestDone.abort();
      resolveFinished(outcome);
      log.notify();
    });

    const record: RecordedRequest = {
      index: log.all.length,
      endpoint,
      method,
      path,
      headers: req.headers,
      body,
      rawBody,
      ...(jsonError === undefined ? {} : { jsonError }),
      disconnected,
      finished,
    };
    log.add(record);

    if (endpoint === 'models') {
      const data = models.map((id) => ({ id, object: 'model', created: createdAt, owned_by: 'mock' }));
      return sendJson(res, 200, JSON.stringify({ object: 'list', data }));
    }
    if (endpoint === 'other') {
      return sendJson(res, 404, errorBody(`mock model: no route for ${method} ${path}`, 'invalid_request_error', 'not_found'));
    }
    if (jsonError !== undefined) {
      return sendJson(res, 400, errorBody(`mock model: invalid JSON body: ${jsonError}`, 'invalid_request_error', null));
    }
    let reply: Reply | undefined;
    try {
      reply = await nextReply(record);
    } catch (err) {
      const message = `mock model: responder threw: ${err instanceof Error ? err.message : String(err)}`;
      return sendJson(res, 500, errorBody(message, 'server_error', 'mock_responder_error'));
    }
    if (reply === undefined) {
      return sendJson(res, 500, errorBody(EMPTY_QUEUE_MESSAGE, 'server_error', 'mock_queue_empty'));
    }
    record.reply = reply;
    if (reply.kind === 'httpError') return sendHttpError(res, reply);
    await stream(res, record, reply, tracker);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      console.error('mock model: handler failed', err);
      if (!res.headersSent) sendJson(res, 500, errorBody(`mock model: ${String(err)}`, 'server_error', null));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  let closed: Promise<void> | undefined;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    port,
    get requests() {
      return log.all;
    },
    get remaining() {
      return queue.length;
    },
    enqueue(...scripts) {
      queue.push(...scripts);
    },
    setResponder(r) {
      responder = r;
    },
    requestsTo: (filter) => log.matching(filter),
    lastRequest: (filter) => log.last(filter),
    waitForRequests: (n, opts) => log.waitForCount(n, opts),
    waitForDisconnect: (request, timeoutMs) => log.waitForDisconnect(request, timeoutMs),
    close() {
      closed ??= new Promise<void>((resolve) => {
        for (const tracker of live) if (!tracker.res.writableFinished) tracker.cause ??= 'closed-by-mock';
        closing.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
