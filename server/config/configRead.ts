// The config/read answer: the effective config shaped as the real Codex 0.169 reports it (every
// known key present, null when unset, the same built-in defaults filled in, unknown keys kept),
// the origin of every leaf value, and optionally the layers, highest precedence first.
import type { ConfigLayer, ConfigLayerMetadata, ConfigReadResult } from '../protocol/config';
import type { EffectiveConfig } from './effectiveConfig';
import { layerForWire, layerMetadata, type LayerEntry } from './layers';
import { configSchema } from './lazySchemas';
import { isTable, mergeTables, toJsonValue, type TomlTable } from './tables';

/** Defaults the real server fills in when a key is unset (observed with codex 0.169). */
const READ_DEFAULTS: TomlTable = {
  history: { persistence: 'save-all', max_bytes: null },
  project_doc_max_bytes: 32768,
  project_doc_fallback_filenames: [],
  project_root_markers: ['.git'],
  cli_auth_credentials_store: 'file',
  mcp_oauth_credentials_store: 'auto',
  background_terminal_max_timeout: 300000,
  chatgpt_base_url: 'https://chatgpt.com/backend-api/',
  file_opener: 'vscode',
  hide_agent_reasoning: false,
  allow_login_shell: true,
  include_permissions_instructions: true,
  include_apps_instructions: true,
  include_environment_context: true,
  include_environment_context_time: true,
  include_collaboration_mode_instructions: true,
  profiles: {},
  mcp_servers: {},
  model_providers: {},
  plugins: {},
  marketplaces: {},
  shell_environment_policy: {
    inherit: null,
    ignore_default_excludes: null,
    exclude: null,
    set: null,
    include_only: null,
    filters: null,
    experimental_use_profile: null,
  },
};

/** Sub-table defaults filled in when the table itself is present. */
const TABLE_DEFAULTS: Readonly<Record<string, TomlTable>> = {
  sandbox_workspace_write: { writable_roots: [], network_access: false, exclude_tmpdir_env_var: false, exclude_slash_tmp: false },
};

export function configForWire(table: TomlTable): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of configSchema().TOP_LEVEL_KEYS) out[key] = null;
  Object.assign(out, structuredClone(READ_DEFAULTS));
  const effective = toJsonValue(table) as TomlTable;
  for (const [key, value] of Object.entries(effective)) {
    const base = out[key];
    const tableDefault = TABLE_DEFAULTS[key];
    if (tableDefault && isTable(value)) out[key] = mergeTables(tableDefault, value);
    else out[key] = isTable(base) && isTable(value) ? mergeTables(base, value) : value;
  }
  // The deprecated `on-failure` has no wire form: the real server shows it as `on-request`.
  if (out.approval_policy === 'on-failure') out.approval_policy = 'on-request';
  const profiles = out.profiles;
  if (isTable(profiles)) {
    for (const [name, profile] of Object.entries(profiles)) {
      if (isTable(profile) && profile.approval_policy === 'on-failure') out.profiles = { ...(out.profiles as TomlTable), [name]: { ...profile, approval_policy: 'on-request' } };
    }
  }
  // The deprecated boolean `tools.web_search` has no wire form (the protocol wants its options table).
  const tools = out.tools;
  if (isTable(tools) && typeof tools.web_search === 'boolean') out.tools = { ...tools, web_search: null };
  return out;
}

/** Layers worth listing: system and user always, the others when they exist (as Codex does). */
function listed(layer: LayerEntry): boolean {
  if (layer.kind === 'request') return false;
  if (layer.kind === 'system' || layer.kind === 'user') return true;
  return layer.exists;
}

export function configReadResult(config: EffectiveConfig, includeLayers: boolean): ConfigReadResult {
  const origins: Record<string, ConfigLayerMetadata> = {};
  for (const [key, origin] of config.origins) {
    if (origin.layer.kind !== 'request') origins[key] = layerMetadata(origin.layer);
  }
  const layers: ConfigLayer[] | null = includeLayers ? [...config.layers].reverse().filter(listed).map(layerForWire) : null;
  return { config: configForWire(config.table), origins, layers };
}
