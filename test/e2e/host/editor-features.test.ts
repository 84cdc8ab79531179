// The editor features inside the real extension host: the TODO CodeLens (and its setting), the
// chips codex.implementTodo / addToThread / addFileToThread post to the active chat, the IDE
// context on a real turn, codex.openConfig's template, and — after real turns on the mock model
// whose apply_patch edits real files — the native diff, reverting a file and undoing a turn.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { HostToWebviewMessage } from '../../../bridge/messages';
import { customToolCall, type MockModel, respond, textReply } from '../../support/mock-model';
import { eventually, runTurn, ScriptedWebview, startThread, testHooks, text, useMockModel, workspaceDir } from './support';

type Message<T extends HostToWebviewMessage['type']> = Extract<HostToWebviewMessage, { type: T }>;

const isType =
  <T extends HostToWebviewMessage['type']>(type: T) =>
  (m: HostToWebviewMessage): m is Message<T> =>
    m.type === type;

async function openFile(path: string): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.file(path)), { preview: false });
}

async function todoLenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
  return lenses.filter((l) => l.command?.command === 'codex.implementTodo');
}

/** The first string inside a JSON value that contains `needle` (a model request's input text). */
function findText(value: unknown, needle: string): string | undefined {
  if (typeof value === 'string') return value.includes(needle) ? value : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const entry of Object.values(value)) {
    const found = findText(entry, needle);
    if (found !== undefined) return found;
  }
  return undefined;
}

