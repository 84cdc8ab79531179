// The sandbox matrix, filesystem part, with REAL bubblewrap (study §7.1, cases 1–9 and 16):
// the sandbox is really active; writes inside/outside the roots; protected .git/.codex/.agents
// existing and missing, under the workspace and an extra root, with no leftovers on the host and
// concurrent runs in the same workspace; a `.git` file's gitdir; symlinked roots and symlinked
// protected names; the exclude options; read-only mode; full access and external sandbox.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { MountPointRegistry } from '../../server/sandbox/mountPoints';
import { SandboxedRunner } from '../../server/sandbox/runner';
import { collect, makeFixture, probe, requireSandbox, run, runner, specFor, workspaceWrite, type Fixture } from '../support/sandbox-helpers';

describe('sandbox (bwrap): filesystem', function () {
  this.timeout(60_000);
  let fx: Fixture;

  before(() => {
    requireSandbox();
  });
  beforeEach(() => {
    fx = makeFixture();
  });
  afterEach(() => fx.cleanup());

  it('#1 is really active: NoNewPrivs 1, Seccomp 2, CapEff 0, no host pids', async () => {
    const [status, pids] = await probe(fx, workspaceWrite(), [['status'], ['pids']]);
    assert.deepEqual(status, { NoNewPrivs: '1', Seccomp: '2', CapEff: '0000000000000000' });
    assert.ok((pids as number) < 10, `only the sandbox's own processes are visible (saw ${String(pids)})`);
  });

  it('#2/#3 writes: workspace, $TMPDIR and /tmp allowed; outside the roots EROFS', async () => {
    const results = await probe(fx, workspaceWrite(), [
      ['write', path.join(fx.ws, 'new.txt')],
      ['write', path.join(fx.ws, 'README.md.tmp')],
      ['write', path.join(fx.tmpdir, 'x')],
      ['write', `/tmp/codex-ts-sandbox-probe-${process.pid}`],
      ['write', path.join(fx.outside, 'x')],
      ['write', '/usr/local/codex-ts-probe'],
      ['write', path.join(fx.base, 'x')],
      ['read', '/etc/passwd'],
    ]);
    assert.deepEqual(results, ['OK', 'OK', 'OK', 'OK', 'EROFS', 'EROFS', 'EROFS', 'OK']);
  });

  it('#4/#5 protected names: read-only under every root, missing ones cannot be created, nothing left behind', async () => {
    mkdirSync(path.join(fx.ws, '.git', 'hooks'), { recursive: true });
    const results = await probe(fx, workspaceWrite({ writableRoots: [fx.extra] }), [
      ['write', path.join(fx.ws, '.git', 'x')],
      ['write', path.join(fx.ws, '.git', 'hooks', 'pre-commit')],
      ['write', path.join(fx.ws, '.codex', 'config.toml')],
      ['write', path.join(fx.ws, '.agents', 'x')],
      ['rename', path.join(fx.ws, '.git'), path.join(fx.ws, '.git-moved')],
      ['mkdir', path.join(fx.extra, '.codex')],
      ['write', path.join(fx.extra, '.codex', 'x')],
      ['write', path.join(fx.extra, '.git', 'x')],
      ['write', path.join(fx.extra, 'ok.txt')],
    ]);
    assert.deepEqual(results.slice(0, 4), ['EROFS', 'EROFS', 'EROFS', 'EROFS']);
    assert.ok(['EBUSY', 'EROFS'].includes(results[4] as string), `mv .git: ${String(results[4])}`);
    assert.ok(['EEXIST', 'EROFS'].includes(results[5] as string), `mkdir missing .codex: ${String(results[5])}`);
    assert.deepEqual(results.slice(6), ['EROFS', 'EROFS', 'OK']);
    assert.deepEqual(readdirSync(fx.extra), [], 'no empty .git/.codex/.agents left in the extra root');
    assert.ok(!existsSync(path.join(fx.tmpdir, '.codex')) && !existsSync('/tmp/.codex/x'));
  });

  it('#5 concurrent runs in one workspace keep each other protected and clean up after the last', async () => {
    const policy = workspaceWrite({ writableRoots: [fx.extra] });
    const longRun = collect(
      runner.spawn(specFor(fx, ['sh', '-c', `sleep 1; touch ${fx.extra}/.codex/x 2>&1; echo rc=$?`], policy)),
    );
    await new Promise((r) => setTimeout(r, 200));
    const short = await probe(fx, policy, [['write', path.join(fx.extra, '.codex', 'y')]]);
    assert.deepEqual(short, ['EROFS']);
    assert.ok(existsSync(path.join(fx.extra, '.codex')), 'the mount point stays while the long run uses it');
    const long = await longRun;
    assert.match(long.output, /Read-only file system[\s\S]*rc=1/);
    assert.deepEqual(readdirSync(fx.extra), []);
  });

  it('#5 another server process binding our mount point keeps it alive until it is done', async () => {
    const policy = workspaceWrite({ writableRoots: [fx.extra] });
    const other = new SandboxedRunner({ registry: new MountPointRegistry() });
    const creator = collect(runner.spawn(specFor(fx, ['sleep', '0.4'], policy)));
    await new Promise((r) => setTimeout(r, 150));
    assert.ok(existsSync(path.join(fx.extra, '.codex')));
    const binder = collect(other.spawn(specFor(fx, ['sh', '-c', `sleep 1.2; touch ${fx.extra}/.codex/x 2>&1; echo rc=$?`], policy)));
    await creator;
    assert.ok(existsSync(path.join(fx.extra, '.codex')), 'not removed while another sandbox mounts it');
    assert.match((await binder).output, /Read-only file system[\s\S]*rc=1/);
    const deadline = Date.now() + 6000;
    while (readdirSync(fx.extra).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(readdirSync(fx.extra), [], 'removed once no sandbox uses it');
  });

  it('#6 a .git file: the gitdir it points to is read-only when inside a writable root', async () => {
    const gitdir = path.join(fx.extra, 'gitdirs', 'wt');
    mkdirSync(gitdir, { recursive: true });
    const wt = path.join(fx.base, 'worktree');
    mkdirSync(wt);
    writeFileSync(path.join(wt, '.git'), `gitdir: ${gitdir}\n`);
    const results = await probe(fx, workspaceWrite({ writableRoots: [fx.extra] }), [['write', path.join(gitdir, 'HEAD')], ['write', path.join(fx.extra, 'gitdirs', 'other')], ['write', path.join(wt, 'file')], ['write', path.join(wt, '.git')]], { cwd: wt });
    assert.deepEqual(results, ['EROFS', 'OK', 'OK', 'EROFS']);
  });

  it('#7 symlinked roots are realpath’d; a symlinked protected name fails closed', async () => {
    const link = path.join(fx.base, 'ws-link');
    symlinkSync(fx.ws, link);
    const results = await probe(fx, workspaceWrite({ writableRoots: [link] }), [['write', path.join(link, 'via-link')], ['write', path.join(link, '.git', 'x')]], { cwd: link });
    assert.deepEqual(results, ['OK', 'EROFS']);
    symlinkSync(fx.outside, path.join(fx.extra, '.agents'));
    const refused = await run(fx, ['true'], workspaceWrite({ writableRoots: [fx.extra] }));
    assert.equal(refused.status.exitCode, 127);
    assert.match(refused.status.spawnError ?? '', /\.agents is a symbolic link/);
  });

  it('#8 exclude_slash_tmp, exclude_tmpdir_env_var and writable_roots toggle exactly their path', async () => {
    const ops: [string, string][] = [['write', `/tmp/codex-ts-sandbox-probe-${process.pid}`], ['write', path.join(fx.tmpdir, 'x')], ['write', path.join(fx.extra, 'x')], ['write', path.join(fx.ws, 'x')]];
    assert.deepEqual(await probe(fx, workspaceWrite({ excludeSlashTmp: true }), ops), ['EROFS', 'OK', 'EROFS', 'OK']);
    assert.deepEqual(await probe(fx, workspaceWrite({ excludeTmpdirEnvVar: true }), ops), ['OK', 'EROFS', 'EROFS', 'OK']);
    assert.deepEqual(await probe(fx, workspaceWrite({ excludeSlashTmp: true, excludeTmpdirEnvVar: true, writableRoots: [fx.extra] }), ops), ['EROFS', 'EROFS', 'OK', 'OK']);
  });

  it('#9 read-only: every write is EROFS, including the workspace, /tmp and $TMPDIR', async () => {
    const results = await probe(fx, { type: 'readOnly', networkAccess: false }, [
      ['write', path.join(fx.ws, 'x')],
      ['write', `/tmp/codex-ts-sandbox-probe-${process.pid}`],
      ['write', path.join(fx.tmpdir, 'x')],
      ['append', '/dev/null'],
      ['read', path.join(fx.ws, 'README.md')],
      ['status'],
    ]);
    assert.deepEqual(results.slice(0, 5), ['EROFS', 'EROFS', 'EROFS', 'OK', 'OK']);
    assert.deepEqual(results[5], { NoNewPrivs: '1', Seccomp: '2', CapEff: '0000000000000000' });
  });

  it('#16 danger-full-access and externalSandbox run directly: no bwrap, writes anywhere', async () => {
    for (const sandbox of [{ type: 'dangerFullAccess' } as const, { type: 'externalSandbox', networkAccess: 'enabled' } as const]) {
      const p = runner.spawn(specFor(fx, ['node', fx.probeScript, JSON.stringify([['write', path.join(fx.outside, 'x')], ['status']])], sandbox));
      assert.equal(p.argv[0], 'node');
      const r = await collect(p);
      const [write, status] = JSON.parse(r.output) as [string, Record<string, string>];
      assert.equal(write, 'OK');
      assert.equal(status.Seccomp, '0');
    }
  });
});
