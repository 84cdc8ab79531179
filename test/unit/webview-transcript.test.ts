// Pure parts of the webview transcript: rows (items, approval slots in place, plan, errors, turn
// end), diff lines and counts, the output tail, incremental markdown lexing while streaming.
import { strict as assert } from 'node:assert';
import { Lexer, type Token } from 'marked';
import { WebviewStore } from '../../webview/state/store';
import { transcriptRows } from '../../webview/transcript/rows';
import { changeLines } from '../../webview/transcript/items/diff';
import { tailLines } from '../../webview/transcript/items/CommandExecution';
import { lexAppended } from '../../webview/transcript/markdown/Markdown';
import { resolvePath } from '../../webview/transcript/items/common';
import { THREAD_ID as T, agentMessage, command, note, thread, turn, userMessage } from '../webview/fixtures';

const rowsOf = (store: WebviewStore): string[] =>
  transcriptRows(store.thread(T), (id) => store.turn(T, id), store.pendingRequests).map((r) => r.key);

describe('webview transcript: rows', () => {
  it('lists items, places requests after their item or at the end of their turn', () => {
    const store = new WebviewStore();
    store.applyThreadSnapshot(thread([turn('t1', [userMessage('u1', 'a'), agentMessage('a1', 'b')]), turn('t2', [userMessage('u2', 'c'), command('c2', 'ls')], 'inProgress')]));
    store.addServerRequest({ id: 1, method: 'item/commandExecution/requestApproval', params: { threadId: T, turnId: 't2', itemId: 'c2' } });
    store.addServerRequest({ id: 2, method: 'mcpServer/elicitation/request', params: { threadId: T, turnId: 't2' } });
    store.addServerRequest({ id: 3, method: 'item/fileChange/requestApproval', params: { threadId: T, turnId: 't2', itemId: 'not-yet' } });
    store.addServerRequest({ id: 4, method: 'x', params: { threadId: 'other' } });
    store.applyNotification(note('turn/plan/updated', { threadId: T, turnId: 't2', explanation: null, plan: [] }));
    assert.deepEqual(rowsOf(store), ['item:u1', 'item:a1', 'end:t1', 'item:u2', 'item:c2', 'request:1', 'plan:t2', 'request:2', 'request:3']);
    const before = transcriptRows(store.thread(T), (id) => store.turn(T, id), store.pendingRequests);
    const version = store.turnsVersion(T);
    store.applyNotification(note('item/agentMessage/delta', { threadId: T, turnId: 't1', itemId: 'a1', delta: 'more' }));
    assert.equal(store.turnsVersion(T), version, 'a delta does not change the row structure');
    assert.equal(before.length, rowsOf(store).length);
    const error = { message: 'boom', codexErrorInfo: null, additionalDetails: null, misalignment: null };
    store.applyNotification(note('error', { threadId: T, turnId: 't2', error, willRetry: false }));
    assert.notEqual(store.turnsVersion(T), version);
    assert.deepEqual(rowsOf(store).slice(-2), ['request:3', 'errors:t2']);
  });
});

describe('webview transcript: diff, output, paths', () => {
  it('counts unified diff lines and whole added files', () => {
    const update = changeLines({ path: 'a', kind: { type: 'update', move_path: null }, diff: '--- a/a\n+++ b/a\n@@ -1,2 +1,2 @@\n-x\n+y\n z\n' });
    assert.deepEqual(update.map((l) => l.kind), ['hunk', 'del', 'add', 'ctx']);
    const added = changeLines({ path: 'b', kind: { type: 'add' }, diff: 'one\ntwo\n' });
    assert.deepEqual(added, [{ kind: 'add', text: '+one' }, { kind: 'add', text: '+two' }]);
    assert.deepEqual(changeLines({ path: 'c', kind: { type: 'delete' }, diff: 'gone\n' }), [{ kind: 'del', text: '-gone' }]);
  });

  it('shows the last lines of long output and counts the hidden ones', () => {
    const text = Array.from({ length: 10 }, (_, i) => `l${i}`).join('\n') + '\n';
    assert.deepEqual(tailLines(text, 3), { shown: 'l7\nl8\nl9\n', hidden: 7 });
    assert.deepEqual(tailLines('a\nb\n', 5), { shown: 'a\nb\n', hidden: 0 });
    assert.deepEqual(tailLines(text, Infinity), { shown: text, hidden: 0 });
  });

  it('resolves relative file links against the cwd', () => {
    assert.equal(resolvePath('/w/ws', 'src/a.ts'), '/w/ws/src/a.ts');
    assert.equal(resolvePath('/w/ws/', './a.ts'), '/w/ws/a.ts');
    assert.equal(resolvePath('/w/ws', '/abs/a.ts'), '/abs/a.ts');
    assert.equal(resolvePath('C:\\ws', 'a.ts'), 'C:\\ws\\a.ts');
    assert.equal(resolvePath(null, 'a.ts'), 'a.ts');
  });
});

describe('webview transcript: incremental markdown lexing', () => {
  it('gives the same blocks as lexing the whole text at every step of a stream', () => {
    const doc = '# Title\n\nSome *text* here.\n\n- one\n- two\n\n- three\n\n```ts\nconst a = 1;\n\nconst b = 2;\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nPara\n---\n\n> quote\n> more\n\nEnd.';
    const lex = (text: string) => new Lexer({ gfm: true }).lex(text);
    let previous: { text: string; tokens: Token[] } = { text: '', tokens: lex('') };
    let mismatches = 0;
    for (let i = 1; i <= doc.length; i += 3) {
      const text = doc.slice(0, i);
      const tokens = lexAppended(previous, text);
      if (JSON.stringify(tokens.map((t) => [t.type, t.raw])) !== JSON.stringify(lex(text).map((t) => [t.type, t.raw]))) mismatches++;
      previous = { text, tokens };
    }
    const final = lexAppended(previous, doc);
    assert.deepEqual(final.map((t) => [t.type, t.raw]), lex(doc).map((t) => [t.type, t.raw]));
    assert.equal(mismatches, 0);
  });
});
