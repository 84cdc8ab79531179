// WSL routing, pure parts: `wsl.exe -l -v` decoding and parsing (fixture outputs in UTF-16LE and
// UTF-8), distro choice and the WSL 1 refusal, the probe parser, path translation both ways, the
// launch-plan argv/env for every route, and the path fields translated inside protocol messages.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { directLaunchPlan, shouldUseWsl, withWslenv, wslLaunchPlan, type HostLaunchInputs } from '../../src/connection/launchPlan';
import { translatePathFields } from '../../src/connection/pathFields';
import { chooseDistro, decodeWslOutput, parseProbeOutput, parseWslList, probeProblem, PROBE_MARKER } from '../../src/connection/wsl/detect';
import { linuxToWindows, mountRootFromWslpath, windowsToLinux, wslPathTranslator } from '../../src/connection/wsl/paths';

const FIXTURES = join(__dirname, '../fixtures/wsl');
const fixture = (name: string): Buffer => readFileSync(join(FIXTURES, name));
const ctx = { distro: 'Ubuntu-22.04', mountRoot: '/mnt/' };

describe('connection WSL detection', () => {
  it('decodes UTF-16LE output (with or without BOM) and UTF-8 output (WSL_UTF8=1) to the same table', () => {
    const utf16 = parseWslList(decodeWslOutput(fixture('list-v.utf16le.out')));
    const utf8 = parseWslList(decodeWslOutput(fixture('list-v.utf8.out')));
    assert.deepEqual(utf16, [
      { name: 'Ubuntu-22.04', state: 'Running', version: 2, isDefault: true },
      { name: 'docker-desktop-data', state: 'Stopped', version: 2, isDefault: false },
      { name: 'Debian', state: 'Stopped', version: 1, isDefault: false },
    ]);
    assert.deepEqual(utf8, utf16);
    assert.equal(parseWslList(decodeWslOutput(fixture('list-v-wsl1-default.utf16le.out')))[0]?.name, 'Legacy');
  });

  it('parses a localised table whose state has several words', () => {
    assert.deepEqual(parseWslList(decodeWslOutput(fixture('list-v-german.utf16le.out'))), [
      { name: 'Ubuntu', state: 'Wird ausgeführt', version: 2, isDefault: true },
    ]);
  });

  it('chooses the default distro, refuses WSL 1 and an empty list with a clear reason', () => {
    const ok = chooseDistro(parseWslList(decodeWslOutput(fixture('list-v.utf16le.out'))));
    assert.ok(ok.ok && ok.distro.name === 'Ubuntu-22.04');
    const wsl1 = chooseDistro(parseWslList(decodeWslOutput(fixture('list-v-wsl1-default.utf16le.out'))));
    assert.ok(!wsl1.ok);
    assert.match(wsl1.reason, /"Legacy" runs WSL 1; Codex needs WSL 2/);
    assert.match(wsl1.reason, /wsl --set-version Legacy 2/);
    const none = chooseDistro(parseWslList(decodeWslOutput(fixture('no-distros.utf16le.out'))));
    assert.ok(!none.ok);
    assert.match(none.reason, /No WSL distribution is installed/);
  });

  it('without a default, prefers a WSL 2 distro that is not a tool-internal one', () => {
    const choice = chooseDistro([
      { name: 'docker-desktop', state: 'Running', version: 2, isDefault: false },
      { name: 'Old', state: 'Stopped', version: 1, isDefault: false },
      { name: 'Fedora', state: 'Stopped', version: 2, isDefault: false },
    ]);
    assert.ok(choice.ok && choice.distro.name === 'Fedora');
  });

  it('parses the probe amid login-shell noise and reports missing or old Node', () => {
    const probe = parseProbeOutput(
      `Welcome!\n${PROBE_MARKER} node=/home/u/.nvm/versions/node/v22.3.0/bin/node\n${PROBE_MARKER} version=v22.3.0\r\n${PROBE_MARKER} home=/home/u/.codex\n`,
    );
    assert.deepEqual(probe, { node: '/home/u/.nvm/versions/node/v22.3.0/bin/node', nodeMajor: 22, codexHome: '/home/u/.codex' });
    assert.equal(probeProblem('U', probe), null);
    const missing = parseProbeOutput(`${PROBE_MARKER} node=\n${PROBE_MARKER} version=\n${PROBE_MARKER} home=/root/.codex\n`);
    assert.match(probeProblem('U', missing) ?? '', /Node.js was not found in the WSL distribution "U"/);
    assert.match(probeProblem('U', { node: '/usr/bin/node', nodeMajor: 18, codexHome: '/x' }) ?? '', /version 18; the Codex server needs 20/);
  });
});

