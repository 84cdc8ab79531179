// The config the tools run with, read off the effective config table of the thread's cwd (the
// config module owns parsing and layering; this only picks the keys the tools need) plus the wire
// API of the thread's provider (hosted tools such as web_search exist only on the Responses API).
import type { WireApi } from '../models';
import { DEFAULT_SHELL_ENVIRONMENT_POLICY, parseShellEnvironmentPolicy, type ShellEnvironmentPolicy } from './exec';

export type WebSearchMode = 'disabled' | 'cached' | 'live';

export interface ToolConfig {
  readonly wireApi: WireApi;
  /** `allow_login_shell` (default true). */
  readonly allowLoginShell: boolean;
  readonly shellEnvironmentPolicy: ShellEnvironmentPolicy;
  /** `tool_output_token_limit`: upper bound of max_output_tokens (unset: none). */
  readonly toolOutputTokenLimit: number | null;
  /** `background_terminal_max_timeout` (ms): the longest empty write_stdin poll. */
  readonly backgroundTerminalMaxTimeoutMs: number | null;
  /** `web_search`: disabled, cached (no live web access) or live. */
  readonly webSearch: WebSearchMode;
  /** `features.unified_exec` (default true): false offers the one-shot `shell` tool instead of exec_command/write_stdin. */
  readonly unifiedExec: boolean;
}

export const DEFAULT_TOOL_CONFIG: ToolConfig = Object.freeze({
  wireApi: 'responses',
  allowLoginShell: true,
  shellEnvironmentPolicy: DEFAULT_SHELL_ENVIRONMENT_POLICY,
  toolOutputTokenLimit: null,
  backgroundTerminalMaxTimeoutMs: null,
  webSearch: 'cached',
  unifiedExec: true,
});

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const positiveInt = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : null);

/**
 * Reads the tool keys of an effective config table; values of the wrong type fall back to defaults.
 * `web_search` defaults to live under full access and to cached otherwise (as the config docs say).
 */
export function toolConfigFromTable(table: Record<string, unknown>, wireApi: WireApi, fullAccess = false): ToolConfig {
  const policy = parseShellEnvironmentPolicy(table.shell_environment_policy);
  const features = isRecord(table.features) ? table.features : {};
  const webSearch = table.web_search;
  return {
    wireApi,
    allowLoginShell: typeof table.allow_login_shell === 'boolean' ? table.allow_login_shell : true,
    shellEnvironmentPolicy: policy.ok ? policy.policy : DEFAULT_SHELL_ENVIRONMENT_POLICY,
    toolOutputTokenLimit: positiveInt(table.tool_output_token_limit),
    backgroundTerminalMaxTimeoutMs: positiveInt(table.background_terminal_max_timeout),
    webSearch: webSearch === 'disabled' || webSearch === 'cached' || webSearch === 'live' ? webSearch : fullAccess ? 'live' : 'cached',
    unifiedExec: features.unified_exec !== false,
  };
}

/**
 * The tool config of a thread from its cwd's effective config table and its provider's wire API.
 * A provider that cannot be resolved counts as `responses`: the turn fails when its model client is
 * built, so the tool set does not matter then.
 */
export function threadToolConfig(table: Record<string, unknown>, wireApi: () => WireApi, fullAccess: boolean): ToolConfig {
  let api: WireApi = 'responses';
  try {
    api = wireApi();
  } catch {
    // Reported by the model client instead (see above).
  }
  return toolConfigFromTable(table, api, fullAccess);
}
