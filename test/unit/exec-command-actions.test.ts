// Exec tools: commandActions classification — a table of scripts (as exec_command runs them, i.e.
// inside `bash -lc`) and argv commands (the `shell` tool) with the actions Codex reports, including
// pipelines, `&&` chains, `cd` prefixes and constructs that make a command unknown.
import { strict as assert } from 'node:assert';
import { classifyCommand, classifyScript } from '../../server/tools/exec/commandActions';
import type { CommandAction } from '../../server/protocol/items';

const read = (command: string, name: string, path: string): CommandAction => ({ type: 'read', command, name, path });
const list = (command: string, path: string | null = null): CommandAction => ({ type: 'listFiles', command, path });
const search = (command: string, query: string | null, path: string | null = null): CommandAction => ({ type: 'search', command, query, path });
const unknown = (command: string): CommandAction => ({ type: 'unknown', command });

const scripts: Array<[string, CommandAction[]]> = [
  // reads
  ['cat webview/README.md', [read('cat webview/README.md', 'README.md', 'webview/README.md')]],
  ['cat -- ansi-escape/Cargo.toml', [read('cat -- ansi-escape/Cargo.toml', 'Cargo.toml', 'ansi-escape/Cargo.toml')]],
  ["sed -n '2000,2200p' tui/src/history_cell.rs", [read('sed -n 2000,2200p tui/src/history_cell.rs', 'history_cell.rs', 'tui/src/history_cell.rs')]],
  ['head -n 50 Cargo.toml', [read('head -n 50 Cargo.toml', 'Cargo.toml', 'Cargo.toml')]],
  ['head Cargo.toml', [read('head Cargo.toml', 'Cargo.toml', 'Cargo.toml')]],
  ['tail -n +522 README.md', [read('tail -n +522 README.md', 'README.md', 'README.md')]],
  ['tail -n 30 README.md', [read('tail -n 30 README.md', 'README.md', 'README.md')]],
  ['nl -ba core/src/parse_command.rs', [read('nl -ba core/src/parse_command.rs', 'parse_command.rs', 'core/src/parse_command.rs')]],
  ['less -p TODO README.md', [read('less -p TODO README.md', 'README.md', 'README.md')]],
  ['bat --theme TwoDark README.md', [read('bat --theme TwoDark README.md', 'README.md', 'README.md')]],
  ["awk '{print $1}' Cargo.toml", [read("awk '{print $1}' Cargo.toml", 'Cargo.toml', 'Cargo.toml')]],
  // reads through pipelines: a `sed -n` pipeline keeps the whole script as the command
  ["cat tui/Cargo.toml | sed -n '1,200p'", [read("cat tui/Cargo.toml | sed -n '1,200p'", 'Cargo.toml', 'tui/Cargo.toml')]],
  ["nl -ba core/src/parse_command.rs | sed -n '1200,1720p'", [read("nl -ba core/src/parse_command.rs | sed -n '1200,1720p'", 'parse_command.rs', 'core/src/parse_command.rs')]],
  ['cd foo && cat foo.txt', [read('cat foo.txt', 'foo.txt', 'foo/foo.txt')]],
  ['cd -- -weird && cat foo.txt', [read('cat foo.txt', 'foo.txt', '-weird/foo.txt')]],
  ['cd dir1 dir2 && cat foo.txt', [read('cat foo.txt', 'foo.txt', 'dir2/foo.txt')]],
  ['cd a && cd b && cat c.txt', [read('cat c.txt', 'c.txt', 'a/b/c.txt')]],
  ['printf "\\n== x ==\\n"; cat -- x/Cargo.toml', [read('cat -- x/Cargo.toml', 'Cargo.toml', 'x/Cargo.toml')]],
  // listings
  ['ls -la', [list('ls -la')]],
  ["ls -la | sed -n '1,120p'", [list('ls -la')]],
  ["ls -I '*.test.js'", [list("ls -I '*.test.js'")]],
  ['rg --files', [list('rg --files')]],
  ['rg --files | head -n 50', [list('rg --files')]],
  ['rg --files webview/src | sed -n', [list('rg --files webview/src', 'webview')]],
  ['cd codex-rs && rg --files', [list('rg --files')]],
  ['true && rg --files', [list('rg --files')]],
  ['rg --files || true', [list('rg --files')]],
  ['yes | rg --files', [list('rg --files')]],
  ['tree -L 2 src', [list('tree -L 2 src', 'src')]],
  ['find . -type f', [list('find . -type f', '.')]],
  ['git ls-files --exclude target src', [list('git ls-files --exclude target src', 'src')]],
  ['eza --color=always src', [list("eza '--color=always' src", 'src')]],
  ['du -d 2 .', [list('du -d 2 .', '.')]],
  ['python -c "import os; print(os.listdir(\'.\'))"', [list(`python -c 'import os; print(os.listdir('\\''.'\\''))'`)]],
  // searches
  ['rg -n "navigate-to-route" -S', [search('rg -n navigate-to-route -S', 'navigate-to-route')]],
  ['rg -n "BUG|FIXME|TODO|XXX|HACK" -S | head -n 200', [search("rg -n 'BUG|FIXME|TODO|XXX|HACK' -S", 'BUG|FIXME|TODO|XXX|HACK')]],
  ['cd /Users/x/code && rg -n "codex_api" codex-rs -S | head -n 50', [search('rg -n codex_api codex-rs -S', 'codex_api', 'codex-rs')]],
  ['rg -l TODO src', [search('rg -l TODO src', 'TODO', 'src')]],
  ['grep -R CODEX_SANDBOX_ENV_VAR -n core/src/spawn.rs', [search('grep -R CODEX_SANDBOX_ENV_VAR -n core/src/spawn.rs', 'CODEX_SANDBOX_ENV_VAR', 'spawn.rs')]],
  ['grep -R src/main.rs -n .', [search('grep -R src/main.rs -n .', 'src/main.rs', '.')]],
  ['grep -e foo -e bar src', [search('grep -e foo -e bar src', 'foo', 'src')]],
  ['egrep -R TODO src', [search('egrep -R TODO src', 'TODO', 'src')]],
  ['git grep TODO src', [search('git grep TODO src', 'TODO', 'src')]],
  ["find . -name '*.rs'", [search("find . -name '*.rs'", '*.rs', '.')]],
  ['fd main src', [search('fd main src', 'main', 'src')]],
  ["yes | rg -n 'foo bar' -S", [search("rg -n 'foo bar' -S", 'foo bar')]],
  // several known actions in a chain
  ['ls && cat a.txt', [list('ls'), read('cat a.txt', 'a.txt', 'a.txt')]],
  ['cat a.txt && cat a.txt', [read('cat a.txt', 'a.txt', 'a.txt')]],
  // unknown: any unknown part, or syntax we do not model, makes the whole script one unknown
  ['echo hello', [unknown('echo hello')]],
  ['git status', [unknown('git status')]],
  ['git status | wc -l', [unknown('git status | wc -l')]],
  ['npm run build', [unknown('npm run build')]],
  ['cd foo && bar', [unknown('cd foo && bar')]],
  ['rg --version && node -v && rg --files | wc -l', [unknown('rg --version && node -v && rg --files | wc -l')]],
  ['rg -l X src | xargs perl -pi -e \'s/X/Y/g\'', [unknown("rg -l X src | xargs perl -pi -e 's/X/Y/g'")]],
  ['echo foo > bar', [unknown('echo foo > bar')]],
  ['cat $FILE', [unknown('cat $FILE')]],
  ['rg foo 2>/dev/null | head', [unknown('rg foo 2>/dev/null | head')]],
  ['(cd x && ls)', [unknown('(cd x && ls)')]],
  ['python -c "print(1)"', [unknown('python -c "print(1)"')]],
  ['cat a b', [unknown('cat a b')]],
  ['wc -l', [unknown('wc -l')]],
  ['', [unknown('')]],
];

