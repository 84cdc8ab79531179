// Bundles the three programs of Codex TS:
//   dist/extension.js     the extension host (CommonJS, `vscode` external)
//   dist/webview/         the React chat UI for the browser (main.js + main.css + fonts)
//   dist/server/cli.js    the standalone agent server (`codex-ts app-server`), Node 20 with a shebang:
//                         a bootstrap that runs dist/server/server.js from V8's code cache
// `node esbuild.mjs --watch` rebuilds all three on change; `--production` minifies.
import * as esbuild from 'esbuild';
import { readFileSync, chmodSync, mkdirSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

/** Shared options: one version string everywhere, source maps for stack traces in bug reports. */
const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'info',
  tsconfig: 'tsconfig.json',
  define: { __CODEX_TS_VERSION__: JSON.stringify(pkg.version) },
};

/** @type {esbuild.BuildOptions[]} */
const builds = [
  {
    ...common,
    entryPoints: { extension: 'src/extension.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: { main: 'webview/main.tsx' },
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'iife',
    target: ['chrome120'],
    loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file', '.svg': 'file' },
    assetNames: '[name]',
    jsx: 'automatic',
    // Runs before any module: zod must not probe for eval under the webview's CSP.
    inject: ['webview/cspSafeZod.ts'],
    define: { ...common.define, 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
  },
  {
    ...common,
    // The server program, run by dist/server/cli.js (server/bootstrap.ts) from V8's code cache: one
    // function expression taking the CommonJS module arguments, so the bootstrap can compile it with
    // vm.Script (which takes and makes code caches) and call it as its own module.
    entryPoints: { server: 'server/cli/main.ts' },
    outdir: 'dist/server',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '(function (exports, require, module, __filename, __dirname) {' },
    footer: { js: '})' },
    // Whitespace and syntax minified, identifiers kept (readable stack traces): a third less to
    // read, parse and keep in memory at every start, and an ASCII-only source (comments with
    // non-ASCII characters made V8 store the whole program as a two-byte string).
    minifyWhitespace: true,
    minifySyntax: true,
    // The openai SDK's `new Headers()` would load all of undici (~6 MiB) in a server whose model
    // clients fetch over node:http: a small Map-based Headers stands in for the global here.
    inject: ['server/models/lightHeaders.ts'],
  },
  {
    ...common,
    // The `codex-ts` executable: the bootstrap that runs server.js.
    entryPoints: { cli: 'server/bootstrap.ts' },
    outdir: 'dist/server',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
];

/** The server's bootstrap is also the package's `bin`: it must stay executable after every rebuild. */
const makeCliExecutable = {
  name: 'chmod-cli',
  setup(build) {
    build.onEnd((result) => {
      if (result.errors.length === 0 && build.initialOptions.entryPoints?.cli === 'server/bootstrap.ts') {
        chmodSync('dist/server/cli.js', 0o755);
      }
    });
  },
};

mkdirSync('dist', { recursive: true });
const contexts = await Promise.all(
  builds.map((options) => esbuild.context({ ...options, plugins: [makeCliExecutable] })),
);
if (watch) {
  await Promise.all(contexts.map((ctx) => ctx.watch()));
  console.log('[esbuild] watching src/, webview/, server/ for changes');
} else {
  try {
    await Promise.all(contexts.map((ctx) => ctx.rebuild()));
  } catch {
    process.exitCode = 1;
  } finally {
    await Promise.all(contexts.map((ctx) => ctx.dispose()));
  }
}