describe('connection WSL path translation', () => {
  it('maps drive paths under the automount root and back', () => {
    assert.equal(windowsToLinux('C:\\Users\\me\\proj', ctx), '/mnt/c/Users/me/proj');
    assert.equal(windowsToLinux('d:/data/x.txt', ctx), '/mnt/d/data/x.txt');
    assert.equal(windowsToLinux('C:\\', ctx), '/mnt/c');
    assert.equal(linuxToWindows('/mnt/c/Users/me/proj', ctx), 'C:\\Users\\me\\proj');
    assert.equal(linuxToWindows('/mnt/d', ctx), 'D:\\');
  });

  it('maps the distro file system to its \\\\wsl.localhost share and back', () => {
    assert.equal(linuxToWindows('/home/me/.codex', ctx), '\\\\wsl.localhost\\Ubuntu-22.04\\home\\me\\.codex');
    assert.equal(windowsToLinux('\\\\wsl.localhost\\Ubuntu-22.04\\home\\me\\proj', ctx), '/home/me/proj');
    assert.equal(windowsToLinux('\\\\wsl$\\ubuntu-22.04\\srv', ctx), '/srv');
    assert.equal(windowsToLinux('\\\\wsl.localhost\\Other\\srv', ctx), null);
    assert.equal(linuxToWindows('/mntx/c/file', ctx), '\\\\wsl.localhost\\Ubuntu-22.04\\mntx\\c\\file');
  });

  it('leaves relative paths and non-paths alone', () => {
    const paths = wslPathTranslator(ctx);
    assert.equal(paths.toServerPath('src\\a.ts'), 'src\\a.ts');
    assert.equal(paths.toHostPath('src/a.ts'), 'src/a.ts');
    assert.equal(paths.toServerPath('/already/linux'), '/already/linux');
  });

  it('learns a custom automount root from wslpath output', () => {
    assert.equal(mountRootFromWslpath('/mnt/c/\n'), '/mnt/');
    assert.equal(mountRootFromWslpath('/c/'), '/');
    assert.equal(mountRootFromWslpath('/tmp/fake/mnt/c/'), '/tmp/fake/mnt/');
    assert.equal(mountRootFromWslpath('nonsense'), null);
    const custom = { distro: 'U', mountRoot: '/' };
    assert.equal(windowsToLinux('E:\\w', custom), '/e/w');
    assert.equal(linuxToWindows('/e/w', custom), 'E:\\w');
  });

  it('translates only the path fields of protocol messages, in both directions', () => {
    const paths = wslPathTranslator(ctx);
    const params = {
      threadId: 't',
      cwd: 'C:\\proj',
      input: [
        { type: 'text', text: 'look at C:\\proj\\a.ts', text_elements: [] },
        { type: 'localImage', path: 'C:\\shots\\1.png' },
        { type: 'mention', name: 'a.ts', path: 'C:\\proj\\a.ts' },
      ],
      sandboxPolicy: { type: 'workspaceWrite', writableRoots: ['C:\\proj', 'D:\\cache'] },
    };
    const server = translatePathFields(params, paths.toServerPath);
    assert.equal(server.cwd, '/mnt/c/proj');
    assert.equal(server.input[0]!.text, 'look at C:\\proj\\a.ts');
    assert.equal(server.input[1]!.path, '/mnt/c/shots/1.png');
    assert.equal(server.input[2]!.path, '/mnt/c/proj/a.ts');
    assert.deepEqual(server.sandboxPolicy.writableRoots, ['/mnt/c/proj', '/mnt/d/cache']);
    assert.equal(params.cwd, 'C:\\proj', 'the input is not changed in place');
    const write = translatePathFields({ keyPath: 'model', value: 'C:\\not\\a\\path\\field', filePath: 'C:\\Users\\me\\.codex\\config.toml' }, paths.toServerPath);
    assert.deepEqual(write, { keyPath: 'model', value: 'C:\\not\\a\\path\\field', filePath: '/mnt/c/Users/me/.codex/config.toml' });

    const notification = {
      method: 'item/completed',
      params: {
        item: { type: 'fileChange', id: 'i', changes: [{ path: '/mnt/c/proj/a.ts', kind: { type: 'update', move_path: '/home/me/b.ts' }, diff: '-a\n+b' }] },
        thread: { cwd: '/home/me/proj', path: '/home/me/.codex/sessions/r.jsonl', preview: '/mnt/c is here' },
      },
    };
    const host = translatePathFields(notification, paths.toHostPath);
    const change = host.params.item.changes[0]!;
    assert.equal(change.path, 'C:\\proj\\a.ts');
    assert.equal(change.kind.move_path, '\\\\wsl.localhost\\Ubuntu-22.04\\home\\me\\b.ts');
    assert.equal(change.diff, '-a\n+b');
    assert.equal(host.params.thread.cwd, '\\\\wsl.localhost\\Ubuntu-22.04\\home\\me\\proj');
    assert.equal(host.params.thread.preview, '/mnt/c is here');
  });
});