describe('exec: commandActions for scripts', () => {
  for (const [script, expected] of scripts) {
    it(JSON.stringify(script), () => assert.deepEqual(classifyScript(script), expected));
  }

  it('the exec_command argv form is judged by its script', () => {
    assert.deepEqual(classifyCommand(['/bin/bash', '-lc', 'echo hello']), [unknown('echo hello')]);
    assert.deepEqual(classifyCommand(['/usr/bin/zsh', '-c', 'ls src']), [list('ls src', 'src')]);
  });

  it('read paths become absolute against the cwd', () => {
    assert.deepEqual(classifyScript('cd sub && cat ../x/y.txt', '/work/repo'), [read('cat ../x/y.txt', 'y.txt', '/work/repo/x/y.txt')]);
    assert.deepEqual(classifyScript('cat /etc/hosts', '/work/repo'), [read('cat /etc/hosts', 'hosts', '/etc/hosts')]);
    assert.deepEqual(classifyScript('rg foo lib', '/work/repo'), [search('rg foo lib', 'foo', 'lib')]);
  });
});

describe('exec: commandActions for argv (shell tool)', () => {
  const cases: Array<[string[], CommandAction[]]> = [
    [['ls', '-la'], [list('ls -la')]],
    [['cat', 'README.md'], [read('cat README.md', 'README.md', 'README.md')]],
    [['grep', '-R', 'CODEX_SANDBOX_ENV_VAR', '-n', '.'], [search('grep -R CODEX_SANDBOX_ENV_VAR -n .', 'CODEX_SANDBOX_ENV_VAR', '.')]],
    [['cd', 'foo', '&&', 'cat', 'foo.txt'], [read('cat foo.txt', 'foo.txt', 'foo/foo.txt')]],
    [['npm', 'run', 'build'], [unknown('npm run build')]],
    [['git', 'status'], [unknown('git status')]],
    [['python3', 'script.py', 'a b'], [unknown("python3 script.py 'a b'")]],
  ];
  for (const [argv, expected] of cases) {
    it(JSON.stringify(argv), () => assert.deepEqual(classifyCommand(argv), expected));
  }
});
