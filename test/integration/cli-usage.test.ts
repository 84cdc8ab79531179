// The built `codex-ts` binary's usage: `--help` after a subcommand prints that subcommand's own
// usage (exit 0); an unknown option or a missing argument prints an error naming it and the
// subcommand's usage on stderr (exit 2); a bare `codex-ts sandbox` is such an error.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { EXEC_USAGE } from '../../server/cli/exec/execArgs';
import { SANDBOX_USAGE } from '../../server/cli/sandbox';

const CLI = resolve(__dirname, '../../dist/server/cli.js');

function run(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input: '', env: { ...process.env, CODEX_TS_LOG: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('codex-ts: each subcommand prints its own usage', function () {
  this.timeout(30_000);

  it('--help: app-server, exec and sandbox print their own usage, the top level its own', () => {
    const top = run('--help');
    assert.equal(top.code, 0);
    assert.match(top.stdout, /^Usage: codex-ts <command> \[options\]\n/);
    const appServer = run('app-server', '--help');
    assert.deepEqual([appServer.code, appServer.stderr], [0, '']);
    assert.match(appServer.stdout, /^Usage: codex-ts app-server \[options\]\n[\s\S]*-c, --config <key=value>/);
    assert.deepEqual(run('exec', '--help'), { code: 0, stdout: EXEC_USAGE, stderr: '' });
    assert.deepEqual(run('sandbox', '--help'), { code: 0, stdout: SANDBOX_USAGE, stderr: '' });
  });

  it('an unknown option names itself and prints that subcommand’s usage, exit code 2', () => {
    assert.deepEqual(run('exec', '--bogus'), { code: 2, stdout: '', stderr: `codex-ts exec: unknown option '--bogus'\n\n${EXEC_USAGE}` });
    const appServer = run('app-server', '--bogus');
    assert.equal(appServer.code, 2);
    assert.equal(appServer.stdout, '');
    assert.match(appServer.stderr, /^codex-ts app-server: unknown option '--bogus'\n\nUsage: codex-ts app-server \[options\]\n/);
    assert.deepEqual(run('sandbox', 'read-only', '--bogus', '--', 'true'), { code: 2, stdout: '', stderr: `codex-ts sandbox: unknown option '--bogus'\n\n${SANDBOX_USAGE}` });
    const top = run('--bogus');
    assert.equal(top.code, 2);
    assert.match(top.stderr, /^codex-ts: unknown option '--bogus'\n\nUsage: codex-ts <command>/);
  });

  it('a bare `codex-ts sandbox` says what is missing and prints the sandbox usage', () => {
    assert.deepEqual(run('sandbox'), {
      code: 2,
      stdout: '',
      stderr: `codex-ts sandbox: missing the sandbox mode (read-only, workspace-write, danger-full-access)\n\n${SANDBOX_USAGE}`,
    });
  });
});
