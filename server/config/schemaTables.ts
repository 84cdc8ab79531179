// Typed schemas of config.toml's sub-tables (approval policy forms, sandbox, shell environment, MCP
// servers, model providers, apps, agents, history, …), as documented by Codex's config reference.
// Strict objects where the documented key set is complete, so a typo is reported as an unknown key;
// loose ones where Codex has more keys than its docs list. schema.ts assembles the whole file.
import * as z from 'zod';

export const Str = z.string();
export const Bool = z.boolean();
export const Int = z.number().int();
export const NonNegInt = z.number().int().nonnegative();
export const StrList = z.array(z.string());
export const StrMap = z.record(z.string(), z.string());
/** A value Codex knows but that is not modelled here: accepted as is, never reported as unknown. */
export const Known = z.unknown();

export const AskForApprovalName = z.enum(['untrusted', 'on-failure', 'on-request', 'never']);
const GranularFlags = z.strictObject({
  sandbox_approval: Bool,
  rules: Bool,
  mcp_elicitations: Bool,
  skill_approval: Bool.optional(),
  request_permissions: Bool.optional(),
});
/** The documented `{ reject = { … } }` form: `true` auto-rejects that category of prompt. */
const RejectFlags = z.strictObject({
  sandbox_approval: Bool.optional(),
  rules: Bool.optional(),
  mcp_elicitations: Bool.optional(),
});
export const ApprovalPolicy = z.union([
  AskForApprovalName,
  z.strictObject({ granular: GranularFlags }),
  z.strictObject({ reject: RejectFlags }),
]);

export const SandboxModeName = z.enum(['read-only', 'workspace-write', 'danger-full-access']);
export const WebSearchModeName = z.enum(['disabled', 'cached', 'indexed', 'live']);
export const ReasoningSummaryName = z.enum(['auto', 'concise', 'detailed', 'none']);
export const VerbosityName = z.enum(['low', 'medium', 'high']);
export const PersonalityName = z.enum(['none', 'friendly', 'pragmatic']);
export const ApprovalsReviewerName = z.enum(['user', 'auto_review', 'guardian_subagent']);
export const AppToolApproval = z.enum(['auto', 'prompt', 'writes', 'approve']);

export const SandboxWorkspaceWrite = z.strictObject({
  writable_roots: StrList.optional(),
  network_access: Bool.optional(),
  exclude_tmpdir_env_var: Bool.optional(),
  exclude_slash_tmp: Bool.optional(),
});

export const ShellEnvironmentPolicy = z.strictObject({
  inherit: z.enum(['all', 'core', 'none']).optional(),
  ignore_default_excludes: Bool.optional(),
  exclude: StrList.optional(),
  set: StrMap.optional(),
  include_only: StrList.optional(),
  experimental_use_profile: Bool.optional(),
  filters: Known.optional(),
});

export const McpServer = z.looseObject({
  command: Str.optional(),
  args: StrList.optional(),
  env: StrMap.optional(),
  env_vars: StrList.optional(),
  cwd: Str.optional(),
  url: Str.optional(),
  bearer_token_env_var: Str.optional(),
  http_headers: StrMap.optional(),
  env_http_headers: StrMap.optional(),
  enabled: Bool.optional(),
  required: Bool.optional(),
  startup_timeout_sec: z.number().nonnegative().optional(),
  startup_timeout_ms: NonNegInt.optional(),
  tool_timeout_sec: z.number().nonnegative().optional(),
  enabled_tools: StrList.optional(),
  disabled_tools: StrList.optional(),
  scopes: StrList.optional(),
});

export const ModelProvider = z.looseObject({
  name: Str.optional(),
  base_url: Str.optional(),
  wire_api: z.enum(['responses', 'chat']).optional(),
  env_key: Str.optional(),
  env_key_instructions: Str.optional(),
  experimental_bearer_token: Str.optional(),
  http_headers: StrMap.optional(),
  env_http_headers: StrMap.optional(),
  query_params: StrMap.optional(),
  request_max_retries: NonNegInt.optional(),
  stream_max_retries: NonNegInt.optional(),
  stream_idle_timeout_ms: NonNegInt.optional(),
  requires_openai_auth: Bool.optional(),
});

const AppTool = z.strictObject({ enabled: Bool.optional(), approval_mode: AppToolApproval.optional() });
const AppsDefault = z.strictObject({
  enabled: Bool.optional(),
  destructive_enabled: Bool.optional(),
  open_world_enabled: Bool.optional(),
  default_tools_approval_mode: AppToolApproval.optional(),
  approvals_reviewer: ApprovalsReviewerName.optional(),
});
const App = z.looseObject({
  enabled: Bool.optional(),
  destructive_enabled: Bool.optional(),
  open_world_enabled: Bool.optional(),
  default_tools_enabled: Bool.optional(),
  default_tools_approval_mode: AppToolApproval.optional(),
  approvals_reviewer: ApprovalsReviewerName.optional(),
  disabled_reason: z.enum(['unknown', 'user']).optional(),
  tools: z.record(z.string(), AppTool).optional(),
});
/** `[apps._default]` plus one table per app id. */
export const Apps = z.strictObject({ _default: AppsDefault.optional() }).catchall(App);

const AgentRole = z.strictObject({
  description: Str.optional(),
  config_file: Str.optional(),
  nickname_candidates: StrList.optional(),
});
/** `[agents]` limits plus one `[agents.<role>]` table per role. */
export const Agents = z
  .strictObject({
    max_threads: NonNegInt.optional(),
    max_depth: NonNegInt.optional(),
    job_max_runtime_seconds: NonNegInt.optional(),
  })
  .catchall(AgentRole);

export const History = z.strictObject({
  persistence: z.enum(['save-all', 'none']).optional(),
  max_bytes: NonNegInt.optional(),
});

export const Tools = z.looseObject({
  web_search: z.union([Bool, z.record(z.string(), z.unknown())]).optional(),
  view_image: Bool.optional(),
});

export const Windows = z.looseObject({ sandbox: z.enum(['elevated', 'unelevated']).optional() });

export const Features = z.record(z.string(), z.union([Bool, z.record(z.string(), z.unknown())]));

export const Projects = z.record(z.string(), z.looseObject({ trust_level: z.enum(['trusted', 'untrusted']).optional() }));

export const Skills = z.looseObject({
  config: z.array(z.looseObject({ path: Str.optional(), enabled: Bool.optional() })).optional(),
});

export const Tui = z.looseObject({
  status_line: StrList.optional(),
  theme: Str.optional(),
  alternate_screen: Str.optional(),
});

export const Feedback = z.looseObject({ enabled: Bool.optional() });
