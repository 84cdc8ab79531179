// Native diffs, per-file revert and "undo this turn" for the agent's file changes, without git:
// the ChangeTracker records every fileChange item from the server's notifications; a
// `codex-diff:` content provider serves the before/after texts to VS Code's diff editor; revert
// and undo restore the recorded contents, asking first when a file changed since (or has unsaved
// edits). Items from before the window opened are reconstructed from the thread's history.
import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { ThreadItem } from '@protocol';
import type { ServerConnection } from '../connection/types';
import { ChangeTracker, type FileAccess, pathsToRevert } from './changeTracker';
import { nodeFileAccess } from './nodeFileAccess';
import type { ResolvedPath } from './patchReconstruct';
import { type ItemSnapshot, SnapshotStore } from './snapshotStore';

export const DIFF_SCHEME = 'codex-diff';

export interface ChangeTarget {
  readonly threadId: string;
  readonly turnId: string;
  readonly itemId: string;
  readonly path: string;
}

export interface ChangeSnapshots extends vscode.Disposable {
  openDiff(target: ChangeTarget): Promise<void>;
  revertFile(target: ChangeTarget): Promise<void>;
  /** Restores what the turn changed; resolves with how many files (0: nothing to restore, or the user cancelled). */
  undoTurn(target: { readonly threadId: string; readonly turnId: string }): Promise<number>;
}

type FileChangeItem = Extract<ThreadItem, { type: 'fileChange' }>;

const openDocument = (path: string): vscode.TextDocument | undefined =>
  vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === path);

/** Writes through an open document with unsaved edits (replace + save), else on disk. */
const editorAwareFiles: FileAccess = {
  read: (path) => nodeFileAccess.read(path),
  async write(path, text) {
    const document = openDocument(path);
    if (!document?.isDirty) return nodeFileAccess.write(path, text);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), text);
    await vscode.workspace.applyEdit(edit);
    await document.save();
  },
  remove: (path) => nodeFileAccess.remove(path),
};

function diffUri(target: ChangeTarget, side: 'before' | 'after'): vscode.Uri {
  const query = new URLSearchParams({ thread: target.threadId, turn: target.turnId, item: target.itemId, side });
  return vscode.Uri.from({ scheme: DIFF_SCHEME, path: vscode.Uri.file(target.path).path, query: query.toString() });
}

