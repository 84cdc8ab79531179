// bubblewrap argv (server/sandbox/bwrapArgs.ts) and the runner's plan (server/sandbox/runner.ts):
// a snapshot per policy/option, plus invariants that must hold for any layout — every protected
// mount after every writable root, no root bound twice, --unshare-net iff network is off, the
// namespaces/caps/die-with-parent flags always present, the command after `--`, bwrap by absolute
// path, refusal when the probe failed or bwrap sits in a writable root.
import { strict as assert } from 'node:assert';
import { bwrapArgs } from '../../server/sandbox/bwrapArgs';
import { createMemorySandboxFs } from '../../server/sandbox/memoryFs';
import { MountPointRegistry } from '../../server/sandbox/mountPoints';
import { resolveSandbox, type ResolvedSandbox } from '../../server/sandbox/policy';
import type { SandboxCapabilities } from '../../server/sandbox/probe';
import { planCommand, type SandboxCommandSpec } from '../../server/sandbox/runner';
import { sandboxErrors } from '../../server/sandbox/errors';
import type { SandboxPolicy } from '../../server/protocol/common';

const fs = createMemorySandboxFs({
  '/ws/.git': 'dir',
  '/ws/.codex': 'dir',
  '/extra/.agents': 'dir',
  '/tmp': 'dir',
  '/opt/tools/bwrap': 'file',
});
const WS: SandboxPolicy = { type: 'workspaceWrite', writableRoots: ['/extra'], networkAccess: false, excludeSlashTmp: false, excludeTmpdirEnvVar: true };

function resolve(policy: SandboxPolicy): Extract<ResolvedSandbox, { type: 'restricted' }> {
  return resolveSandbox(policy, { cwd: '/ws', env: {}, fs }) as Extract<ResolvedSandbox, { type: 'restricted' }>;
}

const caps: SandboxCapabilities = {
  platform: 'linux',
  backend: 'bwrap',
  available: true,
  error: null,
  bwrapPath: '/usr/bin/bwrap',
  bwrapVersion: 'bubblewrap 0.8.0',
  disableUserns: true,
  seccompArch: 'x64',
  wsl: null,
  maskRunWsl: false,
};

function invariants(args: string[], network: boolean): void {
  const dash = args.indexOf('--');
  assert.ok(dash > 0, 'command separated by --');
  const opts = args.slice(0, dash);
  for (const flag of ['--new-session', '--die-with-parent', '--unshare-user', '--unshare-pid', '--unshare-ipc', '--cap-drop']) assert.ok(opts.includes(flag), flag);
  assert.equal(opts.includes('--unshare-net'), !network, '--unshare-net iff network off');
  assert.deepEqual(opts.slice(0, 5), ['--new-session', '--die-with-parent', '--ro-bind', '/', '/']);
  const binds: number[] = [];
  const protectedAt: number[] = [];
  const boundRoots: string[] = [];
  opts.forEach((a, i) => {
    if (a === '--bind') {
      binds.push(i);
      boundRoots.push(opts[i + 1] as string);
    }
    if ((a === '--ro-bind' && opts[i + 1] !== '/') || a === '--tmpfs') protectedAt.push(i);
  });
  assert.equal(new Set(boundRoots).size, boundRoots.length, 'no root bound twice');
  if (binds.length && protectedAt.length) assert.ok(Math.max(...binds) < Math.min(...protectedAt), 'protected mounts come after every root');
}

describe('sandbox: bwrap argv', () => {
  it('workspace-write, network off (snapshot)', () => {
    const args = bwrapArgs(resolve(WS), { argv: ['/bin/bash', '-lc', 'make'], disableUserns: true, seccompFd: 3 });
    assert.deepEqual(args, [
      '--new-session', '--die-with-parent', '--ro-bind', '/', '/', '--dev', '/dev',
      '--bind', '/ws', '/ws', '--bind', '/extra', '/extra', '--bind', '/tmp', '/tmp',
      '--ro-bind', '/ws/.git', '/ws/.git', '--ro-bind', '/ws/.codex', '/ws/.codex',
      '--perms', '555', '--tmpfs', '/ws/.agents', '--remount-ro', '/ws/.agents',
      '--perms', '555', '--tmpfs', '/extra/.git', '--remount-ro', '/extra/.git',
      '--perms', '555', '--tmpfs', '/extra/.codex', '--remount-ro', '/extra/.codex',
      '--ro-bind', '/extra/.agents', '/extra/.agents',
      '--perms', '555', '--tmpfs', '/tmp/.git', '--remount-ro', '/tmp/.git',
      '--perms', '555', '--tmpfs', '/tmp/.codex', '--remount-ro', '/tmp/.codex',
      '--perms', '555', '--tmpfs', '/tmp/.agents', '--remount-ro', '/tmp/.agents',
      '--unshare-user', '--unshare-pid', '--unshare-ipc', '--unshare-uts', '--unshare-cgroup-try', '--unshare-net',
      '--disable-userns', '--proc', '/proc', '--cap-drop', 'ALL', '--chdir', '/ws', '--seccomp', '3',
      '--', '/bin/bash', '-lc', 'make',
    ]);
    invariants(args, false);
  });

  it('read-only (snapshot): no binds at all', () => {
    const args = bwrapArgs(resolve({ type: 'readOnly', networkAccess: false }), { argv: ['ls'], disableUserns: true, seccompFd: 3 });
    assert.deepEqual(args, [
      '--new-session', '--die-with-parent', '--ro-bind', '/', '/', '--dev', '/dev',
      '--unshare-user', '--unshare-pid', '--unshare-ipc', '--unshare-uts', '--unshare-cgroup-try', '--unshare-net',
      '--disable-userns', '--proc', '/proc', '--cap-drop', 'ALL', '--chdir', '/ws', '--seccomp', '3', '--', 'ls',
    ]);
    invariants(args, false);
  });

  it('network on drops --unshare-net; old bwrap drops --disable-userns; WSL masks /run/WSL', () => {
    const on = bwrapArgs(resolve({ ...WS, networkAccess: true }), { argv: ['curl', 'x'], disableUserns: false, seccompFd: 3, maskRunWsl: true });
    invariants(on, true);
    assert.ok(!on.includes('--disable-userns'));
    const i = on.indexOf('/run/WSL');
    assert.deepEqual(on.slice(i - 3, i + 1), ['--perms', '000', '--tmpfs', '/run/WSL']);
  });

  it('rejects an empty command', () => {
    assert.throws(() => bwrapArgs(resolve(WS), { argv: [], disableUserns: true, seccompFd: 3 }), /empty command/);
  });
});

