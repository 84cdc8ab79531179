// MCP configuration: config/mcpServer/reload adds, removes and restarts changed servers while
// unchanged ones keep running (and the loaded thread's next turn offers the new tools); requirements' identity
// allow-list disables servers whose name or command does not match (an empty table disables all);
// a streamable HTTP server of the SDK's own, on loopback, with bearer_token_env_var, http_headers
// and env_http_headers, or with OAuth tokens stored by mcpServer/oauth/login.
import { strict as assert } from 'node:assert';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import * as z from 'zod';
import { FileCredentialStore } from '../../server/mcp/oauth/credentialStore';
import { functionCall, respond, textReply } from '../support/mock-model';
import { runTurn } from '../support/app-server-client';
import { processGone, waitFor } from '../support/process-state';
import { completedItem } from '../support/tool-turns';
import { FIXTURE, startMcpServer, startupTrace, stdioServer, threadWithServers, waitForStartup, type McpSetup } from '../support/mcp-helpers';

type Json = Record<string, unknown>;

/** A stateless streamable HTTP MCP server with one `add` tool; records each request's headers. */
async function startHttpMcp(): Promise<{ url: string; headers: IncomingHttpHeaders[]; close(): Promise<void> }> {
  const headers: IncomingHttpHeaders[] = [];
  const http: Server = createServer((req, res) => {
    headers.push(req.headers);
    const server = new McpServer({ name: 'loopback-http', version: '0.0.1' });
    server.registerTool('add', { description: 'Adds two numbers.', inputSchema: { a: z.number(), b: z.number() } }, ({ a, b }) => ({ content: [{ type: 'text', text: String(a + b) }] }));
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    void server.connect(transport).then(() => transport.handleRequest(req, res));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    headers,
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}

describe('mcp: configuration', function () {
  this.timeout(90_000);
  let setup: McpSetup | undefined;
  afterEach(async () => {
    await setup?.close();
    setup = undefined;
  });

  it('reload adds, removes and restarts changed servers, keeps unchanged ones, and the next turn sees the change', async () => {
    const entry = (name: string, home: string, extra: string[] = []): string => stdioServer(name, FIXTURE, [`--pid-file=${join(home, `${name}.pid`)}`], extra);
    setup = await startMcpServer((ws) => entry('keep', ws.home) + entry('old', ws.home) + entry('change', ws.home, ['env = { V = "1" }']), [respond([functionCall('mcp__fresh__slow', { ms: 1 }, { callId: 'call_fresh' })]), textReply('done')]);
    const { client, ws, mock } = setup;
    const threadId = await threadWithServers(client, ws.dir, ['keep', 'old', 'change']);
    const keepPid = Number(readFileSync(join(ws.home, 'keep.pid'), 'utf8'));
    const oldPid = Number(readFileSync(join(ws.home, 'old.pid'), 'utf8'));
    const changePid = Number(readFileSync(join(ws.home, 'change.pid'), 'utf8'));
    const configFile = join(client.codexHome, 'config.toml');
    writeFileSync(
      configFile,
      readFileSync(configFile, 'utf8')
        .replace(entry('old', ws.home), entry('fresh', ws.home))
        .replace(entry('change', ws.home, ['env = { V = "1" }']), entry('change', ws.home, ['env = { V = "2" }'])),
    );
    const from = client.notifications.length;
    const fromLine = client.lines.length;
    assert.deepEqual(await client.request('config/mcpServer/reload'), {});
    await waitForStartup(client, threadId, 'fresh', 'ready', fromLine);
    await waitForStartup(client, threadId, 'change', 'ready', fromLine);
    assert.deepEqual(startupTrace(client, from).sort(), ['change ready', 'change starting', 'fresh ready', 'fresh starting', 'keep ready'], 'keep is re-announced, not restarted');
    await waitFor(() => processGone(oldPid) && processGone(changePid), 10_000);
    assert.notEqual(Number(readFileSync(join(ws.home, 'change.pid'), 'utf8')), changePid, 'the changed server runs as a new process');
    assert.ok(!processGone(keepPid), 'the unchanged server keeps running');
    const list = await client.request<{ data: Json[] }>('mcpServerStatus/list', { threadId });
    assert.deepEqual(
      list.data.map((s) => s.name),
      ['change', 'fresh', 'keep'],
    );
    const turn = await runTurn(client, threadId, 'use the new one', {}, 30_000);
    assert.equal(completedItem(client, 'call_fresh', turn.from).status, 'completed');
    const names = ((mock.requestsTo('responses')[0]?.body.tools ?? []) as Json[]).map((t) => String(t.name)).filter((n) => n.startsWith('mcp__'));
    assert.ok(names.includes('mcp__fresh__slow') && names.includes('mcp__keep__slow') && !names.some((n) => n.startsWith('mcp__old__')), names.join(' '));
  });

  it("requirements' identity allow-list: name and command must match; an empty table disables all", async () => {
    const servers = stdioServer('fx', FIXTURE) + stdioServer('stranger', FIXTURE) + '[mcp_servers.impostor]\ncommand = "/bin/false"\n';
    const cases: [string, string][] = [
      [`[mcp_servers.fx.identity]\ncommand = ${JSON.stringify(process.execPath)}\n[mcp_servers.impostor.identity]\ncommand = "/bin/true"\n`, 'connected'],
      ['mcp_servers = {}\n', 'disabled'],
    ];
    for (const [body, fx] of cases) {
      const dir = mkdtempSync(join(tmpdir(), 'codex-ts-mcp-req-'));
      try {
        writeFileSync(join(dir, 'requirements.toml'), body);
        setup = await startMcpServer(servers, [], { CODEX_TS_REQUIREMENTS: join(dir, 'requirements.toml') });
        const list = await setup.client.request<{ data: Json[] }>('mcpServerStatus/list', {});
        const status = Object.fromEntries(list.data.map((s) => [s.name, s.runtimeStatus]));
        assert.deepEqual(status, { fx, impostor: 'disabled', stranger: 'disabled' });
        await setup.close();
        setup = undefined;
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  it('an HTTP server with stored OAuth tokens connects with them and lists as oAuth', async () => {
    const http = await startHttpMcp();
    try {
      setup = await startMcpServer(`[mcp_servers.oauthed]\nurl = "${http.url}"\n\n[mcp_servers.plain]\nurl = "${http.url}"\n`);
      new FileCredentialStore(setup.client.codexHome).save({ serverName: 'oauthed', serverUrl: http.url, clientId: 'client-1', accessToken: 'stored-access-token', expiresAt: Date.now() + 3_600_000, scopes: [] });
      const list = await setup.client.request<{ data: Json[] }>('mcpServerStatus/list', {});
      assert.deepEqual(
        list.data.map((s) => [s.name, s.runtimeStatus, s.authStatus]),
        [
          ['oauthed', 'connected', 'oAuth'],
          ['plain', 'connected', 'unsupported'],
        ],
      );
      assert.ok(http.headers.some((h) => h.authorization === 'Bearer stored-access-token'));
      assert.ok(http.headers.some((h) => h.authorization === undefined));
    } finally {
      await setup?.close();
      setup = undefined;
      await http.close();
    }
  });

  it('connects to a streamable HTTP server with bearer token and headers', async () => {
    const http = await startHttpMcp();
    try {
      const entry = [
        '[mcp_servers.remote]',
        `url = "${http.url}"`,
        'bearer_token_env_var = "MCP_TEST_TOKEN"',
        'http_headers = { "X-Static" = "static-value" }',
        'env_http_headers = { "X-From-Env" = "MCP_HEADER_VALUE" }',
        '',
      ].join('\n');
      setup = await startMcpServer(entry, [respond([functionCall('mcp__remote__add', { a: 2, b: 3 }, { callId: 'call_add' })]), textReply('5')], { MCP_TEST_TOKEN: 'secret-token', MCP_HEADER_VALUE: 'from-env' });
      const { client, ws } = setup;
      const threadId = await threadWithServers(client, ws.dir, ['remote']);
      const list = await client.request<{ data: Json[] }>('mcpServerStatus/list', { threadId });
      assert.equal(list.data[0]?.runtimeStatus, 'connected');
      assert.equal(list.data[0]?.authStatus, 'bearerToken');
      assert.equal(list.data[0]?.httpOrigin, new URL(http.url).origin);
      const { from } = await runTurn(client, threadId, 'add', {}, 30_000);
      assert.deepEqual(completedItem(client, 'call_add', from).result, { content: [{ type: 'text', text: '5' }] });
      assert.ok(http.headers.length > 0);
      for (const h of http.headers) {
        assert.equal(h.authorization, 'Bearer secret-token');
        assert.equal(h['x-static'], 'static-value');
        assert.equal(h['x-from-env'], 'from-env');
      }
    } finally {
      await setup?.close();
      setup = undefined;
      await http.close();
    }
  });
});
