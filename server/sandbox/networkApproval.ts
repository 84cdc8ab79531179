// Managed-network approvals without a network proxy: pure functions. Codex routes a sandboxed
// command's traffic through its own proxy, which blocks hosts outside the network policy and asks
// (`networkApprovalContext {host, protocol}`) for those the policy leaves open. This server has no
// such proxy: a sandbox with network off blocks every host. What it keeps of Codex's behaviour:
//   - the policy is requirements.toml's `[network]` (active unless `enabled = false`): denied
//     domains (`denied_domains`, `domains.<host> = "deny"`) are never offered, and with
//     `managed_allowed_domains_only = true` neither is any host outside `allowed_domains` /
//     `domains.<host> = "allow"`;
//   - after a sandboxed run failed, the host it could not reach is read off its output (curl, git,
//     wget, node, python/pip, ssh messages) or, for a bare "not permitted" failure, off the
//     command's only URL; a host the policy leaves open is offered in a retry prompt with
//     `networkApprovalContext`, Codex's reason and decisions;
//   - an approved retry runs under the same filesystem sandbox with network on. That is wider than
//     Codex's proxy (the retry can reach every host, not just the approved one), so an allow-listed
//     host is asked about too instead of being let through silently, and a retry is never offered
//     when any URL in the command names a denied host.
import type { NetworkApprovalContext, NetworkApprovalProtocol, NetworkPolicyAmendment, CommandExecutionApprovalDecision } from '../protocol/serverRequests';

export interface ManagedNetworkPolicy {
  /** Patterns: `example.com`, `*.example.com` (subdomains), `**.example.com` (the domain and its subdomains). */
  readonly allowed: readonly string[];
  readonly denied: readonly string[];
  /** Only allowed hosts may be reached; nothing else is offered. */
  readonly allowedOnly: boolean;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);

/** requirements.toml's `[network]` table as a policy; null when absent or `enabled = false`. */
export function managedNetworkPolicy(table: Readonly<Record<string, unknown>> | null | undefined): ManagedNetworkPolicy | null {
  if (!table || table.enabled === false) return null;
  const allowed = strings(table.allowed_domains);
  const denied = strings(table.denied_domains);
  const domains = table.domains;
  if (domains && typeof domains === 'object' && !Array.isArray(domains)) {
    for (const [host, action] of Object.entries(domains)) {
      if (action === 'allow') allowed.push(host);
      else if (action === 'deny') denied.push(host);
    }
  }
  return { allowed, denied, allowedOnly: table.managed_allowed_domains_only === true };
}

/** Lower case, no trailing dot, no brackets, no port. */
export function normalizeHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[')) h = h.slice(1, h.indexOf(']') > 0 ? h.indexOf(']') : undefined);
  else if (/^[^:]+:\d+$/.test(h)) h = h.slice(0, h.lastIndexOf(':'));
  return h.replace(/\.+$/, '');
}

export function domainMatches(pattern: string, host: string): boolean {
  const p = normalizeHost(pattern);
  const h = normalizeHost(host);
  if (p === '*') return true;
  if (p.startsWith('**.')) return h === p.slice(3) || h.endsWith(p.slice(2));
  if (p.startsWith('*.')) return h.endsWith(p.slice(1)) && h.length > p.length - 1;
  return h === p;
}

export type HostVerdict = 'denied' | 'notAllowed' | 'allowListed' | 'open';

export function hostVerdict(policy: ManagedNetworkPolicy, host: string): HostVerdict {
  if (policy.denied.some((p) => domainMatches(p, host))) return 'denied';
  if (policy.allowed.some((p) => domainMatches(p, host))) return 'allowListed';
  return policy.allowedOnly ? 'notAllowed' : 'open';
}

const URL_RE = /\b(https?|socks5h?|wss?|ftp):\/\/(\[[^\]]+\]|[A-Za-z0-9._-]+)/g;

/** Every URL host in a text, with its scheme. */
function urlHosts(text: string): { host: string; scheme: string }[] {
  return [...text.matchAll(URL_RE)].map((m) => ({ scheme: (m[1] ?? '').toLowerCase(), host: normalizeHost(m[2] ?? '') }));
}

function protocolFor(scheme: string | undefined): NetworkApprovalProtocol {
  if (scheme === 'http' || scheme === 'ws') return 'http';
  if (scheme === 'socks5' || scheme === 'socks5h') return 'socks5Tcp';
  return 'https';
}

/** Messages naming the host a tool could not resolve or reach. */
const HOST_PATTERNS: readonly RegExp[] = [
  /Could not resolve host: ([^\s'"`;,]+)/, // curl, git over https
  /Failed to connect to ([^\s'"`;,]+) port \d+/, // curl
  /unable to resolve host address [‘'"]([^’'"]+)[’'"]/, // wget
  /Resolving ([^\s'"`;,()]+) \([^)]*\)\.\.\. failed/, // wget
  /getaddrinfo (?:EAI_AGAIN|ENOTFOUND|EAI_NONAME) ([^\s'"`;,]+)/, // node, npm
  /Could not resolve hostname ([^\s'"`;,:]+)/, // ssh
  /host='([^']+)'/, // python urllib3 / pip
  /Failed to resolve '([^']+)'/, // python requests
];

/** Failures that say "the network was not there" without naming a host. */
const NETWORK_FAILURE = /Operation not permitted|EPERM|Network is unreachable|ENETUNREACH|Temporary failure in name resolution|Name or service not known|Couldn't connect to server|EAI_AGAIN/i;

/**
 * The destination a failed sandboxed run could not reach: a host named by its output, or the only
 * URL host of the command when the output shows a network failure without naming one.
 */
export function blockedNetworkTarget(argv: readonly string[], output: string): NetworkApprovalContext | null {
  const commandText = argv.join(' ');
  const urls = [...urlHosts(commandText), ...urlHosts(output)];
  const schemeOf = (host: string): string | undefined => urls.find((u) => u.host === host)?.scheme;
  for (const pattern of HOST_PATTERNS) {
    const match = pattern.exec(output);
    if (!match?.[1]) continue;
    const host = normalizeHost(match[1]);
    if (host.length === 0) continue;
    return { host, protocol: protocolFor(schemeOf(host)) };
  }
  if (!NETWORK_FAILURE.test(output)) return null;
  const hosts = [...new Set(urlHosts(commandText).map((u) => u.host))];
  if (hosts.length !== 1) return null;
  const host = hosts[0] as string;
  return { host, protocol: protocolFor(schemeOf(host)) };
}

/** Hosts named by URLs in the command (checked against denied domains before any retry). */
export function commandUrlHosts(argv: readonly string[]): string[] {
  return [...new Set(urlHosts(argv.join(' ')).map((u) => u.host))];
}

/** Codex's retry reason for a blocked destination. */
export function networkRetryReason(host: string): string {
  return `Network access to "${host}" is blocked by policy.`;
}

export function proposedNetworkAmendments(host: string): NetworkPolicyAmendment[] {
  return [
    { host, action: 'allow' },
    { host, action: 'deny' },
  ];
}

/** Codex's decisions for a network prompt: accept, accept for the session, allow the host, cancel. */
export function networkDecisions(amendments: readonly NetworkPolicyAmendment[]): CommandExecutionApprovalDecision[] {
  const out: CommandExecutionApprovalDecision[] = ['accept', 'acceptForSession'];
  const allow = amendments.find((a) => a.action === 'allow');
  if (allow) out.push({ applyNetworkPolicyAmendment: { network_policy_amendment: { ...allow } } });
  out.push('cancel');
  return out;
}
