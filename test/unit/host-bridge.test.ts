// Unit tests of the extension host's pure bridge rules: thread routing of notifications and server
// requests, the refusals for unanswerable requests, the server request broker (delivery, answers,
// re-routing and refusal when a webview closes), the IDE context merge into turn/start, the l10n
// bundle lookup, the secondary-sidebar version rule, panel restore state and API-key redaction.
import { strict as assert } from 'node:assert';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { redact } from '../../src/account/redact';
import { unansweredRequestResult } from '../../src/bridge/declines';
import { isThreadScoped, pickRequestTarget, receivesNotification, threadIdOf, type RoutableWebview } from '../../src/bridge/routing';
import { ServerRequestBroker } from '../../src/bridge/serverRequests';
import { createTurnStartAugmenter } from '../../src/bridge/turnContext';
import type { WebviewSession } from '../../src/bridge/webviewSession';
import { loadWebviewBundle, localeCandidates } from '../../src/l10n/bundles';
import { persistedThreadId, supportsSecondarySidebar } from '../../src/views/surfaceRules';
import type { HostToWebviewMessage } from '../../bridge/messages';

const webview = (id: number, over: Partial<RoutableWebview> = {}): RoutableWebview => ({
  id,
  kind: 'panel',
  threadId: null,
  ready: true,
  visible: true,
  ...over,
});

describe('host bridge: routing', () => {
  it('finds the thread of a payload', () => {
    assert.equal(threadIdOf({ threadId: 't1', turnId: 'x' }), 't1');
    assert.equal(threadIdOf({ thread: { id: 't2' } }), 't2');
    assert.equal(threadIdOf({ rateLimits: {} }), null);
    assert.equal(threadIdOf(null), null);
    assert.equal(threadIdOf('t'), null);
  });

  it('sends thread traffic only to webviews showing the thread (or none yet), the rest to all ready ones', () => {
    assert.equal(isThreadScoped('item/agentMessage/delta'), true);
    assert.equal(isThreadScoped('turn/completed'), true);
    assert.equal(isThreadScoped('thread/started'), false);
    assert.equal(isThreadScoped('thread/name/updated'), false);
    const showing = webview(1, { threadId: 'a' });
    const other = webview(2, { threadId: 'b' });
    const fresh = webview(3);
    const loading = webview(4, { ready: false });
    assert.deepEqual(
      [showing, other, fresh, loading].map((w) => receivesNotification(w, 'item/agentMessage/delta', 'a')),
      [true, false, true, false],
    );
    assert.deepEqual(
      [showing, other, fresh, loading].map((w) => receivesNotification(w, 'thread/name/updated', 'a')),
      [true, true, true, false],
    );
    assert.equal(receivesNotification(other, 'account/updated', null), true);
  });

  it('asks a server request in a webview showing its thread (visible first), else the sidebar', () => {
    const hiddenPanel = webview(1, { threadId: 'a', visible: false });
    const visiblePanel = webview(2, { threadId: 'a' });
    const sidebar = webview(3, { kind: 'sidebar', threadId: 'b', visible: false });
    assert.equal(pickRequestTarget([hiddenPanel, visiblePanel, sidebar], 'a')?.id, 2);
    assert.equal(pickRequestTarget([hiddenPanel, sidebar], 'a')?.id, 1);
    assert.equal(pickRequestTarget([hiddenPanel, visiblePanel, sidebar], 'zzz')?.id, 3);
    assert.equal(pickRequestTarget([hiddenPanel, visiblePanel, sidebar], 'a', 2)?.id, 1);
    assert.equal(pickRequestTarget([visiblePanel], 'other'), null);
  });

  it('refuses unanswerable server requests per method', () => {
    assert.deepEqual(unansweredRequestResult('item/commandExecution/requestApproval'), { decision: 'cancel' });
    assert.deepEqual(unansweredRequestResult('item/fileChange/requestApproval'), { decision: 'cancel' });
    assert.deepEqual(unansweredRequestResult('item/tool/requestUserInput'), { answers: {} });
    assert.deepEqual(unansweredRequestResult('mcpServer/elicitation/request'), { action: 'cancel' });
    assert.equal(unansweredRequestResult('toString'), undefined);
    assert.equal(unansweredRequestResult('some/new/request'), undefined);
  });
});

