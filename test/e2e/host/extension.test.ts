// Runs inside the real extension host (see index.ts): the extension is installed under its id,
// activates, registers its commands, and its commands run.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';

const EXTENSION_ID = 'codex-ts.codex-ts';

interface Manifest {
  version: string;
  contributes: {
    commands: { command: string }[];
    views: Record<string, { id: string; type?: string }[]>;
  };
}

describe('Codex TS extension (in the extension host)', () => {
  it('is present and activates', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('contributes the chat webview view and its commands', () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as Manifest;
    assert.deepEqual(manifest.contributes.views.codex, [{ type: 'webview', id: 'codex.chatView', name: 'Chat' }]);
    assert.deepEqual(manifest.contributes.commands.map((c) => c.command).sort(), ['codex.openChat', 'codex.showLogs']);
  });

  it('registers its commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['codex.openChat', 'codex.showLogs', 'codex.chatView.focus']) {
      assert.ok(commands.includes(id), `${id} is not registered`);
    }
  });

  it('runs codex.showLogs without error', async () => {
    await vscode.commands.executeCommand('codex.showLogs');
  });

  it('runs codex.openChat without error', async () => {
    await vscode.commands.executeCommand('codex.openChat');
  });
});
