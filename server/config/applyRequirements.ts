// Constrains an effective config with the admin requirements: a disallowed approval policy,
// sandbox mode or web search mode falls back to an allowed one (the built-in default when it is
// allowed, else the first allowed value), MCP servers outside the identity allow-list are disabled,
// and `allow_login_shell = false` is forced. Every change is returned so the caller can tell the
// client (configWarning) and record the requirements file as the value's origin.
import type { SandboxMode } from '../protocol/common';
import type { WebSearchMode } from '../protocol/config';
import type { ApprovalPolicyName, Requirements } from './requirementsFile';
import { formatKeyPath } from './keyPath';
import { isTable, setPath, type TomlTable } from './tables';

export const DEFAULT_APPROVAL_POLICY = 'on-request';
export const DEFAULT_SANDBOX_MODE: SandboxMode = 'read-only';

export interface Adjustment {
  readonly path: readonly string[];
  /** The value before (undefined when it was unset and only the default was disallowed). */
  readonly from: unknown;
  readonly to: unknown;
  readonly message: string;
}

function approvalName(value: unknown): ApprovalPolicyName {
  if (value === 'on-failure') return 'on-request'; // as requirements.toml reads it
  return isTable(value) ? 'granular' : (String(value) as ApprovalPolicyName);
}

function approvalValue(name: ApprovalPolicyName): unknown {
  if (name !== 'granular') return name;
  // Allowed only in its granular form: the strictest one, which auto-rejects every category.
  return { granular: { sandbox_approval: false, rules: false, skill_approval: false, request_permissions: false, mcp_elicitations: false } };
}

function choose<T extends string>(preferred: readonly T[], allowed: readonly T[], strictest: T): T {
  return preferred.find((value) => allowed.includes(value)) ?? allowed[0] ?? strictest;
}

function show(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
}

/** Web search defaults to live under full access (docs), cached otherwise. */
function defaultWebSearch(table: TomlTable): WebSearchMode {
  return table.sandbox_mode === 'danger-full-access' ? 'live' : 'cached';
}

export function applyRequirements(input: TomlTable, requirements: Requirements | null): { table: TomlTable; adjustments: Adjustment[] } {
  if (requirements === null) return { table: input, adjustments: [] };
  let table = input;
  const adjustments: Adjustment[] = [];
  const adjust = (path: string[], from: unknown, to: unknown, why: string): void => {
    table = setPath(table, path, to);
    const was = from === undefined ? `the default ${show(defaultFor(path[0] ?? ''))}` : show(from);
    adjustments.push({ path, from, to, message: `${formatKeyPath(path)} = ${was} is not allowed by ${requirements.file} (${why}); using ${show(to)}` });
  };
  const defaults: Record<string, unknown> = {
    approval_policy: DEFAULT_APPROVAL_POLICY,
    sandbox_mode: DEFAULT_SANDBOX_MODE,
    web_search: defaultWebSearch(input),
    mcp_servers: true,
    allow_login_shell: true,
  };
  const defaultFor = (key: string): unknown => defaults[key];

  const approvals = requirements.allowedApprovalPolicies;
  if (approvals !== null) {
    const current = table.approval_policy ?? DEFAULT_APPROVAL_POLICY;
    if (!approvals.includes(approvalName(current))) {
      const fallback = choose<ApprovalPolicyName>([DEFAULT_APPROVAL_POLICY, 'untrusted'], approvals, 'untrusted');
      adjust(['approval_policy'], table.approval_policy, approvalValue(fallback), `allowed_approval_policies = ${JSON.stringify(approvals)}`);
    }
  }
  const sandboxes = requirements.allowedSandboxModes;
  if (sandboxes !== null) {
    const current = (table.sandbox_mode as SandboxMode | undefined) ?? DEFAULT_SANDBOX_MODE;
    if (!sandboxes.includes(current)) {
      adjust(['sandbox_mode'], table.sandbox_mode, choose<SandboxMode>([DEFAULT_SANDBOX_MODE], sandboxes, 'read-only'), `allowed_sandbox_modes = ${JSON.stringify(sandboxes)}`);
    }
  }
  const webModes = requirements.allowedWebSearchModes;
  if (webModes !== null) {
    const current = (table.web_search as WebSearchMode | undefined) ?? defaultWebSearch(table);
    if (!webModes.includes(current)) {
      adjust(['web_search'], table.web_search, choose<WebSearchMode>(['cached'], webModes.filter((m) => m !== 'disabled'), 'disabled'), `allowed_web_search_modes = ${JSON.stringify(webModes)}`);
    }
  }
  const allowList = requirements.mcpServers;
  if (allowList !== null && isTable(table.mcp_servers)) {
    for (const [name, server] of Object.entries(table.mcp_servers)) {
      if (!isTable(server) || server.enabled === false) continue;
      const identity = allowList[name];
      const matches = identity !== undefined && (identity.command !== undefined ? server.command === identity.command : server.url === identity.url);
      if (!matches) {
        const why = identity === undefined ? 'the server is not in its [mcp_servers] allow-list' : 'its identity does not match the allow-list';
        adjust(['mcp_servers', name, 'enabled'], server.enabled, false, why);
      }
    }
  }
  if (requirements.allowLoginShell === false && table.allow_login_shell !== false) {
    adjust(['allow_login_shell'], table.allow_login_shell, false, 'allow_login_shell = false');
  }
  return { table, adjustments };
}
