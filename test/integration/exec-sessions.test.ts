// Exec tools with real processes under /tmp: exec_command results (exact text shape, exit codes,
// merged stderr), sessions that outlive yield_time_ms continued with write_stdin until they exit,
// output deltas in order, killAll taking down a whole process tree, head+tail truncation of huge
// output, workdir, login vs non-login shells, the session cap and the child environment. Timing is
// kept loose (generous yields, no upper bounds tighter than seconds) for a loaded 2-core machine.
import { strict as assert } from 'node:assert';
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DEFAULT_SHELL_ENVIRONMENT_POLICY } from '../../server/tools/exec/environment';
import type { ExecSessionEnd } from '../../server/tools/exec/session';
import { ExecSessionManager, ExecToolError, type ExecContext, type ExecManagerOptions, type ExecStartInfo } from '../../server/tools/exec/sessions';
import { LOGIN_SHELL_DISABLED_MESSAGE } from '../../server/process/shellCommand';
import { processGone, waitFor } from '../support/process-state';

const RESULT_SHAPE = /^Chunk ID: [0-9a-f]{6}\nWall time: \d+\.\d{4} seconds\n(Process exited with code -?\d+|Process running with session ID \d+)\nOriginal token count: \d+\nOutput:\n/;

describe('exec: sessions with real processes', function () {
  this.timeout(60_000);
  let dir: string;
  let home: string;
  let manager: ExecSessionManager;
  let ctx: ExecContext;
  const makeManager = (extra: ExecManagerOptions = {}): ExecSessionManager =>
    new ExecSessionManager({ baseEnv: { ...process.env, HOME: home }, userShell: '/bin/bash', minEmptyPollMs: 250, ...extra });

  beforeEach(async () => {
    dir = await realpath(await mkdtemp(path.join(tmpdir(), 'exec-sessions-')));
    home = path.join(dir, 'home');
    await mkdir(home);
    manager = makeManager();
    ctx = { cwd: dir, sandbox: { type: 'dangerFullAccess' } };
  });
  afterEach(async () => {
    await manager.killAll();
    await rm(dir, { recursive: true, force: true });
  });

  it('echo: the exact result shape, item info and the end record', async () => {
    const starts: ExecStartInfo[] = [];
    const ends: ExecSessionEnd[] = [];
    const r = await manager.execCommand({ cmd: 'echo hello' }, { ...ctx, onStart: (i) => starts.push(i), onExit: (e) => ends.push(e) });
    assert.match(r.text, /^Chunk ID: [0-9a-f]{6}\nWall time: \d+\.\d{4} seconds\nProcess exited with code 0\nOriginal token count: 2\nOutput:\nhello\n$/);
    assert.equal(r.exitCode, 0);
    assert.equal(r.sessionId, null);
    assert.equal(r.command, "/bin/bash -lc 'echo hello'");
    assert.deepEqual(starts, [
      { processId: r.processId, command: "/bin/bash -lc 'echo hello'", argv: ['/bin/bash', '-lc', 'echo hello'], cwd: dir, commandActions: [{ type: 'unknown', command: 'echo hello' }] },
    ]);
    assert.equal(ends.length, 1);
    assert.equal(ends[0]?.aggregatedOutput, 'hello\n');
    assert.equal(ends[0]?.exitCode, 0);
    assert.deepEqual(r.end, ends[0]);
    assert.deepEqual(manager.sessionIds(), []);
  });

  it('reports exit codes, including 128+signal', async () => {
    assert.equal((await manager.execCommand({ cmd: 'exit 3' }, ctx)).exitCode, 3);
    const killed = await manager.execCommand({ cmd: 'kill -TERM $$' }, ctx);
    assert.equal(killed.exitCode, 143);
    assert.match(killed.text, /Process exited with code 143\n/);
  });

  it('merges stderr into the output', async () => {
    const r = await manager.execCommand({ cmd: 'echo out; echo err >&2; echo out2 1>&2; echo last' }, ctx);
    assert.deepEqual(r.output.split('\n').sort(), ['', 'err', 'last', 'out', 'out2']);
  });

  it('yields a session after yield_time_ms and continues it with write_stdin until exit', async () => {
    const script = 'echo start; read a; echo "got $a"; read b; echo "got $b"';
    const first = await manager.execCommand({ cmd: script, yield_time_ms: 1000 }, ctx);
    assert.match(first.text, RESULT_SHAPE);
    assert.notEqual(first.sessionId, null);
    assert.equal(first.exitCode, null);
    assert.match(first.text, new RegExp(`\\nProcess running with session ID ${first.sessionId}\\n`));
    const id = first.sessionId as number;
    assert.deepEqual(manager.sessionIds(), [id]);

    const second = await manager.writeStdin({ session_id: id, chars: 'one\n', yield_time_ms: 1000 });
    assert.equal(second.sessionId, id);
    const third = await manager.writeStdin({ session_id: id, chars: 'two\n', yield_time_ms: 20_000 });
    assert.equal(third.exitCode, 0);
    assert.equal(third.sessionId, null);
    assert.match(third.text, /\nProcess exited with code 0\n/);
    assert.equal(first.output + second.output + third.output, 'start\ngot one\ngot two\n');
    assert.equal(third.end?.aggregatedOutput, 'start\ngot one\ngot two\n');

    await assert.rejects(manager.writeStdin({ session_id: id, chars: 'x' }), (err: unknown) => {
      assert.ok(err instanceof ExecToolError);
      assert.equal(err.message, `write_stdin failed: Unknown process id ${id}`);
      return true;
    });
  });

  it('a cat session echoes what is written and stops on Ctrl-C', async () => {
    const first = await manager.execCommand({ cmd: 'cat', login: false, yield_time_ms: 250 }, ctx);
    const id = first.sessionId as number;
    assert.ok(id >= 1000 && id < 100_000);
    let seen = first.output;
    for (const line of ['alpha\n', 'beta\n']) {
      const r = await manager.writeStdin({ session_id: id, chars: line, yield_time_ms: 500 });
      seen += r.output;
    }
    while (!seen.includes('beta\n')) seen += (await manager.writeStdin({ session_id: id, yield_time_ms: 1000 })).output;
    assert.equal(seen, 'alpha\nbeta\n');
    const end = await manager.writeStdin({ session_id: id, chars: '\u0003', yield_time_ms: 10_000 });
    assert.equal(end.exitCode, 130);
  });

  it('an empty poll returns as soon as the process exits', async () => {
    const first = await manager.execCommand({ cmd: 'while [ ! -e go ]; do sleep 0.05; done; echo done', yield_time_ms: 250 }, ctx);
    assert.notEqual(first.sessionId, null);
    await writeFile(path.join(dir, 'go'), '');
    const poll = await manager.writeStdin({ session_id: first.sessionId as number, yield_time_ms: 300_000 });
    assert.equal(poll.exitCode, 0);
    assert.equal(first.output + poll.output, 'done\n');
    assert.ok(poll.wallTimeMs < 30_000);
  });

  it('a session that exited between calls still hands over its last output and exit code', async () => {
    let ended = false;
    const first = await manager.execCommand(
      { cmd: 'while [ ! -e go ]; do sleep 0.05; done; echo bye; exit 4', yield_time_ms: 250 },
      { ...ctx, onExit: () => (ended = true) },
    );
    const id = first.sessionId as number;
    await writeFile(path.join(dir, 'go'), '');
    await waitFor(() => ended);
    assert.deepEqual(manager.sessionIds(), [id]);
    const last = await manager.writeStdin({ session_id: id, chars: 'ignored\n' });
    assert.equal(last.exitCode, 4);
    assert.equal(last.output, 'bye\n');
    assert.deepEqual(manager.sessionIds(), []);
  });

  it('streams output deltas in order', async () => {
    const chunks: string[] = [];
    const r = await manager.execCommand(
      { cmd: 'for i in 1 2 3 4 5; do echo tick $i; sleep 0.05; done', yield_time_ms: 20_000 },
      { ...ctx, onOutput: (c) => chunks.push(c) },
    );
    const expected = 'tick 1\ntick 2\ntick 3\ntick 4\ntick 5\n';
    assert.equal(r.exitCode, 0);
    assert.equal(chunks.join(''), expected);
    assert.ok(chunks.length >= 2, `expected several chunks, got ${chunks.length}`);
    assert.equal(r.output, expected);
  });

  it('killAll kills the whole process tree, grandchildren included', async () => {
    const ends: ExecSessionEnd[] = [];
    let out = '';
    const first = await manager.execCommand(
      { cmd: 'echo $$; sleep 300 & echo $!; wait', yield_time_ms: 500 },
      { ...ctx, onOutput: (c) => (out += c), onExit: (e) => ends.push(e) },
    );
    assert.notEqual(first.sessionId, null);
    await waitFor(() => /^\d+\n\d+\n/.test(out));
    const [leaderPid, grandchild] = out.trim().split('\n').map(Number) as [number, number];
    assert.ok(!processGone(grandchild), 'grandchild sleep should be running');
    assert.ok(!processGone(leaderPid), 'the shell should be running');

    await manager.killAll();
    await waitFor(() => processGone(grandchild) && processGone(leaderPid));
    assert.deepEqual(manager.sessionIds(), []);
    assert.equal(ends.length, 1);
    assert.equal(ends[0]?.exitCode, 143);
  });

  it('truncates a huge output head+tail and reports the original token count', async () => {
    const n = 200_000;
    let full = '';
    for (let i = 1; i <= n; i += 1) full += `${i}\n`;
    const r = await manager.execCommand({ cmd: `seq 1 ${n}`, max_output_tokens: 100, yield_time_ms: 30_000 }, ctx);
    assert.equal(r.exitCode, 0);
    const totalBytes = Buffer.byteLength(full);
    assert.equal(r.originalTokenCount, Math.ceil(totalBytes / 4));
    const marker = `…${Math.ceil((totalBytes - 400) / 4)} tokens truncated…`;
    assert.equal(r.output, `Total output lines: ${n}\n\n${full.slice(0, 200)}${marker}${full.slice(-200)}`);
    assert.ok(r.text.endsWith(`Output:\n${r.output}`));
    assert.ok((r.end?.aggregatedOutput.length ?? 0) <= 1024 * 1024 + 100);
    assert.match(r.end?.aggregatedOutput ?? '', /bytes of output omitted/);
  });

  it('runs in the turn cwd, or in workdir (relative or absolute)', async () => {
    await mkdir(path.join(dir, 'sub'));
    assert.equal((await manager.execCommand({ cmd: 'pwd' }, ctx)).output, `${dir}\n`);
    assert.equal((await manager.execCommand({ cmd: 'pwd', workdir: 'sub' }, ctx)).output, `${dir}/sub\n`);
    assert.equal((await manager.execCommand({ cmd: 'pwd', workdir: path.join(dir, 'sub') }, { ...ctx, cwd: '/' })).output, `${dir}/sub\n`);
    await assert.rejects(manager.execCommand({ cmd: 'pwd', workdir: 'missing' }, ctx), /^ExecToolError: exec_command failed: working directory .*missing does not exist/);
  });

  it('login shell by default, -c when login is false, refused when not allowed', async () => {
    const probe = 'shopt -q login_shell && echo login || echo plain';
    assert.equal((await manager.execCommand({ cmd: probe }, ctx)).output, 'login\n');
    const plain = await manager.execCommand({ cmd: probe, login: false }, ctx);
    assert.equal(plain.output, 'plain\n');
    assert.equal(plain.command, "/bin/bash -c 'shopt -q login_shell && echo login || echo plain'");

    const strict = makeManager({ allowLoginShell: false });
    assert.equal((await strict.execCommand({ cmd: probe }, ctx)).output, 'plain\n');
    await assert.rejects(strict.execCommand({ cmd: probe, login: true }, ctx), (err: unknown) => err instanceof ExecToolError && err.message === LOGIN_SHELL_DISABLED_MESSAGE);
  });

  it('uses the shell argument and reports a shell that cannot start', async () => {
    assert.equal((await manager.execCommand({ cmd: 'echo $0', shell: '/bin/sh', login: false }, ctx)).output, '/bin/sh\n');
    await assert.rejects(manager.execCommand({ cmd: 'true', shell: path.join(dir, 'no-such-shell') }, ctx), /exec_command failed: .*ENOENT/);
    assert.deepEqual(manager.sessionIds(), []);
  });

  it('caps live sessions: the least recently used one is killed, with a warning', async () => {
    const capped = makeManager({ maxSessions: 2 });
    try {
      const a = await capped.execCommand({ cmd: 'sleep 60', yield_time_ms: 250 }, ctx);
      const b = await capped.execCommand({ cmd: 'sleep 60', yield_time_ms: 250 }, ctx);
      const c = await capped.execCommand({ cmd: 'sleep 60', yield_time_ms: 250 }, ctx);
      assert.deepEqual(capped.sessionIds().sort(), [b.sessionId, c.sessionId].sort());
      assert.equal(c.warnings.length, 1);
      assert.match(c.warnings[0] ?? '', new RegExp(`^session ${a.sessionId} \\(/bin/bash -lc 'sleep 60'\\) was terminated`));
      assert.match(c.text, /\nWarning: session \d+ .* was terminated to keep at most 2 sessions open\.\nOutput:\n$/);
    } finally {
      await capped.killAll();
    }
  });

  it('a throwing callback is logged and does not break the command', async () => {
    const warnings: string[] = [];
    const m = makeManager({ logger: { warn: (msg) => warnings.push(msg) } });
    const throwing = (): void => {
      throw new Error('boom');
    };
    const r = await m.execCommand({ cmd: 'echo ok', login: false }, { ...ctx, onOutput: throwing, onExit: throwing });
    assert.equal(r.output, 'ok\n');
    assert.equal(r.exitCode, 0);
    assert.deepEqual(warnings, ['exec: output/exit callback failed: boom', 'exec: output/exit callback failed: boom']);
  });

  it('terminate() kills one session', async () => {
    const r = await manager.execCommand({ cmd: 'sleep 60', yield_time_ms: 250 }, ctx);
    const id = r.sessionId as number;
    assert.equal(await manager.terminate(id), true);
    assert.equal(await manager.terminate(id), false);
    assert.deepEqual(manager.sessionIds(), []);
  });

  it('builds the child environment from the policy, the overlay and the network flag', async () => {
    const m = makeManager({
      baseEnv: { ...process.env, HOME: home, MY_API_KEY: 'secret', KEEP_ME: 'kept' },
      shellEnvironmentPolicy: { ...DEFAULT_SHELL_ENVIRONMENT_POLICY, set: { FOO: 'bar' } },
    });
    const r = await m.execCommand({ cmd: 'echo "$FOO|${MY_API_KEY-unset}|$KEEP_ME|$PAGER|$CODEX_SANDBOX_NETWORK_DISABLED"', login: false }, { ...ctx, networkDisabled: true });
    assert.equal(r.output, 'bar|unset|kept|cat|1\n');
    const open = await m.execCommand({ cmd: 'echo "${CODEX_SANDBOX_NETWORK_DISABLED-unset}"', login: false }, ctx);
    assert.equal(open.output, 'unset\n');
  });
});
