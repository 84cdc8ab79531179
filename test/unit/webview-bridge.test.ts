// The typed host <-> webview bridge (bridge/messages.ts): each side accepts only
// well-formed messages of the other side's union.
import { strict as assert } from 'node:assert';
import { isHostToWebviewMessage, parseWebviewToHostMessage } from '../../bridge/messages';

const hostInfo = {
  type: 'hostInfo',
  version: '0.1.0',
  workspaceName: 'ws',
  cwd: '/work/ws',
  uiKind: 'web',
  surface: 'sidebar',
  settings: { followUpQueueMode: 'queue', composerEnterBehavior: 'enter', reviewDelivery: 'inline', autoContext: true },
  locale: 'en',
  l10n: null,
  server: { state: 'starting' },
  openThreadId: null,
};

describe('webview bridge messages', () => {
  it('accepts well-formed webview messages and nothing else', () => {
    assert.deepEqual(parseWebviewToHostMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseWebviewToHostMessage({ type: 'rpc/request', requestId: 3, method: 'thread/list', params: {} }), {
      type: 'rpc/request',
      requestId: 3,
      method: 'thread/list',
      params: {},
    });
    assert.deepEqual(parseWebviewToHostMessage({ type: 'ui/focus', focused: true }), { type: 'ui/focus', focused: true });
    for (const bad of [
      null,
      undefined,
      'ready',
      [],
      {},
      { type: 'hostInfo' },
      { type: 'READY' },
      { type: 'rpc/request', requestId: -1, method: 'thread/list', params: {} },
      { type: 'rpc/request', requestId: 1, method: '', params: {} },
      { type: 'ui/openDiff', threadId: 't', turnId: 'u', itemId: 'i' },
      { type: 'ui/pendingRequests', count: 1.5 },
      { type: 'ui/focus' },
      { type: 'ui/focus', focused: 'yes' },
    ]) {
      assert.equal(parseWebviewToHostMessage(bad), null, JSON.stringify(bad));
    }
  });

  it('accepts a well-formed hostInfo from the host', () => {
    assert.equal(isHostToWebviewMessage(hostInfo), true);
    assert.equal(isHostToWebviewMessage({ ...hostInfo, workspaceName: null, cwd: null, uiKind: 'desktop' }), true);
  });

  it('rejects hostInfo with missing or mistyped fields', () => {
    for (const bad of [
      { ...hostInfo, version: 1 },
      { ...hostInfo, workspaceName: undefined },
      { ...hostInfo, uiKind: 'tablet' },
      { ...hostInfo, settings: { ...hostInfo.settings, composerEnterBehavior: 'shift' } },
      { ...hostInfo, type: 'ready' },
      [hostInfo],
    ]) {
      assert.equal(isHostToWebviewMessage(bad), false, JSON.stringify(bad));
    }
  });

  it('checks the envelope of forwarded protocol messages', () => {
    assert.equal(isHostToWebviewMessage({ type: 'server/notification', notification: { method: 'turn/started', params: {} } }), true);
    assert.equal(isHostToWebviewMessage({ type: 'server/notification', notification: { params: {} } }), false);
    assert.equal(isHostToWebviewMessage({ type: 'rpc/response', requestId: 1, ok: false, error: { code: -1, message: 'x' } }), true);
    assert.equal(isHostToWebviewMessage({ type: 'rpc/response', requestId: 1, ok: false }), false);
    assert.equal(isHostToWebviewMessage({ type: 'composer/addContext', chip: { type: 'file', path: '/a' } }), true);
    assert.equal(isHostToWebviewMessage({ type: 'composer/addContext', chip: { type: 'file' } }), false);
  });
});
