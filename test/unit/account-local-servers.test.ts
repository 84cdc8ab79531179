// The sign-in card's local model probe (src/account/localServers.ts) against fake Ollama and LM
// Studio servers on loopback ephemeral ports: models listed (embeddings left out), a dead port, a
// malformed answer, an HTTP error, a server that never answers, an oversized answer, a redirect,
// a target off loopback (never contacted), and OLLAMA_HOST.
import { strict as assert } from 'node:assert';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { localServerTargets, probeLocalServer, probeLocalServers, DEFAULT_LOCAL_TARGETS } from '../../src/account/localServers';

type Route = (req: IncomingMessage, res: ServerResponse) => void;

interface FakeServer {
  readonly origin: string;
  readonly paths: string[];
  close(): Promise<void>;
}

async function fakeServer(route: Route): Promise<FakeServer> {
  const paths: string[] = [];
  const server: Server = createServer((req, res) => {
    paths.push(req.url ?? '');
    route(req, res);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    paths,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

const json = (body: unknown): Route => (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};

/** A port nothing listens on: bound once, then released. */
async function deadOrigin(): Promise<string> {
  const server = await fakeServer(json({}));
  await server.close();
  return server.origin;
}

describe('sign-in: local model servers probe', () => {
  const servers: FakeServer[] = [];
  const start = async (route: Route): Promise<FakeServer> => {
    const server = await fakeServer(route);
    servers.push(server);
    return server;
  };
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  it('lists Ollama and LM Studio models in parallel, without embedding models, and a dead port as unreachable', async () => {
    const ollama = await start(json({ models: [{ name: 'llama3.2:latest', size: 1 }, { name: 'nomic-embed-text:latest' }, { name: 'qwen2.5-coder:7b' }] }));
    const lmstudio = await start(json({ object: 'list', data: [{ id: 'qwen2.5-7b-instruct', object: 'model' }, { id: 'text-embedding-nomic-embed-text-v1.5' }] }));
    const dead = await deadOrigin();
    const probes = await probeLocalServers([
      { server: 'ollama', origin: ollama.origin },
      { server: 'lmstudio', origin: lmstudio.origin },
      { server: 'lmstudio', origin: dead },
    ]);
    assert.deepEqual(probes, [
      { type: 'found', server: 'ollama', baseUrl: `${ollama.origin}/v1`, models: ['llama3.2:latest', 'qwen2.5-coder:7b'] },
      { type: 'found', server: 'lmstudio', baseUrl: `${lmstudio.origin}/v1`, models: ['qwen2.5-7b-instruct'] },
      { type: 'absent', server: 'lmstudio', baseUrl: `${dead}/v1`, reason: 'unreachable' },
    ]);
    assert.deepEqual(ollama.paths, ['/api/tags']);
    assert.deepEqual(lmstudio.paths, ['/v1/models']);
  });

  it('reports a running server with no models as found with an empty list', async () => {
    const ollama = await start(json({ models: [] }));
    assert.deepEqual(await probeLocalServer({ server: 'ollama', origin: ollama.origin }), {
      type: 'found',
      server: 'ollama',
      baseUrl: `${ollama.origin}/v1`,
      models: [],
    });
  });

  it('treats malformed answers as invalid: the wrong shape, not JSON, a model name that is not a string', async () => {
    const wrongShape = await start(json({ data: [{ id: 'looks like OpenAI, but this is the Ollama probe' }] }));
    const notJson = await start((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>hello</html>'));
    const badName = await start(json({ data: [{ id: 42 }] }));
    const probes = await probeLocalServers([
      { server: 'ollama', origin: wrongShape.origin },
      { server: 'lmstudio', origin: notJson.origin },
      { server: 'lmstudio', origin: badName.origin },
    ]);
    assert.deepEqual(
      probes.map((p) => (p.type === 'absent' ? p.reason : p.type)),
      ['invalid', 'invalid', 'invalid'],
    );
  });

  it('reports an HTTP error, a server that never answers (timeout), an oversized answer and a redirect', async () => {
    const failing = await start((_req, res) => res.writeHead(500).end('boom'));
    const silent = await start(() => undefined);
    const huge = await start((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"models":[${'{"name":"m"},'.repeat(200_000)}{"name":"m"}]}`);
    });
    const elsewhere = await start(json({ models: [{ name: 'from-the-redirect' }] }));
    const redirecting = await start((_req, res) => res.writeHead(302, { location: `${elsewhere.origin}/api/tags` }).end());
    const probes = await probeLocalServers([
      { server: 'lmstudio', origin: failing.origin },
      { server: 'ollama', origin: huge.origin },
      { server: 'ollama', origin: redirecting.origin },
    ]);
    assert.deepEqual(
      probes.map((p) => (p.type === 'absent' ? p.reason : p.type)),
      ['httpError', 'invalid', 'unreachable'],
    );
    // The silent server never answers, so only the timeout can end this probe.
    const timedOut = await probeLocalServer({ server: 'ollama', origin: silent.origin }, { timeoutMs: 200 });
    assert.equal(timedOut.type === 'absent' ? timedOut.reason : timedOut.type, 'timeout');
    assert.deepEqual(elsewhere.paths, [], 'the redirect was not followed');
  });

  it('never contacts a target off loopback', async () => {
    const contacted: string[] = [];
    const spy: typeof fetch = (input) => {
      contacted.push(String(input));
      return Promise.reject(new Error('should not be called'));
    };
    const probe = await probeLocalServer({ server: 'ollama', origin: 'http://192.168.1.20:11434' }, { fetch: spy });
    assert.deepEqual(probe, { type: 'absent', server: 'ollama', baseUrl: 'http://192.168.1.20:11434/v1', reason: 'unreachable' });
    assert.deepEqual(contacted, []);
  });

  it('looks on the default ports, with Ollama moved by a loopback OLLAMA_HOST only', () => {
    assert.deepEqual(localServerTargets({}), DEFAULT_LOCAL_TARGETS);
    assert.deepEqual(localServerTargets({ OLLAMA_HOST: '127.0.0.1:11500' })[0], { server: 'ollama', origin: 'http://127.0.0.1:11500' });
    assert.deepEqual(localServerTargets({ OLLAMA_HOST: '0.0.0.0' })[0], { server: 'ollama', origin: 'http://127.0.0.1:11434' });
    assert.deepEqual(localServerTargets({ OLLAMA_HOST: 'http://localhost:9999' })[0], { server: 'ollama', origin: 'http://localhost:9999' });
    assert.deepEqual(localServerTargets({ OLLAMA_HOST: 'gpu-box:11434' }), DEFAULT_LOCAL_TARGETS);
    assert.deepEqual(localServerTargets({})[1], { server: 'lmstudio', origin: 'http://127.0.0.1:1234' });
  });
});
