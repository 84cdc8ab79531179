// The login-profile gate on a scripted process: which argv get the marker line, a marker split
// across chunks, both markers on one stream (a terminal), held text at exit (noise when the command
// started, shown when it never did) and the runaway-profile cap.
import { strict as assert } from 'node:assert';
import type { ExitStatus } from '../../server/process/commandSpec';
import { gateProfileOutput, markLoginProfile, MAX_PROFILE_NOISE_CHARS } from '../../server/tools/exec/loginProfile';
import type { OutputStream, RunningProcess } from '../../server/process/runner';

const M = 'codex-ts-profile-done-0123456789abcdef';

function scripted(): { proc: RunningProcess; out: (chunk: string, stream: OutputStream) => void; exit: (code: number) => void } {
  const listeners = new Set<(chunk: string, stream: OutputStream) => void>();
  let resolve!: (s: ExitStatus) => void;
  const exit = new Promise<ExitStatus>((r) => (resolve = r));
  const proc: RunningProcess = {
    pid: 1,
    argv: [],
    onOutput: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    exit,
    exited: false,
    write: () => Promise.resolve(),
    closeStdin: () => undefined,
    signal: () => true,
    kill: () => exit,
  };
  return { proc, out: (chunk, stream) => listeners.forEach((l) => l(chunk, stream)), exit: (code) => resolve({ exitCode: code, signal: null, timedOut: false }) };
}

function gated(): { shown: string[]; noise: string[]; s: ReturnType<typeof scripted>; gate: RunningProcess } {
  const s = scripted();
  const shown: string[] = [];
  const noise: string[] = [];
  const gate = gateProfileOutput(s.proc, M, (stream, text) => noise.push(`${stream}:${text}`));
  gate.onOutput((chunk, stream) => shown.push(`${stream}:${chunk}`));
  return { shown, noise, s, gate };
}

describe('exec: login profile gate', () => {
  it('marks only login invocations of POSIX shells, keeping shell and flag', () => {
    const marked = markLoginProfile(['/bin/bash', '-lc', 'echo hi'], M);
    assert.deepEqual(marked, { argv: ['/bin/bash', '-lc', `printf '%s\\n' ${M} >&2; printf '%s\\n' ${M}\necho hi`], marker: M });
    assert.equal(markLoginProfile(['/bin/bash', '-c', 'echo hi'], M), null);
    assert.equal(markLoginProfile(['fish', '-lc', 'echo hi'], M), null);
    assert.equal(markLoginProfile(['ls', '-la'], M), null);
    assert.match(markLoginProfile(['zsh', '-lc', 'x'])?.marker ?? '', /^codex-ts-profile-done-[0-9a-f]{16}$/);
  });

  it('holds each stream until its marker, even split across chunks; afterwards passes chunks through', async () => {
    const { shown, noise, s, gate } = gated();
    s.out('pyenv: cannot rehash\ncodex-ts-profile-', 'stderr');
    s.out('hello', 'stdout');
    assert.deepEqual(shown, []);
    s.out(`done-0123456789abcdef\nerr1\n`, 'stderr');
    s.out(`${M}\nout1\n`, 'stdout');
    s.out('out2\n', 'stdout');
    s.exit(0);
    assert.equal((await gate.exit).exitCode, 0);
    assert.deepEqual(shown, ['stderr:err1\n', 'stdout:out1\n', 'stdout:out2\n']);
    assert.deepEqual(noise, ['stderr:pyenv: cannot rehash\n', 'stdout:hello']);
    assert.equal(gate.exited, true);
  });

  it('one stream carrying both markers (a terminal) drops both', async () => {
    const { shown, noise, s, gate } = gated();
    s.out(`motd\r\n${M}\r\n${M}\r\n$ ready\r\n`, 'stdout');
    s.exit(0);
    await gate.exit;
    assert.deepEqual(shown, ['stdout:$ ready\r\n']);
    assert.deepEqual(noise, ['stdout:motd\r\n']);
  });

  it('at exit: held text is shown when the command never started, noise when it did', async () => {
    const never = gated();
    never.s.out('profile: fatal\n', 'stderr');
    never.s.exit(1);
    await never.gate.exit;
    assert.deepEqual(never.shown, ['stderr:profile: fatal\n']);
    assert.deepEqual(never.noise, []);

    const started = gated();
    started.s.out(`${M}\nok\n`, 'stdout');
    started.s.out('late profile text', 'stderr');
    started.s.exit(0);
    await started.gate.exit;
    assert.deepEqual(started.shown, ['stdout:ok\n']);
    assert.deepEqual(started.noise, ['stderr:late profile text']);
  });

  it('a runaway profile past the cap is shown rather than held forever', () => {
    const { shown, s } = gated();
    const flood = 'x'.repeat(MAX_PROFILE_NOISE_CHARS + 1);
    s.out(flood, 'stdout');
    s.out('more', 'stdout');
    assert.deepEqual(shown, [`stdout:${flood}`, 'stdout:more']);
  });
});
