// Sandbox policy resolution (server/sandbox/policy.ts) against an in-memory filesystem: writable
// roots per policy and option, realpath of every root, protected names existing/missing/symlinked,
// `.git` files pointing at a gitdir, dedupe and ordering, and the network flag.
import { strict as assert } from 'node:assert';
import { SandboxError } from '../../server/sandbox/errors';
import { createMemorySandboxFs } from '../../server/sandbox/memoryFs';
import { allProtectedMounts, hasNetwork, resolveSandbox, sandboxEnv, type ResolvedSandbox } from '../../server/sandbox/policy';
import type { SandboxPolicy } from '../../server/protocol/common';

const ws = (extra: Partial<Extract<SandboxPolicy, { type: 'workspaceWrite' }>> = {}): SandboxPolicy => ({
  type: 'workspaceWrite',
  writableRoots: [],
  networkAccess: false,
  excludeSlashTmp: false,
  excludeTmpdirEnvVar: false,
  ...extra,
});

const fs = createMemorySandboxFs({
  '/home/u/proj/.git': 'dir',
  '/home/u/proj/.codex/config.toml': 'file',
  '/home/u/proj/src/a.ts': 'file',
  '/home/u/link-to-proj': { symlink: 'proj' },
  '/home/u/extra': 'dir',
  '/tmp': 'dir',
  '/var/tmpdir': 'dir',
  '/wt/.git': { file: 'gitdir: /home/u/proj/.git/worktrees/wt\n' },
  '/home/u/proj/.git/worktrees/wt': 'dir',
  '/evil/.codex': { symlink: '/etc' },
});

function restricted(r: ResolvedSandbox): Extract<ResolvedSandbox, { type: 'restricted' }> {
  assert.equal(r.type, 'restricted');
  return r as Extract<ResolvedSandbox, { type: 'restricted' }>;
}

