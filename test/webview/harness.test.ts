// The webview harness itself (test/webview/harness.ts) against the real app bundle
// (dist/webview/main.js from `npm run build`): the app starts under the production CSP, says
// `ready`, takes hostInfo from the fake host, and its webview state survives a reload.
import { strict as assert } from 'node:assert';
import { type WebviewHarness, startWebviewHarness } from './harness';

describe('webview harness (real app bundle)', function () {
  this.timeout(60_000);
  let harness: WebviewHarness;
  before(async () => {
    harness = await startWebviewHarness();
  });
  after(async () => harness?.close());

  it('loads the app under the production CSP and completes the ready/hostInfo handshake', async () => {
    const view = await harness.open();
    try {
      await view.waitForPosted((m) => m.type === 'ready');
      await view.page.getByTestId('codex-app').and(view.page.locator('[data-state="connected"]')).waitFor();
      assert.deepEqual(await view.cspViolations(), []);
      assert.deepEqual(view.errors, []);
    } finally {
      await view.close();
    }
  });

  it('keeps webview state across a reload, like VS Code', async () => {
    const view = await harness.open({ state: { activeThreadId: 'abc', drafts: {} } });
    try {
      const read = () => view.page.evaluate(() => sessionStorage.getItem('vscodeState'));
      assert.equal(JSON.parse((await read()) ?? 'null').activeThreadId, 'abc');
      await view.page.evaluate(() => sessionStorage.setItem('vscodeState', JSON.stringify({ activeThreadId: 'def', drafts: {} })));
      await view.page.reload();
      assert.equal(JSON.parse((await read()) ?? 'null').activeThreadId, 'def');
    } finally {
      await view.close();
    }
  });
});
