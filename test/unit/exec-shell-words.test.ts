// Exec tools: shell quoting and joining (Codex's display strings), the small script tokenizer, and
// the argv built for a command string (shell choice, -lc vs -c, allow_login_shell).
import { strict as assert } from 'node:assert';
import {
  buildShellArgv,
  extractShellScript,
  LOGIN_SHELL_DISABLED_MESSAGE,
  LoginShellDisabledError,
  resolveShell,
} from '../../server/process/shellCommand';
import { shellJoin, shellQuote, splitOnConnectors, tokenizeScript } from '../../server/process/shellWords';

describe('exec: shell quoting', () => {
  const cases: Array<[string, string]> = [
    ['echo', 'echo'],
    ['', "''"],
    ['/bin/bash', '/bin/bash'],
    ['-lc', '-lc'],
    ['echo hello', "'echo hello'"],
    ["it's", `'it'\\''s'`],
    ['--color=always', "'--color=always'"],
    ['BUG|FIXME', "'BUG|FIXME'"],
    ['a$b', "'a$b'"],
    ['héllo', "'héllo'"],
    ['src/main.rs:12', 'src/main.rs:12'],
    ['a,b+c@d', 'a,b+c@d'],
  ];
  for (const [word, quoted] of cases) {
    it(`quotes ${JSON.stringify(word)} as ${quoted}`, () => assert.equal(shellQuote(word), quoted));
  }

  it('joins argv the way Codex displays a command', () => {
    assert.equal(shellJoin(['/bin/bash', '-lc', 'echo hello']), "/bin/bash -lc 'echo hello'");
    assert.equal(shellJoin(['rg', '-n', 'foo bar', '-S']), "rg -n 'foo bar' -S");
  });

  it('quoted output reads back to the same words', () => {
    const words = ['plain', 'two words', "it's", 'a"b', 'x\\y', '$HOME', '', 'tab\there', 'a|b', '>out'];
    assert.deepEqual(tokenizeScript(shellJoin(words)), words);
  });
});

describe('exec: script tokenizer', () => {
  it('splits words and connectors', () => {
    assert.deepEqual(tokenizeScript("cd foo && rg -n 'a b' src | head -n 5; ls || true"), [
      'cd', 'foo', '&&', 'rg', '-n', 'a b', 'src', '|', 'head', '-n', '5', ';', 'ls', '||', 'true',
    ]);
  });

  it('handles double quotes, escapes and line continuations', () => {
    assert.deepEqual(tokenizeScript('grep "a \\"q\\" b" x\\ y'), ['grep', 'a "q" b', 'x y']);
    assert.deepEqual(tokenizeScript('echo a\\\nb'), ['echo', 'ab']);
    assert.deepEqual(tokenizeScript('ls\ncat x'), ['ls', ';', 'cat', 'x']);
    assert.deepEqual(tokenizeScript("sed -n '1,200p' f.txt"), ['sed', '-n', '1,200p', 'f.txt']);
  });

  it('keeps globs, tildes and `=` inside arguments', () => {
    assert.deepEqual(tokenizeScript('ls *.ts ~/x --color=auto'), ['ls', '*.ts', '~/x', '--color=auto']);
  });

  const unsupported = [
    'echo foo > bar',
    'cat < x',
    'echo $HOME',
    'echo "$HOME"',
    'echo `date`',
    'echo $(date)',
    '(cd x && ls)',
    'sleep 1 &',
    'FOO=1 make',
    'ls # comment',
    '{ ls; }',
    "echo 'unterminated",
    'echo "unterminated',
    'a |& b',
    '! true',
  ];
  for (const script of unsupported) {
    it(`gives up on ${JSON.stringify(script)}`, () => assert.equal(tokenizeScript(script), null));
  }

  it('splits token lists on connectors, dropping empty commands', () => {
    assert.deepEqual(splitOnConnectors(['a', '|', 'b', 'c', ';', ';', 'd']), [['a'], ['b', 'c'], ['d']]);
  });
});

describe('exec: shell argv', () => {
  it('uses -lc by default and the user shell', () => {
    const r = buildShellArgv({ cmd: 'echo hello', userShell: '/bin/bash' });
    assert.deepEqual(r.argv, ['/bin/bash', '-lc', 'echo hello']);
    assert.equal(r.display, "/bin/bash -lc 'echo hello'");
    assert.equal(r.login, true);
  });

  it('uses -c when login is false', () => {
    assert.deepEqual(buildShellArgv({ cmd: 'ls', login: false, userShell: '/bin/zsh' }).argv, ['/bin/zsh', '-c', 'ls']);
  });

  it('prefers the shell argument, then $SHELL, then /bin/bash', () => {
    assert.equal(resolveShell('/bin/sh', '/bin/zsh'), '/bin/sh');
    assert.equal(resolveShell(undefined, '/bin/zsh'), '/bin/zsh');
    assert.equal(resolveShell(null, ''), '/bin/bash');
    assert.equal(resolveShell('  ', null), '/bin/bash');
  });

  it('allow_login_shell=false: omitted login means -c, explicit login is refused', () => {
    assert.deepEqual(buildShellArgv({ cmd: 'ls', allowLoginShell: false, userShell: '/bin/bash' }).argv, ['/bin/bash', '-c', 'ls']);
    assert.deepEqual(buildShellArgv({ cmd: 'ls', login: false, allowLoginShell: false, userShell: '/bin/bash' }).argv, ['/bin/bash', '-c', 'ls']);
    assert.throws(() => buildShellArgv({ cmd: 'ls', login: true, allowLoginShell: false }), (err: unknown) => {
      assert.ok(err instanceof LoginShellDisabledError);
      assert.equal(err.message, LOGIN_SHELL_DISABLED_MESSAGE);
      return true;
    });
  });

  it('extracts the script of a shell -c/-lc argv only', () => {
    assert.equal(extractShellScript(['/bin/bash', '-lc', 'ls']), 'ls');
    assert.equal(extractShellScript(['zsh', '-c', 'ls']), 'ls');
    assert.equal(extractShellScript(['/usr/bin/sh', '-c', 'ls']), 'ls');
    assert.equal(extractShellScript(['python3', '-c', 'print(1)']), null);
    assert.equal(extractShellScript(['bash', '-x', 'ls']), null);
    assert.equal(extractShellScript(['bash', '-lc', 'ls', 'extra']), null);
  });
});
