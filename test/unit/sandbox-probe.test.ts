// The capability probe (server/sandbox/probe.ts) against fake environments — every platform and
// failure gives the right backend and an actionable error — and the synthetic mount point registry
// (server/sandbox/mountPoints.ts): reference counting, removal only when empty and unused.
import { strict as assert } from 'node:assert';
import { MountPointRegistry, type MountPointFs } from '../../server/sandbox/mountPoints';
import { detectWsl, findBwrap, probeSandbox, type ProbeEnvironment, type RunResult } from '../../server/sandbox/probe';

function env(overrides: Partial<ProbeEnvironment> & { runs?: Record<string, RunResult> } = {}): ProbeEnvironment {
  const calls: string[][] = [];
  const runs = overrides.runs ?? {};
  return {
    platform: 'linux',
    arch: 'x64',
    pathEnv: '/usr/local/bin:/usr/bin:/bin',
    cwd: '/home/u/proj',
    run(file, args) {
      calls.push([file, ...args]);
      const key = args[0] === '--help' ? 'help' : args[0] === '--version' ? 'version' : 'trial';
      return runs[key] ?? { status: 0, stdout: key === 'help' ? '--seccomp FD\n--disable-userns\n' : key === 'version' ? 'bubblewrap 0.8.0\n' : '', stderr: '' };
    },
    isExecutable: (p) => p === '/usr/bin/bwrap',
    exists: (p) => p === '/usr/bin/sandbox-exec',
    readText: (p) => (p === '/proc/sys/kernel/osrelease' ? '6.1.0-amd64\n' : null),
    ...overrides,
  };
}

describe('sandbox: capability probe', () => {
  it('Linux with a working bwrap 0.8', () => {
    const caps = probeSandbox(env());
    assert.equal(caps.available, true);
    assert.equal(caps.backend, 'bwrap');
    assert.equal(caps.bwrapPath, '/usr/bin/bwrap');
    assert.equal(caps.bwrapVersion, 'bubblewrap 0.8.0');
    assert.equal(caps.disableUserns, true);
    assert.equal(caps.seccompArch, 'x64');
    assert.equal(caps.wsl, null);
  });

  it('an old bwrap without --disable-userns still works (seccomp takes over)', () => {
    const caps = probeSandbox(env({ runs: { help: { status: 0, stdout: '--seccomp FD', stderr: '' } } }));
    assert.equal(caps.available, true);
    assert.equal(caps.disableUserns, false);
  });

  it('fails closed with actionable errors', () => {
    const missing = probeSandbox(env({ isExecutable: () => false }));
    assert.equal(missing.error?.code, 'bwrapMissing');
    assert.match(missing.error?.message ?? '', /sudo apt install bubblewrap/);
    const userns = probeSandbox(env({ runs: { trial: { status: 1, stdout: '', stderr: 'bwrap: No permissions to create new namespace, likely because the kernel does not allow non-privileged user namespaces.' } } }));
    assert.equal(userns.error?.code, 'bwrapFailed');
    assert.match(userns.error?.message ?? '', /apparmor_restrict_unprivileged_userns/);
    const tooOld = probeSandbox(env({ runs: { help: { status: 0, stdout: 'usage: bwrap', stderr: '' } } }));
    assert.match(tooOld.error?.message ?? '', /too old/);
    const wsl1 = probeSandbox(env({ readText: () => '4.4.0-19041-Microsoft' }));
    assert.equal(wsl1.error?.code, 'wsl1');
    assert.match(wsl1.error?.message ?? '', /wsl --set-version <distro> 2/);
    const arch = probeSandbox(env({ arch: 'ia32' }));
    assert.equal(arch.error?.code, 'unsupportedPlatform');
    const win = probeSandbox(env({ platform: 'win32' }));
    assert.equal(win.error?.code, 'windows');
    assert.match(win.error?.message ?? '', /WSL2/);
    assert.equal(probeSandbox(env({ platform: 'freebsd' })).error?.code, 'unsupportedPlatform');
  });

  it('WSL2 masks /run/WSL when present', () => {
    const caps = probeSandbox(env({ readText: () => '5.15.153.1-microsoft-standard-WSL2', exists: (p) => p === '/run/WSL' }));
    assert.equal(caps.available, true);
    assert.equal(caps.wsl, 2);
    assert.equal(caps.maskRunWsl, true);
    assert.equal(detectWsl('6.6.36.3-microsoft-standard-WSL2'), 2);
    assert.equal(detectWsl('4.4.0-22621-Microsoft'), 1);
    assert.equal(detectWsl('6.1.0-18-amd64'), null);
  });

  it('macOS needs /usr/bin/sandbox-exec', () => {
    assert.equal(probeSandbox(env({ platform: 'darwin' })).backend, 'seatbelt');
    assert.equal(probeSandbox(env({ platform: 'darwin' })).available, true);
    assert.equal(probeSandbox(env({ platform: 'darwin', exists: () => false })).error?.code, 'seatbeltMissing');
  });

  it('finds bwrap in system locations first, then absolute PATH entries outside the cwd', () => {
    const e = { pathEnv: '/home/u/proj/bin:relative:/opt/bw/bin', cwd: '/home/u/proj' };
    assert.equal(findBwrap({ ...e, isExecutable: (p) => p === '/opt/bw/bin/bwrap' || p === '/home/u/proj/bin/bwrap' }), '/opt/bw/bin/bwrap');
    assert.equal(findBwrap({ ...e, isExecutable: (p) => p === '/home/u/proj/bin/bwrap' || p === 'relative/bwrap' }), null);
    assert.equal(findBwrap({ ...e, isExecutable: (p) => p === '/usr/local/bin/bwrap' || p === '/opt/bw/bin/bwrap' }), '/usr/local/bin/bwrap');
  });
});

