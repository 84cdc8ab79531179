// Lint rules for all TypeScript in the repo: eslint's recommended set plus typescript-eslint's
// recommended set, the import rules of ARCHITECTURE.md (eslint.layers.mjs) and a file-size ceiling;
// generated and third-party output is ignored.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { layerZones } from './eslint.layers.mjs';

const PROGRAM_TSCONFIGS = ['server/tsconfig.json', 'src/tsconfig.json', 'webview/tsconfig.json', 'test/tsconfig.json'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'bench-results/**', '.tools/**', 'tools/**/node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
      // `import { z }` defeats tree-shaking (the whole of zod, ~450 KB, lands in every bundle and costs
      // startup time); `import * as z from 'zod'` keeps only what is used.
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value='zod'][importKind!='type'] > ImportSpecifier[imported.name='z']",
          message: "Use `import * as z from 'zod'` so the bundle stays small.",
        },
      ],
    },
  },
  {
    // Who may import whom (ARCHITECTURE.md): resolved with the programs' tsconfigs, so `@protocol` counts.
    files: ['**/*.{ts,tsx,mts}'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: PROGRAM_TSCONFIGS, noWarnOnMultipleProjects: true })] },
    rules: { 'import-x/no-restricted-paths': ['error', { zones: layerZones }] },
  },
  {
    // Small files with one job: production modules stay under 400 lines of code.
    files: ['{src,webview,server,bridge,jsonrpc}/**/*.{ts,tsx}'],
    rules: { 'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }] },
  },
  { files: ['webview/**/*.{ts,tsx}'], languageOptions: { globals: { ...globals.browser } } },
  {
    // jsonrpc/ is the neutral connection every program shares: it may use only vscode-jsonrpc, zod,
    // node built-ins and the protocol tables, never a program's code.
    files: ['jsonrpc/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!(node:|vscode-jsonrpc(/|$)|zod$|@protocol(/|$)|\\./))',
              message: 'jsonrpc/ imports only vscode-jsonrpc, zod, node built-ins, @protocol and its own files.',
            },
          ],
        },
      ],
    },
  },
  {
    // The extension reaches its server only through the connection of jsonrpc/ and the protocol.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '(^|/)server/(?!protocol(/|$))', message: 'src/ talks to the server through @jsonrpc and @protocol only.' }] },
      ],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
