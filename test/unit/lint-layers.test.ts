// The layer rules of ARCHITECTURE.md are enforced by `npm run lint` (eslint.layers.mjs): a planted import
// across a forbidden edge fails with import-x/no-restricted-paths, and the allowed edges next to it pass.
// The planted files are linted as text under real paths of the tree, so the resolver sees the real targets.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const ROOT = path.resolve(__dirname, '../..');
const RULE = 'import-x/no-restricted-paths';

let eslint: ESLint;

async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  assert.ok(result, `eslint returned no result for ${file}`);
  const fatal = result.messages.filter((m) => m.fatal);
  assert.deepEqual(fatal, [], `eslint could not parse the planted ${file}`);
  return result.messages.filter((m) => m.ruleId === RULE).map((m) => m.message);
}

describe('lint: the import layers of ARCHITECTURE.md', function () {
  this.timeout(120_000);

  before(() => {
    eslint = new ESLint({ cwd: ROOT });
  });

  const forbidden: [string, string, RegExp][] = [
    ['webview/planted.ts', "export { MethodRouter } from '../server/rpc/methodRouter';", /webview\/ may import only the protocol contract/],
    ['webview/planted.ts', "export { activate } from '../src/extension';", /webview\/ talks to the extension host only through the bridge/],
    ['server/sandbox/planted.ts', "export { buildToolSet } from '../tools/registry';", /server\/sandbox: .*server\/layers\.json/],
    ['src/planted.ts', "export { ClientConnection } from '../server/rpc/clientConnection';", /src\/ may import only the protocol contract/],
    ['server/planted.ts', "export type { HostToWebviewMessage } from '../bridge/messages';", /the server knows nothing of the host-webview bridge/],
    ['server/protocol/planted.ts', "export { RpcError } from '../rpc/rpcError';", /server\/protocol: .*a pure leaf/],
    ['src/planted.ts', "export type { MockModel } from '../test/support/mock-model';", /production code never imports tests/],
  ];
  for (const [file, code, message] of forbidden) {
    it(`refuses ${code.replace(/^export .* from /, '').replace(/;$/, '')} in ${file}`, async () => {
      const errors = await layerErrors(file, code);
      assert.equal(errors.length, 1, `expected one layer error, got ${JSON.stringify(errors)}`);
      assert.match(errors[0] ?? '', message);
    });
  }

  const allowed: [string, string][] = [
    ['webview/planted.ts', "export type { ServerNotification } from '../server/protocol';"],
    ['webview/planted.ts', "export type { HostToWebviewMessage } from '../bridge/messages';"],
    ['src/planted.ts', "export type { ServerNotification } from '@protocol';"],
    ['src/planted.ts', "export type { WebviewToHostMessage } from '../bridge/messages';"],
    ['server/tools/planted.ts', "export type { SandboxPolicy } from '../protocol';"],
  ];
  for (const [file, code] of allowed) {
    it(`allows ${code.replace(/^export .* from /, '').replace(/;$/, '')} in ${file}`, async () => {
      assert.deepEqual(await layerErrors(file, code), []);
    });
  }
});
