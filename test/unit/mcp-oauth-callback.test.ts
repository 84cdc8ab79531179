// The MCP OAuth callback listener: loopback on an ephemeral or fixed port, the path of the
// configured callback URL, only the first callback with the expected state (or a provider error)
// reaches the login, anything else gets 400 and the listener keeps waiting; closed afterwards.
import { strict as assert } from 'node:assert';
import { createServer } from 'node:net';
import { callbackBindHost, describeProviderError, listenForCallback, type OAuthCallback } from '../../server/mcp/oauth/callbackServer';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('MCP OAuth callback listener', () => {
  it('answers only the callback with the expected state, once', async () => {
    const seen: OAuthCallback[] = [];
    const listener = await listenForCallback({
      expectedState: 's3cret',
      onCallback: async (callback) => {
        seen.push(callback);
        return { status: 200, body: 'done' };
      },
    });
    try {
      assert.match(listener.redirectUri, /^http:\/\/127\.0\.0\.1:\d+\/callback$/);
      const base = listener.redirectUri;
      assert.equal((await fetch(`${base}?code=c1&state=forged`)).status, 400, 'a foreign state is refused');
      assert.equal((await fetch(`${base}?code=c1`)).status, 400, 'so is a missing one');
      assert.equal((await fetch(`${base.replace('/callback', '/other')}?code=c1&state=s3cret`)).status, 400, 'and another path');
      assert.equal(seen.length, 0);
      const ok = await fetch(`${base}?code=c1&state=s3cret`);
      assert.equal(ok.status, 200);
      assert.equal(await ok.text(), 'done');
      assert.deepEqual(seen, [{ type: 'code', code: 'c1' }]);
      assert.equal((await fetch(`${base}?code=c2&state=s3cret`)).status, 400, 'only the first one counts');
      assert.equal(seen.length, 1);
    } finally {
      listener.close();
    }
  });

  it('passes a provider error on, and listens where the config says', async () => {
    const port = await freePort();
    const seen: OAuthCallback[] = [];
    const listener = await listenForCallback({
      port,
      callbackUrl: `http://localhost:${port}/oauth/cb`,
      expectedState: 'x',
      onCallback: async (callback) => {
        seen.push(callback);
        return { status: 400, body: 'failed' };
      },
    });
    try {
      assert.equal(listener.redirectUri, `http://localhost:${port}/oauth/cb`);
      const res = await fetch(`http://127.0.0.1:${port}/oauth/cb?error=access_denied&error_description=no%20thanks&state=x`);
      assert.equal(res.status, 400);
      assert.deepEqual(seen, [{ type: 'error', error: 'OAuth provider returned `access_denied`: no thanks' }]);
    } finally {
      listener.close();
    }
    await assert.rejects(fetch(`http://127.0.0.1:${port}/oauth/cb`), 'closed');
  });

  it('reports a port already in use and a malformed callback URL', async () => {
    const taken = await listenForCallback({ expectedState: 'x', onCallback: async () => ({ status: 200, body: '' }) });
    const port = Number(new URL(taken.redirectUri).port);
    try {
      await assert.rejects(listenForCallback({ port, expectedState: 'x', onCallback: async () => ({ status: 200, body: '' }) }), /could not listen for the MCP OAuth callback on 127\.0\.0\.1:\d+: EADDRINUSE/);
    } finally {
      taken.close();
    }
    await assert.rejects(listenForCallback({ callbackUrl: 'not a url', expectedState: 'x', onCallback: async () => ({ status: 200, body: '' }) }), /invalid MCP OAuth callback URL/);
  });

  it('binds loopback unless the callback URL names another host; describes provider errors', () => {
    assert.equal(callbackBindHost(undefined), '127.0.0.1');
    assert.equal(callbackBindHost('http://localhost:1/cb'), '127.0.0.1');
    assert.equal(callbackBindHost('http://[::1]:1/cb'), '127.0.0.1');
    assert.equal(callbackBindHost('https://devbox.example.com/cb'), '0.0.0.0');
    assert.equal(describeProviderError('invalid_scope', null), 'OAuth provider returned `invalid_scope`');
    assert.equal(describeProviderError(null, 'bad'), 'OAuth error: bad');
  });
});
