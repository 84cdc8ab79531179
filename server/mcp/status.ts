// One server's entry of `mcpServerStatus/list`: its (filtered) tools keyed by tool name, resources
// and resource templates (detail `full`), server info, HTTP origin, runtime status, the error when
// it failed, and its auth status (stdio: unsupported; HTTP: bearerToken with a configured token or
// Authorization header, oAuth with stored OAuth tokens, notLoggedIn when the server answered 401,
// else unsupported).
import type { Resource, ResourceTemplate, Tool } from '@modelcontextprotocol/sdk/types.js';
import type { McpAuthStatus, McpResourceInfo, McpResourceTemplateInfo, McpServerConnectionStatus, McpServerStatus, McpToolInfo } from '../protocol/mcp';
import type { InvalidMcpServerConfig, McpServerConfig } from './config';
import type { McpServerEntry } from './manager';

/** The OAuth module's view of an HTTP server's login (undefined: it has none to give). */
export type AuthStatusFor = (serverName: string, url: string) => McpAuthStatus | undefined;

function pick<T extends object>(value: T, keys: readonly string[]): Record<string, unknown> {
  const source = value as Record<string, unknown>;
  return Object.fromEntries(keys.filter((k) => source[k] !== undefined).map((k) => [k, source[k]]));
}

export const toolInfo = (tool: Tool): McpToolInfo => pick(tool, ['name', 'title', 'description', 'inputSchema', 'outputSchema', 'annotations', '_meta', 'icons']) as unknown as McpToolInfo;
const resourceInfo = (r: Resource): McpResourceInfo => pick(r, ['name', 'uri', 'title', 'description', 'mimeType', 'size', 'annotations', '_meta', 'icons']) as unknown as McpResourceInfo;
const templateInfo = (r: ResourceTemplate): McpResourceTemplateInfo => pick(r, ['name', 'uriTemplate', 'title', 'description', 'mimeType', 'annotations']) as unknown as McpResourceTemplateInfo;

export function authStatusOf(config: McpServerConfig, authStatusFor?: AuthStatusFor, error: string | null = null): McpAuthStatus {
  const t = config.transport;
  if (t.type === 'stdio') return 'unsupported';
  const headers = Object.keys({ ...t.httpHeaders, ...t.envHttpHeaders }).map((h) => h.toLowerCase());
  if (t.bearerTokenEnvVar !== null || headers.includes('authorization')) return 'bearerToken';
  const oauth = authStatusFor?.(config.name, t.url);
  if (oauth) return oauth;
  // A server that refused us for want of credentials needs a login (mcpServer/oauth/login).
  return error !== null && /\b401\b|unauthorized/i.test(error) ? 'notLoggedIn' : 'unsupported';
}

function httpOrigin(config: McpServerConfig): string | null {
  if (config.transport.type !== 'streamableHttp') return null;
  try {
    return new URL(config.transport.url).origin;
  } catch {
    return null;
  }
}

function runtimeStatus(entry: McpServerEntry): McpServerConnectionStatus {
  const state = entry.state;
  if (state === 'ready') return 'connected';
  if (state === 'closed') return 'notStarted';
  return state;
}

export async function entryStatus(entry: McpServerEntry, full: boolean, authStatusFor?: AuthStatusFor): Promise<McpServerStatus> {
  const connection = entry.connection;
  let resources: McpResourceInfo[] = [];
  let resourceTemplates: McpResourceTemplateInfo[] = [];
  if (full && connection?.state === 'ready') {
    const listed = await connection.listResources().catch(() => ({ resources: [], templates: [] }));
    resources = listed.resources.map(resourceInfo);
    resourceTemplates = listed.templates.map(templateInfo);
  }
  const info = connection?.serverInfo;
  return {
    name: entry.config.name,
    authStatus: authStatusOf(entry.config, authStatusFor, entry.state === 'failed' ? entry.error : null),
    tools: Object.fromEntries(entry.tools.map((t) => [t.name, toolInfo(t)])),
    resources,
    resourceTemplates,
    runtimeStatus: runtimeStatus(entry),
    serverInfo: info ? { name: info.name, version: info.version, ...(info.title !== undefined ? { title: info.title } : {}) } : null,
    httpOrigin: httpOrigin(entry.config),
    pluginId: null,
    toolsError: entry.state === 'failed' ? entry.error : null,
  };
}

export function disabledStatus(config: McpServerConfig, authStatusFor?: AuthStatusFor): McpServerStatus {
  return { name: config.name, authStatus: authStatusOf(config, authStatusFor), tools: {}, resources: [], resourceTemplates: [], runtimeStatus: 'disabled', serverInfo: null, httpOrigin: httpOrigin(config), pluginId: null, toolsError: null };
}

export function invalidStatus(bad: InvalidMcpServerConfig): McpServerStatus {
  return { name: bad.name, authStatus: 'unknown', tools: {}, resources: [], resourceTemplates: [], runtimeStatus: 'failed', serverInfo: null, httpOrigin: null, pluginId: null, toolsError: bad.error };
}
