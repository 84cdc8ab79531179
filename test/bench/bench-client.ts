// Bench support: a lean JSON-RPC line client for an app-server process (ours or the real Codex) —
// no schema validation, so the timings are the server's, not the harness's. A request's time runs
// from the moment its line is written to stdin to the moment the matching reply line is parsed;
// notification waiters are registered before the request goes out, so nothing can be missed.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

export type Json = Record<string, unknown>;

/** How to start one server kind. */
export interface ServerSpec {
  readonly label: 'ours' | 'reference';
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

export interface Timed<T> {
  readonly value: T;
  /** performance.now() when the request line was written. */
  readonly sentAt: number;
  /** performance.now() when the reply line was parsed. */
  readonly at: number;
  readonly ms: number;
}

export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

const REPO = path.resolve(__dirname, '../..');

/** Our server as the extension runs it. */
export function oursSpec(): ServerSpec {
  return { label: 'ours', command: process.execPath, args: [path.join(REPO, 'dist/server/cli.js'), 'app-server'], env: {} };
}

/**
 * The real Codex: the native binary that node_modules/.bin/codex would start (on Node 20 the npm
 * wrapper stays alive as a parent process, which would skew both the start time and the RSS).
 */
export function referenceSpec(): ServerSpec {
  const root = path.join(REPO, 'node_modules/@openai');
  const bin = path.join(root, 'codex-linux-x64/vendor/x86_64-unknown-linux-musl/bin/codex');
  if (!existsSync(bin)) throw new Error(`the Codex binary is missing: ${bin}`);
  return { label: 'reference', command: bin, args: ['app-server'], env: { CODEX_MANAGED_BY_NPM: '1', CODEX_MANAGED_PACKAGE_ROOT: path.join(root, 'codex') } };
}

type Waiter = { pred: (msg: Json) => boolean; resolve: (v: { msg: Json; at: number }) => void; reject: (e: Error) => void; timer: NodeJS.Timeout };
type Pending = { method: string; sentAt: number; resolve: (v: Timed<Json>) => void; reject: (e: Error) => void; timer: NodeJS.Timeout };

export class BenchClient {
  readonly spawnedAt: number;
  stderr = '';
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending = new Map<number, Pending>();
  private waiters: Waiter[] = [];
  private buffer = '';
  private nextId = 1;
  private exitCode: number | null | undefined;
  readonly exited: Promise<number | null>;

  constructor(
    readonly spec: ServerSpec,
    readonly codexHome: string,
    cwd: string,
  ) {
    this.spawnedAt = performance.now();
    this.child = spawn(spec.command, [...spec.args], {
      cwd,
      env: { ...process.env, ...spec.env, CODEX_HOME: codexHome, MOCK_API_KEY: 'bench-key', RUST_LOG: 'error' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk: string) => this.onData(chunk));
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk: string) => {
      if (this.stderr.length < 20_000) this.stderr += chunk;
    });
    this.child.stdin.on('error', () => undefined); // EPIPE after a crash shows up as the exit below
    this.exited = new Promise((resolve) =>
      this.child.on('exit', (code) => {
        this.exitCode = code;
        const err = new Error(`${spec.label} server exited (${code}); stderr: ${this.stderr.slice(-1500)}`);
        for (const p of this.pending.values()) p.reject(err);
        for (const w of this.waiters) w.reject(err);
        resolve(code);
      }),
    );
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    let nl = this.buffer.indexOf('\n');
    while (nl !== -1) {
      const line = this.buffer.slice(0, nl);
      this.buffer = this.buffer.slice(nl + 1);
      nl = this.buffer.indexOf('\n');
      let msg: Json;
      try {
        msg = JSON.parse(line) as Json;
      } catch {
        continue;
      }
      this.dispatch(msg, performance.now());
    }
  }

  private dispatch(msg: Json, at: number): void {
    const id = msg.id;
    if (typeof msg.method === 'string') {
      if (id !== undefined && id !== null) this.answerServerRequest(msg.method, id);
      else this.notifyWaiters(msg, at);
      return;
    }
    if (typeof id !== 'number') return;
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    clearTimeout(p.timer);
    const error = msg.error as { code: number; message: string } | undefined;
    if (error) p.reject(new RpcError(error.code, `${p.method}: ${error.message.slice(0, 300)}`));
    else p.resolve({ value: (msg.result ?? {}) as Json, sentAt: p.sentAt, at, ms: at - p.sentAt });
  }

