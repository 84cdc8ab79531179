// The MCP client as the app server uses it: the manager over the effective config of each thread's
// cwd, elicitations routed to the client, the startup notifications, the method handlers, the tool
// handlers a turn offers, thread start (waits for `required` servers), and shutdown (servers are
// closed on stdin EOF; SIGTERM kills their processes before the app server goes).
import type { ConfigService } from '../config/configService';
import type { Logger } from '../log';
import type { MethodRouter } from '../rpc/methodRouter';
import type { LoadedThread, Notify } from '../threads/loadedThread';
import { mcpToolHandlers } from '../tools/mcpTool';
import type { ServerRequester, ToolHandler } from '../tools/types';
import { readMcpServers, type McpServersConfig } from './config';
import { createElicitationBroker } from './elicitation';
import { registerMcpHandlers } from './handlers';
import { McpManager } from './manager';
import type { AuthStatusFor } from './status';
import type { AuthProviderFor } from './transports';

export interface McpServiceDeps {
  readonly config: ConfigService;
  readonly notify: Notify;
  readonly request: ServerRequester;
  readonly thread: (threadId: string) => LoadedThread | undefined;
  readonly log: Logger;
  /** OAuth hooks (server/mcp/oauth): the provider for an HTTP server, and its login state. */
  readonly authProviderFor?: AuthProviderFor;
  readonly authStatusFor?: AuthStatusFor;
}

/** `mcp_servers` of the effective config for a cwd, each entry named by the file it comes from. */
export function mcpConfigFor(config: ConfigService, cwd: string): McpServersConfig {
  const effective = config.effective({ cwd });
  const sourceOf = (name: string): string => {
    for (const [key, origin] of effective.origins) {
      if (!key.startsWith(`mcp_servers.${name}.`)) continue;
      const layer = origin.layer;
      return layer.file ?? (layer.name.type === 'project' ? `${layer.name.dotCodexFolder}/config.toml` : layer.name.type);
    }
    return 'config.toml';
  };
  return readMcpServers(effective.table, sourceOf);
}

export class McpService {
  readonly manager: McpManager;

  constructor(private readonly deps: McpServiceDeps) {
    const backoff = Number(process.env.CODEX_TS_MCP_BACKOFF_MS);
    this.manager = new McpManager({
      configFor: (cwd) => mcpConfigFor(deps.config, cwd),
      onStatus: (threadId, name, status, error) => deps.notify('mcpServer/startupStatus/updated', { name, status, error, threadId }),
      elicit: createElicitationBroker({ request: deps.request, notify: deps.notify, thread: deps.thread, log: deps.log }),
      isLoaded: (threadId) => deps.thread(threadId) !== undefined,
      log: deps.log,
      ...(deps.authProviderFor ? { authProviderFor: deps.authProviderFor } : {}),
      ...(Number.isFinite(backoff) && backoff >= 0 ? { backoffBaseMs: backoff } : {}),
    });
  }

  register(router: MethodRouter): void {
    registerMcpHandlers(router, { manager: this.manager, thread: this.deps.thread, ...(this.deps.authStatusFor ? { authStatusFor: this.deps.authStatusFor } : {}) });
  }

  /** Starts the thread's servers; rejects when a `required` one cannot start. */
  async threadLoaded(thread: LoadedThread): Promise<void> {
    await this.manager.attach(thread.id, thread.settings.cwd);
  }

  /** The MCP tools a turn of this thread offers. */
  toolHandlers(thread: LoadedThread): ToolHandler[] {
    return mcpToolHandlers(this.manager, thread.id, thread.settings.cwd);
  }

  /** Ends every server: on SIGTERM at once (SIGKILL), then lets the app server die of the signal. */
  installSignalHandlers(): void {
    const onSignal = (signal: NodeJS.Signals): void => {
      this.manager.killAllNow();
      process.removeListener(signal, onSignal);
      process.kill(process.pid, signal);
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGHUP', onSignal);
  }

  shutdown(): Promise<void> {
    return this.manager.shutdown();
  }
}