describe('sandbox policy resolution', () => {
  const env = { TMPDIR: '/var/tmpdir' };

  it('workspace-write: cwd, /tmp and $TMPDIR, each with .git/.codex/.agents protected', () => {
    const r = restricted(resolveSandbox(ws(), { cwd: '/home/u/proj', env, fs }));
    assert.deepEqual(
      r.writableRoots.map((w) => w.path),
      ['/home/u/proj', '/tmp', '/var/tmpdir'],
    );
    const proj = r.writableRoots.find((w) => w.path === '/home/u/proj');
    assert.deepEqual(proj?.protected, [
      { path: '/home/u/proj/.git', mode: 'bind' },
      { path: '/home/u/proj/.codex', mode: 'bind' },
      { path: '/home/u/proj/.agents', mode: 'synthetic' },
    ]);
    assert.deepEqual(
      r.writableRoots.find((w) => w.path === '/tmp')?.protected.map((m) => m.mode),
      ['synthetic', 'synthetic', 'synthetic'],
    );
    assert.equal(r.network, false);
    assert.equal(r.readOnly, false);
  });

  it('realpaths the cwd and every root; a symlinked workspace resolves to its target', () => {
    const r = restricted(resolveSandbox(ws({ writableRoots: ['../extra', '/home/u/link-to-proj'] }), { cwd: '/home/u/link-to-proj', env: {}, fs }));
    assert.equal(r.cwd, '/home/u/proj');
    assert.deepEqual(
      r.writableRoots.map((w) => w.path),
      ['/home/u/proj', '/home/u/extra', '/tmp'],
    );
  });

  it('exclude_slash_tmp, exclude_tmpdir_env_var and writable_roots toggle exactly their path', () => {
    const roots = (p: SandboxPolicy): string[] => restricted(resolveSandbox(p, { cwd: '/home/u/proj', env, fs })).writableRoots.map((w) => w.path);
    assert.deepEqual(roots(ws({ excludeSlashTmp: true })), ['/home/u/proj', '/var/tmpdir']);
    assert.deepEqual(roots(ws({ excludeTmpdirEnvVar: true })), ['/home/u/proj', '/tmp']);
    assert.deepEqual(roots(ws({ excludeSlashTmp: true, excludeTmpdirEnvVar: true, writableRoots: ['/home/u/extra'] })), ['/home/u/proj', '/home/u/extra']);
    // Missing roots and a TMPDIR equal to /tmp are dropped, not duplicated.
    assert.deepEqual(roots(ws({ writableRoots: ['/nope'] })), ['/home/u/proj', '/tmp', '/var/tmpdir']);
    // A root listed after a root nested inside it still comes first.
    assert.deepEqual(roots(ws({ excludeSlashTmp: true, excludeTmpdirEnvVar: true, writableRoots: ['/home/u'] })), ['/home/u', '/home/u/proj']);
    assert.deepEqual(restricted(resolveSandbox(ws(), { cwd: '/home/u/proj', env: { TMPDIR: '/tmp' }, fs })).writableRoots.map((w) => w.path), ['/home/u/proj', '/tmp']);
  });

  it('anchors the workspace root to sandboxCwd, not to a workdir elsewhere', () => {
    const r = restricted(resolveSandbox(ws({ excludeSlashTmp: true }), { cwd: '/home/u/extra', sandboxCwd: '/home/u/proj', env: {}, fs }));
    assert.equal(r.cwd, '/home/u/extra');
    assert.deepEqual(r.writableRoots.map((w) => w.path), ['/home/u/proj']);
  });

  it('a .git file protects the gitdir it points to when that lies in a writable root', () => {
    const r = restricted(resolveSandbox(ws({ excludeSlashTmp: true, writableRoots: ['/home/u/proj'] }), { cwd: '/wt', env: {}, fs }));
    const mounts = allProtectedMounts(r).map((m) => `${m.mode} ${m.path}`);
    assert.ok(mounts.includes('bind /wt/.git'));
    assert.ok(mounts.includes('bind /home/u/proj/.git/worktrees/wt'));
    // …and not when the gitdir is outside every root (it is read-only anyway).
    const alone = restricted(resolveSandbox(ws({ excludeSlashTmp: true }), { cwd: '/wt', env: {}, fs }));
    assert.ok(!allProtectedMounts(alone).some((m) => m.path.includes('worktrees')));
  });

  it('fails closed when a protected name is a symlink', () => {
    assert.throws(
      () => resolveSandbox(ws({ excludeSlashTmp: true }), { cwd: '/evil', env: {}, fs }),
      (err: unknown) => err instanceof SandboxError && err.code === 'protectedSymlink' && /\/evil\/\.codex is a symbolic link \(pointing to \/etc\)/.test(err.message),
    );
  });

  it('fails closed when the cwd does not exist', () => {
    assert.throws(() => resolveSandbox(ws(), { cwd: '/nope', env: {}, fs }), (err: unknown) => err instanceof SandboxError && err.code === 'cwdMissing');
  });

  it('read-only: no writable roots; full access and external sandbox: unrestricted', () => {
    const ro = restricted(resolveSandbox({ type: 'readOnly', networkAccess: true }, { cwd: '/home/u/proj', env, fs }));
    assert.deepEqual(ro.writableRoots, []);
    assert.equal(ro.readOnly, true);
    assert.equal(ro.network, true);
    assert.deepEqual(resolveSandbox({ type: 'dangerFullAccess' }, { cwd: '/nope', env, fs }), { type: 'unrestricted', reason: 'dangerFullAccess', network: true });
    assert.deepEqual(resolveSandbox({ type: 'externalSandbox', networkAccess: 'restricted' }, { cwd: '/nope', env, fs }), {
      type: 'unrestricted',
      reason: 'externalSandbox',
      network: false,
    });
  });

  it('network flag and the CODEX_SANDBOX_NETWORK_DISABLED marker', () => {
    assert.equal(hasNetwork(ws()), false);
    assert.equal(hasNetwork(ws({ networkAccess: true })), true);
    assert.equal(hasNetwork({ type: 'externalSandbox', networkAccess: 'enabled' }), true);
    assert.deepEqual(sandboxEnv({ A: '1' }, false), { A: '1', CODEX_SANDBOX_NETWORK_DISABLED: '1' });
    assert.deepEqual(sandboxEnv({ A: '1' }, true, { CODEX_SANDBOX: 'seatbelt' }), { A: '1', CODEX_SANDBOX: 'seatbelt' });
  });
});
