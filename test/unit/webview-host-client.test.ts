// The webview's host client (webview/bridge/hostClient.ts) and the store's connection to it
// (webview/state/connect.ts), over a fake transport.
import { strict as assert } from 'node:assert';
import { createHostClient, RPC_TIMEOUT_CODE, RpcError } from '../../webview/bridge/hostClient';
import type { HostToWebviewMessage, WebviewToHostMessage } from '../../bridge/messages';
import { answerServerRequest, connectStore } from '../../webview/state/connect';
import { WebviewStore } from '../../webview/state/store';
import { t } from '../../webview/l10n';
import { THREAD_ID as T, agentMessage, note, thread, turn, userMessage } from '../webview/fixtures';

function fakeTransport() {
  const sent: WebviewToHostMessage[] = [];
  let handler: ((m: HostToWebviewMessage) => void) | undefined;
  return {
    sent,
    push: (m: HostToWebviewMessage) => handler?.(m),
    transport: { post: (m: WebviewToHostMessage) => void sent.push(m), subscribe: (h: (m: HostToWebviewMessage) => void) => ((handler = h), () => (handler = undefined)) },
  };
}

const hostInfo = (l10n: Record<string, string> | null = null, openThreadId: string | null = null): HostToWebviewMessage => ({
  type: 'hostInfo',
  version: '0.1.0',
  workspaceName: 'ws',
  cwd: '/work/ws',
  uiKind: 'web',
  surface: 'sidebar',
  settings: { followUpQueueMode: 'queue', composerEnterBehavior: 'enter', reviewDelivery: 'inline', autoContext: true },
  locale: l10n ? 'de' : 'en',
  l10n,
  server: { state: 'ready', userAgent: 'codex-ts', codexHome: '/h' },
  openThreadId,
});

describe('webview host client', () => {
  it('matches rpc responses to requests by id, resolving and rejecting', async () => {
    const fake = fakeTransport();
    const client = createHostClient(fake.transport);
    const a = client.rpc('thread/read', { threadId: T });
    const b = client.rpc('thread/archive', { threadId: T });
    assert.deepEqual(fake.sent.map((m) => m.type === 'rpc/request' && [m.requestId, m.method]), [[1, 'thread/read'], [2, 'thread/archive']]);
    fake.push({ type: 'rpc/response', requestId: 2, ok: false, error: { code: -32600, message: 'nope' } });
    fake.push({ type: 'rpc/response', requestId: 1, ok: true, result: { thread: thread([]) } });
    assert.equal((await a).thread.id, T);
    await assert.rejects(b, (e: unknown) => e instanceof RpcError && e.code === -32600 && e.method === 'thread/archive');
    assert.equal(client.pendingCount, 0);
  });

  it('times out, disposes, posts ui messages and answers, and fans out host messages', async () => {
    const fake = fakeTransport();
    const client = createHostClient(fake.transport);
    await assert.rejects(client.rpc('model/list', {}, { timeoutMs: 5 }), (e: unknown) => e instanceof RpcError && e.code === RPC_TIMEOUT_CODE);
    const pending = client.rpc('model/list', {});
    client.postUi({ type: 'ui/openFile', path: '/a.ts', line: 3 });
    client.respondToServerRequest(7, { decision: 'accept' });
    const seen: string[] = [];
    client.onHostMessage((m) => seen.push(m.type));
    fake.push({ type: 'chat/new' });
    assert.deepEqual(seen, ['chat/new']);
    assert.deepEqual(fake.sent.slice(-2), [{ type: 'ui/openFile', path: '/a.ts', line: 3 }, { type: 'serverRequest/respond', requestId: 7, result: { decision: 'accept' } }]);
    client.dispose();
    await assert.rejects(pending, RpcError);
  });

  it('feeds the store and announces the active thread and the pending request count', () => {
    const fake = fakeTransport();
    const client = createHostClient(fake.transport);
    const store = new WebviewStore();
    store.setActiveThread(T);
    connectStore(store, client);
    fake.push(hostInfo({ 'Copy code': 'Code kopieren' }));
    assert.equal(store.hostInfo?.workspaceName, 'ws');
    assert.equal(t('Copy code'), 'Code kopieren');
    assert.deepEqual(fake.sent, [{ type: 'thread/active', threadId: T }]);
    fake.push({ type: 'server/notification', notification: note('turn/started', { threadId: T, turn: turn('t1', [], 'inProgress') }) });
    fake.push({ type: 'server/request', requestId: 1, method: 'item/commandExecution/requestApproval', params: { threadId: T, turnId: 't1', itemId: 'c' } });
    assert.deepEqual(fake.sent.at(-1), { type: 'ui/pendingRequests', count: 1 });
    answerServerRequest(store, client, 1, { decision: 'decline' });
    assert.deepEqual(fake.sent.slice(-2), [{ type: 'serverRequest/respond', requestId: 1, result: { decision: 'decline' } }, { type: 'ui/pendingRequests', count: 0 }]);
    fake.push({ type: 'thread/resynced', threadId: T, result: { thread: thread([turn('t1', [userMessage('u', 'x'), agentMessage('a', 'y')])]) } });
    assert.deepEqual(store.turn(T, 't1')?.itemIds, ['u', 'a']);
    fake.push({ type: 'settings/changed', settings: { followUpQueueMode: 'steer', composerEnterBehavior: 'cmdAlways', reviewDelivery: 'inline', autoContext: false } });
    assert.equal(store.settings?.followUpQueueMode, 'steer');
    fake.push({ type: 'server/state', server: { state: 'failed', reason: 'gone' } });
    assert.equal(store.server.state, 'failed');
    fake.push(hostInfo(null));
    assert.equal(t('Copy code'), 'Copy code');
  });
});
