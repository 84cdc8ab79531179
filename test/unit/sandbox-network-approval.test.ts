// Managed-network approvals (server/sandbox/networkApproval.ts + decideAfterFailure): requirements'
// [network] read as a policy, domain patterns, the blocked host read off tool output, the retry
// prompt with networkApprovalContext (and when there is none), and the deprecated on-failure
// policy kept distinct from on-request through thread settings.
import { strict as assert } from 'node:assert';
import type { SandboxPolicy } from '../../server/protocol/common';
import { decideAfterFailure, interpretCommandDecision, SANDBOX_RETRY_REASON, type NetworkRetryInput } from '../../server/sandbox/approvals';
import { blockedNetworkTarget, domainMatches, hostVerdict, managedNetworkPolicy } from '../../server/sandbox/networkApproval';
import { settingsFromTable } from '../../server/config/settings';
import { enginePolicy } from '../../server/sandbox/approvalPolicy';
import { resolveThreadSettings } from '../../server/threads/threadSettings';

const WS: SandboxPolicy = { type: 'workspaceWrite', writableRoots: [], networkAccess: false, excludeSlashTmp: false, excludeTmpdirEnvVar: false };
const sh = (script: string): string[] => ['/bin/bash', '-lc', script];

describe('sandbox network approvals: policy and blocked hosts', () => {
  it('reads requirements [network] (domains map included); enabled = false or absent means none', () => {
    assert.equal(managedNetworkPolicy(null), null);
    assert.equal(managedNetworkPolicy({ enabled: false, allowed_domains: ['a.com'] }), null);
    assert.deepEqual(managedNetworkPolicy({ allowed_domains: ['a.com'], denied_domains: ['b.com'], domains: { 'c.com': 'allow', 'd.com': 'deny' }, managed_allowed_domains_only: true }), {
      allowed: ['a.com', 'c.com'],
      denied: ['b.com', 'd.com'],
      allowedOnly: true,
    });
  });

  it('matches exact, *. (subdomains only) and **. (apex too) patterns, case and trailing dot insensitive', () => {
    assert.ok(domainMatches('example.com', 'EXAMPLE.com.'));
    assert.ok(!domainMatches('example.com', 'api.example.com'));
    assert.ok(domainMatches('*.example.com', 'api.example.com'));
    assert.ok(!domainMatches('*.example.com', 'example.com'));
    assert.ok(!domainMatches('*.example.com', 'badexample.com'));
    assert.ok(domainMatches('**.example.com', 'example.com'));
    assert.ok(domainMatches('**.example.com', 'a.b.example.com'));
    const policy = { allowed: ['*.github.com'], denied: ['evil.github.com'], allowedOnly: false };
    assert.equal(hostVerdict(policy, 'evil.github.com'), 'denied', 'deny wins');
    assert.equal(hostVerdict(policy, 'api.github.com'), 'allowListed');
    assert.equal(hostVerdict(policy, 'npmjs.org'), 'open');
    assert.equal(hostVerdict({ ...policy, allowedOnly: true }, 'npmjs.org'), 'notAllowed');
  });

  it('finds the host a tool could not reach, with the URL scheme as protocol', () => {
    const cases: [string[], string, { host: string; protocol: string } | null][] = [
      [sh('curl -sS https://registry.npmjs.org/'), 'curl: (6) Could not resolve host: registry.npmjs.org', { host: 'registry.npmjs.org', protocol: 'https' }],
      [sh('curl http://localhost:8080/'), 'curl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn\'t connect to server', { host: 'localhost', protocol: 'http' }],
      [sh('git ls-remote https://github.com/x/y'), "fatal: unable to access 'https://github.com/x/y/': Could not resolve host: github.com", { host: 'github.com', protocol: 'https' }],
      [sh('wget example.org'), "wget: unable to resolve host address 'example.org'", { host: 'example.org', protocol: 'https' }],
      [sh('npm install'), 'npm error request to https://registry.npmjs.org/x failed, reason: getaddrinfo EAI_AGAIN registry.npmjs.org', { host: 'registry.npmjs.org', protocol: 'https' }],
      [sh("python3 -c 'import urllib.request; urllib.request.urlopen(\"http://pypi.org/\")'"), 'urllib.error.URLError: <urlopen error [Errno 1] Operation not permitted>', { host: 'pypi.org', protocol: 'http' }],
      [sh('make test'), 'touch: cannot touch x: Read-only file system', null],
      [sh('curl https://a.com https://b.com'), 'Operation not permitted', null],
    ];
    for (const [argv, output, expected] of cases) assert.deepEqual(blockedNetworkTarget(argv, output), expected, output);
  });
});

