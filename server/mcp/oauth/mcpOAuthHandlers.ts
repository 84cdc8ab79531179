// mcpServer/oauth/login: finds the named streamable-HTTP server in the effective config (of the
// thread's cwd when a threadId is given), starts its OAuth login (loginFlow.ts, loaded on first
// use) and answers with the authorization URL; the outcome follows as mcpServer/oauthLogin/completed
// (success, or the error: provider refusal, failed exchange, timeout, a newer login for the server).
import { randomUUID } from 'node:crypto';
import type { McpServerOauthLoginCompleted } from '../../protocol/mcpOauth';
import { getPath, isTable, type TomlTable } from '../../config/tables';
import { invalidRequest } from '../../rpc/rpcError';
import type { HandlerMap } from '../../rpc/methodRouter';
import { credentialStoreFor, McpOAuthStoreError, type McpOAuthCredentialStore, type McpOAuthStoreMode } from './credentialStore';
import type * as LoginFlow from './loginFlow';

export interface McpOAuthLoginDeps {
  readonly codexHome: string;
  readonly notify: (method: 'mcpServer/oauthLogin/completed', params: McpServerOauthLoginCompleted) => void;
  /** The effective config table (for a thread's cwd when a thread id is given and loaded). */
  readonly configFor: (threadId: string | null) => TomlTable;
  readonly env: NodeJS.ProcessEnv;
}

/** Everything a login needs from the config for one server. */
export interface McpOAuthTarget {
  readonly url: string;
  readonly scopes: readonly string[];
  readonly headers: Readonly<Record<string, string>>;
  readonly store: McpOAuthCredentialStore;
  readonly callbackPort?: number;
  readonly callbackUrl?: string;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function stringMap(value: unknown): Record<string, string> {
  if (!isTable(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** Reads server `name` of an effective config table; throws an Error whose message the client sees. */
export function resolveOAuthTarget(table: TomlTable, name: string, codexHome: string, env: NodeJS.ProcessEnv, requestScopes?: readonly string[] | null): McpOAuthTarget {
  const server = getPath(table, ['mcp_servers', name]);
  if (!isTable(server)) throw new Error(`No MCP server named '${name}' found.`);
  if (typeof server.url !== 'string') throw new Error('OAuth login is only supported for streamable HTTP servers.');
  if (server.enabled === false) throw new Error(`MCP server '${name}' is disabled.`);
  try {
    new URL(server.url);
  } catch {
    throw new Error(`mcp_servers.${name}.url is not a valid URL: ${server.url}`);
  }
  const headers = stringMap(server.http_headers);
  for (const [header, variable] of Object.entries(stringMap(server.env_http_headers))) {
    const value = env[variable];
    if (value) headers[header] = value;
  }
  const port = table.mcp_oauth_callback_port;
  const callbackUrl = table.mcp_oauth_callback_url;
  return {
    url: server.url,
    scopes: requestScopes ?? strings(server.scopes),
    headers,
    store: credentialStoreFor(codexHome, table.mcp_oauth_credentials_store as McpOAuthStoreMode | undefined),
    ...(typeof port === 'number' && Number.isInteger(port) && port >= 1 && port <= 65535 ? { callbackPort: port } : {}),
    ...(typeof callbackUrl === 'string' && callbackUrl.length > 0 ? { callbackUrl } : {}),
  };
}

function loginFlow(): typeof LoginFlow {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the MCP SDK's auth code is loaded on the first login, not at start
  return require('./loginFlow') as typeof LoginFlow;
}

export function mcpOAuthHandlers(deps: McpOAuthLoginDeps) {
  /** The login each server is waiting on; a new one for the same server ends it. */
  const pending = new Map<string, { loginId: string; cancel: (reason: string) => void }>();

  return {
    'mcpServer/oauth/login': async (params) => {
      if (params.clientRegistration === 'cimd') {
        throw invalidRequest('clientRegistration "cimd" is not supported: codex-ts has no hosted client metadata document; use "dcr" or "auto"');
      }
      let target: McpOAuthTarget;
      try {
        target = resolveOAuthTarget(deps.configFor(params.threadId ?? null), params.name, deps.codexHome, deps.env, params.scopes);
      } catch (error) {
        throw invalidRequest(error instanceof McpOAuthStoreError || error instanceof Error ? error.message : String(error));
      }
      const flow = loginFlow();
      const timeoutMs = params.timeoutSecs !== null && params.timeoutSecs !== undefined ? Math.max(1, params.timeoutSecs) * 1000 : flow.DEFAULT_LOGIN_TIMEOUT_MS;
      pending.get(params.name)?.cancel(`a newer OAuth login for MCP server ${params.name} replaced this one`);
      let login: LoginFlow.McpOAuthLogin;
      try {
        login = await flow.startMcpOAuthLogin({
          serverName: params.name,
          serverUrl: target.url,
          store: target.store,
          scopes: target.scopes,
          timeoutMs,
          headers: target.headers,
          ...(target.callbackPort !== undefined ? { callbackPort: target.callbackPort } : {}),
          ...(target.callbackUrl !== undefined ? { callbackUrl: target.callbackUrl } : {}),
        });
      } catch (error) {
        throw invalidRequest(error instanceof Error ? error.message : String(error));
      }
      const loginId = randomUUID();
      pending.set(params.name, { loginId, cancel: login.cancel });
      const threadId = params.threadId ?? null;
      const done = (error: string | null): void => {
        if (pending.get(params.name)?.loginId === loginId) pending.delete(params.name);
        deps.notify('mcpServer/oauthLogin/completed', { name: params.name, success: error === null, error, loginId, threadId });
      };
      login.completion.then(
        () => done(null),
        (error: unknown) => done(error instanceof Error ? error.message : String(error)),
      );
      return { authorizationUrl: login.authorizationUrl, loginId };
    },
  } satisfies Partial<HandlerMap>;
}
