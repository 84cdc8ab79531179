// The "Implement with Codex" CodeLens above TODO/FIXME comments (while
// `codex.commentCodeLensEnabled` is on; lenses refresh when it changes) and `codex.implementTodo`,
// which starts a task in the active chat with the comment as a `todo` chip.
import * as vscode from 'vscode';
import type { ContextChip } from '../../bridge/messages';
import type { ChatSurfaces } from '../views/chatSurfaces';
import { findTodoComments } from './todoComments';

export const IMPLEMENT_TODO_COMMAND = 'codex.implementTodo';
const SETTING_SECTION = 'codex';
const SETTING = 'commentCodeLensEnabled';

function lensesEnabled(): boolean {
  return vscode.workspace.getConfiguration(SETTING_SECTION).get<boolean>(SETTING, true);
}

export class TodoCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly listener = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(`${SETTING_SECTION}.${SETTING}`)) this.changed.fire();
  });

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!lensesEnabled()) return [];
    return findTodoComments(document.getText(), document.languageId).map((todo) => {
      const range = new vscode.Range(todo.line, todo.character, todo.line, todo.character + todo.keyword.length);
      return new vscode.CodeLens(range, {
        title: vscode.l10n.t('Implement with Codex'),
        tooltip: vscode.l10n.t('Ask Codex to implement this {0} comment', todo.keyword),
        command: IMPLEMENT_TODO_COMMAND,
        arguments: [document.uri, todo.line, todo.comment],
      });
    });
  }

  dispose(): void {
    this.listener.dispose();
    this.changed.dispose();
  }
}

/** The task text for a TODO; the chip carries the file and line. */
export function todoTaskText(comment: string): string {
  return vscode.l10n.t('Implement this: {0}', comment);
}

/**
 * `codex.implementTodo(uri, line, comment)` with a 0-based line, as the CodeLens passes it; also
 * accepts the official extension's `{ fileName, line, comment }` form.
 */
export async function implementTodo(chat: ChatSurfaces, ...args: unknown[]): Promise<void> {
  const target = todoTarget(args);
  if (!target) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Implement with Codex needs a TODO comment: use the lens above one.'));
    return;
  }
  const chip: ContextChip = { type: 'todo', path: target.path, line: target.line + 1, comment: target.comment };
  await chat.postToActive({ type: 'composer/startTask', text: todoTaskText(target.comment), chips: [chip] });
}

const isLine = (line: unknown): line is number => typeof line === 'number' && Number.isInteger(line) && line >= 0;

function todoTarget(args: readonly unknown[]): { path: string; line: number; comment: string } | null {
  const [first, line, comment] = args;
  if (first instanceof vscode.Uri && isLine(line) && typeof comment === 'string') {
    return { path: first.fsPath, line, comment };
  }
  if (typeof first === 'object' && first !== null) {
    const o = first as { fileName?: unknown; line?: unknown; comment?: unknown };
    if (typeof o.fileName === 'string' && isLine(o.line) && typeof o.comment === 'string') {
      return { path: o.fileName, line: o.line, comment: o.comment };
    }
  }
  return null;
}
