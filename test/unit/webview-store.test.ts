// The webview store (webview/state/store.ts + notifications.ts): a streamed turn applied
// notification by notification, deltas replacing only their item, item/completed authoritative,
// output cap, errors with retry status, thread facts, server requests, persistence.
import { strict as assert } from 'node:assert';
import { OUTPUT_CAP_CHARS, WebviewStore } from '../../webview/state/store';
import type { PersistedState } from '../../webview/state/types';
import { THREAD_ID as T, agentMessage, command, note, turn } from '../webview/fixtures';

function started(store: WebviewStore): void {
  store.applyNotification(note('turn/started', { threadId: T, turn: turn('t1', [], 'inProgress') }));
}

describe('webview store: notifications', () => {
  it('streams an agent message in place and replaces only that item', () => {
    const store = new WebviewStore();
    started(store);
    store.applyNotification(note('item/started', { threadId: T, turnId: 't1', item: agentMessage('m1', ''), startedAtMs: 5 }));
    store.applyNotification(note('item/started', { threadId: T, turnId: 't1', item: agentMessage('m2', 'other'), startedAtMs: 6 }));
    const turnBefore = store.turn(T, 't1');
    const threadBefore = store.thread(T);
    const otherBefore = store.item(T, 'm2');
    let notified = 0;
    store.subscribe(() => notified++);
    store.applyNotification(note('item/agentMessage/delta', { threadId: T, turnId: 't1', itemId: 'm1', delta: 'Hel' }));
    store.applyNotification(note('item/agentMessage/delta', { threadId: T, turnId: 't1', itemId: 'm1', delta: 'lo' }));
    const item = store.item(T, 'm1')?.item;
    assert.equal(item?.type === 'agentMessage' && item.text, 'Hello');
    assert.equal(item?.startedAtMs, 5);
    assert.equal(notified, 2);
    assert.equal(store.turn(T, 't1'), turnBefore, 'the turn object is untouched by a delta');
    assert.equal(store.thread(T), threadBefore, 'the thread object is untouched by a delta');
    assert.equal(store.item(T, 'm2'), otherBefore, 'other items are untouched');
    assert.deepEqual(store.turn(T, 't1')?.itemIds, ['m1', 'm2']);
    assert.deepEqual(store.thread(T)?.turnIds, ['t1']);
  });

  it('makes item/completed authoritative and ignores a late item/started', () => {
    const store = new WebviewStore();
    started(store);
    store.applyNotification(note('item/agentMessage/delta', { threadId: T, turnId: 't1', itemId: 'm1', delta: 'partial garbage' }));
    store.applyNotification(note('item/completed', { threadId: T, turnId: 't1', item: agentMessage('m1', 'Final text'), completedAtMs: 9 }));
    store.applyNotification(note('item/started', { threadId: T, turnId: 't1', item: agentMessage('m1', ''), startedAtMs: 4 }));
    const view = store.item(T, 'm1');
    assert.equal(view?.item.type === 'agentMessage' && view.item.text, 'Final text');
    assert.equal(view?.item.completedAtMs, 9);
  });

  it('applies reasoning summary and text deltas by index', () => {
    const store = new WebviewStore();
    started(store);
    store.applyNotification(note('item/started', { threadId: T, turnId: 't1', item: { type: 'reasoning', id: 'r', summary: [], content: [] }, startedAtMs: 1 }));
    store.applyNotification(note('item/reasoning/summaryTextDelta', { threadId: T, turnId: 't1', itemId: 'r', delta: 'First', summaryIndex: 0 }));
    store.applyNotification(note('item/reasoning/summaryPartAdded', { threadId: T, turnId: 't1', itemId: 'r', summaryIndex: 1 }));
    store.applyNotification(note('item/reasoning/summaryTextDelta', { threadId: T, turnId: 't1', itemId: 'r', delta: 'Second', summaryIndex: 1 }));
    store.applyNotification(note('item/reasoning/textDelta', { threadId: T, turnId: 't1', itemId: 'r', delta: 'raw', contentIndex: 0 }));
    const item = store.item(T, 'r')?.item;
    assert.ok(item?.type === 'reasoning');
    assert.deepEqual(item.summary, ['First', 'Second']);
    assert.deepEqual(item.content, ['raw']);
  });

  it('appends command output, keeps the tail under the cap, records stdin and MCP progress', () => {
    const store = new WebviewStore();
    started(store);
    store.applyNotification(note('item/started', { threadId: T, turnId: 't1', item: command('c', 'yes', { status: 'inProgress', aggregatedOutput: null, exitCode: null, durationMs: null }), startedAtMs: 1 }));
    store.applyNotification(note('item/commandExecution/outputDelta', { threadId: T, turnId: 't1', itemId: 'c', delta: 'a'.repeat(OUTPUT_CAP_CHARS) }));
    store.applyNotification(note('item/commandExecution/outputDelta', { threadId: T, turnId: 't1', itemId: 'c', delta: 'TAIL' }));
    store.applyNotification(note('item/commandExecution/terminalInteraction', { threadId: T, turnId: 't1', itemId: 'c', processId: 'p', stdin: 'q\n' }));
    const view = store.item(T, 'c');
    assert.ok(view?.item.type === 'commandExecution');
    assert.equal(view.item.aggregatedOutput?.length, OUTPUT_CAP_CHARS);
    assert.ok(view.item.aggregatedOutput?.endsWith('TAIL'));
    assert.equal(view.outputDroppedChars, 4);
    assert.deepEqual(view.stdin, ['q\n']);
    store.applyNotification(note('item/started', { threadId: T, turnId: 't1', item: { type: 'mcpToolCall', id: 'mcp', server: 's', tool: 't', status: 'inProgress', arguments: {}, pluginId: null, readOnlyHint: null, result: null, error: null, durationMs: null }, startedAtMs: 1 }));
    store.applyNotification(note('item/mcpToolCall/progress', { threadId: T, turnId: 't1', itemId: 'mcp', message: '50%' }));
    assert.deepEqual(store.item(T, 'mcp')?.progress, ['50%']);
  });

  it('records plan, diff, errors with retry status and the turn end', () => {
    const store = new WebviewStore();
    started(store);
    store.applyNotification(note('turn/plan/updated', { threadId: T, turnId: 't1', explanation: 'why', plan: [{ step: 'read', status: 'completed' }, { step: 'fix', status: 'inProgress' }] }));
    store.applyNotification(note('turn/diff/updated', { threadId: T, turnId: 't1', diff: 'diff --git a/x b/x' }));
    const error = { message: 'overloaded', codexErrorInfo: 'serverOverloaded' as const, additionalDetails: null, misalignment: null };
    store.applyNotification(note('error', { threadId: T, turnId: 't1', error, willRetry: true }));
    assert.equal(store.turn(T, 't1')?.error, null, 'a retried error is not the turn error');
    store.applyNotification(note('error', { threadId: T, turnId: 't1', error, willRetry: false }));
    store.applyNotification(note('turn/completed', { threadId: T, turn: { ...turn('t1', [], 'failed'), error } }));
    const t1 = store.turn(T, 't1');
    assert.equal(t1?.plan?.steps.length, 2);
    assert.equal(t1?.diff, 'diff --git a/x b/x');
    assert.deepEqual(t1?.errors.map((e) => e.willRetry), [true, false]);
    assert.equal(t1?.status, 'failed');
    assert.equal(t1?.error?.message, 'overloaded');
  });

  it('tracks thread status, name, archive, goal, token usage and compaction', () => {
    const store = new WebviewStore();
    store.applyNotification(note('thread/status/changed', { threadId: T, status: { type: 'active', activeFlags: ['waitingOnApproval'] } }));
    store.applyNotification(note('thread/name/updated', { threadId: T, threadName: 'Fix bug' }));
    store.applyNotification(note('thread/archived', { threadId: T }));
    store.applyNotification(note('thread/compacted', { threadId: T, turnId: 't9' }));
    const usage = { totalTokens: 10, inputTokens: 8, cachedInputTokens: 0, cacheWriteInputTokens: 0, outputTokens: 2, reasoningOutputTokens: 0 };
    store.applyNotification(note('thread/tokenUsage/updated', { threadId: T, turnId: 't9', tokenUsage: { total: usage, last: usage, modelContextWindow: 1000 } }));
    const view = store.thread(T);
    assert.deepEqual(view?.status, { type: 'active', activeFlags: ['waitingOnApproval'] });
    assert.equal(view?.name, 'Fix bug');
    assert.equal(view?.archived, true);
    assert.equal(view?.tokenUsage?.modelContextWindow, 1000);
    assert.equal(store.turn(T, 't9')?.compacted, true);
    store.applyNotification(note('thread/unarchived', { threadId: T }));
    store.applyNotification(note('thread/closed', { threadId: T }));
    assert.equal(store.thread(T)?.archived, false);
    assert.equal(store.thread(T)?.closed, true);
  });

  it('keeps notices, account facts, MCP status and fuzzy search sessions', () => {
    const store = new WebviewStore();
    store.applyNotification(note('warning', { threadId: null, message: 'careful' }));
    store.applyNotification(note('configWarning', { summary: 'bad key', details: 'x', path: '/c.toml' }));
    store.applyNotification(note('mcpServer/startupStatus/updated', { name: 'fs', status: 'ready', error: null, threadId: null }));
    store.applyNotification(note('fuzzyFileSearch/sessionUpdated', { sessionId: 's', query: 'ab', files: [] }));
    store.applyNotification(note('fuzzyFileSearch/sessionCompleted', { sessionId: 's' }));
    assert.deepEqual(store.notices.map((n) => [n.kind, n.summary, n.path]), [['warning', 'careful', null], ['config', 'bad key', '/c.toml']]);
    assert.equal(store.mcpServers.fs?.status, 'ready');
    assert.deepEqual(store.fuzzySearch('s'), { sessionId: 's', query: 'ab', files: [], completed: true });
  });
});

