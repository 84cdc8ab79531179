// `codex-ts sandbox` end to end (the real CLI entry point, real bubblewrap): argument parsing and
// policies, exit codes, stdin and output passing through, writes denied outside the workspace and
// in read-only mode, the network marker, --print-plan, and usage errors.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseSandboxArgs } from '../../server/cli/sandbox';
import { makeFixture, PATH_ENV, requireSandbox, type Fixture } from '../support/sandbox-helpers';

const REPO = path.resolve(__dirname, '../..');

function cli(args: string[], input = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(REPO, 'server/cli/main.ts'), 'sandbox', ...args], {
      cwd: REPO,
      env: { PATH: PATH_ENV, HOME: process.env.HOME ?? '/root' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.stdin.end(input);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('sandbox: codex-ts sandbox CLI', function () {
  this.timeout(60_000);
  let fx: Fixture;

  before(() => {
    requireSandbox();
  });
  beforeEach(() => {
    fx = makeFixture();
  });
  afterEach(() => fx.cleanup());

  it('workspace-write: writes in -C DIR, not outside; exit code and network marker pass through', async () => {
    const outside = path.join(fx.outside, 'x');
    const r = await cli(['workspace-write', '-C', fx.ws, '--', 'sh', '-c', `echo hi > made.txt; touch ${outside}; echo "net=$CODEX_SANDBOX_NETWORK_DISABLED"; exit 3`]);
    assert.equal(r.code, 3, r.stderr);
    assert.equal(r.stdout, 'net=1\n');
    assert.match(r.stderr, /Read-only file system/);
    assert.equal(readFileSync(path.join(fx.ws, 'made.txt'), 'utf8'), 'hi\n');
    assert.ok(!existsSync(outside));
  });

  it('read-only with --network; stdin reaches the command', async () => {
    const r = await cli(['read-only', '--network', '-C', fx.ws, '--', 'sh', '-c', 'cat; touch y 2>/dev/null || echo denied; echo "net=${CODEX_SANDBOX_NETWORK_DISABLED:-on}"'], 'from stdin\n');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'from stdin\ndenied\nnet=on\n');
  });

  it('--writable-root and --print-plan show the bwrap command line', async () => {
    const r = await cli(['workspace-write', '-C', fx.ws, '--writable-root', fx.extra, '--exclude-slash-tmp', '--print-plan', '--', 'make']);
    assert.equal(r.code, 0, r.stderr);
    const plan = JSON.parse(r.stdout) as { kind: string; argv: string[]; network: boolean };
    assert.equal(plan.kind, 'bwrap');
    assert.equal(plan.argv[0], '/usr/bin/bwrap');
    assert.ok(plan.argv.join(' ').includes(`--bind ${fx.extra} ${fx.extra}`));
    assert.ok(!plan.argv.includes('/tmp'));
    assert.deepEqual(plan.argv.slice(-2), ['--', 'make']);
  });

  it('usage errors exit 2', async () => {
    const r = await cli(['sometimes', '--', 'ls']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown sandbox mode 'sometimes'/);
  });

  it('parses its arguments', () => {
    assert.deepEqual(parseSandboxArgs(['workspace-write', '--network', '-C', 'ws', '--', 'ls', '-l']), {
      help: false,
      policy: { type: 'workspaceWrite', writableRoots: [], networkAccess: true, excludeSlashTmp: false, excludeTmpdirEnvVar: false },
      cwd: 'ws',
      command: ['ls', '-l'],
      printPlan: false,
    });
    assert.deepEqual(parseSandboxArgs(['read-only', '--', 'cat', '--', 'x']), { help: false, policy: { type: 'readOnly', networkAccess: false }, cwd: null, command: ['cat', '--', 'x'], printPlan: false });
    assert.deepEqual(parseSandboxArgs(['danger-full-access', '--', 'true']), { help: false, policy: { type: 'dangerFullAccess' }, cwd: null, command: ['true'], printPlan: false });
    assert.equal((parseSandboxArgs(['--help']) as { help: boolean }).help, true);
    for (const [args, error] of [
      [['read-only', 'ls'], /unexpected argument 'ls'/],
      [['read-only'], /missing -- before the command/],
      [[], /missing the sandbox mode/],
      [['read-only', '--bogus', '--', 'ls'], /unknown option '--bogus'/],
      [['--', 'ls'], /missing the sandbox mode/],
      [['read-only', '--'], /missing the command/],
      [['danger-full-access', '--network', '--', 'ls'], /do not apply/],
      [['read-only', '-C'], /-C needs a value/],
    ] as [string[], RegExp][]) {
      const r = parseSandboxArgs(args);
      assert.ok('error' in r && error.test(r.error), `${args.join(' ')} → ${JSON.stringify(r)}`);
    }
  });
});
