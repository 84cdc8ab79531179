// The node:http fetch the model clients use (server/models/http-fetch.ts), against a loopback server:
// what the openai SDK reads off a response, request headers and bodies, redirects, compressed
// bodies, aborts before and during the body, and connection failures shaped like the global fetch's.

import { strict as assert } from 'node:assert';
import { once } from 'node:events';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { httpFetch, type ResponseHeaders } from '../../server/models/httpFetch';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

describe('models: node:http fetch', () => {
  let server: http.Server;
  let base: string;
  let seen: Seen[];
  let handler: Handler;

  before(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        handler(req, res, body);
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(() => {
    server.closeAllConnections();
    server.close();
  });

  beforeEach(() => {
    seen = [];
    handler = (_req, res) => res.end('ok');
  });

  it('sends method, headers (a Headers object) and a string body with its length', async () => {
    handler = (_req, res) => {
      res.writeHead(201, { 'content-type': 'application/json', 'x-request-id': 'req_1' });
      res.end('{"a":1}');
    };
    const headers = new Headers({ 'Content-Type': 'application/json', Authorization: 'Bearer k' });
    const response = await httpFetch(`${base}/v1/responses?x=1`, { method: 'post', headers, body: '{"q":"é"}' });
    assert.equal(response.status, 201);
    assert.equal(response.ok, true);
    assert.equal(response.headers.get('X-Request-Id'), 'req_1');
    assert.ok([...(response.headers as unknown as ResponseHeaders).entries()].some(([name, value]) => name === 'x-request-id' && value === 'req_1'));
    assert.deepEqual(await response.json(), { a: 1 });
    assert.equal(seen[0]?.method, 'POST');
    assert.equal(seen[0]?.url, '/v1/responses?x=1');
    assert.equal(seen[0]?.headers.authorization, 'Bearer k');
    assert.equal(seen[0]?.headers['content-length'], String(Buffer.byteLength('{"q":"é"}')));
    assert.equal(seen[0]?.body, '{"q":"é"}');
  });

  it('accepts plain-object and pair-list headers', async () => {
    await (await httpFetch(base, { headers: { 'X-One': '1' } })).text();
    await (await httpFetch(base, { headers: [['X-Two', '2']] })).text();
    assert.equal(seen[0]?.headers['x-one'], '1');
    assert.equal(seen[1]?.headers['x-two'], '2');
  });

  it('reports an error status with its body and headers', async () => {
    handler = (_req, res) => {
      res.writeHead(429, { 'retry-after': '2' });
      res.end('{"error":{"message":"slow down"}}');
    };
    const response = await httpFetch(base, { method: 'POST', body: '{}' });
    assert.equal(response.ok, false);
    assert.equal(response.status, 429);
    assert.equal(response.headers.get('retry-after'), '2');
    assert.equal(await response.text(), '{"error":{"message":"slow down"}}');
    await assert.rejects(response.text(), /already been read/);
  });

  it('streams the body as it arrives (async-iterable, as the SDK reads it)', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: 1\n\n');
      setTimeout(() => res.end('data: 2\n\n'), 20);
    };
    const response = await httpFetch(base);
    const chunks: string[] = [];
    for await (const chunk of response.body as unknown as AsyncIterable<Buffer>) chunks.push(chunk.toString('utf8'));
    assert.equal(chunks.join(''), 'data: 1\n\ndata: 2\n\n');
    assert.ok(chunks.length >= 2);
  });

  it('follows redirects: 307 keeps the method and body, 303 turns into a GET', async () => {
    handler = (req, res) => {
      if (req.url === '/a') res.writeHead(307, { location: '/b' }).end();
      else if (req.url === '/c') res.writeHead(303, { location: `${base}/d` }).end();
      else res.end(req.url);
    };
    const kept = await httpFetch(`${base}/a`, { method: 'POST', body: 'payload' });
    assert.equal(await kept.text(), '/b');
    assert.equal(kept.redirected, true);
    assert.equal(kept.url, `${base}/b`);
    assert.deepEqual(seen.map((s) => [s.method, s.url, s.body]), [['POST', '/a', 'payload'], ['POST', '/b', 'payload']]);
    seen = [];
    const got = await httpFetch(`${base}/c`, { method: 'POST', body: 'payload', headers: { 'content-type': 'text/plain' } });
    assert.equal(await got.text(), '/d');
    assert.deepEqual(seen.map((s) => [s.method, s.url, s.body, s.headers['content-type']]), [['POST', '/c', 'payload', 'text/plain'], ['GET', '/d', '', undefined]]);
  });

  it('decodes a gzip body', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip' });
      res.end(gzipSync('compressed text'));
    };
    assert.equal(await (await httpFetch(base)).text(), 'compressed text');
  });

  it('rejects with an AbortError when aborted before the response', async () => {
    handler = () => undefined; // never answers
    const controller = new AbortController();
    const pending = httpFetch(base, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await assert.rejects(pending, (error: Error) => error.name === 'AbortError');
    const already = new AbortController();
    already.abort();
    await assert.rejects(httpFetch(base, { signal: already.signal }), (error: Error) => error.name === 'AbortError');
  });

  it('fails the body with an AbortError when aborted mid-stream, closing the connection', async () => {
    let closed = false;
    handler = (req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: 1\n\n');
      req.socket.on('close', () => (closed = true));
    };
    const controller = new AbortController();
    const response = await httpFetch(base, { signal: controller.signal });
    const reading = (async () => {
      for await (const chunk of response.body as unknown as AsyncIterable<Buffer>) {
        assert.equal(chunk.toString(), 'data: 1\n\n');
        controller.abort();
      }
    })();
    await assert.rejects(reading, (error: Error) => error.name === 'AbortError');
    for (let i = 0; i < 50 && !closed; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(closed, true);
  });

  it('fails like the global fetch when nothing listens ("fetch failed", the cause inside)', async () => {
    const probe = http.createServer();
    probe.listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const port = (probe.address() as AddressInfo).port;
    probe.close();
    await once(probe, 'close');
    await assert.rejects(httpFetch(`http://127.0.0.1:${port}/`), (error: Error) => {
      assert.equal(error.message, 'fetch failed');
      assert.match(String((error.cause as Error).message), /ECONNREFUSED/);
      return true;
    });
  });
});
