// The approval engine's decision matrix (server/sandbox/approvals.ts, patchApprovals.ts,
// approvalEngine.ts): approval policy × sandbox policy (and whether it can be enforced) × command
// safety × exec-policy rules × session approvals → allow / ask / forbid, the proposed amendments,
// the on-failure retry, what each client decision means, and patch approvals.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { SandboxPolicy } from '../../server/protocol/common';
import { PROMPT_CONFLICT_REASON, REJECT_RULES_APPROVAL_REASON, REJECT_SANDBOX_APPROVAL_REASON, type ApprovalPolicyInput } from '../../server/sandbox/approvalPolicy';
import { availableDecisions, decideAfterFailure, decideCommand, interpretCommandDecision, SANDBOX_RETRY_REASON, type CommandQuery, type SessionApprovalLookup } from '../../server/sandbox/approvals';
import { ApprovalEngine } from '../../server/sandbox/approvalEngine';
import { parseRulesFile } from '../../server/sandbox/execpolicy/interpret';
import { ExecPolicy } from '../../server/sandbox/execpolicy/policy';
import { createMemorySandboxFs } from '../../server/sandbox/memoryFs';
import { decidePatch, PATCH_OUTSIDE_REJECTED, PATCH_PROTECTED_REJECTED, PATCH_READ_ONLY_REJECTED } from '../../server/sandbox/patchApprovals';
import { sandboxErrors } from '../../server/sandbox/errors';
import type { SandboxCapabilities } from '../../server/sandbox/probe';

const WS: SandboxPolicy = { type: 'workspaceWrite', writableRoots: [], networkAccess: false, excludeSlashTmp: false, excludeTmpdirEnvVar: false };
const RO: SandboxPolicy = { type: 'readOnly', networkAccess: false };
const FULL: SandboxPolicy = { type: 'dangerFullAccess' };
const sh = (script: string): string[] => ['/bin/bash', '-lc', script];
const rules = (text: string): ExecPolicy => {
  const r = parseRulesFile('t.rules', text);
  return new ExecPolicy(r.rules, r.hostExecutables);
};
const decide = (approvalPolicy: ApprovalPolicyInput, sandbox: SandboxPolicy, argv: string[], extra: Partial<CommandQuery> = {}) =>
  decideCommand({ argv, approvalPolicy, sandbox, platform: 'linux', ...extra });
const ALL = ['accept', 'acceptForSession', 'decline', 'cancel'];
const withAmendment = (a: string[]) => ['accept', 'acceptForSession', { acceptWithExecpolicyAmendment: { execpolicy_amendment: a } }, 'decline', 'cancel'];

