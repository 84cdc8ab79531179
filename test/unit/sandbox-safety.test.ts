// Command safety heuristics (server/sandbox/commandSafety.ts): Codex's known-safe list for
// untrusted mode, including the option checks for base64/find/rg/sed and plain `bash -lc`
// scripts; forced-rm detection also inside complex scripts; the split of a shell script into its
// commands for the rules; and the "was this a sandbox denial?" heuristic behind on-failure retries.
import { strict as assert } from 'node:assert';
import { commandsForPolicy, isDangerousCommand, isKnownSafeCommand, isLikelySandboxDenied, literalCommands } from '../../server/sandbox/commandSafety';

const sh = (script: string): string[] => ['bash', '-lc', script];

describe('sandbox: known-safe commands (untrusted mode)', () => {
  it('accepts the read-only programs and safe option sets', () => {
    for (const argv of [
      ['ls'],
      ['ls', '-la', 'src'],
      ['/bin/ls'],
      ['cat', 'README.md'],
      ['grep', '-R', 'x', '.'],
      ['base64'],
      ['nl', '-nrz', 'Cargo.toml'],
      ['find', '.', '-name', 'file.txt'],
      ['rg', 'Cargo.toml', '-n'],
      ['sed', '-n', '1,5p', 'file.txt'],
      ['sed', '-n', '10p'],
      ['echo', 'hi'],
      ['pwd'],
      ['wc', '-l'],
    ]) {
      assert.ok(isKnownSafeCommand(argv, 'linux'), argv.join(' '));
    }
    assert.ok(isKnownSafeCommand(['numfmt', '1000'], 'linux'));
    assert.ok(!isKnownSafeCommand(['numfmt', '1000'], 'darwin'));
    assert.ok(isKnownSafeCommand(['tac', 'x'], 'linux'));
  });

  it('rejects writers, executors and everything unknown', () => {
    for (const argv of [
      ['git', 'status'],
      ['git', 'log', '-p'],
      ['cargo', 'check'],
      ['rm', 'x'],
      ['base64', '-o', 'out.bin'],
      ['base64', '--output=out.bin'],
      ['base64', '-ob64.txt'],
      ['find', '.', '-name', 'x', '-exec', 'rm', '{}', ';'],
      ['find', '.', '-delete'],
      ['find', '.', '-fprint', '/etc/passwd'],
      ['rg', '--pre', 'pwned', 'x'],
      ['rg', '--pre=pwned', 'x'],
      ['rg', '--hostname-bin=x', 'y'],
      ['rg', '-z', 'x'],
      ['sed', '-n', 'xp', 'file.txt'],
      ['sed', '-i', 's/a/b/', 'f'],
      ['sed', '-n', '1p', 'a', 'b'],
      ['foo'],
      [],
    ]) {
      assert.ok(!isKnownSafeCommand(argv, 'linux'), argv.join(' '));
    }
  });

  it('judges `bash -lc` scripts by their plain commands', () => {
    for (const script of ['ls', 'ls -1', 'grep -R "Cargo.toml" -n', "sed -n '1,5p' file.txt", 'ls && pwd', "echo 'hi' ; ls", 'ls | wc -l', 'grep x -n || true']) {
      assert.ok(isKnownSafeCommand(sh(script), 'linux'), script);
    }
    assert.ok(isKnownSafeCommand(['zsh', '-lc', 'ls'], 'linux'));
    for (const script of ['git status', 'ls && rm -rf /', '(ls)', 'ls || (pwd && echo hi)', 'ls > out.txt', 'find . -name x -delete', 'echo $(rm x)', "'git status'"]) {
      assert.ok(!isKnownSafeCommand(sh(script), 'linux'), script);
    }
    assert.ok(!isKnownSafeCommand(['bash', '-lc', 'git', 'status'], 'linux'), 'four-argument form is not a script');
  });
});

describe('sandbox: dangerous commands', () => {
  it('flags forced rm in argv, behind sudo and anywhere in a script', () => {
    for (const argv of [
      ['rm', '-rf', '/'],
      ['rm', '-f', 'x'],
      ['/bin/rm', '-fr', 'x'],
      ['rm', '-r', '-f', 'x'],
      ['rm', '--force', 'x'],
      ['rm', 'x', '-f'],
      ['sudo', 'rm', '-rf', 'x'],
      sh('printf x | rm -rf /tmp/example'),
      sh('if test -d /tmp/e; then rm --force /tmp/e; fi'),
      sh('rm -rf "$TARGET" >/dev/null'),
      sh('for t in /tmp/a /tmp/b; do rm -r -f "$t"; done'),
      sh('echo "$(rm -rf /tmp/example)"'),
      sh('echo `rm -rf x`'),
      sh('X=1 rm -f y'),
    ]) {
      assert.ok(isDangerousCommand(argv), argv.join(' '));
    }
    for (const argv of [['rm', '-r', 'x'], ['rm', '--', '-f'], sh("echo 'rm -rf /tmp/example'"), sh('cmd=rm; $cmd -rf /tmp/example'), ['ls', '-f']]) {
      assert.ok(!isDangerousCommand(argv), argv.join(' '));
    }
  });

  it('extracts literal commands leniently', () => {
    assert.deepEqual(literalCommands('cd a && make -j4 | tee log; echo "done $(date)"'), [['cd', 'a'], ['make', '-j4'], ['tee', 'log'], ['date'], ['echo', 'done ']]);
  });
});

describe('sandbox: commands for the rules', () => {
  it('splits plain scripts, keeps anything else whole', () => {
    assert.deepEqual(commandsForPolicy(sh('cargo build && cargo test -- --nocapture')), [
      ['cargo', 'build'],
      ['cargo', 'test', '--', '--nocapture'],
    ]);
    assert.deepEqual(commandsForPolicy(['/bin/bash', '-c', 'ls | head -n 3']), [['ls'], ['head', '-n', '3']]);
    assert.deepEqual(commandsForPolicy(sh('echo $HOME')), [sh('echo $HOME')]);
    assert.deepEqual(commandsForPolicy(['git', 'push']), [['git', 'push']]);
  });
});

describe('sandbox: sandbox-denial heuristic', () => {
  const status = (exitCode: number, signal: NodeJS.Signals | null = null) => ({ exitCode, signal, timedOut: false });
  it('recognises denials and ignores ordinary failures', () => {
    assert.ok(isLikelySandboxDenied(status(1), "touch: cannot touch '/x': Read-only file system"));
    assert.ok(isLikelySandboxDenied(status(1), 'curl: (7) Failed to connect: Operation not permitted'));
    assert.ok(isLikelySandboxDenied(status(159, 'SIGSYS'), ''));
    assert.ok(!isLikelySandboxDenied(status(0), 'Permission denied'));
    assert.ok(!isLikelySandboxDenied(status(127), 'sh: foo: Permission denied'));
    assert.ok(!isLikelySandboxDenied(status(1), 'test failed: expected 2 got 3'));
    assert.ok(!isLikelySandboxDenied({ ...status(143, 'SIGTERM'), timedOut: true }, 'permission denied'));
  });
});
