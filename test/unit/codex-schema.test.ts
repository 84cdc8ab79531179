// Tests for test/support/codex-schema: messages shaped like the real Codex app-server wire traffic
// (as observed from the real binary) validate against the schema generated
// by the installed @openai/codex, and malformed ones fail with errors naming the offending path.
import { strict as assert } from 'node:assert';
import { AssertionError } from 'node:assert';
import { type CodexSchema, loadCodexSchema, RESPONSE_NAME_OVERRIDES } from '../support/codex-schema';

const THREAD_ID = '019a8f2e-7c41-7d3a-9b1e-2f4c6a8d0e13'; // UUIDv7, as Codex mints them
const TURN_ID = '019a8f2e-8d10-7e55-a1c2-5b7d9e0f1a24';
const CWD = '/home/user/ws';

function threadStartResult(): Record<string, unknown> {
  const thread = {
    id: THREAD_ID,
    sessionId: THREAD_ID,
    path: `/home/user/.codex/sessions/2026/11/21/rollout-2026-11-21T04-53-16-${THREAD_ID}.jsonl`,
    preview: '',
    name: null,
    ephemeral: false,
    modelProvider: 'mock',
    model: 'gpt-5.5',
    createdAt: 1795236796,
    updatedAt: 1795236796,
    status: { type: 'idle' },
    cwd: CWD,
    cliVersion: '0.169.0',
    source: 'vscode',
    originator: 'codex-ts',
    projectId: null,
    gitInfo: { sha: '4e2d43a', branch: 'main', originUrl: null },
    historyMode: 'paginated',
    turns: [],
  };
  return {
    thread,
    model: 'gpt-5.5',
    modelProvider: 'mock',
    serviceTier: null,
    cwd: CWD,
    instructionSources: [],
    approvalPolicy: 'never',
    approvalsReviewer: 'user',
    sandbox: { type: 'dangerFullAccess' },
    reasoningEffort: 'medium',
    multiAgentMode: 'explicitRequestOnly',
  };
}

function errorsOf(result: { ok: boolean; errors?: string }): string {
  assert.equal(result.ok, false, 'expected validation to fail');
  return result.errors ?? '';
}

