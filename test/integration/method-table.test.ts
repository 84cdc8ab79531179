// The built server serves exactly the protocol table: every method of it reaches its params
// validation (none is "Method not found"), an unknown one does not, and the methods the table marks
// experimental are refused, as Codex refuses them, until the client opts in at initialize.
import { strict as assert } from 'node:assert';
import { clientRequests, type ClientRequestMethod } from '@protocol';
import { startAppServer, RpcCallError, type AppServerClient } from '../support/app-server-client';

async function rawError(client: AppServerClient, id: string, method: string, params: unknown): Promise<{ code: number; message: string }> {
  client.sendRaw(JSON.stringify({ id, method, params }));
  const reply = await client.waitForLine((m) => m.id === id);
  const error = reply.error as { code: number; message: string } | undefined;
  assert.ok(error, `${method}: expected an error, got ${JSON.stringify(reply)}`);
  return error;
}

describe('the method table over JSON-RPC', function () {
  this.timeout(30000);
  let client: AppServerClient;

  afterEach(async () => {
    if (client) await client.close();
  });

  it('serves every method of the table (params checked, nothing run) and no other', async () => {
    client = await startAppServer();
    const methods = (Object.keys(clientRequests) as ClientRequestMethod[]).filter((m) => m !== 'initialize');
    // A number is not the params of any method: each answer is the method's own params check.
    for (const method of methods) {
      const error = await rawError(client, `probe:${method}`, method, 42);
      assert.equal(error.code, -32602, `${method}: ${error.message}`);
      assert.match(error.message, /^Invalid params: /, method);
    }
    assert.deepEqual(await rawError(client, 'unknown', 'thread/teleport', {}), { code: -32601, message: 'Method not found: thread/teleport' });
  });

  it('refuses experimental methods to a client that did not set capabilities.experimentalApi', async () => {
    client = await startAppServer({ initialize: false });
    await client.request('initialize', { clientInfo: { name: 'stable-only', title: null, version: '1' }, capabilities: { optOutNotificationMethods: [] } });
    client.notify('initialized');
    const experimental = (Object.keys(clientRequests) as ClientRequestMethod[]).filter((m) => clientRequests[m].experimental);
    assert.deepEqual(experimental.sort(), ['fuzzyFileSearch/sessionStart', 'fuzzyFileSearch/sessionStop', 'fuzzyFileSearch/sessionUpdate']);
    for (const method of experimental) {
      await assert.rejects(client.request(method, { sessionId: 's1', roots: [client.codexHome], query: 'x' }), (error: unknown) => {
        assert.ok(error instanceof RpcCallError);
        assert.equal(error.code, -32600);
        assert.equal(error.message, `${method} requires experimentalApi capability`);
        return true;
      });
    }
    // Stable methods need no opt-in.
    assert.deepEqual(await client.request('thread/loaded/list', {}), { data: [], nextCursor: null });
  });
});