describe('sandbox approvals: commands', () => {
  it('untrusted: known-safe commands run sandboxed, everything else asks with the command as amendment', () => {
    assert.deepEqual(decide('untrusted', WS, ['ls', '-la']), { type: 'allow', run: 'sandboxed', sessionApproved: false, proposedExecpolicyAmendment: ['ls', '-la'] });
    assert.equal(decide('untrusted', WS, sh('cat a | wc -l && pwd')).type, 'allow');
    assert.deepEqual(decide('untrusted', WS, sh('cargo test')), {
      type: 'ask',
      kind: 'sandbox',
      reason: null,
      availableDecisions: withAmendment(['cargo', 'test']),
      proposedExecpolicyAmendment: ['cargo', 'test'],
      runAfterApproval: 'sandboxed',
    });
    const mixed = decide('untrusted', WS, sh('ls && npm run build'));
    assert.ok(mixed.type === 'ask' && mixed.proposedExecpolicyAmendment?.join(' ') === 'npm run build');
    assert.equal(decide('untrusted', FULL, ['git', 'status']).type, 'ask');
  });

  it('on-request: sandboxed by default, asks for escalation with the justification, dangerous always asks', () => {
    assert.equal(decide('on-request', WS, sh('cargo test')).type, 'allow');
    const esc = decide('on-request', RO, sh('npm install'), { sandboxPermissions: 'require_escalated', justification: 'Need to run outside the sandbox' });
    assert.deepEqual(esc, {
      type: 'ask',
      kind: 'sandbox',
      reason: 'Need to run outside the sandbox',
      availableDecisions: withAmendment(['npm', 'install']),
      proposedExecpolicyAmendment: ['npm', 'install'],
      runAfterApproval: 'unsandboxed',
    });
    const danger = decide('on-request', WS, ['rm', '-rf', 'build']);
    assert.ok(danger.type === 'ask' && danger.runAfterApproval === 'sandboxed');
    // Under full access nothing but dangerous commands asks; an escalation simply runs.
    assert.equal(decide('on-request', FULL, sh('cargo test')).type, 'allow');
    assert.deepEqual(decide('on-request', FULL, ['make'], { sandboxPermissions: 'require_escalated' }), { type: 'allow', run: 'unsandboxed', sessionApproved: false, proposedExecpolicyAmendment: ['make'] });
    assert.equal(decide('on-request', FULL, sh('rm -f x')).type, 'ask');
  });

  it('never: runs sandboxed without asking; anything that would ask is refused', () => {
    assert.equal(decide('never', WS, sh('cargo test')).type, 'allow');
    assert.deepEqual(decide('never', WS, ['rm', '-rf', '/']), { type: 'forbid', reason: '`rm -rf /` rejected: blocked by policy' });
    assert.deepEqual(decide('never', WS, ['make'], { rules: rules('prefix_rule(pattern=["make"], decision="prompt")') }), { type: 'forbid', reason: PROMPT_CONFLICT_REASON });
    const esc = decide('never', WS, ['make'], { sandboxPermissions: 'require_escalated' });
    assert.ok(esc.type === 'forbid' && /approval policy is never; reject command — you should not ask for escalated permissions/.test(esc.reason));
  });

  it('granular and { reject }: refuse only the prompt kinds that are switched off', () => {
    const noSandboxPrompts = { granular: { sandbox_approval: false, rules: true, skill_approval: true, request_permissions: true, mcp_elicitations: true } };
    assert.deepEqual(decide(noSandboxPrompts, WS, ['make'], { sandboxPermissions: 'require_escalated' }), { type: 'forbid', reason: REJECT_SANDBOX_APPROVAL_REASON });
    const promptRule = rules('prefix_rule(pattern=["make"], decision="prompt")');
    assert.equal(decide(noSandboxPrompts, WS, ['make'], { rules: promptRule }).type, 'ask');
    assert.deepEqual(decide({ reject: { rules: true } }, WS, ['make'], { rules: promptRule }), { type: 'forbid', reason: REJECT_RULES_APPROVAL_REASON });
    assert.equal(decide({ reject: { rules: true } }, WS, ['make'], { sandboxPermissions: 'require_escalated' }).type, 'ask');
    assert.equal(decide({ reject: {} }, WS, ['make']).type, 'allow');
  });

  it('rules: forbidden always wins, prompt asks with its justification, allow bypasses the sandbox', () => {
    const r = rules(`
prefix_rule(pattern=["git", "push"], decision="forbidden", justification="Pushes go through CI.")
prefix_rule(pattern=["rm"], decision="forbidden")
prefix_rule(pattern=["gh", "pr"], decision="prompt", justification="PRs need a human")
prefix_rule(pattern=["cargo", "test"])
prefix_rule(pattern=["cargo"], decision="prompt")
prefix_rule(pattern=["npm", "test"])
`);
    const session: SessionApprovalLookup = { commandApproved: () => true, patchApproved: () => true };
    assert.deepEqual(decide('never', FULL, sh('git push origin main'), { rules: r, session }), { type: 'forbid', reason: "`/bin/bash -lc 'git push origin main'` rejected: Pushes go through CI." });
    assert.deepEqual(decide('on-request', WS, ['rm', 'x'], { rules: r }), { type: 'forbid', reason: '`rm x` rejected: policy forbids commands starting with `rm`' });
    assert.deepEqual(decide('on-request', WS, ['gh', 'pr', 'view', '1'], { rules: r }), {
      type: 'ask',
      kind: 'rule',
      reason: '`gh pr view 1` requires approval: PRs need a human',
      availableDecisions: ALL,
      proposedExecpolicyAmendment: null,
      runAfterApproval: 'sandboxed',
    });
    assert.equal(decide('on-request', WS, ['cargo', 'test'], { rules: r }).type, 'ask', 'the most restrictive matching rule wins');
    assert.deepEqual(decide('untrusted', WS, sh('npm test'), { rules: r }), { type: 'allow', run: 'unsandboxed', sessionApproved: false, proposedExecpolicyAmendment: null });
    const partly = decide('on-request', WS, sh('npm test && make'), { rules: r });
    assert.ok(partly.type === 'allow' && partly.run === 'sandboxed', 'only fully rule-allowed commands leave the sandbox');
  });

  it('session approvals skip the prompt (not a forbidden rule) and keep the run mode', () => {
    const session: SessionApprovalLookup = { commandApproved: (argv, words) => argv[2] === 'cargo test' && words?.join(' ') === 'cargo test', patchApproved: () => false };
    assert.deepEqual(decide('untrusted', WS, sh('cargo test'), { session }), { type: 'allow', run: 'sandboxed', sessionApproved: true, proposedExecpolicyAmendment: null });
    assert.equal(decide('untrusted', WS, sh('cargo build'), { session }).type, 'ask');
    const esc = decide('on-request', WS, sh('cargo test'), { session, sandboxPermissions: 'require_escalated' });
    assert.ok(esc.type === 'allow' && esc.run === 'unsandboxed');
  });

  it('proposes the model’s prefix_rule only when allowed, unmatched by rules and sufficient', () => {
    const q = { sandboxPermissions: 'require_escalated' as const };
    const ok = decide('on-request', WS, sh('cargo test -p core'), { ...q, prefixRule: ['cargo', 'test'] });
    assert.deepEqual(ok.type === 'ask' && ok.proposedExecpolicyAmendment, ['cargo', 'test']);
    const banned = decide('on-request', WS, sh('python3 -c "print(1)"'), { ...q, prefixRule: ['python3', '-c'] });
    assert.deepEqual(banned.type === 'ask' && banned.proposedExecpolicyAmendment, ['python3', '-c', 'print(1)'], 'banned prefix → the whole command instead');
    const insufficient = decide('untrusted', WS, sh('cargo test && make'), { prefixRule: ['cargo'] });
    assert.deepEqual(insufficient.type === 'ask' && insufficient.proposedExecpolicyAmendment, ['cargo', 'test'], 'a prefix that would not cover `make` is not proposed');
    assert.deepEqual(availableDecisions(null), ALL);
  });

  it('fails closed without a sandbox: asks to run unsandboxed, or refuses when prompts are off', () => {
    const q = { sandboxAvailable: false, sandboxError: sandboxErrors.bwrapMissing().message };
    const ask = decide('on-request', WS, sh('cargo test'), q);
    assert.ok(ask.type === 'ask' && ask.runAfterApproval === 'unsandboxed' && /bubblewrap \(bwrap\) is not installed.*Run it without a sandbox\?$/.test(ask.reason ?? ''));
    const untrusted = decide('untrusted', RO, ['ls'], q);
    assert.ok(untrusted.type === 'ask' && untrusted.runAfterApproval === 'unsandboxed');
    const never = decide('never', WS, ['make'], q);
    assert.ok(never.type === 'forbid' && /not installed/.test(never.reason));
    assert.deepEqual(decide('never', FULL, ['make'], q), { type: 'allow', run: 'sandboxed', sessionApproved: false, proposedExecpolicyAmendment: ['make'] });
    assert.equal(decide('never', WS, ['make'], { ...q, rules: rules('prefix_rule(pattern=["make"])') }).type, 'allow', 'an explicit allow rule runs outside the sandbox anyway');
  });
});

