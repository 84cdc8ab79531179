// WSL routing end to end on Linux: the connection core with a Windows platform and a fake wsl.exe
// on PATH (test/fixtures/wsl) that records its argv and runs the command here. The automount root
// is a temp folder (C:\ → <tmp>/mnt/c), so the bundled server really runs "inside WSL" and every
// path crosses the translation: the launch argv, the thread's cwd, file-change paths, CODEX_HOME.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { ConnectionCore } from '../../src/connection/connectionCore';
import { customToolCall, respond, startMockModel, textReply, type MockModel } from '../support/mock-model';
import { makeTempSetup, nextEvent, REPO, SERVER_SCRIPT, startCore, type TempSetup, releaseCore } from '../support/connection-harness';

const FAKE_WSL_DIR = join(__dirname, '../fixtures/wsl');

interface WslCall {
  argv: string[];
  env: { WSLENV: string | null; CODEX_HOME: string | null };
}

describe('connection core routed through (fake) WSL', function () {
  this.timeout(60_000);
  let mock: MockModel | undefined;
  let setup: TempSetup | undefined;
  let core: ConnectionCore | undefined;

  before(() => assert.ok(existsSync(SERVER_SCRIPT), `${SERVER_SCRIPT} is missing: run \`npm run build\` first`));

  afterEach(async () => {
    await releaseCore(core, mock, setup);
    core = mock = setup = undefined;
  });

  /** The temp "Windows drive": <root>/mnt/c with the extension (a link to this repo) and a project. */
  function windowsHost(extraEnv: Record<string, string> = {}, remoteName?: string) {
    const mountRoot = join(setup!.root, 'mnt');
    mkdirSync(join(mountRoot, 'c', 'proj'), { recursive: true });
    symlinkSync(REPO, join(mountRoot, 'c', 'codex-ts'));
    const log = join(setup!.root, 'wsl-calls.jsonl');
    const started = startCore(setup!, {
      settings: { runInWsl: true },
      env: { PATH: `${FAKE_WSL_DIR}${delimiter}${process.env.PATH ?? ''}`, FAKE_WSL_LOG: log, FAKE_WSL_MOUNT_ROOT: mountRoot, ...extraEnv },
      host: {
        platform: 'win32',
        remoteName,
        execPath: remoteName ? process.execPath : 'C:\\Program Files\\Microsoft VS Code\\Code.exe',
        serverScript: remoteName ? SERVER_SCRIPT : 'C:\\codex-ts\\dist\\server\\cli.js',
        cwd: () => (remoteName ? setup!.workspace : 'C:\\proj'),
      },
    });
    core = started.core;
    const calls = (): WslCall[] =>
      existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as WslCall) : [];
    return { ...started, mountRoot, calls };
  }

  it('detects the distro, launches the server with wsl.exe --cd/--exec and translates paths both ways', async () => {
    mock = await startMockModel({
      replies: [respond([customToolCall('apply_patch', '*** Begin Patch\n*** Add File: hello.txt\n+hi\n*** End Patch', { callId: 'c1' })]), textReply('done')],
    });
    setup = makeTempSetup(mock.baseUrl);
    const { mountRoot, calls, log } = windowsHost();
    await core!.start();

    const all = calls();
    assert.deepEqual(all[0]!.argv, ['-l', '-v']);
    assert.ok(all.some((c) => c.argv.join(' ') === '-d Ubuntu-22.04 --exec wslpath -a -u C:\\'));
    const launch = all.find((c) => c.argv.includes('app-server'));
    assert.ok(launch, JSON.stringify(all));
    const [d, distro, cd, linuxCwd, exec, node, script, command] = launch.argv;
    assert.deepEqual([d, distro, cd, linuxCwd, exec, script, command], [
      '-d', 'Ubuntu-22.04', '--cd', `${mountRoot}/c/proj`, '--exec', `${mountRoot}/c/codex-ts/dist/server/cli.js`, 'app-server',
    ]);
    assert.match(node!, /^\/.*node$/);
    assert.equal(launch.env.CODEX_HOME, setup.codexHome);
    assert.match(launch.env.WSLENV ?? '', /(^|:)CODEX_HOME\/u$/);
    assert.match(log.text(), /in WSL distribution Ubuntu-22\.04 \(CODEX_HOME=/);

    const ready = core!.state;
    assert.ok(ready.state === 'ready');
    assert.equal(ready.codexHome, `\\\\wsl.localhost\\Ubuntu-22.04${setup.codexHome.replace(/\//g, '\\')}`);
    assert.equal(core!.toServerPath('C:\\proj\\a.ts'), `${mountRoot}/c/proj/a.ts`);
    assert.equal(core!.toHostPath(`${mountRoot}/c/proj/a.ts`), 'C:\\proj\\a.ts');

    const { thread } = await core!.request('thread/start', { cwd: 'C:\\proj' });
    assert.equal(thread.cwd, 'C:\\proj');
    const fileChange = nextEvent(core!.onNotification, (n) => n.method === 'item/completed' && n.params.item.type === 'fileChange');
    const completed = nextEvent(core!.onNotification, (n) => n.method === 'turn/completed');
    await core!.request('turn/start', { threadId: thread.id, input: [{ type: 'text', text: 'add hello', text_elements: [] }] });
    const change = await fileChange;
    assert.ok(change.method === 'item/completed' && change.params.item.type === 'fileChange');
    assert.deepEqual(change.params.item.changes.map((c) => c.path), ['C:\\proj\\hello.txt']);
    await completed;
    assert.equal(readFileSync(join(mountRoot, 'c', 'proj', 'hello.txt'), 'utf8'), 'hi\n');
  });

  it('refuses a default distro on WSL 1 with a clear reason', async () => {
    setup = makeTempSetup();
    const { calls } = windowsHost({ FAKE_WSL_LIST: join(FAKE_WSL_DIR, 'list-v-wsl1-default.utf16le.out') });
    await assert.rejects(core!.start(), /"Legacy" runs WSL 1; Codex needs WSL 2/);
    assert.equal(core!.state.state, 'failed');
    assert.equal(calls().length, 1, 'nothing is launched');
  });

  it('reports a WSL without distributions', async () => {
    setup = makeTempSetup();
    windowsHost({ FAKE_WSL_LIST: join(FAKE_WSL_DIR, 'no-distros.utf16le.out'), FAKE_WSL_LIST_EXIT: '1' });
    await assert.rejects(core!.start(), /WSL is not available \(wsl\.exe -l -v: Windows Subsystem for Linux has no installed distributions\.\)/);
  });

  it('spawns directly in a remote window even with the setting on', async () => {
    setup = makeTempSetup();
    const { calls } = windowsHost({}, 'ssh-remote');
    await core!.start();
    assert.equal(core!.state.state, 'ready');
    assert.deepEqual(calls(), []);
    assert.equal(core!.toServerPath('C:\\proj'), 'C:\\proj');
  });
});
