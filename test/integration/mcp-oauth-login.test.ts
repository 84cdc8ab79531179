// mcpServer/oauth/login over stdio against the loopback OAuth + MCP fixture: the answer carries the
// authorization URL; following it (the fixture approves at once and redirects to the loopback
// callback) ends with mcpServer/oauthLogin/completed {success: true} and the tokens in
// $CODEX_HOME/.credentials.json (mode 0600); mcp_oauth_callback_port / mcp_oauth_callback_url
// set the listener and the redirect URI; a threadId selects the thread's project config; denial and
// timeout complete with success: false; unknown, stdio and keyring-store requests are refused. Every message is checked against the Codex schema.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RpcCallError, startAppServer, type AppServerClient } from '../support/app-server-client';
import { closeAfterEach } from '../support/server-fixture';
import { OAuthMcpFixture } from '../support/mcp-oauth-fixture';

type Json = Record<string, unknown>;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function serverConfig(url: string, extra = ''): string {
  return `${extra}\n[mcp_servers.docs]\nurl = "${url}"\n\n[mcp_servers.local]\ncommand = "node"\nargs = ["server.js"]\n`;
}

describe('mcpServer/oauth/login (stdio)', function () {
  this.timeout(30000);
  let fixture: OAuthMcpFixture | undefined;
  let client: AppServerClient | undefined;
  closeAfterEach(
    () => [client, fixture, client && { close: () => rmSync(client!.codexHome, { recursive: true, force: true }) }],
    () => {
      client = undefined;
      fixture = undefined;
    },
  );

  async function start(extraTop = ''): Promise<AppServerClient> {
    fixture = await OAuthMcpFixture.start();
    client = await startAppServer({ extraConfig: serverConfig(fixture.url, extraTop) });
    return client;
  }

  it('returns the authorization URL, completes after the callback and stores the tokens 0600', async () => {
    const c = await start();
    const result = await c.request<Json>('mcpServer/oauth/login', { name: 'docs' });
    const authorizationUrl = new URL(result.authorizationUrl as string);
    assert.equal(authorizationUrl.origin + authorizationUrl.pathname, `${fixture!.baseUrl}/authorize`);
    assert.equal(authorizationUrl.searchParams.get('code_challenge_method'), 'S256');
    assert.match(authorizationUrl.searchParams.get('redirect_uri') ?? '', /^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    assert.equal(typeof result.loginId, 'string');

    const page = await fetch(authorizationUrl);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Authentication complete/);
    const completed = await c.waitForNotification('mcpServer/oauthLogin/completed');
    assert.deepEqual(completed, { name: 'docs', success: true, error: null, loginId: result.loginId, threadId: null });

    const file = join(c.codexHome, '.credentials.json');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const entries = Object.values(JSON.parse(readFileSync(file, 'utf8')) as Record<string, Json>);
    assert.equal(entries.length, 1);
    const entry = entries[0]!;
    assert.equal(entry.server_name, 'docs');
    assert.equal(entry.server_url, fixture!.url);
    assert.ok(fixture!.provider.accessTokens.has(entry.access_token as string), 'the issued access token is stored');
    assert.ok(fixture!.provider.refreshTokens.has(entry.refresh_token as string), 'with its refresh token');
    assert.ok(fixture!.provider.clients.has(entry.client_id as string), 'and the registered client');
    assert.deepEqual(entry.scopes, ['mcp:tools']);
  });

  it('listens on mcp_oauth_callback_port and redirects to mcp_oauth_callback_url', async () => {
    const port = await freePort();
    const callbackUrl = `http://localhost:${port}/custom/oauth-callback`;
    const c = await start(`mcp_oauth_callback_port = ${port}\nmcp_oauth_callback_url = "${callbackUrl}"\n`);
    const result = await c.request<Json>('mcpServer/oauth/login', { name: 'docs', scopes: ['mcp:tools'], threadId: null });
    const authorizationUrl = new URL(result.authorizationUrl as string);
    assert.equal(authorizationUrl.searchParams.get('redirect_uri'), callbackUrl);
    assert.equal(authorizationUrl.searchParams.get('scope'), 'mcp:tools');
    assert.equal((await fetch(authorizationUrl)).status, 200);
    const completed = await c.waitForNotification('mcpServer/oauthLogin/completed');
    assert.equal(completed.success, true);
  });

  it('completes with success: false when the provider denies, or when the login times out', async () => {
    const c = await start();
    fixture!.provider.denyNext = true;
    const denied = await c.request<Json>('mcpServer/oauth/login', { name: 'docs' });
    assert.equal((await fetch(denied.authorizationUrl as string)).status, 400);
    const deniedDone = await c.waitForNotification('mcpServer/oauthLogin/completed', (p) => p.loginId === denied.loginId);
    assert.equal(deniedDone.success, false);
    assert.match(deniedDone.error as string, /access_denied/);

    const started = Date.now();
    const slow = await c.request<Json>('mcpServer/oauth/login', { name: 'docs', timeoutSecs: 1 });
    const slowDone = await c.waitForNotification('mcpServer/oauthLogin/completed', (p) => p.loginId === slow.loginId);
    assert.deepEqual(slowDone, { name: 'docs', success: false, error: 'timed out waiting for OAuth callback', loginId: slow.loginId, threadId: null });
    assert.ok(Date.now() - started >= 900, 'not before the timeout');
    const redirect = new URL(slow.authorizationUrl as string).searchParams.get('redirect_uri')!;
    await assert.rejects(fetch(`${redirect}?code=x&state=y`), 'the callback listener is closed');
    assert.throws(() => statSync(join(c.codexHome, '.credentials.json')), /ENOENT/, 'nothing was stored');
  });

  it("finds a server of the thread's trusted project config when given the threadId", async () => {
    fixture = await OAuthMcpFixture.start();
    const project = realpathSync(mkdtempSync(join(tmpdir(), 'codex-ts-mcp-oauth-project-')));
    try {
      mkdirSync(join(project, '.codex'));
      writeFileSync(join(project, '.codex', 'config.toml'), `[mcp_servers.proj]\nurl = "${fixture.url}"\n`);
      client = await startAppServer({ extraConfig: `[projects.${JSON.stringify(project)}]\ntrust_level = "trusted"\n` });
      const { thread } = await client.request<{ thread: { id: string } }>('thread/start', { cwd: project });
      await assert.rejects(client.request('mcpServer/oauth/login', { name: 'proj' }), /No MCP server named 'proj' found/);
      const login = await client.request<Json>('mcpServer/oauth/login', { name: 'proj', threadId: thread.id });
      assert.equal((await fetch(login.authorizationUrl as string)).status, 200);
      const completed = await client.waitForNotification('mcpServer/oauthLogin/completed');
      assert.deepEqual(completed, { name: 'proj', success: true, error: null, loginId: login.loginId, threadId: thread.id });
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });

  it('a newer login for the same server ends the pending one', async () => {
    const c = await start();
    const first = await c.request<Json>('mcpServer/oauth/login', { name: 'docs' });
    const second = await c.request<Json>('mcpServer/oauth/login', { name: 'docs' });
    const firstDone = await c.waitForNotification('mcpServer/oauthLogin/completed', (p) => p.loginId === first.loginId);
    assert.equal(firstDone.success, false);
    assert.match(firstDone.error as string, /a newer OAuth login/);
    assert.equal((await fetch(second.authorizationUrl as string)).status, 200);
    const secondDone = await c.waitForNotification('mcpServer/oauthLogin/completed', (p) => p.loginId === second.loginId);
    assert.equal(secondDone.success, true);
  });

  it('refuses unknown and stdio servers, cimd registration, an unavailable keyring store and an unreachable server', async () => {
    const c = await start();
    const refused = async (params: Json, pattern: RegExp): Promise<void> => {
      await assert.rejects(c.request('mcpServer/oauth/login', params), (err: unknown) => err instanceof RpcCallError && err.code === -32600 && pattern.test(err.message));
    };
    await refused({ name: 'nope' }, /^No MCP server named 'nope' found\.$/);
    await refused({ name: 'local' }, /only supported for streamable HTTP servers/);
    await refused({ name: 'docs', clientRegistration: 'cimd' }, /"cimd" is not supported/);
    await c.close();

    client = await startAppServer({ codexHome: c.codexHome, extraConfig: serverConfig(fixture!.url, 'mcp_oauth_credentials_store = "keyring"\n') });
    await assert.rejects(client.request('mcpServer/oauth/login', { name: 'docs' }), /no OS keyring is available to codex-ts/);
    await client.close();

    // Nothing answers at the server's address: discovery fails and the request says so.
    client = await startAppServer({ codexHome: c.codexHome, extraConfig: serverConfig('http://127.0.0.1:1/mcp') });
    await assert.rejects(client.request('mcpServer/oauth/login', { name: 'docs' }), /failed to start the OAuth login for MCP server docs/);
  });
});
