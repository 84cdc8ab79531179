// The shared client of jsonrpc/ against a fake app-server in the same process (vscode-jsonrpc on the
// other end of an in-process transport): typed requests and results, error replies, validation of
// results, notifications and server requests (errors that name the method and the field), the
// delivery policy for each, timeouts, a closed connection, invalid input and the tap.
import { strict as assert } from 'node:assert';
import { createMessageConnection, ResponseError, type MessageConnection } from 'vscode-jsonrpc/node';
import { connectAppServer, inProcessTransport, RpcError, RpcErrorCode, type AppServerConnection, type ReceivedProblem, type TapEvent } from '../../jsonrpc';
import { JsonlMessageReader, JsonlMessageWriter } from '../../jsonrpc/framing';
import type { ServerNotification } from '../../server/protocol';

interface Pair {
  readonly client: AppServerConnection;
  /** The fake server: a plain vscode-jsonrpc connection on our framing, as the real server has. */
  readonly server: MessageConnection;
  readonly writeRaw: (line: string) => void;
  readonly problems: ReceivedProblem[];
  readonly taps: TapEvent[];
  readonly notifications: ServerNotification[];
  readonly endServer: () => void;
}

let open: Pair[] = [];

function pair(): Pair {
  const { transport, serverStreams } = inProcessTransport();
  const problems: ReceivedProblem[] = [];
  const client = connectAppServer(transport, { onProblem: (p) => problems.push(p) });
  const taps: TapEvent[] = [];
  client.tap((event) => taps.push(event));
  const notifications: ServerNotification[] = [];
  client.onNotification((n) => notifications.push(n));
  const server = createMessageConnection(new JsonlMessageReader(serverStreams.input, () => undefined), new JsonlMessageWriter(serverStreams.output));
  server.listen();
  const created: Pair = {
    client,
    server,
    writeRaw: (line) => void serverStreams.output.write(`${line}\n`),
    problems,
    taps,
    notifications,
    endServer: () => serverStreams.output.end(),
  };
  open.push(created);
  return created;
}

/** Resolves once `check` holds (checked after each turn of the event loop). */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setImmediate(resolve));
}

