// `[mcp_servers.<name>]` of the effective config, read into typed server configs: stdio (command,
// args, env, env_vars, cwd) or streamable HTTP (url, bearer_token_env_var, http_headers,
// env_http_headers), plus enabled / required / startup_timeout_sec (10) / tool_timeout_sec (60) /
// enabled_tools then disabled_tools. Requirements have already disabled servers outside their
// identity allow-list (config/applyRequirements.ts). A broken entry becomes an `invalid` config
// whose error names the file and key, so the server shows as failed instead of breaking the thread.
import * as z from 'zod';
import { isTable, type TomlTable } from '../config/tables';
import { lazy } from '../util/lazy';

export const DEFAULT_STARTUP_TIMEOUT_SEC = 10;
export const DEFAULT_TOOL_TIMEOUT_SEC = 60;

export type McpTransportConfig =
  | { readonly type: 'stdio'; readonly command: string; readonly args: readonly string[]; readonly env: Readonly<Record<string, string>>; readonly envVars: readonly string[]; readonly cwd: string | null }
  | {
      readonly type: 'streamableHttp';
      readonly url: string;
      readonly bearerTokenEnvVar: string | null;
      readonly httpHeaders: Readonly<Record<string, string>>;
      readonly envHttpHeaders: Readonly<Record<string, string>>;
    };

export interface McpServerConfig {
  readonly name: string;
  readonly transport: McpTransportConfig;
  readonly enabled: boolean;
  readonly required: boolean;
  readonly startupTimeoutMs: number;
  readonly toolTimeoutMs: number;
  readonly enabledTools: readonly string[] | null;
  readonly disabledTools: readonly string[];
  /** Where the entry comes from (`/home/u/.codex/config.toml`), for messages. */
  readonly source: string;
  /** Equal for two identical entries (a reload keeps such a server running; any change restarts it). */
  readonly fingerprint: string;
}

export interface InvalidMcpServerConfig {
  readonly name: string;
  readonly error: string;
  readonly required: boolean;
}

export interface McpServersConfig {
  readonly servers: readonly McpServerConfig[];
  readonly invalid: readonly InvalidMcpServerConfig[];
}

/** Built on first use (no zod work at server start). */
const entrySchema = lazy(() => {
  const StrMap = z.record(z.string(), z.string());
  return z.object({
    command: z.string().min(1).optional(),
    args: z.array(z.string()).optional(),
    env: StrMap.optional(),
    env_vars: z.array(z.string()).optional(),
    cwd: z.string().optional(),
    url: z.url().optional(),
    bearer_token_env_var: z.string().min(1).optional(),
    http_headers: StrMap.optional(),
    env_http_headers: StrMap.optional(),
    enabled: z.boolean().optional(),
    required: z.boolean().optional(),
    startup_timeout_sec: z.number().positive().optional(),
    startup_timeout_ms: z.number().int().positive().optional(),
    tool_timeout_sec: z.number().positive().optional(),
    enabled_tools: z.array(z.string()).optional(),
    disabled_tools: z.array(z.string()).optional(),
  });
});

/** The file a server's entry comes from, given the dotted-key → file map of the effective config. */
export type SourceOf = (name: string) => string;

/** Parses `mcp_servers` of an effective config table. */
export function readMcpServers(table: TomlTable, sourceOf: SourceOf = () => 'config.toml'): McpServersConfig {
  const servers: McpServerConfig[] = [];
  const invalid: InvalidMcpServerConfig[] = [];
  const section = table.mcp_servers;
  if (!isTable(section)) return { servers, invalid };
  for (const [name, raw] of Object.entries(section)) {
    const source = sourceOf(name);
    const required = isTable(raw) && raw.required === true;
    const fail = (key: string | null, message: string): void => {
      invalid.push({ name, required, error: `${source}: mcp_servers.${name}${key ? `.${key}` : ''}: ${message}` });
    };
    const parsed = entrySchema().safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      fail(issue?.path.map(String).join('.') || null, issue?.message ?? 'invalid entry');
      continue;
    }
    const e = parsed.data;
    if (e.command !== undefined && e.url !== undefined) {
      fail(null, 'set either `command` (stdio) or `url` (streamable HTTP), not both');
      continue;
    }
    let transport: McpTransportConfig;
    if (e.command !== undefined) {
      transport = { type: 'stdio', command: e.command, args: e.args ?? [], env: e.env ?? {}, envVars: e.env_vars ?? [], cwd: e.cwd ?? null };
    } else if (e.url !== undefined) {
      transport = {
        type: 'streamableHttp',
        url: e.url,
        bearerTokenEnvVar: e.bearer_token_env_var ?? null,
        httpHeaders: e.http_headers ?? {},
        envHttpHeaders: e.env_http_headers ?? {},
      };
    } else {
      fail(null, 'missing `command` (stdio) or `url` (streamable HTTP)');
      continue;
    }
    const startupTimeoutMs = e.startup_timeout_sec !== undefined ? e.startup_timeout_sec * 1000 : (e.startup_timeout_ms ?? DEFAULT_STARTUP_TIMEOUT_SEC * 1000);
    const settings = {
      name,
      transport,
      enabled: e.enabled ?? true,
      required: e.required ?? false,
      startupTimeoutMs,
      toolTimeoutMs: (e.tool_timeout_sec ?? DEFAULT_TOOL_TIMEOUT_SEC) * 1000,
      enabledTools: e.enabled_tools ?? null,
      disabledTools: e.disabled_tools ?? [],
    };
    servers.push({ ...settings, source, fingerprint: JSON.stringify(settings) });
  }
  return { servers, invalid };
}

/** enabled_tools (when set) is the allow-list; disabled_tools is applied after it. */
export function toolAllowed(config: Pick<McpServerConfig, 'enabledTools' | 'disabledTools'>, tool: string): boolean {
  if (config.enabledTools !== null && !config.enabledTools.includes(tool)) return false;
  return !config.disabledTools.includes(tool);
}
