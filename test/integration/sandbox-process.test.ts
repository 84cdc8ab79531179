// The sandbox matrix, process part, with REAL bubblewrap (study §7.1, cases 13–15, 17, 18): tools
// still work inside (node execSync, git, python socketpair, npm); exit codes and signals pass
// through and output streams in order; killing or timing out a command kills its whole tree,
// background grandchildren included; no extra fd leaks into the command; sandboxed modes fail
// closed when the probe fails (missing bwrap, a bwrap that cannot create namespaces); a fake
// `bwrap` planted in the workspace is never run; and the same checks as an unprivileged user.
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { MountJournal } from '../../server/sandbox/mountJournal';
import { MountPointRegistry, nodeMountPointFs } from '../../server/sandbox/mountPoints';
import { defaultProbeEnvironment, findBwrap, probeSandbox } from '../../server/sandbox/probe';
import { planCommand, SandboxedRunner, SECCOMP_FD } from '../../server/sandbox/runner';
import { requireSystemTool, skipBecause } from '../support/system-tools';
import { collect, makeFixture, PATH_ENV, requireSandbox, run, runner, specFor, workspaceWrite, type Fixture } from '../support/sandbox-helpers';

/** Host pids whose command line starts with `prefix` (excluding zombies). */
function hostPidsWith(prefix: string): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const state = readFileSync(`/proc/${entry}/stat`, 'utf8').replace(/^.*\) /s, '')[0];
      if (cmdline.startsWith(prefix) && state !== 'Z') out.push(Number(entry));
    } catch {
      // gone
    }
  }
  return out;
}

async function waitUntil(cond: () => boolean, ms = 5000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 25));
  }
  return true;
}

