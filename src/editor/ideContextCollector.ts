// Collects the IDE context sent with each turn (when auto context is on): the active file and its
// selection, visible editors, open tabs and the active file's problems. It remembers the last text
// editor that had focus, because typing in a chat editor tab (or focusing the chat view) leaves
// no active text editor — which is exactly when the context is collected. Sizes are capped by
// formatIdeContext (bridge/ideContext.ts).
import * as vscode from 'vscode';
import { IDE_CONTEXT_LIMITS, type DiagnosticSeverity, type IdeContext, type IdeDiagnostic } from '../../bridge/ideContext';

export interface IdeContextCollector extends vscode.Disposable {
  /** The editor state now, or null when no file is open at all. */
  collect(): IdeContext | null;
}

const isFile = (uri: vscode.Uri): boolean => uri.scheme === 'file';

const SEVERITY: Record<vscode.DiagnosticSeverity, DiagnosticSeverity> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'information',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

function diagnosticSource(d: vscode.Diagnostic): string | null {
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  const parts = [d.source, code === undefined ? undefined : String(code)].filter((p): p is string => p !== undefined && p !== '');
  return parts.length > 0 ? parts.join(' ') : null;
}

/** The active file's problems, most severe first, then by position. */
function diagnosticsOf(uri: vscode.Uri): IdeDiagnostic[] {
  return [...vscode.languages.getDiagnostics(uri)]
    .sort((a, b) => a.severity - b.severity || a.range.start.line - b.range.start.line)
    .slice(0, IDE_CONTEXT_LIMITS.diagnostics)
    .map((d) => ({
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      severity: SEVERITY[d.severity],
      message: d.message,
      source: diagnosticSource(d),
    }));
}

function openTabPaths(): string[] {
  const paths: string[] = [];
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) {
      const input = tab.input;
      const uri = input instanceof vscode.TabInputText ? input.uri : input instanceof vscode.TabInputTextDiff ? input.modified : undefined;
      if (uri && isFile(uri) && !paths.includes(uri.fsPath)) paths.push(uri.fsPath);
    }
  }
  return paths;
}

export function createIdeContextCollector(): IdeContextCollector {
  let last: vscode.TextEditor | undefined = vscode.window.activeTextEditor;
  const remember = (editor: vscode.TextEditor | undefined): void => {
    if (editor && isFile(editor.document.uri)) last = editor;
  };
  remember(vscode.window.activeTextEditor);
  const subscription = vscode.window.onDidChangeActiveTextEditor(remember);

  return {
    collect(): IdeContext | null {
      const active = vscode.window.activeTextEditor;
      // The last focused editor still counts while it is open (visible or in a tab).
      const editor = active && isFile(active.document.uri) ? active : last && !last.document.isClosed ? last : undefined;
      const openTabs = openTabPaths();
      const visibleFiles = vscode.window.visibleTextEditors
        .map((e) => e.document.uri)
        .filter(isFile)
        .map((u) => u.fsPath)
        .filter((p, i, all) => all.indexOf(p) === i);
      if (!editor && openTabs.length === 0 && visibleFiles.length === 0) return null;
      let activeFile: IdeContext['activeFile'] = null;
      let selection: IdeContext['selection'] = null;
      let diagnostics: IdeDiagnostic[] = [];
      if (editor) {
        const { document } = editor;
        activeFile = { path: document.uri.fsPath, cursorLine: editor.selection.active.line + 1 };
        const sel = editor.selection;
        if (!sel.isEmpty) {
          const text = document.getText(sel);
          // A selection ending at the start of a line does not include that line.
          const endLine = sel.end.character === 0 && sel.end.line > sel.start.line ? sel.end.line : sel.end.line + 1;
          if (text.trim() !== '') selection = { startLine: sel.start.line + 1, endLine, text, languageId: document.languageId };
        }
        diagnostics = diagnosticsOf(document.uri);
      }
      return { activeFile, selection, visibleFiles, openTabs, diagnostics };
    },
    dispose(): void {
      subscription.dispose();
    },
  };
}
