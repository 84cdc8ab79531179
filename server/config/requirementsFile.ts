// Admin requirements: reads requirements.toml (allowed approval policies, sandbox modes and web
// search modes, the MCP server identity allow-list, `[rules] prefix_rules`, network policy), adds
// the legacy single-value constraints of managed_config.toml, and renders the result as the
// `configRequirements/read` answer. Constraining a config with them is applyRequirements.ts's job.
import { hostname } from 'node:os';
import * as z from 'zod';
import type { AskForApproval, SandboxMode } from '../protocol/common';
import type { ConfigRequirements, NetworkRequirements, WebSearchMode } from '../protocol/config';
import { configTables } from './lazySchemas';
import { getPath, isTable, tableVersion, type TomlTable } from './tables';
import type { ConfigProblem, TomlFileResult } from './tomlFile';
import { INTERPRETED, validateLayer } from './validateLayer';

/** requirements.toml's schemas, built on first use like the config schema (lazySchemas.ts). */
function buildSchemas() {
  const { Bool, Known, SandboxModeName, Str, StrList, WebSearchModeName } = configTables();
  const Identity = z.union([z.strictObject({ command: Str }), z.strictObject({ url: Str })]);
  const RequirementsSchema = z.strictObject({
    allowed_approval_policies: z.array(z.enum(['untrusted', 'on-failure', 'on-request', 'never', 'reject', 'granular'])).optional(),
    allowed_sandbox_modes: z.array(SandboxModeName).optional(),
    allowed_web_search_modes: z.array(WebSearchModeName).optional(),
    enforce_residency: z.enum(['us']).optional(),
    allow_login_shell: Bool.optional(),
    mcp_servers: z.record(z.string(), z.strictObject({ identity: Identity })).optional(),
    rules: z.looseObject({ prefix_rules: Known.optional() }).optional(),
    network: z.record(z.string(), Known).optional(),
    remote_sandbox_config: z.array(z.strictObject({ hostname_patterns: StrList, allowed_sandbox_modes: z.array(SandboxModeName) })).optional(),
    permissions: Known.optional(),
    plugin_sharing: Bool.optional(),
    feature_requirements: Known.optional(),
  });
  const PatternElement = z.union([z.strictObject({ token: Str }), z.strictObject({ any_of: StrList })]);
  const PrefixRuleSchema = z.strictObject({
    pattern: z.array(PatternElement).min(1),
    decision: z.enum(['prompt', 'forbidden']),
    justification: Str.optional(),
  });
  return { RequirementsSchema, PrefixRuleSchema };
}

let schemas: ReturnType<typeof buildSchemas> | null = null;
const requirementsSchemas = (): ReturnType<typeof buildSchemas> => (schemas ??= buildSchemas());

export type PrefixRule = z.infer<ReturnType<typeof buildSchemas>['PrefixRuleSchema']>;

export type ApprovalPolicyName = 'untrusted' | 'on-request' | 'never' | 'granular';

export interface Requirements {
  readonly file: string;
  readonly version: string;
  readonly allowedApprovalPolicies: readonly ApprovalPolicyName[] | null;
  readonly allowedSandboxModes: readonly SandboxMode[] | null;
  readonly allowedWebSearchModes: readonly WebSearchMode[] | null;
  /** Server name → identity; null when requirements say nothing about MCP servers. */
  readonly mcpServers: Readonly<Record<string, { command?: string; url?: string }>> | null;
  readonly prefixRules: readonly PrefixRule[];
  readonly network: TomlTable | null;
  readonly enforceResidency: 'us' | null;
  readonly allowLoginShell: boolean | null;
}

export interface LoadedRequirements {
  readonly requirements: Requirements | null;
  readonly problems: readonly ConfigProblem[];
}

function approvalName(value: string): ApprovalPolicyName {
  if (value === 'on-failure') return 'on-request';
  if (value === 'reject') return 'granular';
  return value as ApprovalPolicyName;
}

/** `*` any run, `?` one character, case-insensitive (as the docs define hostname_patterns). */
function hostMatches(pattern: string, host: string): boolean {
  const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return regex.test(host);
}

function readPrefixRules(table: TomlTable, file: string, problems: ConfigProblem[]): PrefixRule[] {
  const raw = getPath(table, ['rules', 'prefix_rules']);
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    problems.push({ file, line: null, column: null, key: 'rules.prefix_rules', message: 'expected an array of rules; ignored', severity: 'error' });
    return [];
  }
  const rules: PrefixRule[] = [];
  raw.forEach((entry: unknown, index) => {
    const parsed = requirementsSchemas().PrefixRuleSchema.safeParse(entry, INTERPRETED);
    if (parsed.success) rules.push(parsed.data);
    else {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? `.${issue.path.map(String).join('.')}` : '';
      // Only prompt|forbidden are allowed: an admin rule can restrict, never allow.
      problems.push({ file, line: null, column: null, key: `rules.prefix_rules.${index}${where}`, message: `${issue?.message ?? 'invalid rule'}; this rule is ignored`, severity: 'error' });
    }
  });
  return rules;
}

/**
 * Builds the requirements from requirements.toml plus managed_config.toml's legacy fields
 * (`approval_policy` / `sandbox_mode` there allow only that one value), which only fill fields
 * requirements.toml left unset: per field, the earlier source wins, even with an empty list.
 */