describe('sandbox (bwrap): processes', function () {
  this.timeout(90_000);
  let fx: Fixture;

  before(() => {
    requireSandbox();
  });
  beforeEach(() => {
    fx = makeFixture();
  });
  afterEach(() => fx.cleanup());

  it('#13 tools keep working: node execSync, git status, python socketpair, npm --version', async () => {
    requireSystemTool('git');
    requireSystemTool('python3');
    const policy = workspaceWrite();
    const node = await run(fx, ['node', '-e', "process.stdout.write(require('child_process').execSync('echo hi').toString())"], policy);
    assert.equal(node.output, 'hi\n');
    const git = await run(fx, ['git', 'status', '--short'], policy);
    assert.equal(git.status.exitCode, 0, git.output);
    const gitAdd = await run(fx, ['git', 'add', 'README.md'], policy);
    assert.notEqual(gitAdd.status.exitCode, 0, 'git add needs .git, which is read-only');
    assert.match(gitAdd.output, /Read-only file system/);
    const py = await run(fx, ['/usr/bin/python3', '-c', 'import socket\na,b=socket.socketpair()\na.send(b"x")\nprint(b.recv(1).decode())'], policy);
    assert.equal(py.output.trim(), 'x');
    const npm = await run(fx, ['npm', '--version'], policy, { env: { PATH: PATH_ENV, HOME: fx.base, npm_config_update_notifier: 'false' } });
    assert.equal(npm.status.exitCode, 0, npm.output);
    assert.match(npm.output, /\d+\.\d+\.\d+/);
  });

  it('#14 exit codes and signals pass through; output streams in order; stdin works; no extra fds leak in', async () => {
    const policy = workspaceWrite();
    assert.equal((await run(fx, ['sh', '-c', 'exit 7'], policy)).status.exitCode, 7);
    assert.equal((await run(fx, ['sh', '-c', 'kill -TERM $$'], policy)).status.exitCode, 143);
    assert.equal((await run(fx, ['sh', '-c', 'kill -KILL $$'], policy)).status.exitCode, 137);
    const ordered = await run(fx, ['sh', '-c', 'echo one; sleep 0.1; echo two >&2; sleep 0.1; echo three'], policy);
    assert.equal(ordered.output, 'one\ntwo\nthree\n');
    const fd3 = await run(fx, ['sh', '-c', `if [ -e /proc/$$/fd/${SECCOMP_FD} ]; then readlink /proc/$$/fd/${SECCOMP_FD}; else echo closed; fi`], policy);
    assert.equal(fd3.output, 'closed\n', 'the seccomp fd is closed before the command runs');
    const cat = runner.spawn(specFor(fx, ['sh', '-c', 'read line; echo "got $line"'], policy));
    const catOut = collect(cat);
    await cat.write('hello\n');
    cat.closeStdin();
    assert.equal((await catOut).output, 'got hello\n', 'stdin reaches the sandboxed command');
    const missing = await run(fx, ['no-such-program-xyz'], policy);
    assert.notEqual(missing.status.exitCode, 0);
  });

  it('#15 kill and timeout take down the whole tree, background grandchildren included', async () => {
    const marker = `${300 + (process.pid % 1000) / 1000}`;
    const p = runner.spawn(specFor(fx, ['sh', '-c', `sleep ${marker} & sleep ${marker} & echo started; wait`], workspaceWrite()));
    let out = '';
    p.onOutput((c) => (out += c));
    assert.ok(await waitUntil(() => out.includes('started') && hostPidsWith(`sleep ${marker}`).length === 2), 'two background sleeps running');
    const status = await p.kill();
    assert.notEqual(status.exitCode, 0);
    assert.ok(await waitUntil(() => hostPidsWith(`sleep ${marker}`).length === 0), 'grandchildren gone after kill');

    const marker2 = `${marker}1`;
    const t = await run(fx, ['sh', '-c', `sleep ${marker2} & sleep ${marker2}`], workspaceWrite(), { timeoutMs: 300 });
    assert.equal(t.status.timedOut, true);
    assert.ok(await waitUntil(() => hostPidsWith(`sleep ${marker2}`).length === 0), 'grandchildren gone after timeout');

    const marker3 = `${marker}2`;
    await run(fx, ['sh', '-c', `sleep ${marker3} > /dev/null 2>&1 & echo done`], workspaceWrite());
    assert.ok(await waitUntil(() => hostPidsWith(`sleep ${marker3}`).length === 0), 'background children die with the command');
  });

  it('#15 the sandboxed tree dies with its parent (the server SIGKILLed); the next server removes its mount points', async () => {
    const marker = `${310 + (process.pid % 1000) / 1000}`;
    const script = path.join(fx.base, 'parent.ts');
    const runnerModule = path.resolve(__dirname, '../../server/sandbox/runner');
    writeFileSync(
      script,
      `import { SandboxedRunner } from ${JSON.stringify(runnerModule)};\n` +
        `const p = new SandboxedRunner().spawn({ argv: ['sh', '-c', 'sleep ${marker} & sleep ${marker} & echo started; wait'], cwd: ${JSON.stringify(fx.ws)}, env: { PATH: ${JSON.stringify(PATH_ENV)} }, sandbox: { type: 'workspaceWrite', writableRoots: [${JSON.stringify(fx.extra)}], networkAccess: false, excludeSlashTmp: true, excludeTmpdirEnvVar: true }, tty: false });\n` +
        `p.onOutput((c) => process.stdout.write(c));\n`,
    );
    const parent = spawn(process.execPath, ['--require', 'tsx/cjs', script], { cwd: path.resolve(__dirname, '../..'), stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    parent.stdout?.on('data', (b: Buffer) => (out += b.toString()));
    assert.ok(await waitUntil(() => out.includes('started') && hostPidsWith(`sleep ${marker}`).length === 2, 15_000), 'sandboxed sleeps running');
    const parentExited = new Promise((r) => parent.once('exit', r));
    parent.kill('SIGKILL');
    await parentExited;
    assert.ok(await waitUntil(() => hostPidsWith(`sleep ${marker}`).length === 0), 'the whole sandbox died with its parent');
    const bwrapAlive = (): boolean =>
      hostPidsWith('/usr/bin/bwrap').some((pid) => {
        try {
          return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker);
        } catch {
          return false;
        }
      });
    assert.ok(await waitUntil(() => !bwrapAlive()), 'bwrap gone too');
    // The dead server could not remove its mount points; the next server does, from its journal.
    assert.deepEqual(readdirSync(fx.extra).sort(), ['.agents', '.codex', '.git']);
    new MountPointRegistry(nodeMountPointFs, new MountJournal()).acquire([])();
    assert.deepEqual(readdirSync(fx.extra), [], 'left-over mount points removed');
  });

  it('#17 fails closed: missing bwrap, or a bwrap that cannot create namespaces', async () => {
    const noBwrap = probeSandbox({ ...defaultProbeEnvironment(), bwrapPath: '/nonexistent/bwrap' });
    assert.equal(noBwrap.available, false);
    assert.equal(noBwrap.error?.code, 'bwrapMissing');
    const refusing = new SandboxedRunner({ capabilities: noBwrap });
    for (const sandbox of [workspaceWrite(), { type: 'readOnly', networkAccess: false } as const]) {
      const marker = path.join(fx.outside, 'ran');
      const r = await collect(refusing.spawn(specFor(fx, ['sh', '-c', `touch ${marker}`], sandbox)));
      assert.equal(r.status.exitCode, 127);
      assert.match(r.status.spawnError ?? '', /bubblewrap \(bwrap\) is not installed.*apt install bubblewrap/);
      assert.ok(!existsSync(marker), 'the command never ran unsandboxed');
    }
    const full = await collect(refusing.spawn(specFor(fx, ['true'], { type: 'dangerFullAccess' })));
    assert.equal(full.status.exitCode, 0, 'full access needs no sandbox');

    const broken = path.join(fx.base, 'broken-bwrap');
    writeFileSync(broken, '#!/bin/sh\ncase "$1" in --help) echo "usage: --seccomp FD --disable-userns";; --version) echo "bubblewrap 0.8.0";; *) echo "bwrap: setting up uid map: Permission denied" >&2; exit 1;; esac\n');
    chmodSync(broken, 0o755);
    const failed = probeSandbox({ ...defaultProbeEnvironment(), bwrapPath: broken });
    assert.equal(failed.error?.code, 'bwrapFailed');
    assert.match(failed.error?.message ?? '', /uid map: Permission denied.*User namespaces appear to be blocked.*unprivileged_userns_clone/s);
  });

  it('a fake `bwrap` planted in the workspace is never used', async () => {
    const bin = path.join(fx.ws, 'bin');
    mkdirSync(bin);
    const marker = path.join(fx.outside, 'fake-bwrap-ran');
    writeFileSync(path.join(bin, 'bwrap'), `#!/bin/sh\ntouch ${marker}\nexec /usr/bin/bwrap "$@"\n`);
    chmodSync(path.join(bin, 'bwrap'), 0o755);
    const env = { ...defaultProbeEnvironment(), pathEnv: `${bin}:${PATH_ENV}`, cwd: fx.ws };
    const caps = probeSandbox(env);
    assert.equal(caps.bwrapPath, '/usr/bin/bwrap');
    // Even with no system bwrap, a PATH entry inside the cwd is skipped.
    assert.equal(findBwrap({ ...env, isExecutable: (p) => p.startsWith(bin) }), null);
    const r = await collect(new SandboxedRunner({ capabilities: caps }).spawn(specFor(fx, ['bwrap', '--version'], workspaceWrite(), { env: { PATH: `${bin}:${PATH_ENV}` } })));
    assert.equal(r.argv[0], '/usr/bin/bwrap');
    assert.ok(!existsSync(marker), 'the planted bwrap never ran (not even inside, where its marker would be read-only)');
    // A bwrap inside a writable root is refused outright.
    const planted = planCommand(specFor(fx, ['true'], workspaceWrite()), { capabilities: { ...caps, bwrapPath: path.join(bin, 'bwrap') } });
    assert.equal(planted.kind === 'refused' && planted.error.code, 'bwrapInWritableRoot');
  });

  it('#18 the same as an unprivileged user (setpriv 65534)', async function () {
    if (process.getuid?.() !== 0) skipBecause(this, 'needs root to become uid 65534 with setpriv: run it as root');
    if (spawnSync('setpriv', ['--version']).status !== 0) throw new Error('setpriv is not installed (Debian package util-linux): `sudo apt-get install -y util-linux`');
    for (const dir of [fx.base, fx.ws, fx.extra, fx.outside, fx.tmpdir]) chownSync(dir, 65534, 65534);
    spawnSync('chown', ['-R', '65534:65534', fx.ws]);
    const caps = probeSandbox();
    const server = createServer((sock) => {
      sock.on('error', () => undefined);
      sock.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const ops = [
      ['tcp', port],
      ['write', path.join(fx.ws, 'x')],
      ['write', path.join(fx.tmpdir, 'x')],
      ['write', path.join(fx.outside, 'x')],
      ['write', path.join(fx.ws, '.git', 'x')],
      ['write', path.join(fx.ws, '.codex', 'x')],
      ['mkdir', path.join(fx.extra, '.codex')],
      ['udp4'],
      ['status'],
    ];
    try {
      const plan = planCommand(specFor(fx, ['node', fx.probeScript, JSON.stringify(ops)], workspaceWrite({ writableRoots: [fx.extra], excludeSlashTmp: true })), { capabilities: caps });
      assert.equal(plan.kind, 'bwrap');
      if (plan.kind !== 'bwrap') return;
      // The mount points the runner would create, created as that user.
      for (const m of plan.syntheticMounts) spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'mkdir', m]);
      const child = spawn('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', plan.file, ...plan.args], { cwd: fx.ws, env: plan.env, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
      (child.stdio[3] as NodeJS.WritableStream).end(plan.seccomp);
      let out = '';
      child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
      child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
      const code = await new Promise<number | null>((r) => child.on('close', r));
      assert.equal(code, 0, out);
      const results = JSON.parse(out) as unknown[];
      assert.deepEqual(results.slice(0, 8), ['EPERM', 'OK', 'OK', 'EROFS', 'EROFS', 'EROFS', 'EEXIST', 'EPERM']);
      assert.deepEqual(results[8], { NoNewPrivs: '1', Seccomp: '2', CapEff: '0000000000000000' });
    } finally {
      server.close();
    }
  });
});
