// Login-profile noise with a real bash: a HOME whose .bash_profile prints to stderr and stdout
// (like `pyenv: cannot rehash: … isn't writable` in the read-only sandbox). exec_command results,
// write_stdin sessions, output deltas, aggregatedOutput and the shell tool carry only the
// command's output and exit code; the profile's text goes to the log (once at info); a profile
// that exits before the command starts is shown, since then it is the whole story.
import { strict as assert } from 'node:assert';
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { ExecSessionEnd } from '../../server/tools/exec/session';
import { ExecSessionManager, type ExecContext } from '../../server/tools/exec/sessions';
import { runShellTool } from '../../server/tools/exec/shellTool';

const NOISY_PROFILE = [
  'echo "pyenv: cannot rehash: /home/u/.pyenv/shims isn\'t writable" >&2',
  'echo "Welcome back"',
  'printf "no newline at the end"',
  '',
].join('\n');

describe('exec: login profile noise stays out of command output', function () {
  this.timeout(60_000);
  let dir: string;
  let home: string;
  let logged: string[];
  let manager: ExecSessionManager;
  let ctx: ExecContext;

  beforeEach(async () => {
    dir = await realpath(await mkdtemp(path.join(tmpdir(), 'exec-profile-')));
    home = path.join(dir, 'home');
    await mkdir(home);
    await writeFile(path.join(home, '.bash_profile'), NOISY_PROFILE);
    logged = [];
    manager = new ExecSessionManager({
      baseEnv: { ...process.env, HOME: home },
      userShell: '/bin/bash',
      minEmptyPollMs: 250,
      logger: { warn: (m) => logged.push(`warn ${m}`), info: (m) => logged.push(`info ${m}`), debug: (m) => logged.push(`debug ${m}`) },
    });
    ctx = { cwd: dir, sandbox: { type: 'dangerFullAccess' } };
  });
  afterEach(async () => {
    await manager.killAll();
    await rm(dir, { recursive: true, force: true });
  });

  it('exec_command: output, deltas and aggregatedOutput are the command’s; exit codes unchanged; the noise is logged', async () => {
    const deltas: string[] = [];
    const ends: ExecSessionEnd[] = [];
    const r = await manager.execCommand({ cmd: 'echo out; echo err >&2; exit 3' }, { ...ctx, onOutput: (c) => deltas.push(c), onExit: (e) => ends.push(e) });
    assert.equal(r.exitCode, 3);
    assert.deepEqual(r.output.split('\n').sort(), ['', 'err', 'out']);
    assert.equal(deltas.join(''), r.output);
    assert.equal(ends[0]?.aggregatedOutput, r.output);
    assert.equal(r.command, "/bin/bash -lc 'echo out; echo err >&2; exit 3'");
    assert.doesNotMatch(r.text, /pyenv|Welcome|codex-ts-profile/);
    const info = logged.filter((l) => l.startsWith('info '));
    assert.equal(info.length, 2, logged.join('\n'));
    assert.ok(info.some((l) => l.includes('on stderr') && l.includes("pyenv: cannot rehash: /home/u/.pyenv/shims isn't writable")));
    assert.ok(info.some((l) => l.includes('on stdout') && l.includes('Welcome back\nno newline at the end')));

    // The same noise again: logged at debug only, the output still clean.
    const again = await manager.execCommand({ cmd: 'echo again' }, ctx);
    assert.equal(again.output, 'again\n');
    assert.equal(logged.filter((l) => l.startsWith('info ')).length, 2);
    assert.equal(logged.filter((l) => l.startsWith('debug ')).length, 2);
  });

  it('write_stdin sessions: every read and delta is the command’s output only', async () => {
    const deltas: string[] = [];
    const first = await manager.execCommand({ cmd: 'echo start; read a; echo "got $a"', yield_time_ms: 1000 }, { ...ctx, onOutput: (c) => deltas.push(c) });
    assert.notEqual(first.sessionId, null);
    const last = await manager.writeStdin({ session_id: first.sessionId as number, chars: 'one\n', yield_time_ms: 20_000 });
    assert.equal(last.exitCode, 0);
    assert.equal(first.output + last.output, 'start\ngot one\n');
    assert.equal(deltas.join(''), 'start\ngot one\n');
    assert.equal(last.end?.aggregatedOutput, 'start\ngot one\n');
  });

  it('the shell tool (argv form) with bash -lc: clean output and exit code', async () => {
    const r = await runShellTool(manager, { command: ['bash', '-lc', 'echo hi; exit 5'] }, ctx);
    assert.equal(r.exitCode, 5);
    assert.equal(r.end.aggregatedOutput, 'hi\n');
    assert.equal(JSON.parse(r.text).output, 'hi\n');
  });

  it('a syntax error in the command is still shown (it is the command’s, after the profile)', async () => {
    const r = await manager.execCommand({ cmd: 'echo (' }, ctx);
    assert.equal(r.exitCode, 2);
    assert.match(r.output, /syntax error/);
    assert.doesNotMatch(r.output, /pyenv|Welcome/);
  });

  it('a profile that exits before the command starts: its output is the story and is shown', async () => {
    await writeFile(path.join(home, '.bash_profile'), 'echo "profile: broken setup" >&2\nexit 7\n');
    const r = await manager.execCommand({ cmd: 'echo never' }, ctx);
    assert.equal(r.exitCode, 7);
    assert.equal(r.output, 'profile: broken setup\n');
    assert.equal(r.end?.aggregatedOutput, 'profile: broken setup\n');
  });

  it('non-login shells read no profile and run unchanged', async () => {
    const r = await manager.execCommand({ cmd: 'echo plain', login: false }, ctx);
    assert.equal(r.output, 'plain\n');
    assert.deepEqual(logged, []);
  });
});