describe('connection launch plans', () => {
  const base: HostLaunchInputs = {
    platform: 'linux',
    remoteName: undefined,
    settings: { cliExecutable: null, runInWsl: false, trace: 'off' },
    execPath: '/opt/code/code',
    serverScript: '/ext/dist/server/cli.js',
    cwd: '/work',
    env: { PATH: '/usr/bin' },
  };

  it('runs the bundled server on the editor runtime as Node', () => {
    const plan = directLaunchPlan(base);
    assert.equal(plan.command, '/opt/code/code');
    assert.deepEqual(plan.args, ['/ext/dist/server/cli.js', 'app-server']);
    assert.equal(plan.env.ELECTRON_RUN_AS_NODE, '1');
    assert.equal(plan.env.PATH, '/usr/bin');
    assert.equal(plan.cwd, '/work');
    assert.equal(plan.shell, false);
  });

  it('runs codex.cliExecutable with app-server (a .cmd shim through the shell on Windows)', () => {
    const plan = directLaunchPlan({ ...base, settings: { ...base.settings, cliExecutable: ' /usr/local/bin/codex ' } });
    assert.equal(plan.command, '/usr/local/bin/codex');
    assert.deepEqual(plan.args, ['app-server']);
    assert.equal(plan.env.ELECTRON_RUN_AS_NODE, undefined);
    const win = directLaunchPlan({ ...base, platform: 'win32', settings: { ...base.settings, cliExecutable: 'C:\\Program Files\\nodejs\\codex.cmd' } });
    assert.equal(win.shell, true);
    assert.equal(win.command, '"C:\\Program Files\\nodejs\\codex.cmd"');
  });

  it('routes through WSL only on a local Windows window with the setting on', () => {
    const on = { ...base.settings, runInWsl: true };
    assert.equal(shouldUseWsl({ platform: 'win32', remoteName: undefined, settings: on }), true);
    assert.equal(shouldUseWsl({ platform: 'win32', remoteName: 'wsl', settings: on }), false);
    assert.equal(shouldUseWsl({ platform: 'win32', remoteName: 'ssh-remote', settings: on }), false);
    assert.equal(shouldUseWsl({ platform: 'linux', remoteName: undefined, settings: on }), false);
    assert.equal(shouldUseWsl({ platform: 'win32', remoteName: undefined, settings: base.settings }), false);
  });

  it('builds the wsl.exe argv with --cd/--exec and a Linux-side CODEX_HOME through WSLENV', () => {
    const plan = wslLaunchPlan({
      wslExe: 'wsl.exe',
      distro: 'Ubuntu-22.04',
      linuxCwd: '/mnt/c/proj',
      linuxCodexHome: '/home/me/.codex',
      program: { kind: 'node', node: '/usr/bin/node', serverScript: '/mnt/c/ext/dist/server/cli.js' },
      hostCwd: 'C:\\proj',
      env: { WSLENV: 'USERPROFILE/p:CODEX_HOME/p', CODEX_HOME: 'C:\\Users\\me\\.codex' },
    });
    assert.equal(plan.command, 'wsl.exe');
    assert.deepEqual(plan.args, ['-d', 'Ubuntu-22.04', '--cd', '/mnt/c/proj', '--exec', '/usr/bin/node', '/mnt/c/ext/dist/server/cli.js', 'app-server']);
    assert.equal(plan.env.CODEX_HOME, '/home/me/.codex');
    assert.equal(plan.env.WSLENV, 'USERPROFILE/p:CODEX_HOME/u');
    assert.equal(plan.cwd, 'C:\\proj');
    const cli = wslLaunchPlan({
      wslExe: 'wsl.exe',
      distro: 'D',
      linuxCwd: '/home/me',
      linuxCodexHome: '/home/me/.codex',
      program: { kind: 'cli', executable: '/usr/local/bin/codex' },
      hostCwd: 'C:\\',
      env: {},
    });
    assert.deepEqual(cli.args, ['-d', 'D', '--cd', '/home/me', '--exec', '/usr/local/bin/codex', 'app-server']);
    assert.equal(withWslenv(undefined, 'CODEX_HOME'), 'CODEX_HOME/u');
  });
});