describe('webview store: server requests, view state', () => {
  it('keys pending requests by id with their thread, removes them on serverRequest/resolved', () => {
    const store = new WebviewStore();
    store.addServerRequest({ id: 3, method: 'item/commandExecution/requestApproval', params: { threadId: T, turnId: 't1', itemId: 'c1' } });
    store.addServerRequest({ id: 'x', method: 'mcpServer/elicitation/request', params: { threadId: T, turnId: null } });
    assert.deepEqual(store.pendingRequests.map((r) => [r.id, r.threadId, r.turnId, r.itemId]), [[3, T, 't1', 'c1'], ['x', T, null, null]]);
    store.applyNotification(note('serverRequest/resolved', { threadId: T, requestId: 3 }));
    assert.deepEqual(store.pendingRequests.map((r) => r.id), ['x']);
    store.setServerState({ state: 'restarting', attempt: 1, delayMs: 100, reason: 'crash' });
    assert.equal(store.pendingRequests.length, 0, 'requests of a dead server are dropped');
  });

  it('persists the active thread and drafts, and restores them', () => {
    let saved: PersistedState | undefined;
    const persistence = { load: () => saved, save: (s: PersistedState) => void (saved = s) };
    const store = new WebviewStore({ persistence });
    store.setActiveThread(T);
    store.setDraft(T, 'half a thought');
    store.setDraft('', 'new chat draft');
    store.setDraft('', '');
    assert.deepEqual(saved, { activeThreadId: T, drafts: { [T]: 'half a thought' } });
    const reloaded = new WebviewStore({ persistence });
    assert.equal(reloaded.activeThreadId, T);
    assert.equal(reloaded.drafts[T], 'half a thought');
    const garbage = new WebviewStore({ persistence: { load: () => ({ activeThreadId: 7, drafts: { a: 1 } }), save: () => {} } });
    assert.equal(garbage.activeThreadId, null);
    assert.deepEqual(garbage.drafts, {});
  });

  it('with a scheduler, tells subscribers of notifications once per scheduled flush; other changes at once', () => {
    const queued: Array<() => void> = [];
    const store = new WebviewStore({ schedule: (flush) => void queued.push(flush) });
    let notified = 0;
    store.subscribe(() => notified++);
    started(store);
    store.applyNotification(note('item/agentMessage/delta', { threadId: T, turnId: 't1', itemId: 'm', delta: 'a' }));
    store.applyNotification(note('item/agentMessage/delta', { threadId: T, turnId: 't1', itemId: 'm', delta: 'b' }));
    assert.equal(notified, 0);
    assert.equal(queued.length, 1, 'one flush scheduled for the three notifications');
    const item = store.item(T, 'm')?.item;
    assert.equal(item?.type === 'agentMessage' && item.text, 'ab', 'the state itself is current');
    queued.shift()?.();
    assert.equal(notified, 1);
    store.applyNotification(note('item/agentMessage/delta', { threadId: T, turnId: 't1', itemId: 'm', delta: 'c' }));
    store.setDraft(T, 'typing');
    assert.equal(notified, 2, 'a user change flushes at once, with the deferred notification');
    queued.shift()?.();
    assert.equal(notified, 2, 'nothing left for the scheduled flush');
  });

  it('notifies once per batch', () => {
    const store = new WebviewStore();
    let notified = 0;
    store.subscribe(() => notified++);
    store.batch(() => {
      started(store);
      store.applyNotification(note('item/started', { threadId: T, turnId: 't1', item: agentMessage('m', ''), startedAtMs: 1 }));
    });
    assert.equal(notified, 1);
  });
});
