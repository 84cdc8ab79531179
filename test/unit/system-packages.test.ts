// scripts/system-packages.sh's decisions, run for real with a PATH that holds only the tools a case gives
// it, a fake uid and os-release, and a fake apt-get that records its calls (and "installs" by adding the
// tool to that PATH): all present → nothing asked of apt; missing → installed as root on Debian, else a
// message naming the packages and the apt-get command, with exit code 3 (not root) or 4 (not Debian).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findExecutable } from '../support/system-tools';

const SCRIPT = resolve(__dirname, '../../scripts/system-packages.sh');
/** What the script itself runs besides the tools it looks for. */
const SCRIPT_NEEDS = ['flock', 'mktemp', 'tail', 'rm'];
const COMMAND_OF: Record<string, string> = { bubblewrap: 'bwrap', ripgrep: 'rg' };
const TEST_PACKAGES = ['chromium', 'bubblewrap', 'git', 'python3'];
const START_PACKAGES = ['ripgrep', 'libkrb5-dev', 'make', 'g++', 'python3', 'git'];
const DEBIAN = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n';

// Records each call; `install` creates the named packages' tools, unless FAKE_APT_FAIL is set.
const FAKE_APT = `#!/bin/bash
echo "$*" >> "$FAKE_APT_LOG"
if [ -n "\${FAKE_APT_FAIL:-}" ]; then echo "E: Unable to locate package $*"; exit 100; fi
[ "$1" = install ] || exit 0
for p in "$@"; do
  case "$p" in
    -*|install) ;;
    libkrb5-dev) /usr/bin/mkdir -p "$CODEX_TS_SYSPKG_INCLUDE_DIR/gssapi" && : > "$CODEX_TS_SYSPKG_INCLUDE_DIR/gssapi/gssapi.h" ;;
    bubblewrap) printf '#!/bin/sh\\n' > "$FAKE_BIN/bwrap"; /usr/bin/chmod +x "$FAKE_BIN/bwrap" ;;
    ripgrep) printf '#!/bin/sh\\n' > "$FAKE_BIN/rg"; /usr/bin/chmod +x "$FAKE_BIN/rg" ;;
    *) printf '#!/bin/sh\\n' > "$FAKE_BIN/$p"; /usr/bin/chmod +x "$FAKE_BIN/$p" ;;
  esac
done
`;

interface Machine {
  /** Package names whose tools are on PATH. */
  has?: string[];
  uid?: number;
  osRelease?: string | null;
  apt?: boolean;
  env?: Record<string, string>;
}

interface Outcome {
  status: number | null;
  stderr: string;
  aptCalls: string[];
}

