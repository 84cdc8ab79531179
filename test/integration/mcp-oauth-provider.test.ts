// The OAuth login flow and the stored-credentials provider in process, against the loopback OAuth
// + MCP fixture: discovery, dynamic registration and PKCE produce an authorization URL; following
// it stores tokens; an SDK client whose streamable HTTP transport uses mcpOAuthProviderFor() then
// calls the protected tool, refreshes an expired (401) or soon-expiring token with the refresh token
// and stores the new one, and reports a login as required when the refresh token is refused.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { createAuthProviderFor, mcpOAuthProviderFor, type McpOAuthClientProvider } from '../../server/mcp/oauth/clientProvider';
import { FileCredentialStore } from '../../server/mcp/oauth/credentialStore';
import { startMcpOAuthLogin } from '../../server/mcp/oauth/loginFlow';
import { OAuthMcpFixture } from '../support/mcp-oauth-fixture';

async function callWhoami(url: string, authProvider: McpOAuthClientProvider): Promise<string> {
  const client = new Client({ name: 'mcp-oauth-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { authProvider }));
  try {
    const result = await client.callTool({ name: 'whoami', arguments: {} });
    return (result.content as { text: string }[])[0]?.text ?? '';
  } finally {
    await client.close();
  }
}

describe('MCP OAuth login flow and stored-credentials provider (in process)', function () {
  this.timeout(20000);
  let fixture: OAuthMcpFixture;
  let home: string;
  let store: FileCredentialStore;

  beforeEach(async () => {
    fixture = await OAuthMcpFixture.start();
    home = mkdtempSync(join(tmpdir(), 'codex-ts-mcp-oauth-'));
    store = new FileCredentialStore(home);
  });
  afterEach(async () => {
    await fixture.close();
    rmSync(home, { recursive: true, force: true });
  });

  async function login(): Promise<void> {
    const started = await startMcpOAuthLogin({ serverName: 'docs', serverUrl: fixture.url, store, scopes: [], timeoutMs: 10_000 });
    const page = await fetch(started.authorizationUrl);
    assert.equal(page.status, 200, await page.clone().text());
    assert.match(await page.text(), /Authentication complete/);
    await started.completion;
  }

  it('logs in (DCR + PKCE + state), stores the tokens and calls the protected tool with them', async () => {
    const started = await startMcpOAuthLogin({ serverName: 'docs', serverUrl: fixture.url, store, scopes: [], timeoutMs: 10_000 });
    const url = new URL(started.authorizationUrl);
    assert.equal(url.origin + url.pathname, `${fixture.baseUrl}/authorize`);
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
    assert.ok(url.searchParams.get('state'));
    assert.match(url.searchParams.get('redirect_uri') ?? '', /^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    assert.equal(url.searchParams.get('scope'), 'mcp:tools', 'scopes_supported of the resource metadata');
    assert.equal(fixture.provider.clients.size, 1, 'the client was registered dynamically');
    assert.equal(store.load('docs', fixture.url), null, 'nothing is stored before the callback');

    assert.equal((await fetch(started.authorizationUrl)).status, 200);
    await started.completion;
    const stored = store.load('docs', fixture.url);
    assert.ok(stored);
    assert.ok(fixture.provider.accessTokens.has(stored.accessToken));
    assert.equal(stored.clientId, [...fixture.provider.clients.keys()][0]);
    assert.ok(stored.refreshToken);
    assert.ok(stored.expiresAt !== undefined && stored.expiresAt > Date.now());

    const provider = createAuthProviderFor(home, () => 'auto')('docs', fixture.url);
    assert.ok(provider, 'stored credentials give a provider');
    assert.equal(await callWhoami(fixture.url, provider), `client ${stored.clientId}`);
    assert.ok(fixture.acceptedTokens.length >= 2, 'initialize and tools/call went through');
    assert.ok(fixture.acceptedTokens.every((t) => t === stored.accessToken), 'every request carried the stored token');
    assert.equal(createAuthProviderFor(home, () => 'auto')('other', fixture.url), undefined, 'nothing stored: no OAuth');
    assert.equal(createAuthProviderFor(home, () => 'keyring')('docs', fixture.url), undefined, 'an unavailable store gives none');
  });

  it('refreshes an access token the server rejects as expired, and stores the new one', async () => {
    await login();
    const before = store.load('docs', fixture.url)!;
    fixture.expire(before.accessToken);
    const provider = mcpOAuthProviderFor({ serverName: 'docs', serverUrl: fixture.url, store })!;
    assert.match(await callWhoami(fixture.url, provider), /^client /);
    assert.equal(fixture.provider.refreshCount, 1);
    const after = store.load('docs', fixture.url)!;
    assert.notEqual(after.accessToken, before.accessToken);
    assert.notEqual(after.refreshToken, before.refreshToken);
    assert.equal(after.clientId, before.clientId);
    assert.ok(fixture.acceptedTokens.includes(after.accessToken));
    assert.ok(!fixture.acceptedTokens.includes(before.accessToken));
  });

  it('refreshes before the request when the stored expiry is (nearly) reached', async () => {
    await login();
    const before = store.load('docs', fixture.url)!;
    store.save({ ...before, expiresAt: Date.now() + 5_000 });
    const provider = mcpOAuthProviderFor({ serverName: 'docs', serverUrl: fixture.url, store })!;
    assert.match(await callWhoami(fixture.url, provider), /^client /);
    assert.equal(fixture.provider.refreshCount, 1);
    const after = store.load('docs', fixture.url)!;
    assert.notEqual(after.accessToken, before.accessToken);
    assert.ok(!fixture.acceptedTokens.includes(before.accessToken), 'the old token was never sent');
  });

  it('asks for a new login when the refresh token is refused', async () => {
    await login();
    const before = store.load('docs', fixture.url)!;
    fixture.expire(before.accessToken);
    fixture.provider.refreshTokens.clear();
    const provider = mcpOAuthProviderFor({ serverName: 'docs', serverUrl: fixture.url, store })!;
    await assert.rejects(callWhoami(fixture.url, provider), /Unauthorized/);
    assert.equal(provider.loginRequired, true);
  });

  it("sends the server's headers with discovery, registration and token requests", async () => {
    const started = await startMcpOAuthLogin({ serverName: 'docs', serverUrl: fixture.url, store, scopes: [], timeoutMs: 10_000, headers: { 'X-Team': 'core' } });
    assert.equal((await fetch(started.authorizationUrl)).status, 200);
    await started.completion;
    const oauthRequests = fixture.requests.filter((r) => r.path.startsWith('/.well-known/') || r.path === '/register' || r.path === '/token');
    assert.deepEqual([...new Set(oauthRequests.map((r) => r.path.split('/')[1] === '.well-known' ? 'discovery' : r.path))].sort(), ['/register', '/token', 'discovery']);
    for (const r of oauthRequests) assert.equal(r.headers['x-team'], 'core', r.path);
    const browser = fixture.requests.find((r) => r.path === '/authorize');
    assert.equal(browser?.headers['x-team'], undefined, 'the browser request is not ours');
  });

  it('fails the login with the provider error, or after the timeout', async () => {
    fixture.provider.denyNext = true;
    const denied = await startMcpOAuthLogin({ serverName: 'docs', serverUrl: fixture.url, store, scopes: [], timeoutMs: 10_000 });
    assert.equal((await fetch(denied.authorizationUrl)).status, 400);
    await assert.rejects(denied.completion, /OAuth provider returned `access_denied`: the user said no/);

    const slow = await startMcpOAuthLogin({ serverName: 'docs', serverUrl: fixture.url, store, scopes: ['custom'], timeoutMs: 200 });
    assert.equal(new URL(slow.authorizationUrl).searchParams.get('scope'), 'custom');
    await assert.rejects(slow.completion, /timed out waiting for OAuth callback/);
    const redirect = new URL(slow.authorizationUrl).searchParams.get('redirect_uri')!;
    await assert.rejects(fetch(`${redirect}?code=x&state=y`), 'the callback listener is closed');
    assert.equal(store.load('docs', fixture.url), null);
  });
});
