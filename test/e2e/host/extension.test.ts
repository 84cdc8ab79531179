// Runs inside the real extension host (see index.ts): the extension is installed under its id,
// activates, contributes its views, commands, settings and keybindings, and registers its commands.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';

const EXTENSION_ID = 'codex-ts.codex-ts';

interface Manifest {
  version: string;
  contributes: {
    viewsContainers: Record<string, { id: string; when?: string }[]>;
    commands: { command: string }[];
    views: Record<string, { id: string; type?: string; when?: string }[]>;
    keybindings: { command: string; key: string; mac?: string; when?: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
    configuration: { properties: Record<string, { default?: unknown; enum?: string[] }> };
  };
}

const manifest = (): Manifest => vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as Manifest;

describe('Codex TS extension (in the extension host)', () => {
  it('is present and activates', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('contributes the chat view twice: secondary sidebar where supported, else the activity bar', () => {
    const { viewsContainers, views } = manifest().contributes;
    assert.deepEqual(viewsContainers.activitybar?.map((c) => [c.id, c.when]), [['codexViewContainer', 'codex.doesNotSupportSecondarySidebar']]);
    assert.deepEqual(viewsContainers.secondarySidebar?.map((c) => [c.id, c.when]), [
      ['codexSecondaryViewContainer', '!codex.doesNotSupportSecondarySidebar'],
    ]);
    assert.equal(views.codexViewContainer?.[0]?.id, 'codex.sidebarView');
    assert.equal(views.codexViewContainer?.[0]?.type, 'webview');
    assert.equal(views.codexSecondaryViewContainer?.[0]?.id, 'codex.sidebarSecondaryView');
  });

  it('contributes its commands, settings and the focus-scoped Ctrl/Cmd+N', () => {
    const { commands, configuration, keybindings } = manifest().contributes;
    assert.deepEqual(
      commands.map((c) => c.command).sort(),
      [
        'codex.addFileToThread', 'codex.addToThread', 'codex.implementTodo', 'codex.newChat', 'codex.newCodexPanel',
        'codex.openConfig', 'codex.openSidebar', 'codex.restartServer', 'codex.showLogs', 'codex.signIn', 'codex.signOut',
      ],
    );
    assert.deepEqual(Object.keys(configuration.properties).sort(), [
      'codex.cliExecutable', 'codex.commentCodeLensEnabled', 'codex.composerEnterBehavior', 'codex.followUpQueueMode',
      'codex.localeOverride', 'codex.openOnStartup', 'codex.reviewDelivery', 'codex.runCodexInWindowsSubsystemForLinux',
      'codex.trace.server',
    ]);
    assert.deepEqual(configuration.properties['codex.followUpQueueMode']?.enum, ['queue', 'steer']);
    assert.deepEqual(configuration.properties['codex.composerEnterBehavior']?.enum, ['enter', 'cmdIfMultiline', 'cmdAlways']);
    const newChat = keybindings.find((k) => k.command === 'codex.newChat');
    assert.equal(newChat?.key, 'ctrl+n');
    assert.equal(newChat?.mac, 'cmd+n');
    assert.equal(newChat?.when, 'codex.chatFocused');
    assert.ok(keybindings.some((k) => k.command === 'codex.addToThread'));
  });

  it('puts its commands in the editor title, editor and tab context menus and the webview menu', () => {
    const { menus } = manifest().contributes;
    const where = (menu: string): string[] => (menus[menu] ?? []).map((m) => m.command);
    assert.deepEqual(where('editor/title'), ['codex.openSidebar']);
    assert.deepEqual(where('editor/context'), ['codex.addToThread']);
    assert.deepEqual(where('editor/title/context'), ['codex.addFileToThread']);
    assert.deepEqual(where('webview/context'), ['codex.newChat']);
    assert.deepEqual(menus.commandPalette, [{ command: 'codex.implementTodo', when: 'false' }]);
  });

  it('registers its commands and the view focus commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['codex.openSidebar', 'codex.newChat', 'codex.newCodexPanel', 'codex.restartServer', 'codex.showLogs',
      'codex.signIn', 'codex.signOut', 'codex.sidebarView.focus']) {
      assert.ok(commands.includes(id), `${id} is not registered`);
    }
  });

  it('runs codex.showLogs without error', async () => {
    await vscode.commands.executeCommand('codex.showLogs');
  });
});
