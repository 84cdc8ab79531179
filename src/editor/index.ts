// The editor features (EXT-EDITOR): registerEditorFeatures() registers the TODO CodeLens and
// codex.implementTodo, codex.addToThread, codex.addFileToThread, codex.openConfig and the
// `codex-diff:` documents, and returns what the host's router calls for the webview's `ui/*`
// editor actions (openDiff, revertFile, undoTurn, createAgentsMd) plus the IDE context collector
// the turn/start augmenter uses.
import * as vscode from 'vscode';
import type { IdeContext } from '../../bridge/ideContext';
import type { ServerConnection } from '../connection/types';
import type { ChatSurfaces } from '../views/chatSurfaces';
import { ensureAgentsMd } from './agentsMd';
import { type ChangeSnapshots, type ChangeTarget, createChangeSnapshots } from './changeSnapshots';
import { codexHomeDir, ensureConfigFile } from './codexConfigFile';
import { addFileToThread, addToThread } from './contextCommands';
import { createIdeContextCollector, type IdeContextCollector } from './ideContextCollector';
import { implementTodo, IMPLEMENT_TODO_COMMAND, TodoCodeLensProvider } from './todoCodeLens';

export { createChangeSnapshots, createIdeContextCollector };
export { DIFF_SCHEME } from './changeSnapshots';
export type { ChangeSnapshots, ChangeTarget, IdeContextCollector };

export interface EditorFeatureDeps {
  readonly chat: ChatSurfaces;
  readonly connection: ServerConnection;
  readonly log: vscode.LogOutputChannel;
}

/** The webview's `ui/*` editor actions (structurally src/bridge/uiActions.ts EditorActions). */
export interface EditorActions {
  openDiff(target: ChangeTarget): Promise<void>;
  revertFile(target: ChangeTarget): Promise<void>;
  /** Resolves with how many files it restored (0: none). */
  undoTurn(target: { readonly threadId: string; readonly turnId: string }): Promise<number>;
  /** /init: AGENTS.md in the first workspace folder (created if missing), opened. */
  createAgentsMd(): Promise<void>;
}

/**
 * The editor features as the host wires them (the shape of src/views/editorFeatures.ts): the
 * router's `ui/*` editor actions and the IDE context collector exist from creation (snapshots
 * start recording at once); the commands that post to a chat are registered by register() once
 * the chat surfaces exist.
 */
export interface EditorFeatures {
  readonly actions: EditorActions;
  /** The IDE context for a turn now (active file, selection, tabs, problems). */
  collectIdeContext(): IdeContext | null;
  /** Registers the CodeLens, codex.implementTodo, codex.addToThread and codex.addFileToThread. */
  register(deps: { chat: ChatSurfaces }): void;
}

/** codex.openConfig: $CODEX_HOME/config.toml (created from the commented template), opened. */
export async function openConfig(log: vscode.LogOutputChannel): Promise<void> {
  const { path, created } = await ensureConfigFile(codexHomeDir());
  if (created) log.info(`created ${path} from the template`);
  await vscode.window.showTextDocument(vscode.Uri.file(path), { preview: false });
}

/** /init: writes AGENTS.md with a scaffold into the folder (first workspace folder by default) unless it exists, and opens it. */
export async function createAgentsMdScaffold(folder?: vscode.WorkspaceFolder): Promise<vscode.Uri | null> {
  const target = folder ?? vscode.workspace.workspaceFolders?.[0];
  if (!target || target.uri.scheme !== 'file') {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open a folder first: AGENTS.md goes into the workspace folder.'));
    return null;
  }
  const { path, created } = await ensureAgentsMd(target.uri.fsPath);
  const uri = vscode.Uri.file(path);
  await vscode.window.showTextDocument(uri, { preview: false });
  if (!created) void vscode.window.showInformationMessage(vscode.l10n.t('AGENTS.md already exists: opened it.'));
  return uri;
}

function reporter(log: vscode.LogOutputChannel) {
  return (what: string) => (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    log.error(`${what}: ${message}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Codex: {0} failed: {1}', what, message));
  };
}

export function createEditorFeatures(
  context: vscode.ExtensionContext,
  connection: Pick<ServerConnection, 'onNotification' | 'request'>,
  log: vscode.LogOutputChannel,
): EditorFeatures {
  const snapshots = createChangeSnapshots(context, connection, log);
  const ideContext = createIdeContextCollector();
  const report = reporter(log);
  context.subscriptions.push(
    snapshots,
    ideContext,
    vscode.commands.registerCommand('codex.openConfig', () => openConfig(log).catch(report('codex.openConfig'))),
  );
  let registered = false;
  return {
    actions: {
      openDiff: (target) => snapshots.openDiff(target),
      revertFile: (target) => snapshots.revertFile(target),
      undoTurn: (target) => snapshots.undoTurn(target),
      createAgentsMd: async () => {
        await createAgentsMdScaffold();
      },
    },
    collectIdeContext: () => ideContext.collect(),
    register({ chat }) {
      if (registered) return;
      registered = true;
      const lenses = new TodoCodeLensProvider();
      context.subscriptions.push(
        lenses,
        vscode.languages.registerCodeLensProvider({ scheme: 'file' }, lenses),
        vscode.commands.registerCommand(IMPLEMENT_TODO_COMMAND, (...args: unknown[]) => implementTodo(chat, ...args).catch(report(IMPLEMENT_TODO_COMMAND))),
        vscode.commands.registerCommand('codex.addToThread', () => addToThread(chat).catch(report('codex.addToThread'))),
        vscode.commands.registerCommand('codex.addFileToThread', (uri?: unknown) => addFileToThread(chat, uri).catch(report('codex.addFileToThread'))),
      );
    },
  };
}

/** Everything at once, when the chat surfaces already exist. */
export function registerEditorFeatures(context: vscode.ExtensionContext, deps: EditorFeatureDeps): EditorFeatures {
  const features = createEditorFeatures(context, deps.connection, deps.log);
  features.register({ chat: deps.chat });
  return features;
}
