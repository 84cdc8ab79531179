// The protocol's method tables: every entry's schemas parse a sample of its messages, the real
// Codex schema (codex app-server generate-json-schema of the pinned @openai/codex) accepts the same
// sample, unknown keys from a newer peer pass through, Codex's variants beyond ours parse, and the
// experimental flags match the methods Codex serves only to clients that opted in.
import { strict as assert } from 'node:assert';
import * as z from 'zod';
import {
  clientRequests,
  serverNotifications,
  serverRequests,
  isClientRequestMethod,
  isServerNotificationMethod,
  isServerRequestMethod,
  type ClientRequestMethod,
  type ServerNotificationMethod,
  type ServerRequestMethod,
} from '@protocol';
import { type CodexSchema, loadCodexSchema } from '../support/codex-schema';
import { EXTENSION_METHODS } from '../support/app-server-client';
import { THREAD_ID, thread, turn } from '../webview/fixtures';
import { clientRequestSamples, notificationSamples, serverRequestSamples } from './protocol-samples';

function parsed(schema: z.ZodType, value: unknown, what: string): unknown {
  const result = schema.safeParse(value);
  assert.ok(result.success, `${what}: ${result.success ? '' : z.prettifyError(result.error)}`);
  return result.data;
}

function codexAccepts(outcome: { ok: boolean; errors?: string }, what: string): void {
  assert.ok(outcome.ok, `Codex schema rejects ${what}: ${outcome.errors ?? ''}`);
}

/** The sample with a key no version of the protocol has, where the value is an object. */
function withFutureKey(value: unknown): unknown {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? { ...value, futureField: { added: 'later' } } : value;
}

function keepsFutureKey(schema: z.ZodType, value: unknown, what: string): void {
  const sample = withFutureKey(value);
  if (sample === value) return;
  const out = parsed(schema, sample, `${what} with an unknown key`) as Record<string, unknown>;
  assert.deepEqual(out.futureField, { added: 'later' }, `${what} drops unknown keys`);
}

const sorted = (keys: Iterable<string>): string[] => [...keys].sort();

