// One running MCP server, over the SDK client: connects within startup_timeout_sec, lists its tools
// (every page), lists resources on demand, runs tool calls with tool_timeout_sec, progress and
// abort, and hands server-initiated elicitations to the manager. When the server goes away on its
// own (crash, exit) the connection is marked failed and every call in flight fails with an error
// naming the server; `close()` ends it on purpose (stdin EOF, then SIGTERM, then SIGKILL).
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { CallToolResultSchema, ElicitRequestSchema, ToolListChangedNotificationSchema, type CallToolResult, type ElicitRequest, type ElicitResult, type Implementation, type Resource, type ResourceTemplate, type Tool } from '@modelcontextprotocol/sdk/types.js';
import type { McpServerConfig } from './config';
import { VERSION } from '../util/version';

export type ConnectionState = 'starting' | 'ready' | 'failed' | 'closed';

export interface ProgressUpdate {
  readonly progress: number;
  readonly total?: number | undefined;
  readonly message?: string | undefined;
}

export interface CallOptions {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (update: ProgressUpdate) => void;
}

export type ElicitHandler = (params: ElicitRequest['params'], signal: AbortSignal) => Promise<ElicitResult>;

export class McpCallError extends Error {}

const STDERR_TAIL = 2000;

export class McpConnection {
  state: ConnectionState = 'starting';
  error: string | null = null;
  tools: Tool[] = [];
  serverInfo: Implementation | null = null;
  private client: Client | null = null;
  private transport: Transport | null = null;
  private stderrTail = '';
  private closing = false;
  private readonly onExitListeners: ((error: string) => void)[] = [];

  constructor(
    readonly config: McpServerConfig,
    private readonly makeTransport: (onStderr: (text: string) => void) => Transport,
    private readonly onElicit: ElicitHandler,
  ) {}

  /** The child's pid for a stdio server (null for HTTP or before start). */
  get pid(): number | null {
    const t = this.transport as { pid?: number | null } | null;
    return typeof t?.pid === 'number' ? t.pid : null;
  }

  /** Called once if the server goes away on its own after it was ready. */
  onExit(listener: (error: string) => void): void {
    this.onExitListeners.push(listener);
  }

