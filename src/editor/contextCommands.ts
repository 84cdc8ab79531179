// `codex.addToThread` (the editor's selection — or the cursor's line when nothing is selected — as
// a selection chip with file and line range) and `codex.addFileToThread` (a tab's file, or the
// active editor's, as a file chip): both add the chip to the active chat's composer.
import * as vscode from 'vscode';
import type { ContextChip } from '../../bridge/messages';
import type { ChatSurfaces } from '../views/chatSurfaces';

/** Documents the agent can read: files on the extension host's disk (remote windows included). */
const FILE_SCHEMES = new Set(['file']);

/** The selection chip for an editor: its selection, or the whole line of the cursor when empty. */
export function selectionChip(editor: vscode.TextEditor): Extract<ContextChip, { type: 'selection' }> {
  const { document, selection } = editor;
  let range: vscode.Range;
  if (selection.isEmpty) {
    range = document.lineAt(selection.active.line).range;
  } else {
    // A selection ending at the start of a line does not include that line.
    const end = selection.end.character === 0 && selection.end.line > selection.start.line ? document.lineAt(selection.end.line - 1).range.end : selection.end;
    range = new vscode.Range(selection.start, end);
  }
  return {
    type: 'selection',
    path: document.uri.fsPath,
    startLine: range.start.line + 1,
    endLine: range.end.line + 1,
    text: document.getText(range),
    languageId: document.languageId,
  };
}

export async function addToThread(chat: ChatSurfaces): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !FILE_SCHEMES.has(editor.document.uri.scheme)) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a file and select some code to add it to the Codex thread.'));
    return;
  }
  await chat.postToActive({ type: 'composer/addContext', chip: selectionChip(editor) });
}

/** The tab context menu passes the tab's uri; the palette passes nothing (the active editor's file). */
export async function addFileToThread(chat: ChatSurfaces, arg?: unknown): Promise<void> {
  const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
  if (!uri || !FILE_SCHEMES.has(uri.scheme)) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Only files on disk can be added to the Codex thread.'));
    return;
  }
  await chat.postToActive({ type: 'composer/addContext', chip: { type: 'file', path: uri.fsPath } });
}
