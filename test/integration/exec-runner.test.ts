// Exec tools: the pass-through CommandRunner with real processes (merged output, environment,
// timeouts and kills that take the whole process group down, SIGKILL after an ignored SIGTERM,
// spawn failures, background children that keep the pipes open) and the `shell` tool built on it.
import { strict as assert } from 'node:assert';
import { mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { CommandSpec } from '../../server/process/commandSpec';
import { PassThroughRunner, type RunningProcess } from '../../server/process/runner';
import { ExecSessionManager, ExecToolError, type ExecContext } from '../../server/tools/exec/sessions';
import { runShellTool } from '../../server/tools/exec/shellTool';
import { processGone, waitFor } from '../support/process-state';

function collect(p: RunningProcess): { text: () => string } {
  let out = '';
  p.onOutput((c) => (out += c));
  return { text: () => out };
}

describe('exec: pass-through runner', function () {
  this.timeout(60_000);
  let dir: string;
  const runner = new PassThroughRunner({ killGraceMs: 500, drainGraceMs: 200 });
  const spec = (argv: string[], extra: Partial<CommandSpec> = {}): CommandSpec => ({
    argv,
    cwd: dir,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
    sandbox: { type: 'dangerFullAccess' },
    tty: false,
    ...extra,
  });

  beforeEach(async () => {
    dir = await realpath(await mkdtemp(path.join(tmpdir(), 'exec-runner-')));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('runs argv with exactly the given env and cwd, merging stdout and stderr', async () => {
    const p = runner.spawn(spec(['/bin/sh', '-c', 'echo "$X $HOME"; pwd; echo oops >&2; exit 7'], { env: { PATH: '/usr/bin:/bin', X: 'y' } }));
    const out = collect(p);
    const status = await p.exit;
    assert.deepEqual(status, { exitCode: 7, signal: null, timedOut: false });
    assert.deepEqual(out.text().split('\n').sort(), ['', dir, 'oops', 'y '].sort());
    assert.ok(p.exited);
    assert.deepEqual(p.argv, ['/bin/sh', '-c', 'echo "$X $HOME"; pwd; echo oops >&2; exit 7']);
  });

  it('writes to stdin and reports a closed stdin after exit', async () => {
    const p = runner.spawn(spec(['/bin/sh', '-c', 'read a; echo "[$a]"']));
    const out = collect(p);
    await p.write('hi\n');
    await p.exit;
    assert.equal(out.text(), '[hi]\n');
    await assert.rejects(p.write('more'), /stdin is closed/);
  });

  it('closeStdin sends EOF', async () => {
    const p = runner.spawn(spec(['cat']));
    const out = collect(p);
    await p.write('abc');
    p.closeStdin();
    assert.equal((await p.exit).exitCode, 0);
    assert.equal(out.text(), 'abc');
  });

  it('kill() takes down the whole tree', async () => {
    const p = runner.spawn(spec(['/bin/sh', '-c', 'sleep 300 & echo $!; sleep 300']));
    const out = collect(p);
    await waitFor(() => out.text().endsWith('\n'));
    const grandchild = Number(out.text().trim());
    const status = await p.kill();
    assert.equal(status.exitCode, 143);
    assert.equal(status.signal, 'SIGTERM');
    await waitFor(() => processGone(grandchild) && processGone(p.pid as number));
  });

  it('SIGKILLs the group when SIGTERM is ignored', async () => {
    const p = runner.spawn(spec(['/bin/sh', '-c', 'trap "" TERM; echo ready; while :; do sleep 1; done']));
    const out = collect(p);
    await waitFor(() => out.text() === 'ready\n');
    const status = await p.kill();
    assert.equal(status.exitCode, 137);
    assert.equal(status.signal, 'SIGKILL');
  });

  it('timeoutMs kills the tree and marks the exit as timed out', async () => {
    const p = runner.spawn(spec(['/bin/sh', '-c', 'sleep 300 & echo $!; wait'], { timeoutMs: 300 }));
    const out = collect(p);
    const status = await p.exit;
    assert.equal(status.timedOut, true);
    assert.equal(status.exitCode, 143);
    await waitFor(() => processGone(Number(out.text().trim())));
  });

  it('reports a command that cannot start', async () => {
    const missing = await runner.spawn(spec([path.join(dir, 'nope')])).exit;
    assert.equal(missing.exitCode, 127);
    assert.match(missing.spawnError ?? '', /ENOENT/);
    const empty = await runner.spawn(spec([])).exit;
    assert.equal(empty.spawnError, 'empty command line');
  });

  it('does not wait for background children that keep the output pipe open', async () => {
    const started = Date.now();
    const p = runner.spawn(spec(['/bin/sh', '-c', 'sleep 30 & echo $!']));
    const out = collect(p);
    const status = await p.exit;
    assert.equal(status.exitCode, 0);
    assert.ok(Date.now() - started < 20_000);
    const bg = Number(out.text().trim());
    assert.ok(bg > 0);
    process.kill(bg, 'SIGKILL');
  });

  it('signal() reaches the process group', async () => {
    const p = runner.spawn(spec(['/bin/sh', '-c', 'echo ready; sleep 300']));
    const out = collect(p);
    await waitFor(() => out.text() === 'ready\n');
    assert.equal(p.signal('SIGINT'), true);
    assert.equal((await p.exit).exitCode, 130);
    assert.equal(p.signal('SIGINT'), false);
  });
});

describe('exec: shell tool', function () {
  this.timeout(60_000);
  let dir: string;
  let manager: ExecSessionManager;
  let ctx: ExecContext;
  beforeEach(async () => {
    dir = await realpath(await mkdtemp(path.join(tmpdir(), 'exec-shell-')));
    manager = new ExecSessionManager({ baseEnv: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir } });
    ctx = { cwd: dir, sandbox: { type: 'dangerFullAccess' } };
  });
  afterEach(async () => {
    await manager.killAll();
    await rm(dir, { recursive: true, force: true });
  });

  it('runs argv directly and answers in the structured JSON format', async () => {
    const r = await runShellTool(manager, { command: ['/bin/sh', '-c', 'echo hi; pwd; exit 2'] }, ctx);
    const parsed = JSON.parse(r.text) as { output: string; metadata: { exit_code: number; duration_seconds: number } };
    assert.deepEqual(parsed.output, `hi\n${dir}\n`);
    assert.equal(parsed.metadata.exit_code, 2);
    assert.ok(parsed.metadata.duration_seconds >= 0);
    assert.match(r.text, /^\{"output":"hi\\n.*","metadata":\{"exit_code":2,"duration_seconds":\d+\.\d\}\}$/);
    assert.equal(r.end.aggregatedOutput, `hi\n${dir}\n`);
    assert.equal(r.command, "/bin/sh -c 'echo hi; pwd; exit 2'");
  });

  it('times out with exit code 124 and a notice before the output', async () => {
    const r = await runShellTool(manager, { command: ['/bin/sh', '-c', 'echo partial; sleep 30'], timeout_ms: 500 }, ctx);
    const parsed = JSON.parse(r.text) as { output: string; metadata: { exit_code: number } };
    assert.equal(parsed.metadata.exit_code, 124);
    assert.equal(parsed.output, 'command timed out after 500 milliseconds\npartial\n');
    assert.equal(r.timedOut, true);
  });

  it('truncates long output and respects workdir', async () => {
    const r = await runShellTool(manager, { command: ['seq', '1', '5000'], workdir: '.' }, ctx, { maxOutputTokens: 10 });
    const parsed = JSON.parse(r.text) as { output: string };
    assert.match(parsed.output, /^Total output lines: 5000\n\n1\n2\n3\n4\n5\n6\n7\n.*tokens truncated….*\n5000\n$/s);
    await assert.rejects(runShellTool(manager, { command: ['true'], workdir: 'missing' }, ctx), ExecToolError);
    await assert.rejects(runShellTool(manager, { command: [path.join(dir, 'nope')] }, ctx), /execution error: .*ENOENT/);
  });

  it('killAll stops a running shell command', async () => {
    const pending = runShellTool(manager, { command: ['sleep', '30'], timeout_ms: 60_000 }, ctx);
    await new Promise((r) => setTimeout(r, 300));
    await manager.killAll();
    const r = await pending;
    assert.equal((JSON.parse(r.text) as { metadata: { exit_code: number } }).metadata.exit_code, 143);
  });
});
