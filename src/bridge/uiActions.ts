// The `ui/*` requests of a chat webview that act on the editor: open a file, a diff, revert a file or
// a turn (via the editor features' snapshots; an undone turn is reported back as `turn/undone`), create AGENTS.md, open config.toml, show the logs,
// restart the server, open a new editor-tab chat, and pick images (answered with `images/picked`).
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import * as vscode from 'vscode';
import type { WebviewToHostMessage } from '../../bridge/messages';
import type { ServerConnection } from '../connection';
import type { WebviewSession } from './webviewSession';

/** The editor features the bridge calls (src/editor, wired in extension.ts). */
export interface EditorActions {
  openDiff(target: { threadId: string; turnId: string; itemId: string; path: string }): Promise<void>;
  revertFile(target: { threadId: string; turnId: string; itemId: string; path: string }): Promise<void>;
  /** Resolves with how many files it restored (0: nothing to restore, or the user cancelled). */
  undoTurn(target: { threadId: string; turnId: string }): Promise<number>;
  createAgentsMd(): Promise<void>;
}

export interface UiActionDeps {
  readonly connection: ServerConnection;
  readonly log: vscode.LogOutputChannel;
  readonly editor: EditorActions;
  setAutoContext(enabled: boolean): Promise<void>;
  openNewPanel(): Promise<void>;
}

/** Images larger than this are refused (a data URL in a protocol message; the model limits are lower). */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

const IMAGE_TYPES: Readonly<Record<string, string>> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
};

type UiMessage = Exclude<
  WebviewToHostMessage,
  {
    type:
      | 'ready'
      | 'rpc/request'
      | 'serverRequest/respond'
      | 'thread/active'
      | 'ui/pendingRequests'
      | 'ui/setAutoContext'
      | 'ui/focus'
      | 'signIn/request';
  }
>;

export async function runUiAction(message: UiMessage, session: WebviewSession, deps: UiActionDeps): Promise<void> {
  switch (message.type) {
    case 'ui/openDiff':
      return deps.editor.openDiff(message);
    case 'ui/revertFile':
      return deps.editor.revertFile(message);
    case 'ui/undoTurn': {
      // The transcript marks the turn as undone (the files are back as they were before it).
      const files = await deps.editor.undoTurn(message);
      if (files > 0) session.post({ type: 'turn/undone', threadId: message.threadId, turnId: message.turnId, files });
      return;
    }
    case 'ui/createAgentsMd':
      return deps.editor.createAgentsMd();
    case 'ui/openFile':
      return openFile(message.path, message.line);
    case 'ui/openConfig':
      await vscode.commands.executeCommand('codex.openConfig');
      return;
    case 'ui/showLogs':
      deps.log.show(true);
      return;
    case 'ui/restartServer':
      return deps.connection.restart(vscode.l10n.t('restart requested from the chat'));
    case 'ui/newPanel':
      return deps.openNewPanel();
    case 'ui/pickImages':
      session.post({ type: 'images/picked', images: await pickImages(deps.log) });
      return;
  }
}

async function openFile(path: string, line: number | undefined): Promise<void> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(path));
  const position = new vscode.Position(Math.max(0, (line ?? 1) - 1), 0);
  await vscode.window.showTextDocument(document, {
    preview: true,
    selection: line === undefined ? undefined : new vscode.Range(position, position),
  });
}

/** The image file picker; the chosen files as data URLs (too large or unreadable ones are skipped with a warning). */
export async function pickImages(log: vscode.LogOutputChannel): Promise<{ name: string; dataUrl: string }[]> {
  const uris = await vscode.window.showOpenDialog({
    canSelectMany: true,
    openLabel: vscode.l10n.t('Attach'),
    title: vscode.l10n.t('Attach images'),
    filters: { [vscode.l10n.t('Images')]: Object.keys(IMAGE_TYPES).map((ext) => ext.slice(1)) },
  });
  const images: { name: string; dataUrl: string }[] = [];
  for (const uri of uris ?? []) {
    const mime = IMAGE_TYPES[extname(uri.path).toLowerCase()];
    const name = basename(uri.path);
    try {
      const bytes = uri.scheme === 'file' ? await readFile(uri.fsPath) : await vscode.workspace.fs.readFile(uri);
      if (mime === undefined) throw new Error(vscode.l10n.t('{0} is not a PNG, JPEG, GIF or WebP image', name));
      if (bytes.byteLength > MAX_IMAGE_BYTES) throw new Error(vscode.l10n.t('{0} is larger than 20 MB', name));
      images.push({ name, dataUrl: `data:${mime};base64,${Buffer.from(bytes).toString('base64')}` });
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      log.warn(`not attaching ${name}: ${text}`);
      void vscode.window.showWarningMessage(text);
    }
  }
  return images;
}
