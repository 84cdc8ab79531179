// `npm run package`: production build (minified, no source maps), then `vsce package` into
// dist/codex-ts-<version>.vsix. Checks that the VSIX holds only what runs (see .vscodeignore) and
// prints its size. The VSIX path is the last line of stdout, for scripts that install it.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const vsix = join(root, 'dist', `${pkg.name}-${pkg.version}.vsix`);
const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');

/** Everything allowed in the VSIX (vsce adds its own [Content_Types].xml and extension.vsixmanifest). */
const ALLOWED = [
  /^package\.json$/,
  /^package\.nls(\.[a-z-]+)?\.json$/,
  /^l10n\/bundle\.l10n(\.[a-z-]+)?\.json$/,
  /^(README|CHANGELOG)\.md$/,
  /^LICENSE(\.txt)?$/,
  /^dist\/extension\.js$/,
  /^dist\/server\/(cli|server)\.js$/,
  /^dist\/webview\/[^/]+\.(js|css|ttf|woff2?|svg|png)$/,
  /^media\/[^/]+\.(svg|png)$/,
];

function run(cmd, args, capture = false) {
  const result = spawnSync(cmd, args, {
    cwd: root,
    stdio: capture ? ['ignore', 'pipe', 'inherit'] : ['ignore', 'inherit', 'inherit'],
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (result.status !== 0) {
    console.error(`[package] ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`})`);
    process.exit(1);
  }
  return result.stdout ?? '';
}

const t0 = Date.now();
run(process.execPath, ['esbuild.mjs', '--production']);

// `vsce ls` applies the same .vscodeignore rules as `vsce package`.
const files = run(process.execPath, [vsce, 'ls', '--no-dependencies'], true)
  .split('\n')
  .map((line) => line.trim())
  .filter(Boolean);
const unexpected = files.filter((file) => !ALLOWED.some((pattern) => pattern.test(file)));
if (unexpected.length > 0) {
  console.error(`[package] refusing to package files that do not run:\n  ${unexpected.join('\n  ')}`);
  process.exit(1);
}
for (const required of ['dist/extension.js', 'dist/webview/main.js', 'dist/webview/main.css', 'dist/server/cli.js', 'dist/server/server.js', 'LICENSE']) {
  if (!files.includes(required)) {
    console.error(`[package] ${required} is missing from the VSIX file list`);
    process.exit(1);
  }
}

run(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '-o', vsix]);
const kib = (statSync(vsix).size / 1024).toFixed(0);
console.log(`[package] ${relative(root, vsix)}: ${kib} KiB, ${files.length} files, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
console.log(vsix);