describe('sandbox: synthetic mount points', () => {
  function fakeFs(): MountPointFs & { dirs: Set<string>; busy: Set<string>; log: string[] } {
    const dirs = new Set<string>();
    const busy = new Set<string>();
    const log: string[] = [];
    return {
      dirs,
      busy,
      log,
      mkdir(p) {
        log.push(`mkdir ${p}`);
        if (dirs.has(p)) return false;
        if (p.startsWith('/ro/')) throw new Error('EROFS');
        dirs.add(p);
        return true;
      },
      isEmptyDir: (p) => dirs.has(p),
      rmdir(p) {
        log.push(`rmdir ${p}`);
        dirs.delete(p);
      },
      mountedElsewhere: (paths) => new Set(paths.filter((p) => busy.has(p))),
    };
  }

  it('creates on first use, removes after the last release, ignores double release', () => {
    const fs = fakeFs();
    const reg = new MountPointRegistry(fs);
    const a = reg.acquire(['/ws/.codex', '/ws/.agents']);
    const b = reg.acquire(['/ws/.codex']);
    assert.equal(reg.holders('/ws/.codex'), 2);
    assert.ok(reg.isSynthetic('/ws/.codex'));
    a();
    a();
    assert.deepEqual([...fs.dirs], ['/ws/.codex']);
    b();
    assert.deepEqual([...fs.dirs], []);
    assert.deepEqual(fs.log, ['mkdir /ws/.codex', 'mkdir /ws/.agents', 'rmdir /ws/.agents', 'rmdir /ws/.codex']);
  });

  it('leaves a mount point another sandbox still uses, and one that is no longer empty', () => {
    const fs = fakeFs();
    const reg = new MountPointRegistry(fs);
    const release = reg.acquire(['/ws/.codex', '/ws/.git']);
    fs.busy.add('/ws/.codex');
    fs.isEmptyDir = (p) => p !== '/ws/.git' && fs.dirs.has(p);
    release();
    assert.deepEqual([...fs.dirs].sort(), ['/ws/.codex', '/ws/.git']);
  });

  it('a failure to create releases what was taken and fails closed', () => {
    const fs = fakeFs();
    const reg = new MountPointRegistry(fs);
    assert.throws(() => reg.acquire(['/ws/.codex', '/ro/.git']), (err: Error & { code?: string }) => err.code === 'mountPointFailed' && /\/ro\/\.git/.test(err.message));
    assert.equal(reg.holders('/ws/.codex'), 0);
    assert.deepEqual([...fs.dirs], []);
  });
});