  private notifyWaiters(msg: Json, at: number): void {
    if (this.waiters.length === 0) return;
    this.waiters = this.waiters.filter((w) => {
      if (!w.pred(msg)) return true;
      clearTimeout(w.timer);
      w.resolve({ msg, at });
      return false;
    });
  }

  /** Approval requests are accepted (none are expected with approval_policy never); others are refused. */
  private answerServerRequest(method: string, id: unknown): void {
    const reply = method.endsWith('/requestApproval') ? { id, result: { decision: 'accept' } } : { id, error: { code: -32601, message: `bench client: ${method} unsupported` } };
    this.write(reply);
  }

  private write(message: Json): void {
    this.child.stdin.write(`${JSON.stringify(message)}\n`);
  }

  request(method: string, params?: unknown, timeoutMs = 60_000): Promise<Timed<Json>> {
    if (this.exitCode !== undefined) return Promise.reject(new Error(`${this.spec.label} server already exited`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.spec.label}: ${method} timed out after ${timeoutMs} ms; stderr: ${this.stderr.slice(-1500)}`));
      }, timeoutMs);
      const message: Json = params === undefined ? { id, method } : { id, method, params };
      const line = `${JSON.stringify(message)}\n`;
      const sentAt = performance.now();
      this.pending.set(id, { method, sentAt, resolve, reject, timer });
      this.child.stdin.write(line);
    });
  }

  notify(method: string, params?: unknown): void {
    this.write(params === undefined ? { method } : { method, params });
  }

  /** Registers now, resolves with the first later notification matching `pred` and its parse time. */
  expect(pred: (msg: Json) => boolean, timeoutMs = 60_000): Promise<{ msg: Json; at: number }> {
    const promise = new Promise<{ msg: Json; at: number }>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.timer !== timer);
        reject(new Error(`${this.spec.label}: timed out waiting for a notification; stderr: ${this.stderr.slice(-1500)}`));
      }, timeoutMs);
      this.waiters.push({ pred, resolve, reject, timer });
    });
    promise.catch(() => undefined); // a waiter abandoned after an earlier failure must not crash the run
    return promise;
  }

  /** initialize + initialized; returns the initialize round trip. */
  async initialize(clientName = 'codex-ts-bench'): Promise<Timed<Json>> {
    const reply = await this.request('initialize', { clientInfo: { name: clientName, title: 'Codex TS bench', version: '0.0.1' }, capabilities: { experimentalApi: true } });
    this.notify('initialized');
    return reply;
  }

  /** Peak resident set size so far (VmHWM), in MiB. */
  peakRssMiB(): number {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kib = /VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1];
    if (kib === undefined) throw new Error(`no VmHWM for pid ${this.pid}`);
    return Number(kib) / 1024;
  }

  /** CPU time used so far by the process (all threads), in ms (clock ticks are 10 ms on Linux). */
  cpuMs(): number {
    const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  }

  /**
   * Waits until the server has used ≤ 20 ms of CPU over `quietMs` (its background start-up work —
   * index reconcile, state backfill — is done), at most `maxMs`. Returns the wait and whether it settled.
   */
  async waitForIdle(maxMs: number, quietMs = 1000): Promise<{ ms: number; settled: boolean }> {
    const t0 = performance.now();
    const history: { at: number; cpu: number }[] = [];
    while (performance.now() - t0 < maxMs) {
      const now = { at: performance.now(), cpu: this.cpuMs() };
      history.push(now);
      const base = history.findLast((h) => now.at - h.at >= quietMs);
      if (base && now.cpu - base.cpu <= 20) return { ms: now.at - t0, settled: true };
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return { ms: performance.now() - t0, settled: false };
  }

  /** Ends stdin and waits for the exit; SIGKILL after the timeout. */
  async close(timeoutMs = 10_000): Promise<number | null> {
    for (const w of this.waiters) clearTimeout(w.timer);
    this.waiters = [];
    if (this.exitCode !== undefined) return this.exitCode;
    this.child.stdin.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }
}

/** A JSON-RPC "method not found" style refusal (ours: -32601; Codex: -32600 "unknown variant"). */
export function isMethodNotFound(err: unknown): boolean {
  return err instanceof RpcError && (err.code === -32601 || /unknown variant|method not found/i.test(err.message));
}