describe('scripts/system-packages.sh', () => {
  let dir: string;
  let bin: string;
  const bash = findExecutable('bash');

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'codex-ts-syspkg-'));
    bin = join(dir, 'bin');
    mkdirSync(bin);
    for (const tool of SCRIPT_NEEDS) {
      const real = findExecutable(tool);
      assert.ok(real, `${tool} is on this machine's PATH`);
      symlinkSync(real, join(bin, tool));
    }
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function addTool(pkg: string): void {
    if (pkg === 'libkrb5-dev') {
      mkdirSync(join(dir, 'include', 'gssapi'), { recursive: true });
      writeFileSync(join(dir, 'include', 'gssapi', 'gssapi.h'), '');
      return;
    }
    const file = join(bin, COMMAND_OF[pkg] ?? pkg);
    writeFileSync(file, '#!/bin/sh\n');
    chmodSync(file, 0o755);
  }

  function run(args: string[], machine: Machine = {}): Outcome {
    for (const pkg of machine.has ?? []) addTool(pkg);
    const osRelease = join(dir, 'os-release');
    if (machine.osRelease !== null) writeFileSync(osRelease, machine.osRelease ?? DEBIAN);
    const aptLog = join(dir, 'apt.log');
    const fakeApt = join(dir, 'apt-get');
    writeFileSync(fakeApt, FAKE_APT);
    chmodSync(fakeApt, 0o755);
    assert.ok(bash);
    const result = spawnSync(bash, [SCRIPT, ...args], {
      encoding: 'utf8',
      env: {
        PATH: bin,
        TMPDIR: dir,
        CODEX_TS_SYSPKG_UID: String(machine.uid ?? 0),
        CODEX_TS_SYSPKG_OS_RELEASE: osRelease,
        CODEX_TS_SYSPKG_INCLUDE_DIR: join(dir, 'include'),
        CODEX_TS_SYSPKG_APT_GET: machine.apt === false ? join(dir, 'no-apt-get') : fakeApt,
        CODEX_TS_SYSPKG_LOCK: join(dir, 'lock'),
        FAKE_APT_LOG: aptLog,
        FAKE_BIN: bin,
        ...machine.env,
      },
    });
    const aptCalls = existsSync(aptLog) ? readFileSync(aptLog, 'utf8').trim().split('\n') : [];
    return { status: result.status, stderr: result.stderr, aptCalls };
  }

  it('answers a missing or unknown profile with its usage and exit code 2', () => {
    for (const args of [[], ['tests']]) {
      const r = run(args);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /usage: scripts\/system-packages\.sh test\|start\|e2e/);
    }
  });

  it('with everything present only checks: no apt-get (not even update), whoever and wherever it runs', () => {
    const r = run(['test'], { has: TEST_PACKAGES, uid: 1000, osRelease: 'ID=fedora\n' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /npm test: all present \(chromium bubblewrap git python3\)/);
    assert.deepEqual(r.aptCalls, []);
  });

  it('not root: names the missing packages and the sudo apt-get command, exit 3, installs nothing', () => {
    const r = run(['test'], { has: ['git', 'python3'], uid: 1000 });
    assert.equal(r.status, 3);
    assert.match(r.stderr, /npm test needs these Debian packages, which are missing: chromium bubblewrap\n/);
    assert.match(r.stderr, /sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium bubblewrap\n/);
    assert.deepEqual(r.aptCalls, []);
  });

  it('not Debian (another os-release, none, or no apt-get): names the packages, exit 4, installs nothing', () => {
    for (const machine of [{ osRelease: 'ID=fedora\nID_LIKE="rhel centos"\n' }, { osRelease: null }, { apt: false }]) {
      const r = run(['test'], { has: ['chromium', 'git', 'python3'], ...machine });
      assert.equal(r.status, 4, JSON.stringify(machine));
      assert.match(r.stderr, /npm test needs these Debian packages, which are missing: bubblewrap\n/);
      assert.match(r.stderr, /not a Debian system with apt-get.*\n.*on Debian: apt-get install -y --no-install-recommends bubblewrap\)/);
      assert.deepEqual(r.aptCalls, []);
    }
  });

  it('as root on Debian installs exactly what is missing, then a second run leaves apt alone', () => {
    const first = run(['test'], { has: ['git', 'python3'] });
    assert.equal(first.status, 0, first.stderr);
    assert.deepEqual(first.aptCalls, ['update -qq', 'install -y -qq --no-install-recommends chromium bubblewrap']);
    assert.match(first.stderr, /npm test: installing chromium bubblewrap \(.*apt-get update && apt-get install -y --no-install-recommends chromium bubblewrap\)/);
    assert.match(first.stderr, /npm test: installed chromium bubblewrap in \d+ s/);
    const again = run(['test']);
    assert.equal(again.status, 0, again.stderr);
    assert.deepEqual(again.aptCalls, first.aptCalls, 'no further apt-get call');
    assert.match(again.stderr, /all present/);
  });

  it('counts a Debian derivative (ID_LIKE=debian) as Debian', () => {
    const r = run(['test'], { has: ['chromium', 'bubblewrap', 'python3'], osRelease: 'ID=ubuntu\nID_LIKE=debian\n' });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.aptCalls, ['update -qq', 'install -y -qq --no-install-recommends git']);
  });

  it('a failing apt-get: its output, the command, exit 5', () => {
    const r = run(['test'], { has: ['chromium', 'git', 'python3'], env: { FAKE_APT_FAIL: '1' } });
    assert.equal(r.status, 5);
    assert.match(r.stderr, /E: Unable to locate package update -qq/);
    assert.match(r.stderr, /apt-get failed \(full log: .*\); the command was: .*apt-get update && apt-get install -y --no-install-recommends bubblewrap/);
  });

  it('start: what building code-server needs, the kerberos headers included', () => {
    const r = run(['start'], { has: ['git'], uid: 1000 });
    assert.equal(r.status, 3);
    assert.match(r.stderr, /npm start needs these Debian packages, which are missing: ripgrep libkrb5-dev make g\+\+ python3\n/);
    const ok = run(['start'], { has: START_PACKAGES, uid: 1000 });
    assert.equal(ok.status, 0, ok.stderr);
  });

  it('e2e needs both: everything of test and of start', () => {
    const r = run(['e2e'], { uid: 1000 });
    assert.equal(r.status, 3);
    const missing = /which are missing: (.*)\n/.exec(r.stderr)?.[1]?.split(' ') ?? [];
    assert.deepEqual([...new Set(missing)].sort(), [...new Set([...TEST_PACKAGES, ...START_PACKAGES])].sort());
  });

  it('takes $CHROMIUM, when it names an executable, for the chromium package', () => {
    const browser = join(dir, 'my-chromium');
    writeFileSync(browser, '#!/bin/sh\n');
    chmodSync(browser, 0o755);
    assert.equal(run(['test'], { has: ['bubblewrap', 'git', 'python3'], uid: 1000, env: { CHROMIUM: browser } }).status, 0);
    assert.equal(run(['test'], { uid: 1000, env: { CHROMIUM: join(dir, 'nothing') } }).status, 3);
  });
});
