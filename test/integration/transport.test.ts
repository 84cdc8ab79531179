// The stdio transport against the real built server: handshake rules, id echoing, and a table of
// malformed inputs that must each get a precise error while the connection stays usable.
import { strict as assert } from 'node:assert';
import { startAppServer, RpcCallError, type AppServerClient } from '../support/app-server-client';

async function expectError(promise: Promise<unknown>, code: number, pattern: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof RpcCallError, `expected an RPC error, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    assert.match(error.message, pattern);
    return true;
  });
}

describe('app-server transport', function () {
  this.timeout(30000);
  let client: AppServerClient;

  afterEach(async () => {
    if (client) await client.close();
  });

  it('answers initialize with identity and rejects requests before it and a second one', async () => {
    client = await startAppServer({ initialize: false });
    await expectError(client.request('thread/list', {}), -32600, /^Not initialized$/);
    const result = await client.request('initialize', { clientInfo: { name: 'probe', title: null, version: '9.9' }, capabilities: null });
    assert.equal(result.codexHome, client.codexHome);
    assert.equal(result.platformFamily, 'unix');
    assert.equal(result.platformOs, 'linux');
    assert.match(String(result.userAgent), /^codex-ts\/\d+\.\d+\.\d+ .* probe\/9\.9$/);
    await expectError(client.request('initialize', { clientInfo: { name: 'probe', version: '1' } }), -32600, /^Already initialized$/);
  });

  it('echoes string and integer ids, with or without "jsonrpc"', async () => {
    client = await startAppServer({ initialize: false });
    client.sendRaw('{"id":"abc","method":"initialize","params":{"clientInfo":{"name":"a","version":"1"}}}');
    const first = await client.waitForLine((m) => m.id === 'abc');
    assert.equal(first.jsonrpc, '2.0');
    assert.ok(first.result);
    client.sendRaw('{"jsonrpc":"2.0","id":7,"method":"no/such"}');
    const second = await client.waitForLine((m) => m.id === 7);
    assert.deepEqual(second.error, { code: -32601, message: 'Method not found: no/such' });
  });

  const malformed: { name: string; line: string; code: number; message: RegExp; id?: unknown }[] = [
    { name: 'a line that is not JSON', line: '{"id":1,"method":', code: -32700, message: /^Parse error/ },
    { name: 'a batch (array)', line: '[{"id":1,"method":"thread/list"}]', code: -32600, message: /batch/ },
    { name: 'an empty object', line: '{}', code: -32600, message: /expected a request/ },
    { name: 'a JSON string', line: '"hello"', code: -32600, message: /must be a JSON object/ },
    { name: 'a null id', line: '{"id":null,"method":"thread/list"}', code: -32600, message: /"id" must be a string or an integer/ },
    { name: 'a fractional id', line: '{"id":1.5,"method":"thread/list"}', code: -32600, message: /"id" must be a string or an integer/ },
    { name: 'a wrong jsonrpc version', line: '{"jsonrpc":"1.0","id":3,"method":"thread/list"}', code: -32600, message: /"jsonrpc" must be "2.0"/, id: 3 },
    { name: 'a numeric method', line: '{"id":4,"method":5}', code: -32600, message: /"method" must be a non-empty string/, id: 4 },
    { name: 'scalar params', line: '{"id":5,"method":"thread/read","params":"x"}', code: -32602, message: /"params" must be an object/, id: 5 },
    { name: 'an unknown method', line: '{"id":6,"method":"no/such/method"}', code: -32601, message: /Method not found: no\/such\/method/, id: 6 },
    { name: 'a missing required field', line: '{"id":8,"method":"thread/read","params":{}}', code: -32602, message: /threadId/, id: 8 },
    { name: 'a field of the wrong type', line: '{"id":9,"method":"turn/start","params":{"threadId":123,"input":"hello"}}', code: -32602, message: /threadId: .*string/, id: 9 },
    { name: 'an unknown enum value', line: '{"id":10,"method":"thread/start","params":{"approvalPolicy":"sometimes"}}', code: -32602, message: /approvalPolicy/, id: 10 },
    { name: 'array params', line: '{"id":11,"method":"thread/read","params":[]}', code: -32602, message: /Invalid params/, id: 11 },
  ];

  it('answers every malformed input precisely and stays usable', async () => {
    client = await startAppServer();
    for (const testCase of malformed) {
      const from = client.lines.length;
      client.sendRaw(testCase.line);
      const reply = await client.waitForLine((m) => 'error' in m, 5000, from);
      const error = reply.error as { code: number; message: string };
      assert.equal(error.code, testCase.code, `${testCase.name}: ${error.message}`);
      assert.match(error.message, testCase.message, testCase.name);
      assert.deepEqual(reply.id, testCase.id ?? null, testCase.name);
    }
    // Still alive and answering.
    const ok = await client.request<{ userAgent?: string }>('model/list', {}).catch((e: unknown) => e);
    assert.ok(!(ok instanceof RpcCallError) || ok.code !== -32700);
    assert.doesNotMatch(client.stderr, /uncaught|unhandled/i);
  });

  it('ignores unknown notifications and responses to unknown server requests', async () => {
    client = await startAppServer();
    client.sendRaw('{"method":"some/notification","params":{}}');
    client.sendRaw('{"id":999,"result":{}}');
    client.sendRaw('{"id":"after","method":"no/such"}');
    const reply = await client.waitForLine((m) => m.id === 'after');
    assert.equal((reply.error as { code: number }).code, -32601);
  });

  it('keeps stdout protocol-only and exits 0 on stdin EOF after answering what it was sent', async () => {
    client = await startAppServer({ initialize: false });
    client.sendRaw('{"id":1,"method":"initialize","params":{"clientInfo":{"name":"a","version":"1"}}}');
    client.sendRaw('{"id":2,"method":"no/such"}');
    const code = await client.close();
    assert.equal(code, 0);
    assert.deepEqual(client.lines.map((l) => l.id), [1, 2]);
    assert.match(client.stderr, /starting/);
  });
});
