// The MCP client on an OAuth-protected streamable-HTTP server, over stdio: before a login the
// server cannot start (HTTP 401, authStatus notLoggedIn); after mcpServer/oauth/login the thread's
// server starts with the stored token, mcpServerStatus/list reports authStatus oAuth,
// mcpServer/tool/call reaches the protected tool, and an access token the server rejects as expired
// is refreshed with the stored refresh token (the new tokens land in .credentials.json).
import { strict as assert } from 'node:assert';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { closeAfterEach } from '../support/server-fixture';
import { startMcpServer, threadWithServers, waitForStartup, type McpSetup } from '../support/mcp-helpers';
import { OAuthMcpFixture } from '../support/mcp-oauth-fixture';

type Json = Record<string, unknown>;

function storedEntry(codexHome: string): Json {
  const entries = Object.values(JSON.parse(readFileSync(join(codexHome, '.credentials.json'), 'utf8')) as Record<string, Json>);
  assert.equal(entries.length, 1);
  return entries[0]!;
}

describe('MCP tools behind OAuth (stdio)', function () {
  this.timeout(40000);
  let fixture: OAuthMcpFixture | undefined;
  let setup: McpSetup | undefined;
  closeAfterEach(
    () => [setup, fixture, setup && { close: () => rmSync(setup!.client.codexHome, { recursive: true, force: true }) }],
    () => {
      setup = undefined;
      fixture = undefined;
    },
  );

  it('logs in, then starts the server with the stored token, calls its tool and refreshes an expired token', async () => {
    fixture = await OAuthMcpFixture.start();
    setup = await startMcpServer(`[mcp_servers.docs]\nurl = "${fixture.url}"\n`);
    const { client, ws } = setup;

    // Without credentials the server answers 401 and does not start.
    const before = await client.request<{ thread: { id: string } }>('thread/start', { cwd: ws.dir });
    const failed = await waitForStartup(client, before.thread.id, 'docs', 'failed');
    assert.equal(failed.status, 'failed');
    assert.match(String(failed.error), /HTTP 401 Unauthorized \(log in with mcpServer\/oauth\/login\)/);
    assert.equal(fixture.acceptedTokens.length, 0);
    const unauthorized = await client.request<{ data: Json[] }>('mcpServerStatus/list', { threadId: before.thread.id, serverName: 'docs' });
    assert.equal(unauthorized.data[0]?.authStatus, 'notLoggedIn', String(unauthorized.data[0]?.toolsError));

    const login = await client.request<Json>('mcpServer/oauth/login', { name: 'docs' });
    assert.equal((await fetch(login.authorizationUrl as string)).status, 200);
    const completed = await client.waitForNotification('mcpServer/oauthLogin/completed');
    assert.equal(completed.success, true);
    const first = storedEntry(client.codexHome);

    const threadId = await threadWithServers(client, ws.dir, ['docs']);
    const status = await client.request<{ data: Json[] }>('mcpServerStatus/list', { threadId, serverName: 'docs' });
    assert.equal(status.data[0]?.authStatus, 'oAuth');
    assert.equal(status.data[0]?.runtimeStatus, 'connected');
    const call = await client.request<Json>('mcpServer/tool/call', { threadId, server: 'docs', tool: 'whoami', arguments: {} });
    assert.deepEqual(call.content, [{ type: 'text', text: `client ${String(first.client_id)}` }]);
    assert.ok(fixture.acceptedTokens.length > 0 && fixture.acceptedTokens.every((t) => t === first.access_token));

    // The server now rejects that access token as expired: the client refreshes and retries.
    fixture.expire(first.access_token as string);
    const again = await client.request<Json>('mcpServer/tool/call', { threadId, server: 'docs', tool: 'whoami', arguments: {} });
    assert.deepEqual(again.content, [{ type: 'text', text: `client ${String(first.client_id)}` }]);
    assert.equal(fixture.provider.refreshCount, 1);
    const second = storedEntry(client.codexHome);
    assert.notEqual(second.access_token, first.access_token);
    assert.notEqual(second.refresh_token, first.refresh_token);
    assert.equal(fixture.acceptedTokens.at(-1), second.access_token);
  });
});
