// The typed host <-> webview bridge (webview/bridge/messages.ts): each side accepts only
// well-formed messages of the other side's union.
import { strict as assert } from 'node:assert';
import { isHostToWebviewMessage, isWebviewToHostMessage } from '../../webview/bridge/messages';

describe('webview bridge messages', () => {
  it('accepts ready from the webview and nothing else', () => {
    assert.equal(isWebviewToHostMessage({ type: 'ready' }), true);
    for (const bad of [null, undefined, 'ready', [], {}, { type: 'hostInfo' }, { type: 'READY' }]) {
      assert.equal(isWebviewToHostMessage(bad), false, JSON.stringify(bad));
    }
  });

  it('accepts a well-formed hostInfo from the host', () => {
    assert.equal(isHostToWebviewMessage({ type: 'hostInfo', version: '0.1.0', workspaceName: 'ws', uiKind: 'web' }), true);
    assert.equal(isHostToWebviewMessage({ type: 'hostInfo', version: '0.1.0', workspaceName: null, uiKind: 'desktop' }), true);
  });

  it('rejects hostInfo with missing or mistyped fields', () => {
    const good = { type: 'hostInfo', version: '0.1.0', workspaceName: 'ws', uiKind: 'web' };
    for (const bad of [
      { ...good, version: 1 },
      { ...good, workspaceName: undefined },
      { ...good, uiKind: 'tablet' },
      { ...good, type: 'ready' },
      [good],
    ]) {
      assert.equal(isHostToWebviewMessage(bad), false, JSON.stringify(bad));
    }
  });
});
