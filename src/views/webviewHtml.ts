// Builds the chat webview's HTML and its Content-Security-Policy. Pure (no `vscode` import) so the
// policy can be unit-tested: only the bundled script with a per-load nonce may run, and styles, fonts
// and images may come only from the extension's own webview resources.
import { randomBytes } from 'node:crypto';

/** A fresh, unguessable nonce for one HTML load (128 bits, base64 — valid in a CSP `'nonce-…'`). */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * The webview's CSP. `cspSource` is `webview.cspSource` (the origin VS Code serves local resources from).
 * No `unsafe-eval`, no `unsafe-inline`: scripts must carry the nonce, everything else is denied by default.
 */
export function buildCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

export interface WebviewHtmlParts {
  readonly cspSource: string;
  readonly nonce: string;
  /** webview URIs (already converted with `webview.asWebviewUri`) of the bundle built by esbuild.mjs */
  readonly scriptUri: string;
  readonly styleUri: string;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function renderWebviewHtml(parts: WebviewHtmlParts): string {
  const csp = escapeAttribute(buildCsp(parts.cspSource, parts.nonce));
  const nonce = escapeAttribute(parts.nonce);
  // The stylesheet carries the codicon font too; the id lets <vscode-icon> (vscode-elements) find it.
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${csp}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link id="vscode-codicon-stylesheet" rel="stylesheet" href="${escapeAttribute(parts.styleUri)}">
  <title>Codex TS</title>
</head>
<body>
  <div id="root"></div>
  <script nonce="${nonce}" src="${escapeAttribute(parts.scriptUri)}"></script>
</body>
</html>`;
}