describe('sandbox approvals: after a failure, client decisions', () => {
  const denied = { exitCode: 1, signal: null, timedOut: false };
  const base = { argv: ['make'], sandbox: WS, ranAs: 'sandboxed' as const, status: denied, output: 'touch: x: Read-only file system', alreadyApproved: false };

  it('on-failure/untrusted ask to retry unsandboxed after a sandbox denial; other policies give up', () => {
    assert.deepEqual(decideAfterFailure({ ...base, approvalPolicy: 'on-failure', proposedExecpolicyAmendment: ['make'] }), {
      type: 'ask',
      kind: 'sandbox',
      reason: SANDBOX_RETRY_REASON,
      availableDecisions: withAmendment(['make']),
      proposedExecpolicyAmendment: ['make'],
      runAfterApproval: 'unsandboxed',
    });
    assert.deepEqual(decideAfterFailure({ ...base, approvalPolicy: 'untrusted', alreadyApproved: true }), { type: 'retryUnsandboxed' });
    assert.deepEqual(decideAfterFailure({ ...base, approvalPolicy: 'on-request' }), { type: 'fail' });
    assert.deepEqual(decideAfterFailure({ ...base, approvalPolicy: 'never' }), { type: 'fail' });
    assert.deepEqual(decideAfterFailure({ ...base, approvalPolicy: 'on-failure', output: 'error: test failed' }), { type: 'fail' });
    assert.deepEqual(decideAfterFailure({ ...base, approvalPolicy: 'on-failure', ranAs: 'unsandboxed' }), { type: 'fail' });
    assert.deepEqual(decideAfterFailure({ ...base, approvalPolicy: 'on-failure', sandbox: FULL }), { type: 'fail' });
  });

  it('interprets every decision', () => {
    assert.deepEqual(interpretCommandDecision('accept'), { run: true, rememberForSession: false, amendment: null, cancelTurn: false, modelMessage: null });
    assert.equal(interpretCommandDecision('acceptForSession').rememberForSession, true);
    assert.deepEqual(interpretCommandDecision({ acceptWithExecpolicyAmendment: { execpolicy_amendment: ['cargo', 'test'] } }).amendment, ['cargo', 'test']);
    assert.deepEqual(interpretCommandDecision('decline'), { run: false, rememberForSession: false, amendment: null, cancelTurn: false, modelMessage: 'rejected by user' });
    assert.equal(interpretCommandDecision('cancel').cancelTurn, true);
  });
});

