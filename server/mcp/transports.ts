// Builds the SDK transport for a configured MCP server: stdio (a child process with the configured
// command, args, cwd and environment: the SDK's safe default variables, then `env_vars` passed
// through from ours, then `env`; stderr piped into our log) or streamable HTTP (static headers,
// headers read from environment variables, a bearer token from `bearer_token_env_var`, and the
// OAuth provider from `authProviderFor`, the hook the OAuth module fills in).
import type { OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { McpServerConfig, McpTransportConfig } from './config';

/** Gives the OAuth provider of an HTTP server (undefined: no OAuth). Provided by server/mcp/oauth. */
export type AuthProviderFor = (serverName: string, url: string) => OAuthClientProvider | undefined;

export interface TransportOptions {
  readonly env: NodeJS.ProcessEnv;
  /** The thread's cwd: a relative `cwd` of a stdio server resolves against it. */
  readonly baseCwd: string;
  readonly authProviderFor?: AuthProviderFor;
  readonly onStderr?: (text: string) => void;
}

export class McpConfigError extends Error {}

type Stdio = Extract<McpTransportConfig, { type: 'stdio' }>;
type Http = Extract<McpTransportConfig, { type: 'streamableHttp' }>;

export function stdioEnvironment(config: Stdio, env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = getDefaultEnvironment();
  for (const name of config.envVars) {
    const value = env[name];
    if (value !== undefined) out[name] = value;
  }
  return { ...out, ...config.env };
}

export function httpHeaders(serverName: string, config: Http, env: NodeJS.ProcessEnv): Record<string, string> {
  const headers: Record<string, string> = { ...config.httpHeaders };
  for (const [header, variable] of Object.entries(config.envHttpHeaders)) {
    const value = env[variable];
    if (value) headers[header] = value;
  }
  if (config.bearerTokenEnvVar !== null) {
    const token = env[config.bearerTokenEnvVar];
    if (!token) throw new McpConfigError(`mcp_servers.${serverName}.bearer_token_env_var: environment variable ${config.bearerTokenEnvVar} is not set`);
    headers.Authorization = `Bearer ${token}`;
  }
  return headers;
}

/** The transport to connect `config` with; throws McpConfigError for what the config cannot give. */
export function createTransport(config: McpServerConfig, options: TransportOptions): Transport {
  const t = config.transport;
  if (t.type === 'stdio') {
    const transport = new StdioClientTransport({
      command: t.command,
      args: [...t.args],
      env: stdioEnvironment(t, options.env),
      cwd: t.cwd === null ? options.baseCwd : resolveCwd(options.baseCwd, t.cwd),
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (chunk: Buffer) => options.onStderr?.(chunk.toString('utf8')));
    return transport;
  }
  const authProvider = options.authProviderFor?.(config.name, t.url);
  return new StreamableHTTPClientTransport(new URL(t.url), {
    requestInit: { headers: httpHeaders(config.name, t, options.env) },
    ...(authProvider ? { authProvider } : {}),
  });
}

function resolveCwd(base: string, cwd: string): string {
  return cwd.startsWith('/') || /^[A-Za-z]:[\\/]/.test(cwd) ? cwd : `${base.replace(/[\\/]$/, '')}/${cwd}`;
}
