// The seam between the chat host and the editor features (src/editor: CodeLens, IDE context,
// diffs and snapshots, AGENTS.md, config.toml): what the bridge calls for `ui/*` actions and the
// IDE context collector for turn/start.
import * as vscode from 'vscode';
import type { IdeContext } from '../../webview/bridge/ideContext';
import type { EditorActions } from '../bridge/uiActions';
import type { ServerConnection } from '../connection';
import type { ChatSurfaces } from './chatSurfaces';

export interface EditorFeatures {
  readonly actions: EditorActions;
  collectIdeContext(): IdeContext | null | Promise<IdeContext | null>;
  /** Registers the editor's commands and providers once the chat surfaces exist. */
  register(deps: { chat: ChatSurfaces }): void;
}

export function wireEditorFeatures(
  _context: vscode.ExtensionContext,
  _connection: ServerConnection,
  _log: vscode.LogOutputChannel,
): EditorFeatures {
  const unavailable = (): Promise<void> =>
    Promise.reject(new Error(vscode.l10n.t('This editor action is not available yet.')));
  return {
    actions: { openDiff: unavailable, revertFile: unavailable, undoTurn: unavailable, createAgentsMd: unavailable },
    collectIdeContext: () => null,
    register: () => undefined,
  };
}