describe('sandbox approvals: patches', () => {
  const fs = createMemorySandboxFs({ '/ws/src/a.ts': 'file', '/ws/.git/HEAD': 'file', '/ws/out': { symlink: '/etc' }, '/tmp': 'dir', '/etc/hosts': 'file' });
  const patch = (approvalPolicy: ApprovalPolicyInput, sandbox: SandboxPolicy, paths: string[], session: SessionApprovalLookup | null = null) =>
    decidePatch({ paths, cwd: '/ws', approvalPolicy, sandbox, env: {}, fs, session });

  it('auto-approves writes inside the writable roots, asks (or refuses) for the rest', () => {
    assert.deepEqual(patch('on-request', WS, ['/ws/src/a.ts', '/ws/new/b.ts', '/tmp/x']), { type: 'allow', sessionApproved: false });
    for (const outside of ['/etc/hosts', '/ws/out/passwd']) {
      assert.deepEqual(patch('on-request', WS, ['/ws/src/a.ts', outside]), { type: 'ask', reason: `The patch writes outside the writable roots: ${outside}`, grantRoot: null });
      assert.deepEqual(patch('never', WS, [outside]), { type: 'forbid', reason: PATCH_OUTSIDE_REJECTED });
    }
    for (const guarded of ['/ws/.git/config', '/ws/.codex/config.toml']) {
      const reason = `The patch writes to protected paths (.git, .codex, .agents stay read-only): ${guarded}`;
      assert.deepEqual(patch('on-request', WS, ['/ws/src/a.ts', guarded]), { type: 'ask', reason, grantRoot: null }, guarded);
      assert.deepEqual(patch('never', WS, [guarded]), { type: 'forbid', reason: PATCH_PROTECTED_REJECTED });
    }
    assert.deepEqual(patch('on-request', WS, ['/etc/hosts', '/ws/.git/config']), {
      type: 'ask',
      reason: 'The patch writes outside the writable roots: /etc/hosts; The patch writes to protected paths (.git, .codex, .agents stay read-only): /ws/.git/config',
      grantRoot: null,
    });
    assert.equal(patch({ reject: { sandbox_approval: true } }, WS, ['/etc/hosts']).type, 'forbid');
    assert.equal(patch('on-failure', WS, ['/etc/hosts']).type, 'allow');
    assert.equal(patch('on-request', FULL, ['/etc/hosts']).type, 'allow');
  });

  it('read-only mode: every patch asks (or is refused) because read-only writes nothing, not for "outside the roots"', () => {
    const ro = patch('on-request', RO, ['/ws/src/a.ts', '/tmp/x']);
    assert.deepEqual(ro, { type: 'ask', reason: 'Read-only mode writes no file without approval; the patch writes /ws/src/a.ts, /tmp/x', grantRoot: null });
    assert.deepEqual(patch('never', RO, ['/ws/src/a.ts']), { type: 'forbid', reason: PATCH_READ_ONLY_REJECTED });
    assert.deepEqual(patch({ reject: { sandbox_approval: true } }, RO, ['/ws/src/a.ts']), { type: 'forbid', reason: PATCH_READ_ONLY_REJECTED });
    assert.equal(patch('on-failure', RO, ['/ws/src/a.ts']).type, 'allow');
    assert.deepEqual(patch('untrusted', RO, ['/ws/src/a.ts']), { type: 'ask', reason: null, grantRoot: null });
  });

  it('a sandbox that cannot be set up says so instead of blaming the paths', () => {
    const d = decidePatch({ paths: ['/gone/a.ts'], cwd: '/gone', approvalPolicy: 'on-request', sandbox: WS, env: {}, fs });
    assert.ok(d.type === 'ask' && d.reason?.startsWith('The sandbox cannot be set up here (') && d.reason.endsWith('); the patch writes /gone/a.ts'), JSON.stringify(d));
    const refused = decidePatch({ paths: ['/gone/a.ts'], cwd: '/gone', approvalPolicy: 'never', sandbox: WS, env: {}, fs });
    assert.ok(refused.type === 'forbid' && refused.reason.startsWith('the sandbox cannot be set up here ('), JSON.stringify(refused));
  });

  it('other modes', () => {
    assert.deepEqual(patch('untrusted', WS, ['/ws/src/a.ts']), { type: 'ask', reason: null, grantRoot: null });
    assert.deepEqual(patch('on-request', WS, []), { type: 'forbid', reason: 'empty patch' });
  });

  it('session approvals of the same paths stick', () => {
    const session: SessionApprovalLookup = { commandApproved: () => false, patchApproved: (p) => p.every((x) => x === '/etc/hosts') };
    assert.deepEqual(patch('untrusted', WS, ['/etc/hosts'], session), { type: 'allow', sessionApproved: true });
    assert.deepEqual(patch('on-request', WS, ['/etc/hosts'], session), { type: 'allow', sessionApproved: true });
    assert.equal(patch('never', WS, ['/etc/hosts'], session).type, 'forbid', 'a refusal is not overridden');
  });
});

