// The typed schema of config.toml: every documented key with its type (sub-tables in
// schemaTables.ts), plus the keys the real Codex 0.169 knows but that are not modelled here
// (accepted untyped, so a valid Codex config never gets "unknown key" warnings). Profiles take the
// same keys as the top level, minus the ones that only make sense there.
import * as z from 'zod';
import {
  Agents,
  ApprovalPolicy,
  ApprovalsReviewerName,
  Apps,
  Bool,
  Features,
  Feedback,
  History,
  Int,
  Known,
  McpServer,
  ModelProvider,
  NonNegInt,
  PersonalityName,
  Projects,
  ReasoningSummaryName,
  SandboxModeName,
  SandboxWorkspaceWrite,
  ShellEnvironmentPolicy,
  Skills,
  Str,
  StrList,
  Tools,
  Tui,
  VerbosityName,
  WebSearchModeName,
  Windows,
} from './schemaTables';

const typed = {
  model: Str,
  review_model: Str,
  model_provider: Str,
  model_providers: z.record(z.string(), ModelProvider),
  model_context_window: NonNegInt,
  model_auto_compact_token_limit: Int,
  model_auto_compact_token_limit_scope: z.enum(['total', 'body_after_prefix']),
  model_catalog_json: Str,
  model_reasoning_effort: z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']),
  plan_mode_reasoning_effort: z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']),
  model_reasoning_summary: ReasoningSummaryName,
  model_verbosity: VerbosityName,
  model_supports_reasoning_summaries: Bool,
  model_instructions_file: Str,
  base_instructions: Str,
  developer_instructions: Str,
  instructions: Str,
  compact_prompt: Str,
  experimental_compact_prompt_file: Str,
  personality: PersonalityName,
  service_tier: Str,
  approval_policy: ApprovalPolicy,
  approvals_reviewer: ApprovalsReviewerName,
  sandbox_mode: SandboxModeName,
  sandbox_workspace_write: SandboxWorkspaceWrite,
  shell_environment_policy: ShellEnvironmentPolicy,
  allow_login_shell: Bool,
  background_terminal_max_timeout: NonNegInt,
  tool_output_token_limit: NonNegInt,
  web_search: WebSearchModeName,
  tools: Tools,
  features: Features,
  mcp_servers: z.record(z.string(), McpServer),
  mcp_oauth_credentials_store: z.enum(['auto', 'file', 'keyring']),
  mcp_oauth_callback_port: z.number().int().min(1).max(65535),
  mcp_oauth_callback_url: Str,
  apps: Apps,
  agents: Agents,
  skills: Skills,
  history: History,
  notify: StrList,
  project_doc_max_bytes: NonNegInt,
  project_doc_fallback_filenames: StrList,
  project_root_markers: StrList,
  windows: Windows,
  windows_wsl_setup_acknowledged: Bool,
  log_dir: Str,
  sqlite_home: Str,
  chatgpt_base_url: Str,
  openai_base_url: Str,
  cli_auth_credentials_store: z.enum(['file', 'keyring', 'auto', 'ephemeral']),
  forced_login_method: z.enum(['chatgpt', 'api']),
  forced_chatgpt_workspace_id: z.union([Str, StrList]),
  check_for_update_on_startup: Bool,
  suppress_unstable_features_warning: Bool,
  hide_agent_reasoning: Bool,
  show_raw_agent_reasoning: Bool,
  disable_paste_burst: Bool,
  file_opener: z.enum(['vscode', 'vscode-insiders', 'windsurf', 'cursor', 'none']),
  oss_provider: z.enum(['lmstudio', 'ollama']),
  include_apply_patch_tool: Bool,
  experimental_use_unified_exec_tool: Bool,
  experimental_use_freeform_apply_patch: Bool,
  tui: Tui,
  feedback: Feedback,
};

/** Known to Codex 0.169 (its config/read lists them) but not modelled: accepted as they are. */
const untypedKnown = [
  'analytics', 'browser_use', 'computer_use', 'desktop', 'orchestrator', 'experimental_realtime_ws_model',
  'plugins', 'include_permissions_instructions', 'marketplaces', 'allow_symlinked_codex_home',
  'include_apps_instructions', 'permissions', 'model_post_turn_compact_threshold_percent', 'daybreak',
  'apps_mcp_product_sku', 'auto_review', 'realtime', 'include_environment_context_time',
  'include_environment_context', 'memories', 'mcp_optional_startup_grace_ms',
  'experimental_realtime_ws_backend_prompt', 'js_repl_node_module_dirs',
  'include_collaboration_mode_instructions', 'thread_unload_delay_secs', 'experimental_realtime_ws_base_url',
  'goals', 'mcp_enterprise_managed_auth', 'experimental_thread_store_endpoint', 'audio',
  'experimental_realtime_start_instructions', 'js_repl_node_path', 'cloud',
  'experimental_realtime_ws_startup_context', 'experimental_thread_store', 'ghost_snapshot', 'otel',
  'default_permissions', 'tool_suggest', 'hooks', 'experimental_realtime_webrtc_call_base_url',
  'responses_api_metadata', 'notice', 'client_search_provider', 'forced_chatgpt_workspace_ids',
] as const;

const knownShape = Object.fromEntries(untypedKnown.map((key) => [key, Known])) as Record<(typeof untypedKnown)[number], typeof Known>;

function optionalShape<T extends Record<string, z.ZodType>>(shape: T): { [K in keyof T]: z.ZodOptional<T[K]> } {
  const out: Record<string, z.ZodType> = {};
  for (const [key, schema] of Object.entries(shape)) out[key] = schema.optional();
  return out as { [K in keyof T]: z.ZodOptional<T[K]> };
}

const layerShape = optionalShape({ ...typed, ...knownShape });

/** One `[profiles.<name>]` table: the top-level keys that a profile may set. */
export const ProfileSchema = z.strictObject(layerShape);

/** A whole config.toml layer (system, user, project, managed, overrides). */
export const ConfigLayerSchema = z.strictObject({
  ...layerShape,
  profile: Str.optional(),
  profiles: z.record(z.string(), ProfileSchema).optional(),
  projects: Projects.optional(),
});
export type ConfigLayerToml = z.infer<typeof ConfigLayerSchema>;

/** The keys the top level accepts (for config/read's null-filled output). */
export const TOP_LEVEL_KEYS: readonly string[] = Object.keys(ConfigLayerSchema.shape);