export function createChangeSnapshots(
  context: vscode.ExtensionContext,
  connection: Pick<ServerConnection, 'onNotification' | 'request'>,
  log: vscode.LogOutputChannel,
): ChangeSnapshots {
  const storage = context.storageUri ?? context.globalStorageUri;
  const store = new SnapshotStore({ dir: vscode.Uri.joinPath(storage, 'change-snapshots').fsPath });
  void store.prune();
  const tracker = new ChangeTracker(editorAwareFiles, store, (m) => log.warn(m));
  const subscriptions: vscode.Disposable[] = [connection.onNotification((n) => tracker.handle(n))];

  /** The snapshot of an item, reconstructing its turn from the thread's history when needed. */
  async function snapshotOf(threadId: string, turnId: string, itemId: string): Promise<ItemSnapshot | null> {
    const known = await tracker.item(threadId, turnId, itemId);
    if (known) return known;
    await recordTurnFromHistory(threadId, turnId);
    return tracker.item(threadId, turnId, itemId);
  }

  async function recordTurnFromHistory(threadId: string, turnId: string): Promise<void> {
    try {
      const { thread } = await connection.request('thread/read', { threadId, includeTurns: true });
      const turn = thread.turns.find((t) => t.id === turnId);
      const items = (turn?.items ?? []).filter((i): i is FileChangeItem => i.type === 'fileChange');
      await tracker.recordHistory(threadId, turnId, items);
    } catch (error) {
      log.warn(`snapshot: cannot read turn ${turnId} of thread ${threadId}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  const provider: vscode.TextDocumentContentProvider = {
    async provideTextDocumentContent(uri) {
      const q = new URLSearchParams(uri.query);
      const snapshot = await snapshotOf(q.get('thread') ?? '', q.get('turn') ?? '', q.get('item') ?? '');
      const entry = snapshot?.paths.find((p) => vscode.Uri.file(p.path).path === uri.path);
      if (!entry) return '';
      return (q.get('side') === 'after' ? entry.after : entry.before) ?? '';
    },
  };
  subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(DIFF_SCHEME, provider));

  /** Asks before overwriting edits made since the change; true when the restore may go ahead. */
  async function confirmRestore(paths: readonly ResolvedPath[], action: string): Promise<boolean> {
    const conflicts = (await tracker.conflicts(paths)).map((c) => c.path);
    for (const p of paths) if (openDocument(p.path)?.isDirty && !conflicts.includes(p.path)) conflicts.push(p.path);
    if (conflicts.length === 0) return true;
    const names = conflicts.map((p) => basename(p)).join(', ');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('{0} changed since Codex edited it. {1} anyway and lose those changes?', names, action),
      { modal: true },
      action,
    );
    return choice === action;
  }

  return {
    async openDiff(target) {
      const snapshot = await snapshotOf(target.threadId, target.turnId, target.itemId);
      // A move shows the source before and the destination after, whichever end was asked for.
      const move = snapshot?.moves.find(([from, to]) => from === target.path || to === target.path);
      const [fromPath, toPath] = move ?? [target.path, target.path];
      const left = snapshot?.paths.find((p) => p.path === fromPath);
      const right = snapshot?.paths.find((p) => p.path === toPath);
      if (!left || !right) {
        void vscode.window.showWarningMessage(vscode.l10n.t('The change to {0} is not available any more.', basename(target.path)));
        return;
      }
      // The right side is the real file when it still holds the change: it can be edited there.
      const current = right.after === null ? undefined : await nodeFileAccess.read(right.path);
      const rightUri = current === right.after ? vscode.Uri.file(right.path) : diffUri({ ...target, path: toPath }, 'after');
      const name = fromPath === toPath ? basename(toPath) : `${basename(fromPath)} → ${basename(toPath)}`;
      const title = vscode.l10n.t('{0} (changes by Codex)', name);
      await vscode.commands.executeCommand('vscode.diff', diffUri({ ...target, path: fromPath }, 'before'), rightUri, title, { preview: true });
    },

    async revertFile(target) {
      const snapshot = await snapshotOf(target.threadId, target.turnId, target.itemId);
      const paths = snapshot ? pathsToRevert(snapshot, target.path) : [];
      if (paths.length === 0) {
        void vscode.window.showWarningMessage(vscode.l10n.t('The change to {0} is not available any more.', basename(target.path)));
        return;
      }
      if (!(await confirmRestore(paths, vscode.l10n.t('Revert')))) return;
      await tracker.restore(paths);
      log.info(`reverted ${paths.map((p) => p.path).join(', ')} (item ${target.itemId})`);
      void vscode.window.showInformationMessage(vscode.l10n.t('Reverted {0}.', basename(target.path)));
    },

    async undoTurn(target) {
      let paths = await tracker.turn(target.threadId, target.turnId);
      if (paths.length === 0) {
        await recordTurnFromHistory(target.threadId, target.turnId);
        paths = await tracker.turn(target.threadId, target.turnId);
      }
      if (paths.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('This turn changed no files that can be restored.'));
        return 0;
      }
      if (!(await confirmRestore(paths, vscode.l10n.t('Undo')))) return 0;
      await tracker.restore(paths);
      log.info(`undid turn ${target.turnId}: restored ${paths.map((p) => p.path).join(', ')}`);
      void vscode.window.showInformationMessage(
        paths.length === 1 ? vscode.l10n.t('Undid the turn: 1 file restored.') : vscode.l10n.t('Undid the turn: {0} files restored.', paths.length),
      );
      return paths.length;
    },

    dispose() {
      for (const s of subscriptions) s.dispose();
    },
  };
}
