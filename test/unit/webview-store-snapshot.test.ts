// Thread snapshots in the webview store (webview/state/snapshot.ts): thread/read and resume
// results, thread/resynced after a server restart and pages of older turns merge without losing
// the items the webview already has.
import { strict as assert } from 'node:assert';
import { mergeOrder } from '../../webview/state/snapshot';
import { WebviewStore } from '../../webview/state/store';
import { THREAD_ID as T, agentMessage, command, note, thread, turn, userMessage } from '../webview/fixtures';

describe('webview store: snapshots', () => {
  it('loads a thread with its turns and items in order', () => {
    const store = new WebviewStore();
    store.applyThreadSnapshot(thread([turn('t1', [userMessage('u1', 'hi'), agentMessage('a1', 'hello')]), turn('t2', [userMessage('u2', 'more')])]));
    assert.deepEqual(store.thread(T)?.turnIds, ['t1', 't2']);
    assert.deepEqual(store.turn(T, 't1')?.itemIds, ['u1', 'a1']);
    assert.equal(store.thread(T)?.meta?.model, 'gpt-5');
    assert.deepEqual(store.thread(T)?.olderTurns, { state: 'done' });
  });

  it('keeps completed items a resync snapshot lacks, and does not regress finished items', () => {
    const store = new WebviewStore();
    store.applyThreadSnapshot(thread([turn('t1', [userMessage('u1', 'hi')], 'inProgress')]));
    store.applyNotification(note('item/completed', { threadId: T, turnId: 't1', item: command('c1', 'ls'), completedAtMs: 5 }));
    store.applyNotification(note('item/completed', { threadId: T, turnId: 't1', item: agentMessage('a1', 'done'), completedAtMs: 6 }));
    // After a restart the server knows the user message, an unfinished copy of c1 and a new item.
    const restarted = turn('t1', [userMessage('u1', 'hi'), command('c1', 'ls', { status: 'inProgress', exitCode: null }), agentMessage('a2', 'resumed')], 'interrupted');
    store.applyThreadSnapshot(thread([restarted]));
    assert.deepEqual(store.turn(T, 't1')?.itemIds, ['u1', 'c1', 'a1', 'a2']);
    const c1 = store.item(T, 'c1')?.item;
    assert.equal(c1?.type === 'commandExecution' && c1.status, 'completed');
    assert.equal(store.turn(T, 't1')?.status, 'interrupted');
  });

  it('keeps items of turns whose items the snapshot did not load', () => {
    const store = new WebviewStore();
    store.applyThreadSnapshot(thread([turn('t1', [userMessage('u1', 'hi')])]));
    store.applyThreadSnapshot(thread([{ ...turn('t1', []), itemsView: 'notLoaded' }, turn('t2', [])]));
    assert.deepEqual(store.turn(T, 't1')?.itemIds, ['u1']);
    assert.equal(store.turn(T, 't1')?.itemsView, 'full');
    assert.deepEqual(store.thread(T)?.turnIds, ['t1', 't2']);
  });

  it('prepends pages of older turns (newest first) and tracks the cursor', () => {
    const store = new WebviewStore();
    store.applyThreadSnapshot(thread([turn('t3', [userMessage('u3', 'c')])]), { olderTurnsCursor: 'cur1' });
    assert.deepEqual(store.thread(T)?.olderTurns, { state: 'idle', cursor: 'cur1' });
    store.applyOlderTurns(T, [turn('t3', [userMessage('u3', 'c')]), turn('t2', [userMessage('u2', 'b')])], 'cur2');
    store.applyOlderTurns(T, [turn('t1', [userMessage('u1', 'a')])], null);
    assert.deepEqual(store.thread(T)?.turnIds, ['t1', 't2', 't3']);
    assert.deepEqual(store.thread(T)?.olderTurns, { state: 'done' });
    assert.deepEqual(store.turn(T, 't1')?.itemIds, ['u1']);
  });

  it('merges orders keeping local-only ids after their predecessor', () => {
    assert.deepEqual(mergeOrder(['a', 'x', 'b', 'y'], ['a', 'b', 'c']), ['a', 'x', 'b', 'y', 'c']);
    assert.deepEqual(mergeOrder(['x', 'a'], ['a']), ['x', 'a']);
    assert.deepEqual(mergeOrder([], ['a']), ['a']);
    assert.deepEqual(mergeOrder(['a'], []), ['a']);
  });
});
