// The router and the handler map: the compiler refuses a map with a method missing, a handler for
// a method the table lacks, or a wrong result (the @ts-expect-error lines fail `npm run typecheck`
// once they compile); the server's assembled handlers serve exactly the table's methods; the
// router refuses unknown and experimental (not opted-in) methods and bad params before a handler.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { CancellationToken, ResponseError } from 'vscode-jsonrpc/node';
import { clientRequests, JsonRpcErrorCode } from '@protocol';
import { handlers } from '../../server/handlers';
import { createLogger } from '../../server/util/log';
import { ClientConnection } from '../../server/rpc/clientConnection';
import { mergeHandlers, MethodRouter, type HandlerMap, type RequestContext } from '../../server/rpc/methodRouter';
import { createServices, type Services } from '../../server/services';

/** A map missing one method is not a HandlerMap (this is what handlers()'s return type relies on). */
export function withoutFeedback(map: HandlerMap): HandlerMap {
  const { 'feedback/upload': _dropped, ...rest } = map;
  // @ts-expect-error Property '"feedback/upload"' is missing
  return rest;
}

/** An area's handlers may only name methods of the table, with the table's result shape. */
export const typeChecks = [
  // @ts-expect-error 'thread/teleport' does not exist in type 'Partial<HandlerMap>'
  { 'thread/teleport': () => ({}) } satisfies Partial<HandlerMap>,
  // @ts-expect-error Type 'string' is not assignable to type 'boolean'
  { 'thread/goal/clear': () => ({ cleared: 'yes' }) } satisfies Partial<HandlerMap>,
  { 'thread/goal/clear': () => ({ cleared: true }) } satisfies Partial<HandlerMap>,
];

const ctx = (experimentalApi: boolean): RequestContext => ({ method: 'test', token: CancellationToken.None, experimentalApi });

async function rejectsWith(promise: Promise<unknown>, code: number, message: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    // RpcError is a vscode-jsonrpc ResponseError (whose constructor resets the prototype).
    assert.ok(error instanceof ResponseError, String(error));
    assert.equal(error.code, code);
    assert.match(error.message, message);
    return true;
  });
}

describe('method router and handler map', function () {
  let home: string;
  let services: Services;
  let served: HandlerMap;

  before(() => {
    home = mkdtempSync(join(tmpdir(), 'codex-ts-router-'));
    const log = createLogger(null, 'error');
    const router = new MethodRouter();
    const connection = new ClientConnection(new PassThrough(), new PassThrough(), router, log);
    services = createServices({ codexHome: home, log, connection, router, configOverrides: [], embedded: true });
    served = handlers(services);
  });

  after(async () => {
    await services.shutdown();
    rmSync(home, { recursive: true, force: true });
  });

  it('the server assembles a handler for exactly the methods of the protocol table', () => {
    const router = new MethodRouter();
    router.serve(served);
    assert.deepEqual(router.methods().sort(), Object.keys(clientRequests).sort());
    assert.throws(() => router.serve(served), /already serves/);
  });

  it('joining two areas that answer the same method fails at start', () => {
    const area = { 'thread/goal/clear': () => ({ cleared: true }) } satisfies Partial<HandlerMap>;
    assert.throws(() => mergeHandlers(area, { ...area }), /two handlers for thread\/goal\/clear/);
  });

  it('refuses unknown methods, bad params and, without the opt-in, experimental methods', async () => {
    const router = new MethodRouter();
    const seen: unknown[] = [];
    router.serve({
      ...served,
      'fuzzyFileSearch/sessionStop': (params) => {
        seen.push(params);
        return {};
      },
    });
    await rejectsWith(router.dispatch('no/such/method', {}, ctx(true)), JsonRpcErrorCode.MethodNotFound, /^Method not found: no\/such\/method$/);
    await rejectsWith(router.dispatch('toString', {}, ctx(true)), JsonRpcErrorCode.MethodNotFound, /toString/);
    // As Codex: the experimental check comes before the params are looked at.
    await rejectsWith(router.dispatch('fuzzyFileSearch/sessionStop', {}, ctx(false)), JsonRpcErrorCode.InvalidRequest, /^fuzzyFileSearch\/sessionStop requires experimentalApi capability$/);
    await rejectsWith(router.dispatch('fuzzyFileSearch/sessionStop', { sessionId: 7 }, ctx(true)), JsonRpcErrorCode.InvalidParams, /sessionId/);
    assert.deepEqual(seen, []);
    assert.deepEqual(await router.dispatch('fuzzyFileSearch/sessionStop', { sessionId: 's1' }, ctx(true)), {});
    assert.deepEqual(seen, [{ sessionId: 's1' }]);
    // A stable method needs no opt-in.
    assert.deepEqual(await router.dispatch('thread/loaded/list', null, ctx(false)), { data: [], nextCursor: null });
  });
});
