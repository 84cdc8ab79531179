// The MCP client as the app server uses it: the manager over the effective config of each thread's
// cwd, elicitations routed to the client, the startup notifications, the method handlers, thread
// start (waits for `required` servers), and shutdown (servers are closed on stdin EOF; SIGTERM
// kills their processes before the app server goes). The tools a turn offers are built from the
// manager on the tools side (tools/mcp/mcpTool.ts).
import type { ConfigService } from '../config/configService';
import type { Logger } from '../util/log';
import { invalidRequest } from '../rpc/rpcError';
import type { Notify, ServerRequester } from '../protocol/senders';
import { readMcpServers, type McpServersConfig } from './config';
import { createElicitationBroker } from './elicitation';
import { mcpHandlers } from './mcpHandlers';
import { McpManager } from './manager';
import type { McpThread, McpThreadLookup } from './mcpThread';
import type { AuthStatusFor } from './status';
import type { AuthProviderFor } from './transports';
import type * as ClientProviderModule from './oauth/clientProvider';
import { credentialStoreFor, type McpOAuthStoreMode } from './oauth/credentialStore';

export interface McpServiceDeps {
  readonly config: ConfigService;
  readonly notify: Notify;
  readonly request: ServerRequester;
  readonly thread: McpThreadLookup;
  readonly log: Logger;
  /** Where the OAuth module (server/mcp/oauth) keeps tokens; no OAuth without it. */
  readonly codexHome?: string;
}

function storeMode(config: ConfigService): McpOAuthStoreMode | undefined {
  const mode = config.effective().table.mcp_oauth_credentials_store;
  return mode === 'auto' || mode === 'file' || mode === 'keyring' ? mode : undefined;
}

/** The OAuth hooks: the stored-credentials provider of an HTTP server, and whether it has tokens. */
function oauthHooks(config: ConfigService, codexHome: string): { authProviderFor: AuthProviderFor; authStatusFor: AuthStatusFor } {
  return {
    // The provider module (and the SDK's auth code) is evaluated when an HTTP server first connects.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred evaluation
    authProviderFor: (serverName, url) => (require('./oauth/clientProvider') as typeof ClientProviderModule).createAuthProviderFor(codexHome, () => storeMode(config))(serverName, url),
    authStatusFor: (serverName, url) => {
      try {
        return credentialStoreFor(codexHome, storeMode(config)).load(serverName, url) ? 'oAuth' : undefined;
      } catch {
        return undefined;
      }
    },
  };
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
  private readonly authStatusFor: AuthStatusFor | undefined;

  constructor(private readonly deps: McpServiceDeps) {
    const oauth = deps.codexHome !== undefined ? oauthHooks(deps.config, deps.codexHome) : undefined;
    this.authStatusFor = oauth?.authStatusFor;
    const backoff = Number(process.env.CODEX_TS_MCP_BACKOFF_MS);
    this.manager = new McpManager({
      configFor: (cwd) => mcpConfigFor(deps.config, cwd),
      onStatus: (threadId, name, status, error) => deps.notify('mcpServer/startupStatus/updated', { name, status, error, threadId }),
      elicit: createElicitationBroker({ request: deps.request, notify: deps.notify, thread: deps.thread, log: deps.log }),
      isLoaded: (threadId) => deps.thread(threadId) !== undefined,
      log: deps.log,
      ...(oauth ? { authProviderFor: oauth.authProviderFor } : {}),
      ...(Number.isFinite(backoff) && backoff >= 0 ? { backoffBaseMs: backoff } : {}),
    });
  }

  /** The MCP client methods, over this service's servers. */
  handlers(): ReturnType<typeof mcpHandlers> {
    return mcpHandlers({ manager: this.manager, thread: this.deps.thread, ...(this.authStatusFor ? { authStatusFor: this.authStatusFor } : {}) });
  }

  /** Starts the thread's servers; rejects when a `required` one cannot start. */
  async threadLoaded(thread: McpThread): Promise<void> {
    try {
      await this.manager.attach(thread.id, thread.settings.cwd);
    } catch (error) {
      throw invalidRequest(error instanceof Error ? error.message : String(error));
    }
  }

  /** The thread unloaded (thread/closed): servers no other thread uses stop. */
  threadClosed(threadId: string): void {
    this.manager.detach(threadId);
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