async function rejection(promise: Promise<unknown>): Promise<RpcError> {
  const error = await promise.then(
    () => assert.fail('expected the request to fail'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof RpcError, `expected an RpcError, got ${String(error)}`);
  return error;
}

const thread = (id: unknown) => ({
  id,
  sessionId: 's',
  forkedFromId: null,
  parentThreadId: null,
  preview: '',
  ephemeral: false,
  section: null,
  sectionEnteredAt: null,
  projectId: null,
  historyMode: 'paginated',
  modelProvider: 'mock',
  model: null,
  reasoningEffort: null,
  createdAt: 1,
  updatedAt: 1,
  recencyAt: null,
  status: { type: 'idle' },
  path: null,
  cwd: '/w',
  cliVersion: '0',
  originator: null,
  source: 'vscode',
  threadSource: null,
  agentNickname: null,
  agentRole: null,
  gitInfo: null,
  name: null,
  turns: [],
});

describe('jsonrpc client', () => {
  afterEach(() => {
    for (const p of open) {
      p.client.dispose();
      p.server.dispose();
    }
    open = [];
  });

  it('sends typed requests and resolves with the parsed result, unknown fields kept', async () => {
    const { client, server, problems } = pair();
    const seen: unknown[] = [];
    server.onRequest('thread/loaded/list', (params: unknown) => {
      seen.push(params);
      return { data: ['t1'], nextCursor: null, newerField: 1 };
    });
    const result = await client.request('thread/loaded/list', { limit: 5 });
    assert.deepEqual(result, { data: ['t1'], nextCursor: null, newerField: 1 });
    assert.deepEqual(seen, [{ limit: 5 }]);
    assert.deepEqual(problems, []);
  });

  it('sends a request without params as one without a params member', async () => {
    const { client, server, taps } = pair();
    server.onRequest('account/logout', () => ({}));
    await client.requestUnchecked('account/logout', undefined);
    const sent = taps.find((t) => t.direction === 'out' && t.message.method === 'account/logout');
    assert.ok(sent && !('params' in sent.message), JSON.stringify(sent?.message));
  });

  it('rejects with the server error reply as an RpcError (code, message, data)', async () => {
    const { client, server } = pair();
    server.onRequest('thread/read', () => {
      throw new ResponseError(-32600, 'thread not found: x', { threadId: 'x' });
    });
    const error = await rejection(client.request('thread/read', { threadId: 'x' }));
    assert.equal(error.code, -32600);
    assert.equal(error.message, 'thread not found: x');
    assert.deepEqual(error.data, { threadId: 'x' });
  });

  it('rejects a result that breaks the table with an error naming the method and the field', async () => {
    const { client, server, problems } = pair();
    server.onRequest('thread/start', () => ({ thread: thread(42) }));
    const error = await rejection(client.request('thread/start', { cwd: '/w' }));
    assert.equal(error.code, RpcErrorCode.ProtocolViolation);
    assert.match(error.message, /^thread\/start result: thread\.id: .*expected string, received number/);
    assert.ok(problems.some((p) => p.type === 'violation' && p.method === 'thread/start' && p.message === error.message));
  });

  it('passes on a notification that breaks the table as received, and reports it', async () => {
    const { server, problems, notifications } = pair();
    void server.sendNotification('thread/name/updated', { threadId: 7, threadName: 'n' });
    void server.sendNotification('thread/archived', { threadId: 't1', newerField: true });
    await until(() => notifications.length === 2);
    assert.deepEqual(notifications[0], { method: 'thread/name/updated', params: { threadId: 7, threadName: 'n' } });
    assert.deepEqual(notifications[1], { method: 'thread/archived', params: { threadId: 't1', newerField: true } });
    assert.deepEqual(problems.map((p) => p.type === 'violation' && p.message), ['thread/name/updated notification: threadId: Invalid input: expected string, received number']);
  });

  it('drops a notification whose method the table does not know, and says so', async () => {
    const { server, problems, notifications } = pair();
    void server.sendNotification('remoteControl/status/changed', { on: true });
    void server.sendNotification('thread/closed', { threadId: 't1' });
    await until(() => notifications.length === 1);
    assert.deepEqual(notifications.map((n) => n.method), ['thread/closed']);
    assert.deepEqual(problems, [{ type: 'unknownNotification', method: 'remoteControl/status/changed' }]);
  });

  it('answers a server request that breaks the table with invalid params naming the method and the field', async () => {
    const { client, server, problems } = pair();
    let called = false;
    client.onServerRequest('item/fileChange/requestApproval', () => {
      called = true;
      return { decision: 'accept' };
    });
    const error = await server.sendRequest('item/fileChange/requestApproval', { threadId: 't', turnId: 'u', startedAtMs: 1 }).then(
      () => assert.fail('expected an error reply'),
      (e: unknown) => e as ResponseError<unknown>,
    );
    assert.equal(error.code, RpcErrorCode.InvalidParams);
    assert.match(error.message, /^Invalid params: item\/fileChange\/requestApproval request: itemId: .*expected string/);
    assert.equal(called, false);
    assert.equal(problems[0]?.type, 'violation');
  });

  it('gives a typed handler the parsed params and the request id, and sends its answer', async () => {
    const { client, server } = pair();
    const seen: { itemId: string; id: string | number }[] = [];
    client.onServerRequest('item/fileChange/requestApproval', (params, { id }) => {
      seen.push({ itemId: params.itemId, id });
      return { decision: 'acceptForSession' };
    });
    const answer = await server.sendRequest('item/fileChange/requestApproval', { threadId: 't', turnId: 'u', itemId: 'i', startedAtMs: 1, reason: null, grantRoot: null });
    assert.deepEqual(answer, { decision: 'acceptForSession' });
    assert.deepEqual(seen, [{ itemId: 'i', id: 0 }]);
  });

  it('sends other server requests to the fallback handler, else answers method not found', async () => {
    const { client, server } = pair();
    const missing = await server.sendRequest('item/permissions/requestApproval', { x: 1 }).then(
      () => assert.fail('expected an error reply'),
      (e: unknown) => e as ResponseError<unknown>,
    );
    assert.equal(missing.code, RpcErrorCode.MethodNotFound);
    client.onOtherServerRequest((request) => ({ echoed: request }));
    assert.deepEqual(await server.sendRequest('item/permissions/requestApproval', { x: 1 }), { echoed: { id: 1, method: 'item/permissions/requestApproval', params: { x: 1 } } });
  });

  it('times a request out when asked to', async () => {
    const { client, server } = pair();
    server.onRequest('thread/list', () => new Promise<never>(() => undefined));
    const error = await rejection(client.request('thread/list', {}, { timeoutMs: 20 }));
    assert.equal(error.code, RpcErrorCode.Timeout);
    assert.equal(error.message, 'no answer to "thread/list" within 20 ms');
  });

  it('rejects what is in flight when the server side closes, and what is sent afterwards', async () => {
    const { client, server, endServer } = pair();
    server.onRequest('thread/list', () => new Promise<never>(() => undefined));
    const inFlight = rejection(client.request('thread/list', {}));
    await until(() => open[0]!.taps.some((t) => t.direction === 'out'));
    endServer();
    const error = await inFlight;
    assert.equal(error.code, RpcErrorCode.ConnectionClosed);
    assert.equal(error.message, 'the connection closed before "thread/list" was answered');
    assert.equal((await rejection(client.request('thread/list', {}))).code, RpcErrorCode.ConnectionClosed);
  });

  it('reports a line that is not JSON-RPC and reads on', async () => {
    const { writeRaw, problems, notifications } = pair();
    writeRaw('not json');
    writeRaw('{"method":"thread/closed","params":{"threadId":"t"}}');
    await until(() => notifications.length === 1);
    assert.equal(problems.length, 1);
    assert.ok(problems[0]?.type === 'invalidInput' && problems[0].line === 'not json' && /^Parse error/.test(problems[0].reason));
  });

  it('shows every message in both directions to the tap, the received ones before validation', async () => {
    const { client, server, taps } = pair();
    server.onRequest('thread/start', () => ({ thread: thread(42) }));
    await rejection(client.request('thread/start', null));
    const messages = taps.map((t) => [t.direction, t.message.method ?? 'reply', (t.message.result as { thread?: { id?: unknown } } | undefined)?.thread?.id]);
    assert.deepEqual(messages, [
      ['out', 'thread/start', undefined],
      ['in', 'reply', 42],
    ]);
  });
});