/** A webview session as the broker sees it: routing fields, post(), disposal flag. */
function fakeSession(id: number, over: Partial<RoutableWebview> = {}) {
  const posted: HostToWebviewMessage[] = [];
  const revealed: boolean[] = [];
  const session = {
    ...webview(id, over),
    isDisposed: false,
    posted,
    revealed,
    post: (m: HostToWebviewMessage) => posted.push(m),
    surface: { reveal: (preserveFocus: boolean) => revealed.push(preserveFocus) },
  };
  return session as typeof session & WebviewSession;
}

describe('host bridge: server request broker', () => {
  const setup = (sessions: ReturnType<typeof fakeSession>[], sidebar: ReturnType<typeof fakeSession> | null = null) => {
    const announced: string[] = [];
    const broker = new ServerRequestBroker({
      sessions: () => sessions.filter((s) => !s.isDisposed),
      revealSidebar: () => {
        if (sidebar) sessions.push(sidebar);
        return Promise.resolve(sidebar);
      },
      announce: (s, method) => announced.push(`${s.id}:${method}`),
      log: () => undefined,
    });
    return { broker, announced };
  };
  const approval = (id: number, threadId: string) => ({ id, method: 'item/commandExecution/requestApproval', params: { threadId, turnId: 'u', itemId: 'i' } });

  it('posts a request to the webview of its thread and settles with its answer', async () => {
    const a = fakeSession(1, { threadId: 'a' });
    const b = fakeSession(2, { threadId: 'b' });
    const { broker } = setup([a, b]);
    const answer = broker.handle(approval(7, 'a'));
    await Promise.resolve();
    assert.deepEqual(a.posted.map((m) => m.type), ['server/request']);
    assert.equal(b.posted.length, 0);
    assert.equal(broker.countFor(a), 1);
    broker.respond(b, 7, { decision: 'accept' }); // not asked there: ignored
    assert.equal(broker.countFor(a), 1);
    broker.respond(a, 7, { decision: 'accept' });
    assert.deepEqual(await answer, { decision: 'accept' });
    assert.equal(broker.countFor(a), 0);
  });

  it('reveals the sidebar when no chat exists, and reveals (focus kept) and announces requests in hidden chats', async () => {
    const sidebar = fakeSession(9, { kind: 'sidebar', visible: false });
    const { broker, announced } = setup([], sidebar);
    void broker.handle(approval(1, 'x'));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(sidebar.posted.map((m) => m.type), ['server/request']);
    assert.deepEqual(announced, ['9:item/commandExecution/requestApproval']);
    assert.deepEqual(sidebar.revealed, [true], 'revealed without taking the focus');
  });

  it('moves a request to another webview of the thread when its webview closes, else cancels it', async () => {
    const first = fakeSession(1, { threadId: 'a' });
    const second = fakeSession(2, { threadId: 'a', visible: false });
    const sessions = [first, second];
    const { broker } = setup(sessions);
    const answer = broker.handle(approval(3, 'a'));
    await Promise.resolve();
    first.isDisposed = true;
    broker.sessionClosed(first);
    assert.deepEqual(second.posted.map((m) => m.type), ['server/request']);
    second.isDisposed = true;
    broker.sessionClosed(second);
    assert.deepEqual(await answer, { decision: 'cancel' });
  });

  it('rejects requests the server resolved itself or that a restart dropped; unknown methods are refused with an error', async () => {
    const a = fakeSession(1, { threadId: 'a' });
    const { broker } = setup([a]);
    const resolved = broker.handle(approval(1, 'a'));
    const dropped = broker.handle(approval(2, 'a'));
    const unknown = broker.handle({ id: 3, method: 'future/request', params: { threadId: 'a' } });
    await Promise.resolve();
    broker.resolvedByServer(1);
    await assert.rejects(resolved, /resolved by the server/);
    a.isDisposed = true;
    broker.sessionClosed(a);
    await assert.rejects(unknown, /future\/request/);
    assert.deepEqual(await dropped, { decision: 'cancel' });
    const b = fakeSession(2, { threadId: 'a' });
    const { broker: second } = setup([b]);
    const late = second.handle(approval(4, 'a'));
    await Promise.resolve();
    second.dropAll('the server is restarting');
    await assert.rejects(late, /restarting/);
    assert.deepEqual(b.posted.at(-1), {
      type: 'server/notification',
      notification: { method: 'serverRequest/resolved', params: { threadId: 'a', requestId: 4 } },
    });
    assert.equal(second.countFor(b), 0);
  });
});