describe('protocol method tables', function () {
  let codex: CodexSchema;
  let stableCodex: CodexSchema;

  before(async function () {
    this.timeout(120000);
    codex = await loadCodexSchema();
    stableCodex = await loadCodexSchema({ experimental: false });
  });

  it('have one sample per method, and the method guards know exactly the table entries', () => {
    assert.deepEqual(sorted(Object.keys(clientRequestSamples)), sorted(Object.keys(clientRequests)));
    assert.deepEqual(sorted(Object.keys(serverRequestSamples)), sorted(Object.keys(serverRequests)));
    assert.deepEqual(sorted(Object.keys(notificationSamples)), sorted(Object.keys(serverNotifications)));
    assert.ok(isClientRequestMethod('turn/start') && !isClientRequestMethod('toString') && !isClientRequestMethod('turn/started'));
    assert.ok(isServerRequestMethod('item/tool/requestUserInput') && !isServerRequestMethod('turn/start'));
    assert.ok(isServerNotificationMethod('turn/started') && !isServerNotificationMethod('hasOwnProperty'));
  });

  describe('client requests', () => {
    for (const method of Object.keys(clientRequests) as ClientRequestMethod[]) {
      it(`${method}: params and result parse, as Codex's schema agrees`, () => {
        const entry = clientRequests[method];
        const sample = clientRequestSamples[method];
        parsed(entry.params, sample.params, `${method} params`);
        const result = parsed(entry.result, sample.result, `${method} result`);
        assert.deepEqual(result, sample.result, `${method}: parsing the result changes it`);
        keepsFutureKey(entry.result, sample.result, `${method} result`);
        if (EXTENSION_METHODS.has(method) && !codex.methods.clientRequests.includes(method)) return;
        codexAccepts(codex.validateClientRequest(method, sample.params), `${method} params`);
        codexAccepts(codex.validateResponse(method, sample.result), `${method} result`);
      });
    }

    it('are experimental exactly where Codex serves them only after capabilities.experimentalApi', () => {
      const ours = Object.keys(clientRequests).filter((m) => codex.methods.clientRequests.includes(m));
      const codexExperimental = ours.filter((m) => !stableCodex.methods.clientRequests.includes(m));
      const flagged = (Object.keys(clientRequests) as ClientRequestMethod[]).filter((m) => clientRequests[m].experimental);
      assert.deepEqual(sorted(flagged), sorted(codexExperimental));
      assert.ok(flagged.length > 0);
    });
  });

  describe('server requests', () => {
    for (const method of Object.keys(serverRequests) as ServerRequestMethod[]) {
      it(`${method}: params and result parse, as Codex's schema agrees`, () => {
        const entry = serverRequests[method];
        const sample = serverRequestSamples[method];
        assert.deepEqual(parsed(entry.params, sample.params, `${method} params`), sample.params);
        parsed(entry.result, sample.result, `${method} result`);
        keepsFutureKey(entry.params, sample.params, `${method} params`);
        keepsFutureKey(entry.result, sample.result, `${method} result`);
        codexAccepts(codex.validateServerRequest(method, sample.params), `${method} params`);
        codexAccepts(codex.validateServerRequestResponse(method, sample.result), `${method} result`);
      });
    }
  });

  describe('server notifications', () => {
    for (const method of Object.keys(serverNotifications) as ServerNotificationMethod[]) {
      it(`${method}: params parse, as Codex's schema agrees`, () => {
        const schema = serverNotifications[method].params;
        const sample = notificationSamples[method];
        assert.deepEqual(parsed(schema, sample, `${method} params`), sample);
        keepsFutureKey(schema, sample, `${method} params`);
        codexAccepts(codex.validateNotification(method, sample), `${method} params`);
      });
    }
  });

  describe('what a Codex server sends beyond codex-ts', () => {
    it('nested unknown keys survive (a thread, its turn, an item)', () => {
      const item = { type: 'plan' as const, id: 'p', text: 'x', futureField: 1 };
      const newerTurn = { ...turn('t', []), items: [item], futureField: 2 };
      const wire = { thread: { ...thread([newerTurn]), futureField: 3 } };
      const out = parsed(clientRequests['thread/read'].result, wire, 'thread/read result') as typeof wire;
      assert.deepEqual(out, wire);
    });

    it('item kinds, accounts, session sources and error classes only Codex produces parse', () => {
      const item = { type: 'dynamicToolCall', id: 'd1', namespace: null, tool: 'lookup', arguments: {}, status: 'completed', contentItems: null, success: true, durationMs: 3 };
      const completed = { item, threadId: THREAD_ID, turnId: 't', completedAtMs: 1 };
      codexAccepts(codex.validateNotification('item/completed', completed), 'a dynamicToolCall item');
      assert.deepEqual(parsed(serverNotifications['item/completed'].params, completed, 'dynamicToolCall item'), completed);

      const account = { account: { type: 'chatgpt', email: 'a@example.com', planType: 'plus', workspaceName: null }, userId: 'u', requiresOpenaiAuth: true };
      codexAccepts(codex.validateResponse('account/read', account), 'a ChatGPT account');
      parsed(clientRequests['account/read'].result, account, 'a ChatGPT account');

      const subAgentThread = { ...thread([]), source: { subAgent: 'review' } };
      codexAccepts(codex.validateNotification('thread/started', { thread: subAgentThread }), 'a sub-agent thread');
      parsed(serverNotifications['thread/started'].params, { thread: subAgentThread }, 'a sub-agent thread');

      const error = { error: { message: 'm', codexErrorInfo: 'sessionBudgetExceeded', additionalDetails: null }, willRetry: false, threadId: THREAD_ID, turnId: 't' };
      codexAccepts(codex.validateNotification('error', error), 'a newer error class');
      parsed(serverNotifications.error.params, error, 'a newer error class');
    });

    it('still rejects what breaks the wire: a wrong type, a missing field, an unknown decision', () => {
      assert.equal(serverNotifications['turn/started'].params.safeParse({ threadId: 1, turn: turn('t', []) }).success, false);
      assert.equal(serverNotifications['item/agentMessage/delta'].params.safeParse({ threadId: THREAD_ID, turnId: 't', itemId: 'i' }).success, false);
      assert.equal(serverRequests['item/fileChange/requestApproval'].result.safeParse({ decision: 'maybe' }).success, false);
      assert.equal(clientRequests['thread/list'].result.safeParse({ data: [{ id: 'x' }], nextCursor: null, backwardsCursor: null }).success, false);
    });
  });
});
