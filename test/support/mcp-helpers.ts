// Shared set-up for the MCP client's integration tests: the real reference servers from
// node_modules (run with this Node, offline), the fixture server of test/fixtures/mcp, config
// entries for them, and an app server on the mock model in a temp workspace.
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { startMockModel, type MockModel, type Script } from './mock-model';
import type { AppServerClient } from './app-server-client';
import { makeWorkspace, startThread, startToolServer, type Workspace } from './tool-turns';

const ROOT = resolve(__dirname, '../..');
export const EVERYTHING = resolve(ROOT, 'node_modules/@modelcontextprotocol/server-everything/dist/index.js');
export const FILESYSTEM = resolve(ROOT, 'node_modules/@modelcontextprotocol/server-filesystem/dist/index.js');
export const FIXTURE = resolve(ROOT, 'test/fixtures/mcp/fixture-server.mjs');

type Json = Record<string, unknown>;

/** A `[mcp_servers.<name>]` stdio entry running `script` with this Node (30 s to start on a busy machine). */
export function stdioServer(name: string, script: string, args: readonly string[] = [], extra: readonly string[] = []): string {
  const timeout = extra.some((line) => line.startsWith('startup_timeout_sec')) ? [] : ['startup_timeout_sec = 30'];
  return [`[mcp_servers.${name}]`, `command = ${JSON.stringify(process.execPath)}`, `args = ${JSON.stringify([script, ...args])}`, ...extra, ...timeout, ''].join('\n');
}

export interface McpSetup {
  readonly mock: MockModel;
  readonly ws: Workspace;
  readonly client: AppServerClient;
  close(): Promise<void>;
}

export async function startMcpServer(servers: string | ((ws: Workspace) => string), replies: Script[] = [], env: Record<string, string> = {}): Promise<McpSetup> {
  const ws = makeWorkspace({ 'notes.txt': 'hello from the workspace\n' });
  const mock = await startMockModel({ replies });
  const client = await startToolServer(mock.baseUrl, ws, { extraConfig: `\n${typeof servers === 'function' ? servers(ws) : servers}`, env: { CODEX_TS_MCP_BACKOFF_MS: '50', ...env } });
  return {
    mock,
    ws,
    client,
    async close() {
      try {
        await client.close();
      } finally {
        await mock.close();
        ws.remove();
        rmSync(client.codexHome, { recursive: true, force: true });
      }
    },
  };
}

/** Starts a thread and waits until every named server reported ready (or failed). */
export async function threadWithServers(client: AppServerClient, cwd: string, names: readonly string[], extra: Json = {}): Promise<string> {
  const threadId = await startThread(client, cwd, extra);
  for (const name of names) await waitForStartup(client, threadId, name);
  return threadId;
}

export async function waitForStartup(client: AppServerClient, threadId: string | null, name: string, status: 'ready' | 'failed' = 'ready', from = 0, timeoutMs = 20_000): Promise<Json> {
  return client.waitForNotification('mcpServer/startupStatus/updated', (p) => p.name === name && p.threadId === threadId && (p.status === status || (status === 'ready' && p.status === 'failed')), timeoutMs, from);
}

/** mcp statuses as `name status` lines for order assertions. */
export function startupTrace(client: AppServerClient, from = 0): string[] {
  return client.notifications
    .slice(from)
    .filter((n) => n.method === 'mcpServer/startupStatus/updated')
    .map((n) => `${String(n.params.name)} ${String(n.params.status)}`);
}
