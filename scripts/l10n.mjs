// `npm run l10n`: extracts every user-facing string into l10n/bundle.l10n.json (the English source
// bundle), then reports which strings each translation (l10n/bundle.l10n.<locale>.json) lacks or
// no longer uses. Host strings (src/, `vscode.l10n.t(...)`) are extracted by @vscode/l10n-dev;
// webview strings (webview/, `t('...')` imported from webview/l10n.ts, which @vscode/l10n-dev does
// not recognise) by a TypeScript AST walk. `--check` exits 1 when the committed bundle is stale.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundlePath = join(root, 'l10n', 'bundle.l10n.json');
const check = process.argv.includes('--check');

/** Host strings through @vscode/l10n-dev (`vscode.l10n.t` / `l10n.t` calls in src/). */
function hostStrings() {
  const out = mkdtempSync(join(tmpdir(), 'codex-ts-l10n-'));
  try {
    const cli = join(root, 'node_modules', '@vscode', 'l10n-dev', 'dist', 'cli.js');
    execFileSync(process.execPath, [cli, 'export', '--outDir', out, join(root, 'src')], { stdio: 'pipe' });
    return JSON.parse(readFileSync(join(out, 'bundle.l10n.json'), 'utf8'));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function sourceFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => join(e.parentPath, e.name));
}

/** Webview strings: the first argument of `t(...)` where `t` is imported from the webview's l10n module. */
function webviewStrings() {
  const strings = {};
  const problems = [];
  for (const file of sourceFiles(join(root, 'webview'))) {
    const text = readFileSync(file, 'utf8');
    if (!/\bt\(/.test(text)) continue;
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    const local = new Set();
    for (const statement of source.statements) {
      if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
      if (!/(^|\/)l10n$/.test(statement.moduleSpecifier.text)) continue;
      const bindings = statement.importClause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements) if ((element.propertyName ?? element.name).text === 't') local.add(element.name.text);
      }
    }
    if (file.endsWith(join('webview', 'l10n.ts'))) continue;
    if (local.size === 0) continue;
    const visit = (node) => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && local.has(node.expression.text)) {
        const first = node.arguments[0];
        if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) strings[first.text] = first.text;
        else {
          const { line } = source.getLineAndCharacterOfPosition(node.getStart());
          problems.push(`${relative(root, file)}:${line + 1}: t() needs a string literal as its first argument`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { strings, problems };
}

const host = hostStrings();
const { strings: web, problems } = webviewStrings();
for (const problem of problems) console.warn(`[l10n] ${problem}`);
const sorted = Object.fromEntries(Object.entries({ ...host, ...web }).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
const json = `${JSON.stringify(sorted, null, 2)}\n`;
const current = (() => {
  try {
    return readFileSync(bundlePath, 'utf8');
  } catch {
    return '';
  }
})();
if (check) {
  if (current !== json) {
    console.error('[l10n] l10n/bundle.l10n.json is stale: run `npm run l10n`');
    process.exit(1);
  }
} else {
  writeFileSync(bundlePath, json);
}
const keys = Object.keys(sorted);
console.log(`[l10n] ${keys.length} strings (${Object.keys(host).length} host, ${Object.keys(web).length} webview)`);
for (const name of readdirSync(join(root, 'l10n')).filter((f) => /^bundle\.l10n\.[\w-]+\.json$/.test(f))) {
  const translation = JSON.parse(readFileSync(join(root, 'l10n', name), 'utf8'));
  const missing = keys.filter((k) => !(k in translation));
  const unused = Object.keys(translation).filter((k) => !(k in sorted));
  console.log(`[l10n] ${name}: ${keys.length - missing.length}/${keys.length} translated${unused.length ? `, ${unused.length} unused` : ''}`);
  if (process.argv.includes('--verbose')) for (const k of missing) console.log(`  missing: ${JSON.stringify(k)}`);
}
