// The product version, injected at bundle time from package.json (see esbuild.mjs). Under tsx
// (tests run from source) the define is absent, so fall back to reading package.json.
declare const __CODEX_TS_VERSION__: string | undefined;

function readPackageVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pkg = require('../../package.json') as { version: string };
  return pkg.version;
}

export const VERSION: string =
  typeof __CODEX_TS_VERSION__ === 'string' ? __CODEX_TS_VERSION__ : readPackageVersion();
