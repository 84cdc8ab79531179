// The import rules of ARCHITECTURE.md as eslint-plugin-import-x `no-restricted-paths` zones, so a wrong import
// fails `npm run lint`. Two sources: the programs (who may import whom across webview/, src/, bridge/, jsonrpc/,
// server/) are listed here; the layers inside server/ come from server/layers.json, which
// scripts/check-import-cycles.mjs also reads, so the two checks cannot disagree.
import { readFileSync } from 'node:fs';

/** A zone forbids `target` files to import `from` files, `except` sub-paths of `from`. */
function zone(target, from, message, except = []) {
  return { target, from, except, message };
}

const PROGRAMS = [
  zone('./webview', './src', 'webview/ talks to the extension host only through the bridge (bridge/ contract, webview/bridge/hostClient)'),
  zone('./webview', './server', 'webview/ may import only the protocol contract from server/ (server/protocol)', ['./protocol']),
  zone('./webview', './jsonrpc', 'webview/ never speaks JSON-RPC: it asks the host through the bridge'),
  zone('./src', './webview', 'src/ may import the bridge contract (bridge/), not the webview'),
  zone('./src', './server', 'src/ may import only the protocol contract from server/ (server/protocol); it reaches the server over jsonrpc/', ['./protocol']),
  zone('./bridge', './src', 'bridge/ is a contract: zod and server/protocol only'),
  zone('./bridge', './webview', 'bridge/ is a contract: zod and server/protocol only'),
  zone('./bridge', './jsonrpc', 'bridge/ is a contract: zod and server/protocol only'),
  zone('./bridge', './server', 'bridge/ is a contract: zod and server/protocol only', ['./protocol']),
  zone('./jsonrpc', './src', 'jsonrpc/ is neutral: vscode-jsonrpc, zod and server/protocol only'),
  zone('./jsonrpc', './webview', 'jsonrpc/ is neutral: vscode-jsonrpc, zod and server/protocol only'),
  zone('./jsonrpc', './bridge', 'jsonrpc/ is neutral: vscode-jsonrpc, zod and server/protocol only'),
  zone('./jsonrpc', './server', 'jsonrpc/ is neutral: vscode-jsonrpc, zod and server/protocol only', ['./protocol']),
  zone('./server', './src', 'the server knows nothing of the extension host'),
  zone('./server', './webview', 'the server knows nothing of the webview'),
  zone('./server', './bridge', 'the server knows nothing of the host-webview bridge'),
  ...['./src', './webview', './server', './bridge', './jsonrpc'].map((target) =>
    zone(target, './test', 'production code never imports tests or test support'),
  ),
];

/** server/layers.json → zones: `mustNotImport` folders (or `*Suffix.ts` files), `mayImport` for leaves. */
function serverLayerZones() {
  const { rules } = JSON.parse(readFileSync(new URL('./server/layers.json', import.meta.url), 'utf8'));
  const zones = [];
  for (const rule of rules) {
    const target = `./${rule.folder}`;
    const message = `${rule.folder}: ${rule.why} (server/layers.json)`;
    if (Array.isArray(rule.mayImport)) {
      const own = rule.folder.replace(/^server\//, './');
      const allowed = rule.mayImport.map((folder) => folder.replace(/^server\//, './'));
      zones.push(zone(target, './server', message, [own, ...allowed]));
    }
    for (const forbidden of rule.mustNotImport ?? []) {
      zones.push(zone(target, forbidden.startsWith('*') ? `./server/**/${forbidden}` : `./${forbidden}`, message));
    }
  }
  return zones;
}

export const layerZones = [...PROGRAMS, ...serverLayerZones()];
