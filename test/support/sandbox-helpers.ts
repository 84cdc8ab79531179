// Shared fixtures for the real-bubblewrap sandbox tests (test/integration/sandbox-*.test.ts).
//   requireSandbox()  the capability probe; unavailable → the test fails with the probe's reason
//                     (no bwrap: the command that installs bubblewrap), never a skip.
//   makeFixture()     a workspace OUTSIDE /tmp (under /var/tmp), so "outside the roots" checks
//                     mean something even though /tmp is a writable root: ws/ (git repo with
//                     .codex/ and .agents/), extra/ (a second root, no protected names),
//                     outside/, tmpdir/ ($TMPDIR), and probe.cjs.
//   probe()           runs probe.cjs inside the sandbox with a list of operations; each result is
//                     'OK', an errno code (EROFS, EPERM, ECONNREFUSED …) or a value.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { SandboxPolicy } from '../../server/protocol/common';
import { probeSandbox, type SandboxCapabilities } from '../../server/sandbox/probe';
import { SandboxedRunner, type SandboxCommandSpec } from '../../server/sandbox/runner';
import type { ExitStatus } from '../../server/process/commandSpec';
import type { RunningProcess } from '../../server/process/runner';
import { missingToolMessage } from './system-tools';

export const PATH_ENV = '/usr/local/bin:/usr/bin:/bin';

/** Probes; fails the calling suite or test, saying how to fix it, when no sandbox is possible. */
export function requireSandbox(): SandboxCapabilities {
  const caps = probeSandbox();
  if (caps.available) return caps;
  if (caps.error?.code === 'bwrapMissing') throw new Error(`sandbox unavailable: ${missingToolMessage('bwrap', 'bubblewrap (bwrap)')}`);
  throw new Error(`sandbox unavailable: ${caps.error?.message ?? 'unknown reason'}`);
}

const PROBE_SCRIPT = String.raw`
const fs = require('fs'), net = require('net'), dgram = require('dgram');
const code = (e) => (e && (e.code || e.message)) || 'ERROR';
const connect = (opts) => new Promise((res) => {
  const s = net.connect(opts);
  const t = setTimeout(() => { s.destroy(); res('TIMEOUT'); }, 3000);
  s.on('connect', () => { clearTimeout(t); s.destroy(); res('OK'); });
  s.on('error', (e) => { clearTimeout(t); res(code(e)); });
});
async function one(op) {
  try {
    switch (op[0]) {
      case 'write': fs.writeFileSync(op[1], 'x'); fs.unlinkSync(op[1]); return 'OK';
      case 'append': fs.appendFileSync(op[1], 'x'); return 'OK';
      case 'mkdir': fs.mkdirSync(op[1]); fs.rmdirSync(op[1]); return 'OK';
      case 'rename': fs.renameSync(op[1], op[2]); fs.renameSync(op[2], op[1]); return 'OK';
      case 'read': fs.readFileSync(op[1]); return 'OK';
      case 'tcp': return await connect({ host: '127.0.0.1', port: op[1] });
      case 'unix': return await connect({ path: op[1] });
      case 'udp4': return await new Promise((res) => {
        try { const s = dgram.createSocket('udp4'); s.on('error', (e) => res(code(e))); s.bind(0, '127.0.0.1', () => { s.close(); res('OK'); }); }
        catch (e) { res(code(e)); }
      });
      case 'status': {
        const t = fs.readFileSync('/proc/self/status', 'utf8');
        return Object.fromEntries(['NoNewPrivs', 'Seccomp', 'CapEff'].map((k) => [k, (new RegExp('^' + k + ':\\s*(\\S+)', 'm').exec(t) || [])[1]]));
      }
      case 'pids': return fs.readdirSync('/proc').filter((n) => /^\d+$/.test(n)).length;
      case 'env': return process.env[op[1]] ?? null;
      case 'exists': return fs.existsSync(op[1]);
    }
    return 'UNKNOWN OP';
  } catch (e) { return code(e); }
}
(async () => { const out = []; for (const op of JSON.parse(process.argv[2])) out.push(await one(op)); process.stdout.write(JSON.stringify(out)); })();
`;

export interface Fixture {
  base: string;
  ws: string;
  extra: string;
  outside: string;
  tmpdir: string;
  probeScript: string;
  cleanup(): void;
}

export function makeFixture(): Fixture {
  const base = mkdtempSync('/var/tmp/codex-ts-sandbox-');
  chmodSync(base, 0o755);
  const dirs = { ws: path.join(base, 'ws'), extra: path.join(base, 'extra'), outside: path.join(base, 'outside'), tmpdir: path.join(base, 'tmpdir') };
  for (const d of Object.values(dirs)) mkdirSync(d);
  execFileSync('git', ['init', '-q', dirs.ws]);
  mkdirSync(path.join(dirs.ws, '.codex'));
  writeFileSync(path.join(dirs.ws, '.codex', 'config.toml'), 'model = "x"\n');
  mkdirSync(path.join(dirs.ws, '.agents'));
  writeFileSync(path.join(dirs.ws, '.agents', 'a.md'), 'agents\n');
  writeFileSync(path.join(dirs.ws, 'README.md'), 'hello\n');
  const probeScript = path.join(base, 'probe.cjs');
  writeFileSync(probeScript, PROBE_SCRIPT);
  return { base, ...dirs, probeScript, cleanup: () => rmSync(base, { recursive: true, force: true }) };
}

export function workspaceWrite(extra: Partial<Extract<SandboxPolicy, { type: 'workspaceWrite' }>> = {}): SandboxPolicy {
  return { type: 'workspaceWrite', writableRoots: [], networkAccess: false, excludeSlashTmp: false, excludeTmpdirEnvVar: false, ...extra };
}

export function specFor(fx: Fixture, argv: string[], sandbox: SandboxPolicy, extra: Partial<SandboxCommandSpec> = {}): SandboxCommandSpec {
  return { argv, cwd: fx.ws, env: { PATH: PATH_ENV, HOME: fx.base, TMPDIR: fx.tmpdir }, sandbox, tty: false, ...extra };
}

export interface RunResult {
  status: ExitStatus;
  output: string;
  argv: readonly string[];
}

export async function collect(p: RunningProcess): Promise<RunResult> {
  let output = '';
  p.onOutput((c) => (output += c));
  const status = await p.exit;
  return { status, output, argv: p.argv };
}

export const runner = new SandboxedRunner({ killGraceMs: 300, drainGraceMs: 200 });

export async function run(fx: Fixture, argv: string[], sandbox: SandboxPolicy, extra: Partial<SandboxCommandSpec> = {}): Promise<RunResult> {
  return collect(runner.spawn(specFor(fx, argv, sandbox, extra)));
}

export type Op = [string, ...(string | number)[]];

/** Runs the probe script under `sandbox` and returns one result per operation. */
export async function probe(fx: Fixture, sandbox: SandboxPolicy, ops: Op[], extra: Partial<SandboxCommandSpec> = {}): Promise<unknown[]> {
  const r = await run(fx, ['node', fx.probeScript, JSON.stringify(ops)], sandbox, extra);
  if (r.status.exitCode !== 0) throw new Error(`probe failed (${r.status.exitCode}${r.status.spawnError ? `, ${r.status.spawnError}` : ''}): ${r.output}`);
  return JSON.parse(r.output) as unknown[];
}