describe('sandbox: runner plan', () => {
  const spec = (sandbox: SandboxPolicy, extra: Partial<SandboxCommandSpec> = {}): SandboxCommandSpec => ({
    argv: ['/bin/sh', '-c', 'true'],
    cwd: '/ws',
    env: { PATH: '/usr/bin:/bin' },
    sandbox,
    tty: false,
    ...extra,
  });

  it('runs full access and external sandboxes directly, marking a restricted network', () => {
    const full = planCommand(spec({ type: 'dangerFullAccess' }), { capabilities: caps, fs });
    assert.equal(full.kind, 'direct');
    assert.deepEqual(full.kind === 'direct' && full.env, { PATH: '/usr/bin:/bin' });
    const ext = planCommand(spec({ type: 'externalSandbox', networkAccess: 'restricted' }), { capabilities: caps, fs });
    assert.equal(ext.kind === 'direct' && ext.env.CODEX_SANDBOX_NETWORK_DISABLED, '1');
  });

  it('wraps restricted policies in bwrap by absolute path with the seccomp program and the network marker', () => {
    const plan = planCommand(spec(WS), { capabilities: caps, fs, registry: new MountPointRegistry() });
    assert.equal(plan.kind, 'bwrap');
    if (plan.kind !== 'bwrap') return;
    assert.equal(plan.file, '/usr/bin/bwrap');
    assert.equal(plan.env.CODEX_SANDBOX_NETWORK_DISABLED, '1');
    assert.ok(plan.seccomp.length > 0 && plan.seccomp.length % 8 === 0);
    assert.deepEqual(plan.syntheticMounts, ['/ws/.agents', '/extra/.git', '/extra/.codex', '/tmp/.git', '/tmp/.codex', '/tmp/.agents']);
    invariants(plan.args, false);
  });

  it('treats its own live mount points as missing (so they stay synthetic and counted)', () => {
    const registry = new MountPointRegistry({ mkdir: () => true, isEmptyDir: () => true, rmdir: () => undefined, mountedElsewhere: () => new Set<string>() });
    const release = registry.acquire(['/ws/.codex']);
    const plan = planCommand(spec(WS), { capabilities: caps, fs, registry });
    assert.ok(plan.kind === 'bwrap' && plan.syntheticMounts.includes('/ws/.codex'));
    release();
  });

  it('fails closed: probe unavailable, bwrap inside a writable root, protected symlink', () => {
    const missing = planCommand(spec(WS), { capabilities: { ...caps, available: false, error: sandboxErrors.bwrapMissing() }, fs });
    assert.ok(missing.kind === 'refused' && missing.error.code === 'bwrapMissing' && /apt install bubblewrap/.test(missing.error.message));
    const planted = planCommand(spec({ ...WS, writableRoots: ['/opt/tools'] }), { capabilities: { ...caps, bwrapPath: '/opt/tools/bwrap' }, fs });
    assert.ok(planted.kind === 'refused' && planted.error.code === 'bwrapInWritableRoot');
    const linkFs = createMemorySandboxFs({ '/ws/.git': { symlink: '/elsewhere' }, '/elsewhere': 'dir' });
    const link = planCommand(spec(WS), { capabilities: caps, fs: linkFs });
    assert.ok(link.kind === 'refused' && link.error.code === 'protectedSymlink');
    // A refused plan never degrades to running directly, even for read-only.
    const ro = planCommand(spec({ type: 'readOnly', networkAccess: false }), { capabilities: { ...caps, available: false, error: sandboxErrors.windows() }, fs });
    assert.ok(ro.kind === 'refused' && /WSL2/.test(ro.error.message));
  });

  it('uses the vsock filter with network on and the userns filter without --disable-userns', () => {
    const on = planCommand(spec({ ...WS, networkAccess: true }), { capabilities: { ...caps, disableUserns: false }, fs });
    const off = planCommand(spec(WS), { capabilities: caps, fs });
    assert.ok(on.kind === 'bwrap' && off.kind === 'bwrap');
    if (on.kind !== 'bwrap' || off.kind !== 'bwrap') return;
    assert.notDeepEqual(on.seccomp, off.seccomp);
    assert.equal(on.env.CODEX_SANDBOX_NETWORK_DISABLED, undefined);
    assert.ok(!on.args.includes('--disable-userns'));
  });
});