describe('host bridge: IDE context on turn/start', () => {
  const context = {
    activeFile: { path: '/ws/src/a.ts', cursorLine: 3 },
    selection: null,
    visibleFiles: ['/ws/src/a.ts'],
    openTabs: [],
    diagnostics: [],
  };
  const input = (params: unknown): { type: string; text?: string }[] => (params as { input: { type: string; text?: string }[] }).input;

  it('appends one context block when auto context is on, and nothing when off without chips', async () => {
    const on = createTurnStartAugmenter({ autoContext: () => true, collect: () => context, toServerPath: (p) => p });
    const params = await on({ threadId: 't', input: [{ type: 'text', text: 'hi', text_elements: [] }] });
    assert.equal(input(params).length, 2);
    assert.match(input(params)[1]?.text ?? '', /^# Context from my IDE setup:\n\n## Active file: \/ws\/src\/a\.ts \(line 3\)/);
    const off = createTurnStartAugmenter({ autoContext: () => false, collect: () => context, toServerPath: (p) => p });
    assert.equal(input(await off({ threadId: 't', input: [{ type: 'text', text: 'hi', text_elements: [] }] })).length, 1);
  });

  it('merges the composer chips block into the same block, with server paths', async () => {
    const augment = createTurnStartAugmenter({ autoContext: () => true, collect: () => context, toServerPath: (p) => p.replace('/ws', '/mnt/ws') });
    const chips = '# Context from my IDE setup:\n\n## File: /ws/README.md\n';
    const params = await augment({ threadId: 't', input: [{ type: 'text', text: 'hi', text_elements: [] }, { type: 'text', text: chips, text_elements: [] }] });
    const items = input(params);
    assert.equal(items.length, 2);
    assert.equal(items[0]?.text, 'hi');
    const block = items[1]?.text ?? '';
    assert.equal(block.split('# Context from my IDE setup:').length - 1, 1);
    assert.match(block, /## Active file: \/mnt\/ws\/src\/a\.ts/);
    assert.match(block, /## File: \/mnt\/ws\/README\.md/);
  });

  it('leaves params it does not understand alone', async () => {
    const augment = createTurnStartAugmenter({ autoContext: () => true, collect: () => context, toServerPath: (p) => p });
    assert.equal(await augment(null), null);
    assert.deepEqual(await augment({ threadId: 't' }), { threadId: 't' });
  });
});

describe('host: l10n bundles, surfaces, secrets', () => {
  it('looks up the webview bundle for a locale, falling back to the language', async () => {
    assert.deepEqual(localeCandidates('pt-BR'), ['pt-br', 'pt']);
    assert.deepEqual(localeCandidates('de'), ['de']);
    assert.deepEqual(localeCandidates(' '), []);
    const dir = mkdtempSync(join(tmpdir(), 'codex-ts-l10n-'));
    try {
      mkdirSync(join(dir, 'l10n'));
      writeFileSync(join(dir, 'l10n', 'bundle.l10n.de.json'), JSON.stringify({ Send: 'Senden', 'Stop/button': { message: 'Stopp' } }));
      assert.deepEqual(await loadWebviewBundle(dir, 'de-CH'), { Send: 'Senden', 'Stop/button': 'Stopp' });
      assert.equal(await loadWebviewBundle(dir, 'en'), null);
      assert.equal(await loadWebviewBundle(dir, 'fr'), null);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('uses the secondary sidebar from VS Code 1.106 on', () => {
    assert.equal(supportsSecondarySidebar('1.100.3'), false);
    assert.equal(supportsSecondarySidebar('1.105.0-insider'), false);
    assert.equal(supportsSecondarySidebar('1.106.0'), true);
    assert.equal(supportsSecondarySidebar('1.139.1'), true);
    assert.equal(supportsSecondarySidebar('2.0.0'), true);
  });

  it('restores an editor-tab chat on the thread its webview persisted', () => {
    assert.equal(persistedThreadId({ activeThreadId: 'thr_1', drafts: {} }), 'thr_1');
    assert.equal(persistedThreadId({ activeThreadId: null }), null);
    assert.equal(persistedThreadId(undefined), null);
  });

  it('redacts the API key and key-shaped strings', () => {
    assert.equal(redact('bad key sk-abc123456789 given', 'sk-abc123456789'), 'bad key [redacted] given');
    assert.equal(redact('other sk-proj-ABCDEFGH12345', 'x'), 'other sk-[redacted]');
  });
});