describe('sandbox network approvals: the retry decision', () => {
  const failed = { exitCode: 6, signal: null, timedOut: false };
  const policy = { allowed: ['*.example.com'], denied: ['evil.example.com'], allowedOnly: false };
  const network = (extra: Partial<NetworkRetryInput> = {}): NetworkRetryInput => ({ policy, approvedHosts: new Set(), deniedHosts: new Set(), ...extra });
  const base = {
    argv: sh('curl https://api.example.com/x'),
    sandbox: WS,
    ranAs: 'sandboxed' as const,
    status: failed,
    output: 'curl: (6) Could not resolve host: api.example.com',
    alreadyApproved: false,
    approvalPolicy: 'on-request' as const,
  };

  it('asks with networkApprovalContext, Codex reason and decisions (on-request included)', () => {
    assert.deepEqual(decideAfterFailure({ ...base, network: network() }), {
      type: 'ask',
      kind: 'sandbox',
      reason: 'Network access to "api.example.com" is blocked by policy.',
      availableDecisions: ['accept', 'acceptForSession', { applyNetworkPolicyAmendment: { network_policy_amendment: { host: 'api.example.com', action: 'allow' } } }, 'cancel'],
      proposedExecpolicyAmendment: null,
      runAfterApproval: 'sandboxedWithNetwork',
      networkApprovalContext: { host: 'api.example.com', protocol: 'https' },
      proposedNetworkPolicyAmendments: [
        { host: 'api.example.com', action: 'allow' },
        { host: 'api.example.com', action: 'deny' },
      ],
    });
  });

  it('retries at once for a host the session allowed; never offers denied or not-allowed hosts; never under never', () => {
    assert.deepEqual(decideAfterFailure({ ...base, network: network({ approvedHosts: new Set(['api.example.com']) }) }), { type: 'retryWithNetwork' });
    assert.deepEqual(decideAfterFailure({ ...base, network: network({ deniedHosts: new Set(['api.example.com']) }) }), { type: 'fail' });
    assert.deepEqual(decideAfterFailure({ ...base, argv: sh('curl https://evil.example.com'), output: 'curl: (6) Could not resolve host: evil.example.com', network: network() }), { type: 'fail' });
    // A denied host elsewhere in the command: a retry with network would reach it too.
    assert.deepEqual(decideAfterFailure({ ...base, argv: sh('curl https://api.example.com/x https://evil.example.com'), network: network() }), { type: 'fail' });
    assert.deepEqual(decideAfterFailure({ ...base, argv: sh('curl https://other.org'), output: 'curl: (6) Could not resolve host: other.org', network: network({ policy: { ...policy, allowedOnly: true } }) }), { type: 'fail' });
    assert.deepEqual(decideAfterFailure({ ...base, approvalPolicy: 'never', network: network() }), { type: 'fail' });
  });

  it('no managed network, network already on, or no host: the plain on-failure path', () => {
    assert.deepEqual(decideAfterFailure({ ...base, network: null }), { type: 'fail' }, 'on-request without a network policy gives up');
    assert.deepEqual(decideAfterFailure({ ...base, sandbox: { ...WS, networkAccess: true }, network: network() }), { type: 'fail' });
    const readOnly = decideAfterFailure({ ...base, approvalPolicy: 'on-failure', argv: sh('touch x'), output: 'touch: x: Read-only file system', network: network() });
    assert.equal(readOnly.type === 'ask' && readOnly.reason, SANDBOX_RETRY_REASON);
  });

  it('applyNetworkPolicyAmendment: allow runs, deny declines', () => {
    assert.equal(interpretCommandDecision({ applyNetworkPolicyAmendment: { network_policy_amendment: { host: 'a.com', action: 'allow' } } }).run, true);
    const deny = interpretCommandDecision({ applyNetworkPolicyAmendment: { network_policy_amendment: { host: 'a.com', action: 'deny' } } });
    assert.equal(deny.run, false);
    assert.equal(deny.modelMessage, 'rejected by user');
  });
});

describe('approval_policy = "on-failure" through thread settings', () => {
  const config = settingsFromTable({ approval_policy: 'on-failure' });

  it('clients see on-request; the engine gets on-failure', () => {
    const s = resolveThreadSettings(config, { cwd: '/w' });
    assert.equal(s.approvalPolicy, 'on-request');
    assert.equal(s.approvalOnFailure, true);
    assert.equal(enginePolicy(s), 'on-failure');
  });

  it('a request for another policy ends it; a request for the value clients are shown keeps it; resume keeps it', () => {
    assert.equal(enginePolicy(resolveThreadSettings(config, { cwd: '/w', approvalPolicy: 'never' })), 'never');
    assert.equal(enginePolicy(resolveThreadSettings(config, { cwd: '/w', approvalPolicy: 'on-request' })), 'on-failure');
    const plain = settingsFromTable({});
    assert.equal(enginePolicy(resolveThreadSettings(plain, { cwd: '/w' }, { approvalPolicy: 'on-request', approvalOnFailure: true })), 'on-failure');
    assert.equal(enginePolicy(resolveThreadSettings(plain, { cwd: '/w' }, { approvalPolicy: 'untrusted' })), 'untrusted');
  });

  it('an enforced on-failure (managed config) wins over the request', () => {
    const enforced = settingsFromTable({ approval_policy: 'on-failure' }, new Set(['approval_policy']));
    assert.equal(enginePolicy(resolveThreadSettings(enforced, { cwd: '/w', approvalPolicy: 'never' })), 'on-failure');
  });
});
