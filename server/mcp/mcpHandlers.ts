// The MCP client methods: mcpServerStatus/list (a thread's servers, or those of the server's own
// cwd config; cursor + limit), config/mcpServer/reload (re-read the config; loaded threads pick the
// new servers up on their next turn), mcpServer/resource/read and mcpServer/tool/call (a direct
// call from the client, under the server's tool_timeout_sec and enabled/disabled_tools).
import type { ClientRequestResults } from '../protocol/clientRequests';
import type { McpResourceContent, McpServerStatus } from '../protocol/mcp';
import type { HandlerMap } from '../rpc/methodRouter';
import { invalidRequest } from '../rpc/rpcError';
import { toolAllowed } from './config';
import type { McpManager, McpServerEntry } from './manager';
import type { McpThread, McpThreadLookup } from './mcpThread';
import { disabledStatus, entryStatus, invalidStatus, type AuthStatusFor } from './status';

export interface McpHandlerDeps {
  readonly manager: McpManager;
  readonly thread: McpThreadLookup;
  readonly authStatusFor?: AuthStatusFor;
}

const DEFAULT_LIMIT = 100;

export function mcpHandlers(deps: McpHandlerDeps) {
  const { manager } = deps;

  const loadedThread = (threadId: string): McpThread => {
    const thread = deps.thread(threadId);
    if (!thread) throw invalidRequest(`thread not found: ${threadId}`);
    return thread;
  };

  /** The entries a request is about: the thread's, or those of the server's cwd config. */
  const entriesFor = async (threadId: string | null | undefined): Promise<{ entries: McpServerEntry[]; extras: ReturnType<McpManager['extrasOf']> }> => {
    if (threadId) {
      const thread = loadedThread(threadId);
      const entries = manager.serversOf(thread.id, thread.settings.cwd);
      await Promise.all(entries.map((e) => manager.settled(e)));
      return { entries, extras: manager.extrasOf(thread.id) };
    }
    const { entries, invalid, disabled } = await manager.serversFor(process.cwd());
    return { entries, extras: { invalid, disabled } };
  };

  const entryNamed = async (threadId: string | null | undefined, server: string): Promise<McpServerEntry> => {
    const { entries } = await entriesFor(threadId);
    const entry = entries.find((e) => e.config.name === server);
    if (!entry) throw invalidRequest(`MCP server not found: ${server}`);
    if (entry.state !== 'ready') throw invalidRequest(`MCP server "${server}" is not running${entry.error ? `: ${entry.error}` : ''}`);
    return entry;
  };

  return {
    'mcpServerStatus/list': async (params) => {
      const { entries, extras } = await entriesFor(params?.threadId);
      const full = (params?.detail ?? 'full') === 'full';
      const wanted = params?.serverName ?? null;
      const statuses: McpServerStatus[] = [
        ...(await Promise.all(entries.filter((e) => wanted === null || e.config.name === wanted).map((e) => entryStatus(e, full, deps.authStatusFor)))),
        ...extras.disabled.filter((c) => wanted === null || c.name === wanted).map((c) => disabledStatus(c, deps.authStatusFor)),
        ...extras.invalid.filter((b) => wanted === null || b.name === wanted).map(invalidStatus),
      ].sort((a, b) => a.name.localeCompare(b.name));
      const start = params?.cursor ? Number.parseInt(params.cursor, 10) : 0;
      if (!Number.isSafeInteger(start) || start < 0) throw invalidRequest(`invalid cursor: ${params?.cursor}`);
      const limit = params?.limit && params.limit > 0 ? params.limit : DEFAULT_LIMIT;
      return { data: statuses.slice(start, start + limit), nextCursor: start + limit < statuses.length ? String(start + limit) : null };
    },

    'config/mcpServer/reload': async () => {
      await manager.reload();
      return {};
    },

    'mcpServer/resource/read': async (params) => {
      const entry = await entryNamed(params.threadId, params.server);
      const connection = entry.connection;
      if (!connection) throw invalidRequest(`MCP server "${params.server}" is not running`);
      try {
        const result = await connection.readResource(params.uri);
        return { contents: result.contents as McpResourceContent[] };
      } catch (error) {
        throw invalidRequest(error instanceof Error ? error.message : String(error));
      }
    },

    'mcpServer/tool/call': async (params): Promise<ClientRequestResults['mcpServer/tool/call']> => {
      const thread = loadedThread(params.threadId);
      const entry = await entryNamed(thread.id, params.server);
      if (!toolAllowed(entry.config, params.tool) || !entry.tools.some((t) => t.name === params.tool)) throw invalidRequest(`MCP tool not found: ${params.server}/${params.tool}`);
      const args = params.arguments !== null && typeof params.arguments === 'object' && !Array.isArray(params.arguments) ? (params.arguments as Record<string, unknown>) : undefined;
      const release = manager.trackCall(entry, { threadId: thread.id, turnId: thread.active?.turn.id ?? null });
      try {
        const connection = entry.connection;
        if (!connection) throw new Error(`MCP server "${params.server}" is not running`);
        const result = await connection.callTool(params.tool, args, { timeoutMs: entry.config.toolTimeoutMs });
        return {
          content: result.content,
          isError: result.isError ?? null,
          ...(result.structuredContent !== undefined ? { structuredContent: result.structuredContent } : {}),
          ...(result._meta !== undefined ? { _meta: result._meta } : {}),
        };
      } catch (error) {
        throw invalidRequest(error instanceof Error ? error.message : String(error));
      } finally {
        release();
      }
    },
  } satisfies Partial<HandlerMap>;
}
