// The chat bridge end to end inside the real extension host: a scripted webview attached to the
// real router talks to the real server (ours, or the real `codex` under codex.cliExecutable) on the
// mock model — hostInfo, rpc passthrough, notifications by thread, IDE context on turn/start,
// server requests routed to the thread's webview and cancelled when it closes, settings changes.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { CodexTsTestHooks } from '../../../src/extension';
import { functionCall, hang, respond, textReply, type MockModel } from '../../support/mock-model';
import { ScriptedWebview, SERVER_KIND, runTurn, startThread, testHooks, text, useMockModel, workspaceDir, eventually } from './support';

describe(`Chat bridge (${SERVER_KIND} server)`, function () {
  this.timeout(90_000);
  let hooks: CodexTsTestHooks;
  let mock: MockModel;
  const webviews: ScriptedWebview[] = [];
  const open = (options?: ConstructorParameters<typeof ScriptedWebview>[1]): ScriptedWebview => {
    const webview = new ScriptedWebview(hooks, options);
    webviews.push(webview);
    return webview;
  };

  before(async () => {
    hooks = await testHooks();
    mock = await useMockModel(hooks);
  });

  afterEach(() => {
    for (const webview of webviews.splice(0)) webview.dispose();
    assert.equal(mock.remaining, 0, 'every scripted reply was used');
  });

  after(async () => {
    await mock?.close();
  });

  it('answers ready with hostInfo: surface, settings, locale and the server state', async () => {
    const webview = open({ kind: 'panel' });
    const info = await webview.ready();
    assert.equal(info.surface, 'panel');
    assert.equal(info.cwd, workspaceDir());
    assert.equal(info.uiKind, 'web');
    assert.deepEqual(info.settings, { followUpQueueMode: 'queue', composerEnterBehavior: 'enter', reviewDelivery: 'inline', autoContext: true });
    assert.equal(info.server.state, 'ready');
    assert.equal(info.openThreadId, null);
  });

  it('passes rpc requests to the server and refuses initialize', async () => {
    const webview = open();
    await webview.ready();
    const threadId = await startThread(webview);
    const read = await webview.rpc<{ thread: { id: string } }>('thread/read', { threadId, includeTurns: false });
    assert.equal(read.thread.id, threadId);
    await assert.rejects(webview.rpc('initialize', { clientInfo: { name: 'x', version: '1' } }), { code: -32601 });
    await assert.rejects(webview.rpc('thread/read', { threadId: 'no-such-thread' }));
  });

  it('streams a turn to the webview showing the thread, not to one showing another thread', async () => {
    const mine = open();
    const other = open();
    await mine.ready();
    await other.ready();
    const threadId = await startThread(mine);
    await startThread(other);
    mock.enqueue(textReply('Hello from the mock'));
    const done = await runTurn(mine, threadId, [text('say hello')]);
    assert.equal(done.turn.status, 'completed');
    const deltas = mine.notifications('item/agentMessage/delta').map((n) => n.params.delta).join('');
    assert.equal(deltas, 'Hello from the mock');
    assert.deepEqual(other.notifications('item/agentMessage/delta').filter((n) => n.params.threadId === threadId), []);
    assert.ok(other.notifications('thread/started').some((n) => (n.params.thread as { id: string }).id === threadId));
  });

  it('adds the IDE context block (composer chips and the editor state) to turn/start', async () => {
    const webview = open();
    await webview.ready();
    const file = vscode.Uri.file(`${workspaceDir()}/src/greet.js`);
    await vscode.window.showTextDocument(file);
    const threadId = await startThread(webview);
    mock.enqueue(textReply('ok'));
    const chipBlock = `# Context from my IDE setup:\n\n## File: ${file.fsPath}\n`;
    await runTurn(webview, threadId, [text('explain'), text(chipBlock)]);
    const body = JSON.stringify(mock.lastRequest('responses').body);
    assert.match(body, /# Context from my IDE setup:/);
    assert.ok(body.includes(`## File: ${file.fsPath}`), 'the chip is in the block sent to the model');
    assert.equal(body.split('# Context from my IDE setup:').length - 1, 1, 'exactly one context block');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('sends settings changes to the webviews', async () => {
    const webview = open();
    await webview.ready();
    const from = webview.received.length;
    const config = vscode.workspace.getConfiguration('codex');
    await config.update('followUpQueueMode', 'steer', vscode.ConfigurationTarget.Global);
    try {
      const changed = await webview.waitFor((m) => m.type === 'settings/changed', from);
      assert.equal((changed as { settings: { followUpQueueMode: string } }).settings.followUpQueueMode, 'steer');
    } finally {
      await config.update('followUpQueueMode', undefined, vscode.ConfigurationTarget.Global);
    }
    const toggled = webview.received.length;
    webview.send({ type: 'ui/setAutoContext', enabled: false });
    const off = await webview.waitFor((m) => m.type === 'settings/changed' && !m.settings.autoContext, toggled);
    assert.equal((off as { settings: { autoContext: boolean } }).settings.autoContext, false);
    webview.send({ type: 'ui/setAutoContext', enabled: true });
    await webview.waitFor((m) => m.type === 'settings/changed' && m.settings.autoContext, toggled);
  });

  it('codex.localeOverride reloads the webviews with that locale and its l10n bundle', async () => {
    const webview = open();
    await webview.ready();
    const config = vscode.workspace.getConfiguration('codex');
    const html = (webview.session.surface.webview as { html: string }).html;
    await config.update('localeOverride', 'de', vscode.ConfigurationTarget.Global);
    try {
      await eventually('the webview reloaded', () => (webview.session.surface.webview as { html: string }).html !== html);
      const info = await webview.ready(); // the reloaded page says ready again
      assert.equal(info.locale, 'de');
      assert.equal(info.l10n?.['New chat'], 'Neuer Chat');
    } finally {
      await config.update('localeOverride', undefined, vscode.ConfigurationTarget.Global);
    }
    const english = await webview.ready();
    assert.equal(english.l10n, null);
  });

  it('ignores invalid webview messages', async () => {
    const webview = open();
    await webview.ready();
    const before = webview.received.length;
    webview.send({ type: 'rpc/request', requestId: -1, method: 'thread/list' });
    webview.send({ type: 'no/such/message' });
    webview.send('not an object');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(webview.received.length, before);
  });

  (SERVER_KIND === 'bundled' ? it : it.skip)('routes an approval to the webview of its thread, badges it, and cancels it when that webview closes', async () => {
    const bystander = open();
    const asked = open();
    await bystander.ready();
    await asked.ready();
    const threadId = await startThread(asked, { approvalPolicy: 'untrusted', sandbox: 'workspace-write' });
    // No reply after the command: the close cancels the turn before the model is asked again.
    mock.enqueue(respond([functionCall('exec_command', { cmd: 'touch approved-file', yield_time_ms: 10000 }, { callId: 'call_touch' })]));
    const completions: { status: string }[] = [];
    const listener = hooks.connection.onNotification((n) => {
      if (n.method === 'turn/completed' && n.params.threadId === threadId) completions.push(n.params.turn);
    });
    try {
      await asked.rpc('turn/start', { threadId, input: [text('touch a file')] });
      const request = await asked.waitFor((m) => m.type === 'server/request');
      assert.equal((request as { method: string }).method, 'item/commandExecution/requestApproval');
      assert.ok(!bystander.received.some((m) => m.type === 'server/request'), 'the other webview is not asked');
      await eventually('the pending count 1', () => asked.pendingCounts.at(-1) === 1);
      asked.dispose(); // closed without answering
      const turn = await eventually('turn/completed after the close', () => completions[0]);
      assert.equal(turn.status, 'interrupted');
      await eventually('no request pending', () => hooks.router.requests.countFor(asked.session) === 0);
    } finally {
      listener.dispose();
    }
  });

  (SERVER_KIND === 'bundled' ? it : it.skip)('relays the webview answer to an approval', async () => {
    const webview = open();
    await webview.ready();
    const threadId = await startThread(webview, { approvalPolicy: 'untrusted', sandbox: 'workspace-write' });
    mock.enqueue(
      respond([functionCall('exec_command', { cmd: 'touch relayed-file', yield_time_ms: 10000 }, { callId: 'call_touch2' })]),
      textReply('finished'),
    );
    const from = webview.received.length;
    await webview.rpc('turn/start', { threadId, input: [text('echo')] });
    const request = (await webview.waitFor((m) => m.type === 'server/request', from)) as { requestId: string | number };
    webview.send({ type: 'serverRequest/respond', requestId: request.requestId, result: { decision: 'accept' } });
    const done = await webview.waitFor((m) => m.type === 'server/notification' && m.notification.method === 'turn/completed', from, 60_000);
    assert.equal(((done as { notification: { params: { turn: { status: string } } } }).notification.params.turn).status, 'completed');
    const resolved = webview.notifications('serverRequest/resolved').filter((n) => n.params.requestId === request.requestId);
    assert.equal(resolved.length, 1);
    await eventually('the badge cleared', () => webview.pendingCounts.at(-1) === 0);
  });

  (SERVER_KIND === 'bundled' ? it : it.skip)('keeps a hung turn interruptible', async () => {
    const webview = open();
    await webview.ready();
    const threadId = await startThread(webview);
    mock.enqueue(hang());
    const asked = mock.requestsTo('responses').length;
    const from = webview.received.length;
    const { turn } = await webview.rpc<{ turn: { id: string } }>('turn/start', { threadId, input: [text('hang')] });
    await mock.waitForRequests(asked + 1, { endpoint: 'responses', timeoutMs: 20_000 }); // the model hangs now
    await webview.rpc('turn/interrupt', { threadId, turnId: turn.id });
    const done = await webview.waitFor((m) => m.type === 'server/notification' && m.notification.method === 'turn/completed', from);
    assert.equal(((done as { notification: { params: { turn: { status: string } } } }).notification.params.turn).status, 'interrupted');
  });
});