  /** Connects and lists tools; rejects (after cleaning up) with a message naming the server. */
  async start(): Promise<void> {
    const name = this.config.name;
    const client = new Client({ name: 'codex-ts', version: VERSION }, { capabilities: { elicitation: { form: {} } } });
    client.setRequestHandler(ElicitRequestSchema, (request, extra) => this.onElicit(request.params, extra.signal));
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => void this.refreshTools().catch(() => undefined));
    this.client = client;
    const deadline = this.config.startupTimeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new McpCallError(`MCP server "${name}" did not start within ${deadline / 1000}s (startup_timeout_sec)`)), deadline);
    });
    try {
      this.transport = this.makeTransport((text) => (this.stderrTail = (this.stderrTail + text).slice(-STDERR_TAIL)));
      await Promise.race([client.connect(this.transport), timeout]);
      this.serverInfo = client.getServerVersion() ?? null;
      this.tools = client.getServerCapabilities()?.tools ? await Promise.race([this.listAllTools(), timeout]) : [];
    } catch (error) {
      clearTimeout(timer);
      const message = error instanceof McpCallError ? error.message : this.describe(error, 'failed to start');
      this.state = 'failed';
      this.error = message;
      await this.close();
      this.state = 'failed';
      throw new McpCallError(message);
    }
    clearTimeout(timer);
    this.state = 'ready';
    client.onclose = () => this.lost();
  }

  private async listAllTools(): Promise<Tool[]> {
    const client = this.client;
    if (!client) return [];
    const tools: Tool[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.listTools(cursor ? { cursor } : undefined);
      tools.push(...page.tools);
      cursor = page.nextCursor;
    } while (cursor);
    return tools;
  }

  /** Re-reads the tool list (after notifications/tools/list_changed, or for a status refresh). */
  async refreshTools(): Promise<void> {
    if (this.state === 'ready' && this.client?.getServerCapabilities()?.tools) this.tools = await this.listAllTools();
  }

  async listResources(): Promise<{ resources: Resource[]; templates: ResourceTemplate[] }> {
    const client = this.requireClient();
    if (!client.getServerCapabilities()?.resources) return { resources: [], templates: [] };
    const resources: Resource[] = [];
    const templates: ResourceTemplate[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.listResources(cursor ? { cursor } : undefined, { timeout: this.config.startupTimeoutMs });
      resources.push(...page.resources);
      cursor = page.nextCursor;
    } while (cursor);
    do {
      const page = await client.listResourceTemplates(cursor ? { cursor } : undefined, { timeout: this.config.startupTimeoutMs });
      templates.push(...page.resourceTemplates);
      cursor = page.nextCursor;
    } while (cursor);
    return { resources, templates };
  }

  async readResource(uri: string): Promise<Awaited<ReturnType<Client['readResource']>>> {
    try {
      return await this.requireClient().readResource({ uri }, { timeout: this.config.toolTimeoutMs });
    } catch (error) {
      throw new McpCallError(this.describe(error, `reading ${uri} failed`));
    }
  }

  async callTool(tool: string, args: Record<string, unknown> | undefined, options: CallOptions): Promise<CallToolResult> {
    const client = this.requireClient();
    try {
      const result = await client.callTool({ name: tool, ...(args ? { arguments: args } : {}) }, CallToolResultSchema, {
        timeout: options.timeoutMs,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.onProgress ? { onprogress: options.onProgress } : {}),
      });
      return result as CallToolResult;
    } catch (error) {
      if (options.signal?.aborted) throw new McpCallError('the tool call was cancelled');
      const text = error instanceof Error ? error.message : String(error);
      if (/timed out/i.test(text) && this.state === 'ready') {
        throw new McpCallError(`tool call to "${this.config.name}/${tool}" timed out after ${options.timeoutMs / 1000}s (tool_timeout_sec)`);
      }
      throw new McpCallError(this.describe(error, `tool call to "${tool}" failed`));
    }
  }

  private requireClient(): Client {
    if (this.state !== 'ready' || !this.client) throw new McpCallError(`MCP server "${this.config.name}" is not running${this.error ? ` (${this.error})` : ''}`);
    return this.client;
  }

  /** The transport closed without close(): the server crashed or exited. */
  private lost(): void {
    if (this.closing || this.state !== 'ready') return;
    this.state = 'failed';
    const tail = this.stderrTail.trim().split('\n').slice(-3).join(' | ');
    this.error = `MCP server "${this.config.name}" exited unexpectedly${tail ? `: ${tail}` : ''}`;
    for (const listener of this.onExitListeners) listener(this.error);
  }

  /** A message for a failure: the server's own exit reason when it went away meanwhile. */
  private describe(error: unknown, what: string): string {
    if (this.state === 'failed' && this.error) return this.error;
    const text = error instanceof Error ? error.message : String(error);
    if (/connection closed/i.test(text)) {
      const tail = this.stderrTail.trim().split('\n').slice(-3).join(' | ');
      return `MCP server "${this.config.name}" closed the connection${tail ? `: ${tail}` : ''}`;
    }
    // An HTTP server that wants credentials: say so (the status then reports notLoggedIn).
    if (error instanceof StreamableHTTPError && error.code === 401) {
      return `MCP server "${this.config.name}": ${what}: HTTP 401 Unauthorized (log in with mcpServer/oauth/login): ${text}`;
    }
    return `MCP server "${this.config.name}": ${what}: ${text}`;
  }

  /** Ends the server (idempotent). */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    if (this.state !== 'failed') this.state = 'closed';
    try {
      await (this.client ? this.client.close() : this.transport?.close());
    } catch {
      // Already gone.
    }
  }

  /** Synchronous last resort (the app server is being killed): SIGKILL the child. */
  killNow(): void {
    const pid = this.pid;
    if (pid === null) return;
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}