describe('sandbox approvals: the approval engine behind the ApprovalGate seam', () => {
  const caps = (available: boolean): SandboxCapabilities => ({
    platform: 'linux',
    backend: 'bwrap',
    available,
    error: available ? null : sandboxErrors.bwrapMissing(),
    bwrapPath: available ? '/usr/bin/bwrap' : null,
    bwrapVersion: null,
    disableUserns: true,
    seccompArch: 'x64',
    wsl: null,
    maskRunWsl: false,
  });
  const query = { tool: 'exec_command', command: "/bin/bash -lc 'make'", argv: sh('make'), cwd: '/ws', sandboxPermissions: 'use_default' as const, justification: null, prefixRule: null, approvalPolicy: 'on-request' as const, sandbox: WS };

  let home: string;
  let ws: string;
  before(() => {
    home = mkdtempSync(path.join(tmpdir(), 'approval-engine-'));
    ws = path.join(home, 'ws');
    mkdirSync(path.join(ws, '.codex', 'rules'), { recursive: true });
    writeFileSync(path.join(ws, '.codex', 'rules', 'default.rules'), 'prefix_rule(pattern=["make"])\n');
  });
  after(() => rmSync(home, { recursive: true, force: true }));
  /** The engine with the rules of `<cwd>/.codex` only (each workspace has its own store). */
  const engine = (available: boolean): ApprovalEngine =>
    new ApprovalEngine({ codexHome: home, configFolders: (cwd) => [path.join(cwd, '.codex')], requirementsRules: () => [], capabilities: () => caps(available) });

  it('maps decisions onto approve/ask/reject, with the rules of the command\'s workspace, and says how to run', () => {
    const gate = engine(true);
    assert.deepEqual(gate.assessCommand({ ...query, cwd: ws }), { type: 'approve', run: 'unsandboxed' }, 'an allow rule runs it outside the sandbox');
    assert.deepEqual(gate.assessCommand(query), { type: 'approve', run: 'sandboxed' }, 'another workspace has no such rule');
    const esc = gate.assessCommand({ ...query, sandboxPermissions: 'require_escalated', justification: 'needs network' });
    assert.deepEqual(esc, { type: 'ask', kind: 'sandbox', reason: 'needs network', availableDecisions: withAmendment(['make']), proposedExecpolicyAmendment: ['make'], runAfterApproval: 'unsandboxed' });
    assert.deepEqual(gate.assessPatch({ paths: ['/'], cwd: '/', approvalPolicy: 'on-request', sandbox: FULL }), { type: 'approve' });
    assert.deepEqual(gate.assessPatch({ paths: ['/etc/hosts'], cwd: ws, approvalPolicy: 'untrusted', sandbox: WS }), { type: 'ask', reason: null, grantRoot: null });
  });

  it('a restricted policy without a sandbox fails the command (fail closed) rather than declining it', () => {
    const r = engine(false).assessCommand({ ...query, approvalPolicy: 'never' });
    assert.ok(r.type === 'reject' && /bubblewrap/.test(r.reason) && r.failed === true, JSON.stringify(r));
    const refused = engine(true).assessCommand({ ...query, argv: sh('rm -rf /'), approvalPolicy: 'never' });
    assert.ok(refused.type === 'reject' && refused.failed === undefined, JSON.stringify(refused));
  });

  it('after a sandbox denial: retries without the sandbox once approved, else asks', () => {
    const failed = { ...query, ranAs: 'sandboxed' as const, status: { exitCode: 1, signal: null, timedOut: false }, output: 'bash: ./x: Permission denied', approvalPolicy: 'untrusted' as const };
    assert.deepEqual(engine(true).assessFailure({ ...failed, alreadyApproved: true }), { type: 'retry', mode: 'unsandboxed' });
    const ask = engine(true).assessFailure({ ...failed, alreadyApproved: false });
    assert.ok(ask.type === 'ask' && ask.reason === SANDBOX_RETRY_REASON && ask.runAfterApproval === 'unsandboxed', JSON.stringify(ask));
  });
});