describe('codex-schema support (real Codex app-server schema)', function () {
  let codex: CodexSchema;

  before(async function () {
    this.timeout(60000);
    codex = await loadCodexSchema();
  });

  it('loads once per process and lists the methods of every family', async () => {
    assert.equal(await loadCodexSchema(), codex);
    assert.match(codex.info.codexVersion, /^\d+\.\d+\.\d+/);
    assert.equal(codex.info.draft, 'draft-07');
    for (const m of ['initialize', 'thread/start', 'turn/start', 'turn/interrupt']) assert.ok(codex.methods.clientRequests.includes(m), m);
    assert.deepEqual(codex.methods.clientNotifications, ['initialized']);
    for (const m of ['turn/started', 'item/completed', 'thread/status/changed']) assert.ok(codex.methods.serverNotifications.includes(m), m);
    assert.ok(codex.methods.serverRequests.includes('item/commandExecution/requestApproval'));
  });

  it('maps every request to a response definition, including the irregularly named ones', () => {
    assert.deepEqual(codex.unmappedResponses, []);
    assert.equal(codex.responseTypes.get('thread/start'), 'ThreadStartResponse');
    assert.equal(codex.responseTypes.get('initialize'), 'InitializeResponse');
    assert.equal(codex.responseTypes.get('config/value/write'), 'ConfigWriteResponse');
    assert.equal(codex.responseTypes.get('item/commandExecution/requestApproval'), 'CommandExecutionRequestApprovalResponse');
    for (const [method, name] of Object.entries(RESPONSE_NAME_OVERRIDES)) {
      if (codex.responseTypes.has(method)) assert.equal(codex.responseTypes.get(method), name, method);
    }
  });

  it('accepts a realistic thread/start response', () => {
    assert.deepEqual(codex.validateResponse('thread/start', threadStartResult()), { ok: true });
    codex.assertValidResponse('thread/start', threadStartResult());
  });

  it('rejects malformed thread/start responses and names the offending path', () => {
    const { thread: _thread, ...noThread } = threadStartResult();
    assert.match(errorsOf(codex.validateResponse('thread/start', noThread)), /^\/result: must have required property 'thread'/m);

    const badPolicy = { ...threadStartResult(), approvalPolicy: 'sometimes' };
    const policyErrors = errorsOf(codex.validateResponse('thread/start', badPolicy));
    assert.match(policyErrors, /\/result\/approvalPolicy: must be equal to one of the allowed values \(allowed: "untrusted", "on-request", "never"\)/);

    const good = threadStartResult();
    const badId = { ...good, thread: { ...(good.thread as Record<string, unknown>), id: 42 } };
    assert.match(errorsOf(codex.validateResponse('thread/start', badId)), /\/result\/thread\/id: must be string/);

    assert.throws(
      () => codex.assertValidResponse('thread/start', badId),
      (e: unknown) => e instanceof AssertionError && /thread\/start response result is invalid/.test(e.message) && /\/result\/thread\/id/.test(e.message),
    );
  });

  it('validates initialize params', () => {
    const params = { clientInfo: { name: 'codex-ts', title: 'Codex TS', version: '0.1.0' }, capabilities: { experimentalApi: true } };
    assert.deepEqual(codex.validateClientRequest('initialize', params), { ok: true });
    assert.match(errorsOf(codex.validateClientRequest('initialize', {})), /\/params: must have required property 'clientInfo'/);
    assert.match(errorsOf(codex.validateClientRequest('initialize', undefined)), /^\/: must have required property 'params'/m);
    const badName = { clientInfo: { name: 7, version: '0.1.0' } };
    assert.match(errorsOf(codex.validateClientRequest('initialize', badName)), /\/params\/clientInfo\/name: must be string/);
    assert.deepEqual(
      codex.validateResponse('initialize', { userAgent: 'codex-ts/0.1.0', codexHome: '/home/user/.codex', platformFamily: 'unix', platformOs: 'linux' }),
      { ok: true },
    );
    assert.deepEqual(codex.validateClientNotification('initialized'), { ok: true });
  });

  it('validates a turn/started notification', () => {
    const turn = { id: TURN_ID, status: 'inProgress', items: [], itemsView: 'notLoaded', startedAt: 1795236797, completedAt: null, durationMs: null, error: null };
    assert.deepEqual(codex.validateNotification('turn/started', { threadId: THREAD_ID, turn }), { ok: true });
    const errors = errorsOf(codex.validateNotification('turn/started', { threadId: THREAD_ID, turn: { ...turn, status: 'running' } }));
    assert.match(errors, /\/params\/turn\/status: must be equal to one of the allowed values/);
  });

  it('reports only the matching variant of a tagged union (ThreadItem)', () => {
    const item = { type: 'agentMessage', id: 'msg_1', text: 'hello' };
    const params = { threadId: THREAD_ID, turnId: TURN_ID, completedAtMs: 1795236799123, item };
    assert.deepEqual(codex.validateNotification('item/completed', params), { ok: true });
    const errors = errorsOf(codex.validateNotification('item/completed', { ...params, item: { ...item, id: 5 } }));
    assert.equal(errors, '/params/item/id: must be string');
    const unknownType = errorsOf(codex.validateNotification('item/completed', { ...params, item: { ...item, type: 'bogus' } }));
    assert.match(unknownType, /\/params\/item: value of tag "type" must be in oneOf/);
  });

  it('validates an item/commandExecution/requestApproval server request and its response', () => {
    const method = 'item/commandExecution/requestApproval';
    const params = {
      kind: 'command',
      threadId: THREAD_ID,
      turnId: TURN_ID,
      itemId: 'call_abc123',
      startedAtMs: 1795236798000,
      environmentId: 'local',
      command: "/bin/bash -lc 'echo hello'",
      cwd: CWD,
      commandActions: [{ type: 'unknown', command: 'echo hello' }],
      proposedExecpolicyAmendment: ['echo', 'hello'],
      availableDecisions: ['accept', { acceptWithExecpolicyAmendment: { execpolicy_amendment: ['echo', 'hello'] } }, 'cancel'],
    };
    assert.deepEqual(codex.validateServerRequest(method, params), { ok: true });
    assert.match(errorsOf(codex.validateServerRequest(method, { ...params, startedAtMs: 'soon' })), /\/params\/startedAtMs: must be integer/);
    assert.deepEqual(codex.validateServerRequestResponse(method, { decision: 'accept' }), { ok: true });
    assert.deepEqual(codex.validateServerRequestResponse(method, { decision: 'decline' }), { ok: true });
    assert.match(errorsOf(codex.validateServerRequestResponse(method, { decision: 'maybe' })), /\/result\/decision/);
  });

  it('rejects unknown methods instead of passing them', () => {
    assert.match(errorsOf(codex.validateClientRequest('no/such/method', {})), /unknown client request method "no\/such\/method"/);
    assert.match(errorsOf(codex.validateResponse('no/such/method', {})), /unknown client request method/);
    assert.match(errorsOf(codex.validateNotification('turn/begun', {})), /unknown server notification method "turn\/begun".*similar: turn\//);
    assert.match(errorsOf(codex.validateServerRequest('thread/start', {})), /it is a client request method/);
    assert.match(errorsOf(codex.validateClientNotification('exit')), /unknown client notification method/);
    assert.match(errorsOf(codex.validateDefinition('NoSuchType', {})), /unknown schema definition/);
    assert.throws(() => codex.assertValidNotification('turn/begun', {}), AssertionError);
  });

  it('tolerates extra fields: the schema does not set additionalProperties:false on messages', () => {
    const extra = { ...threadStartResult(), notInTheSchema: true };
    assert.deepEqual(codex.validateResponse('thread/start', extra), { ok: true });
  });

  it('validates raw wire messages, including emittedAtMs and responses by id', () => {
    const note = { method: 'thread/status/changed', params: { threadId: THREAD_ID, status: { type: 'active', activeFlags: [] } } };
    assert.deepEqual(codex.validateMessage(JSON.stringify({ ...note, emittedAtMs: 1795236797001 })), { ok: true, kind: 'serverNotification', method: note.method });
    assert.match(errorsOf(codex.validateMessage({ ...note, emittedAtMs: 'now' })), /\/emittedAtMs: must be a non-negative integer/);
    assert.match(errorsOf(codex.validateMessage(note, { requireEmittedAtMs: true })), /emittedAtMs/);

    const request = { id: 2, method: 'thread/start', params: { cwd: CWD } };
    assert.equal(codex.validateMessage(request).kind, 'clientRequest');
    const ids = new Map([[2, 'thread/start']]);
    assert.deepEqual(codex.validateMessage({ id: 2, result: threadStartResult() }, { requestMethodsById: ids }), { ok: true, kind: 'response', method: 'thread/start' });
    assert.match(errorsOf(codex.validateMessage({ id: 2, result: {} }, { requestMethodsById: ids })), /\/result: must have required property 'thread'/);
    assert.match(errorsOf(codex.validateMessage({ id: 3, result: {} })), /no request method is known for id 3/);
    assert.equal(codex.validateMessage({ id: 3, error: { code: -32600, message: 'Not initialized' } }).ok, true);
    assert.match(errorsOf(codex.validateMessage({ id: 3, error: { message: 'x' } })), /\/error: must have required property 'code'/);
    assert.match(errorsOf(codex.validateMessage({ id: 1.5, method: 'thread/start', params: {} })), /\/id/);
    assert.match(errorsOf(codex.validateMessage('{"method":')), /not valid JSON/);
    assert.match(errorsOf(codex.validateMessage([request])), /batches/);
    assert.match(errorsOf(codex.validateMessage({ ...request, jsonrpc: '1.0' })), /\/jsonrpc/);
  });

  it('tracks request ids per direction in a session (client and server ids collide)', () => {
    const wire = codex.createSession({ requireEmittedAtMs: true });
    wire.assertValid({ id: 0, method: 'thread/start', params: { cwd: CWD, approvalPolicy: 'untrusted' } }, 'clientToServer');
    const approval = { threadId: THREAD_ID, turnId: TURN_ID, itemId: 'call_1', startedAtMs: 1795236798000 };
    wire.assertValid({ id: 0, method: 'item/commandExecution/requestApproval', params: approval }, 'serverToClient');
    assert.equal(wire.validate({ id: 0, result: { decision: 'accept' } }, 'clientToServer').kind, 'serverRequestResponse');
    assert.equal(wire.validate({ id: 0, result: threadStartResult() }, 'serverToClient').kind, 'response');
    assert.throws(() => wire.assertValid({ method: 'serverRequest/resolved', params: { threadId: THREAD_ID, requestId: 0 } }, 'serverToClient'), /emittedAtMs/);
    assert.throws(() => wire.assertValid({ id: 0, result: {} }, 'serverToClient'), /no request method is known for id 0/);
  });

  it('fails with a clear error when the codex CLI cannot be run', async () => {
    await assert.rejects(loadCodexSchema({ codexBin: '/nonexistent/bin/codex', diskCache: false }), /cannot run the codex CLI at \/nonexistent\/bin\/codex/);
  });

  it('compiles a validator for every method and response in the schema', function () {
    this.timeout(30000);
    const ms = codex.compileAll();
    assert.ok(ms >= 0);
  });
});
