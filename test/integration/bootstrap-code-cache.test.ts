// dist/server/cli.js (server/bootstrap.ts) runs dist/server/server.js from V8's code cache: on a copy
// of the two built files, a long enough run writes the cache, later starts use it, and a damaged,
// stale or unwritable cache never stops the server from starting normally.
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { connectAppServer, describeProblem, stdioTransport } from '../../jsonrpc';
import { skipBecause } from '../support/system-tools';

const DIST = path.resolve(__dirname, '../../dist/server');

describe('bootstrap: the server from a V8 code cache', function () {
  this.timeout(30000);
  let dir: string;
  let home: string;
  let cache: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'codex-ts-bootstrap-'));
    home = mkdtempSync(path.join(tmpdir(), 'codex-ts-bootstrap-home-'));
    for (const file of ['cli.js', 'server.js']) copyFileSync(path.join(DIST, file), path.join(dir, file));
    cache = path.join(dir, 'server.js.cache');
  });

  afterEach(() => {
    chmodSync(dir, 0o755);
    rmSync(dir, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  });

  /** Starts app-server, initializes, stays up `aliveMs`, then closes stdin; resolves with the codexHome it answered. */
  async function serve(aliveMs: number, env: Record<string, string> = {}): Promise<string> {
    const child = spawn(process.execPath, [path.join(dir, 'cli.js'), 'app-server'], {
      env: { ...process.env, CODEX_HOME: home, CODEX_TS_CODE_CACHE_WRITE_MS: '100', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', resolve);
    });
    const problems: string[] = [];
    const client = connectAppServer(stdioTransport(child), { onProblem: (problem) => problems.push(describeProblem(problem)) });
    try {
      const { codexHome } = await client.request('initialize', { clientInfo: { name: 't', title: null, version: '1' } });
      await new Promise((resolve) => setTimeout(resolve, aliveMs));
      client.end();
      assert.equal(await exited, 0);
      assert.deepEqual(problems, []);
      return codexHome;
    } finally {
      client.dispose();
    }
  }

  function assertInitialized(codexHome: string): void {
    assert.equal(codexHome, home);
  }

  it('writes the cache at exit when the process ends before the delay', async () => {
    assertInitialized(await serve(0, { CODEX_TS_CODE_CACHE_WRITE_MS: '60000' }));
    assert.equal(readFileSync(cache).subarray(0, 4).toString('latin1'), 'CTS1');
  });

  it('writes the cache after a while, then starts from it without rewriting it', async () => {
    assert.equal(existsSync(cache), false);
    assertInitialized(await serve(400));
    assert.equal(existsSync(cache), true);
    const written = readFileSync(cache);
    assert.equal(written.subarray(0, 4).toString('latin1'), 'CTS1');
    assertInitialized(await serve(400));
    assert.deepEqual(readFileSync(cache), written);
  });

  it('ignores a damaged cache and replaces it', async () => {
    assertInitialized(await serve(400));
    const good = readFileSync(cache);
    const damaged = Buffer.from(good);
    for (let i = 100; i < damaged.length; i += 997) damaged[i] = damaged[i]! ^ 0xff;
    writeFileSync(cache, damaged);
    assertInitialized(await serve(400));
    assert.notDeepEqual(readFileSync(cache), damaged);
    writeFileSync(cache, 'garbage');
    assertInitialized(await serve(0));
  });

  it('ignores the cache of another build of server.js', async () => {
    assertInitialized(await serve(400));
    const old = readFileSync(cache);
    appendFileSync(path.join(dir, 'server.js'), '\n// another build\n');
    assertInitialized(await serve(400));
    assert.notDeepEqual(readFileSync(cache), old);
  });

  it('runs without a cache when told to', async () => {
    assertInitialized(await serve(400, { CODEX_TS_NO_CODE_CACHE: '1' }));
    assert.equal(existsSync(cache), false);
  });

  it('runs without a cache when its folder is read-only', async function () {
    if (process.getuid?.() === 0) skipBecause(this, 'runs as root, who writes into read-only folders anyway: run it as another user');
    chmodSync(dir, 0o555);
    assertInitialized(await serve(400));
    assert.equal(existsSync(cache), false);
  });

  it('runs through Node\'s module loader with --enable-source-maps (mapped stacks, no cache)', () => {
    const version = spawnSync(process.execPath, ['--enable-source-maps', path.join(dir, 'cli.js'), '--version'], { encoding: 'utf8' });
    assert.equal(version.status, 0, version.stderr);
    assert.match(version.stdout, /^codex-ts \d+\.\d+\.\d+/);
    assert.equal(existsSync(cache), false);
  });

  it('keeps the other subcommands working', () => {
    const version = spawnSync(process.execPath, [path.join(dir, 'cli.js'), '--version'], { encoding: 'utf8' });
    assert.equal(version.status, 0);
    assert.match(version.stdout, /^codex-ts \d+\.\d+\.\d+/);
  });
});