export function loadRequirements(file: string, result: TomlFileResult, managed: TomlTable | null, host = hostname()): LoadedRequirements {
  const problems: ConfigProblem[] = [];
  let table: TomlTable = {};
  let present = false;
  if (result.kind === 'broken') problems.push({ ...result.problem, message: `${result.problem.message}; requirements.toml is ignored` });
  if (result.kind === 'loaded') {
    const validated = validateLayer(result.table, file, result.text, requirementsSchemas().RequirementsSchema);
    problems.push(...validated.problems);
    table = validated.table;
    present = true;
  }
  const prefixRules = readPrefixRules(table, file, problems);
  const remote = Array.isArray(table.remote_sandbox_config) ? (table.remote_sandbox_config as { hostname_patterns: string[]; allowed_sandbox_modes: SandboxMode[] }[]) : [];
  const hostRule = remote.find((entry) => entry.hostname_patterns.some((pattern) => hostMatches(pattern, host)));
  let approvals = Array.isArray(table.allowed_approval_policies) ? [...new Set((table.allowed_approval_policies as string[]).map(approvalName))] : null;
  let sandboxes = hostRule ? hostRule.allowed_sandbox_modes : Array.isArray(table.allowed_sandbox_modes) ? (table.allowed_sandbox_modes as SandboxMode[]) : null;
  if (managed) {
    const legacyApproval = managed.approval_policy;
    if (approvals === null && legacyApproval !== undefined) approvals = [isTable(legacyApproval) ? 'granular' : approvalName(String(legacyApproval))];
    if (sandboxes === null && typeof managed.sandbox_mode === 'string') sandboxes = [managed.sandbox_mode as SandboxMode];
  }
  const mcp = isTable(table.mcp_servers) ? (table.mcp_servers as Record<string, { identity: { command?: string; url?: string } }>) : null;
  const webSearch = Array.isArray(table.allowed_web_search_modes) ? (table.allowed_web_search_modes as WebSearchMode[]) : null;
  const anything = present || approvals !== null || sandboxes !== null;
  if (!anything) return { requirements: null, problems };
  return {
    problems,
    requirements: {
      file,
      version: tableVersion(table),
      allowedApprovalPolicies: approvals as ApprovalPolicyName[] | null,
      allowedSandboxModes: sandboxes,
      // `disabled` is always allowed, and an empty list means only `disabled`.
      allowedWebSearchModes: webSearch === null ? null : [...new Set<WebSearchMode>([...webSearch, 'disabled'])],
      mcpServers: mcp === null ? null : Object.fromEntries(Object.entries(mcp).map(([name, entry]) => [name, entry.identity])),
      prefixRules,
      network: isTable(table.network) ? table.network : null,
      enforceResidency: table.enforce_residency === 'us' ? 'us' : null,
      allowLoginShell: typeof table.allow_login_shell === 'boolean' ? table.allow_login_shell : null,
    },
  };
}

/** The protocol has no bare "granular" value: it stands for the form that rejects every category. */
function approvalForWire(name: ApprovalPolicyName): AskForApproval {
  if (name !== 'granular') return name;
  return { granular: { sandbox_approval: false, rules: false, skill_approval: false, request_permissions: false, mcp_elicitations: false } };
}

function pick<T>(table: TomlTable, key: string, check: (v: unknown) => boolean): T | null {
  const value = table[key];
  return check(value) ? (value as T) : null;
}

const isBool = (v: unknown): boolean => typeof v === 'boolean';
const isPort = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 65535;
const isStrings = (v: unknown): boolean => Array.isArray(v) && v.every((s) => typeof s === 'string');
const isPermissionMap = (v: unknown): boolean => isTable(v) && Object.values(v).every((p) => p === 'allow' || p === 'deny');

function networkForWire(network: TomlTable): NetworkRequirements {
  return {
    enabled: pick(network, 'enabled', isBool),
    httpPort: pick(network, 'http_port', isPort),
    socksPort: pick(network, 'socks_port', isPort),
    allowUpstreamProxy: pick(network, 'allow_upstream_proxy', isBool),
    dangerouslyAllowNonLoopbackProxy: pick(network, 'dangerously_allow_non_loopback_proxy', isBool),
    dangerouslyAllowAllUnixSockets: pick(network, 'dangerously_allow_all_unix_sockets', isBool),
    domains: pick(network, 'domains', isPermissionMap),
    reviewDomains: pick(network, 'review_domains', isStrings),
    managedAllowedDomainsOnly: pick(network, 'managed_allowed_domains_only', isBool),
    allowedDomains: pick(network, 'allowed_domains', isStrings),
    deniedDomains: pick(network, 'denied_domains', isStrings),
    unixSockets: pick(network, 'unix_sockets', isPermissionMap),
    allowUnixSockets: pick(network, 'allow_unix_sockets', isStrings),
    allowLocalBinding: pick(network, 'allow_local_binding', isBool),
  };
}

export function requirementsForWire(requirements: Requirements | null): ConfigRequirements | null {
  if (requirements === null) return null;
  return {
    allowedApprovalPolicies: requirements.allowedApprovalPolicies?.map(approvalForWire) ?? null,
    allowedSandboxModes: requirements.allowedSandboxModes ? [...requirements.allowedSandboxModes] : null,
    allowedWebSearchModes: requirements.allowedWebSearchModes ? [...requirements.allowedWebSearchModes] : null,
    enforceResidency: requirements.enforceResidency,
    allowLoginShell: requirements.allowLoginShell,
    network: requirements.network ? networkForWire(requirements.network) : null,
  };
}