describe('Editor features (in the extension host)', function () {
  this.timeout(90_000);
  let webview: ScriptedWebview;
  const greet = (): string => join(workspaceDir(), 'src', 'greet.js');

  before(async () => {
    webview = new ScriptedWebview(await testHooks(), { kind: 'panel' });
    await webview.ready();
  });
  after(async () => {
    webview?.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows "Implement with Codex" above TODO comments, and none while codex.commentCodeLensEnabled is off', async () => {
    const uri = vscode.Uri.file(greet());
    await vscode.workspace.openTextDocument(uri);
    const lenses = await todoLenses(uri);
    assert.equal(lenses.length, 1);
    const [lens] = lenses;
    assert.equal(lens?.range.start.line, 0);
    assert.equal(lens?.command?.title, 'Implement with Codex');
    assert.deepEqual(lens?.command?.arguments?.slice(1), [0, 'TODO: say hello in more languages']);

    // In the workspace's settings: rewriting the user settings would drop the machine-scoped
    // codex.cliExecutable the real-codex pass sets there.
    const config = vscode.workspace.getConfiguration('codex');
    const settingsDir = join(workspaceDir(), '.vscode');
    const hadSettingsDir = existsSync(settingsDir);
    await config.update('commentCodeLensEnabled', false, vscode.ConfigurationTarget.Workspace);
    try {
      assert.deepEqual(await todoLenses(uri), []);
    } finally {
      await config.update('commentCodeLensEnabled', undefined, vscode.ConfigurationTarget.Workspace);
      if (!hadSettingsDir) rmSync(settingsDir, { recursive: true, force: true });
    }
    assert.equal((await todoLenses(uri)).length, 1);
  });

  it('codex.implementTodo starts a task in the active chat with a todo chip', async () => {
    const [lens] = await todoLenses(vscode.Uri.file(greet()));
    assert.ok(lens?.command);
    const from = webview.received.length;
    await vscode.commands.executeCommand(lens.command.command, ...(lens.command.arguments ?? []));
    const task = await webview.waitFor(isType('composer/startTask'), from);
    assert.match(task.text, /TODO: say hello in more languages/);
    assert.deepEqual(task.chips, [{ type: 'todo', path: greet(), line: 1, comment: 'TODO: say hello in more languages' }]);
  });

  it('codex.addToThread adds the selection (or the cursor line) and codex.addFileToThread the file', async () => {
    const editor = await openFile(greet());
    editor.selection = new vscode.Selection(1, 0, 3, 1);
    let from = webview.received.length;
    await vscode.commands.executeCommand('codex.addToThread');
    const selection = await webview.waitFor(isType('composer/addContext'), from);
    assert.deepEqual(selection.chip, {
      type: 'selection',
      path: greet(),
      startLine: 2,
      endLine: 4,
      text: 'export function greet(name) {\n  return `Hello, ${name}!`;\n}',
      languageId: 'javascript',
    });

    editor.selection = new vscode.Selection(2, 4, 2, 4);
    from = webview.received.length;
    await vscode.commands.executeCommand('codex.addToThread');
    const line = await webview.waitFor(isType('composer/addContext'), from);
    assert.deepEqual(line.chip, { type: 'selection', path: greet(), startLine: 3, endLine: 3, text: '  return `Hello, ${name}!`;', languageId: 'javascript' });

    from = webview.received.length;
    await vscode.commands.executeCommand('codex.addFileToThread', vscode.Uri.file(join(workspaceDir(), 'README.md')));
    const file = await webview.waitFor(isType('composer/addContext'), from);
    assert.deepEqual(file.chip, { type: 'file', path: join(workspaceDir(), 'README.md') });
  });

  it('codex.openConfig creates $CODEX_HOME/config.toml from the commented template and opens it', async () => {
    const saved = process.env.CODEX_HOME;
    const home = mkdtempSync(join(tmpdir(), 'codex-ts-openconfig-'));
    const codexHome = join(home, 'nested', '.codex');
    process.env.CODEX_HOME = codexHome;
    try {
      await vscode.commands.executeCommand('codex.openConfig');
      const file = join(codexHome, 'config.toml');
      assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, file);
      assert.match(readFileSync(file, 'utf8'), /^# Codex configuration/);
      assert.equal(statSync(file).mode & 0o777, 0o600);
      assert.equal(statSync(codexHome).mode & 0o777, 0o700);
    } finally {
      process.env.CODEX_HOME = saved;
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('/init (ui/createAgentsMd) writes the AGENTS.md scaffold into the workspace and opens it, once', async () => {
    const agentsMd = join(workspaceDir(), 'AGENTS.md');
    assert.equal(existsSync(agentsMd), false);
    try {
      webview.send({ type: 'ui/createAgentsMd' });
      await eventually('AGENTS.md opened', () => vscode.window.activeTextEditor?.document.uri.fsPath === agentsMd);
      const scaffold = readFileSync(agentsMd, 'utf8');
      assert.match(scaffold, /^# AGENTS\.md — /);
      assert.match(scaffold, /## Build and test/);
      writeFileSync(agentsMd, '# mine\n');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      webview.send({ type: 'ui/createAgentsMd' });
      await eventually('AGENTS.md opened again', () => vscode.window.activeTextEditor?.document.uri.fsPath === agentsMd);
      assert.equal(readFileSync(agentsMd, 'utf8'), '# mine\n');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      rmSync(agentsMd, { force: true });
    }
  });

  describe('after real turns that edit files', () => {
    let mock: MockModel;
    let dir: string;
    const file = (name: string): string => join(dir, name);
    const read = (name: string): string | null => (existsSync(file(name)) ? readFileSync(file(name), 'utf8') : null);

    before(async () => {
      mock = await useMockModel(await testHooks());
      dir = join(workspaceDir(), 'editor-e2e');
      mkdirSync(dir, { recursive: true });
    });
    after(async () => {
      await mock?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    /** Runs a turn whose model applies `patch`; returns the ids of the turn and its fileChange item. */
    async function patchTurn(patch: string): Promise<{ threadId: string; turnId: string; itemId: string }> {
      mock.enqueue(respond([customToolCall('apply_patch', patch)]), textReply('done'));
      const threadId = await startThread(webview);
      const from = webview.received.length;
      const { turn } = await runTurn(webview, threadId, [text('edit the files')]);
      const change = webview.received
        .slice(from)
        .flatMap((m) => (m.type === 'server/notification' && m.notification.method === 'item/completed' ? [m.notification.params.item] : []))
        .find((item) => item.type === 'fileChange');
      assert.ok(change, 'the turn has a fileChange item');
      assert.equal(change.type === 'fileChange' && change.status, 'completed');
      return { threadId, turnId: turn.id, itemId: change.id };
    }

    it('sends the IDE context with the turn, opens the change in the diff editor and reverts the file', async () => {
      writeFileSync(file('a.txt'), 'one\ntwo\nthree\n');
      const editor = await openFile(greet());
      editor.selection = new vscode.Selection(1, 0, 2, 5);
      const problems = vscode.languages.createDiagnosticCollection('editor-e2e');
      const problem = new vscode.Diagnostic(new vscode.Range(2, 2, 2, 8), 'Prefer a template helper', vscode.DiagnosticSeverity.Warning);
      problem.source = 'e2e';
      problems.set(editor.document.uri, [problem]);
      let ids: { threadId: string; turnId: string; itemId: string };
      try {
        ids = await patchTurn('*** Begin Patch\n*** Update File: editor-e2e/a.txt\n@@\n one\n-two\n+TWO\n*** End Patch');
      } finally {
        problems.dispose();
      }
      assert.equal(read('a.txt'), 'one\nTWO\nthree\n');
      const block = findText(JSON.parse(mock.lastRequest('stream').rawBody), '# Context from my IDE setup:');
      assert.ok(block, 'the IDE context block reached the model');
      assert.ok(block.includes(`## Active file: ${greet()} (line 3)`), block);
      assert.ok(block.includes('## Active selection (lines 2-3):\n```javascript\nexport function greet(name) {\n  ret\n```'), block);
      assert.ok(block.includes(`## Open tabs:\n- ${greet()}`), block);
      assert.ok(block.includes('## Problems in the active file:\n- 3:3 warning: Prefer a template helper [e2e]'), block);

      webview.send({ type: 'ui/openDiff', ...ids, path: file('a.txt') });
      const input = await eventually('the diff editor', () => {
        const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
        return tab?.input instanceof vscode.TabInputTextDiff ? tab.input : undefined;
      });
      assert.equal(input.original.scheme, 'codex-diff');
      assert.equal((await vscode.workspace.openTextDocument(input.original)).getText(), 'one\ntwo\nthree\n');
      assert.equal(input.modified.scheme, 'file', 'the right side is the real file while it holds the change');
      assert.equal(input.modified.fsPath, file('a.txt'));

      webview.send({ type: 'ui/revertFile', ...ids, path: file('a.txt') });
      await eventually('a.txt reverted', () => read('a.txt') === 'one\ntwo\nthree\n');
    });

    it('undoes a turn: edits reverted, added files deleted, deleted files re-created, moves undone', async () => {
      writeFileSync(file('keep.txt'), 'k1\nk2\nk3\n');
      writeFileSync(file('gone.txt'), 'bye\n');
      writeFileSync(file('old-name.txt'), 'moved\n');
      const ids = await patchTurn(
        [
          '*** Begin Patch',
          '*** Update File: editor-e2e/keep.txt',
          '@@',
          ' k1',
          '-k2',
          '+K2',
          '*** Add File: editor-e2e/added.txt',
          '+brand new',
          '*** Delete File: editor-e2e/gone.txt',
          '*** Update File: editor-e2e/old-name.txt',
          '*** Move to: editor-e2e/new-name.txt',
          '@@',
          '-moved',
          '+moved and edited',
          '*** End Patch',
        ].join('\n'),
      );
      assert.deepEqual(
        ['keep.txt', 'added.txt', 'gone.txt', 'old-name.txt', 'new-name.txt'].map(read),
        ['k1\nK2\nk3\n', 'brand new\n', null, null, 'moved and edited\n'],
      );
      // The move's diff: the source before, the destination (the real file) after.
      webview.send({ type: 'ui/openDiff', ...ids, path: file('old-name.txt') });
      const input = await eventually('the move diff', () => {
        const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
        return tab?.input instanceof vscode.TabInputTextDiff && tab.input.modified.fsPath === file('new-name.txt') ? tab.input : undefined;
      });
      assert.equal((await vscode.workspace.openTextDocument(input.original)).getText(), 'moved\n');
      assert.equal(input.original.path, vscode.Uri.file(file('old-name.txt')).path);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');

      const from = webview.received.length;
      webview.send({ type: 'ui/undoTurn', threadId: ids.threadId, turnId: ids.turnId });
      // The chat hears which turn was undone and how many files came back (both ends of the move count).
      const report = await webview.waitFor(isType('turn/undone'), from, 10_000);
      assert.deepEqual(report, { type: 'turn/undone', threadId: ids.threadId, turnId: ids.turnId, files: 5 });
      const undone = JSON.stringify(['k1\nk2\nk3\n', null, 'bye\n', 'moved\n', null]);
      const state = (): string => JSON.stringify(['keep.txt', 'added.txt', 'gone.txt', 'old-name.txt', 'new-name.txt'].map(read));
      await eventually('the turn undone', () => state() === undone, 10_000).catch((error: Error) => {
        throw new Error(`${error.message}; the files hold ${state()}`);
      });
    });
  });
});
