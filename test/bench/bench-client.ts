// Bench support: the shared client of jsonrpc/ on an app-server process (ours or the real Codex),
// timed through its tap: a request's time runs from the moment its message goes to the transport
// to the moment the matching reply was read (before validation, so the timings are the
// server's); notification waiters are registered before the request goes out, so nothing is missed.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { connectAppServer, describeProblem, RpcError, RpcErrorCode, stdioTransport, type AppServerConnection } from '../../jsonrpc';

export type Json = Record<string, unknown>;

export { RpcError };

/** How to start one server kind. */
export interface ServerSpec {
  readonly label: 'ours' | 'reference';
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

export interface Timed<T> {
  readonly value: T;
  /** performance.now() when the request was handed to the transport. */
  readonly sentAt: number;
  /** performance.now() when the reply was read. */
  readonly at: number;
  readonly ms: number;
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
/** A request on its way: when it went out (by the tap, in order) and when its reply was read. */
type Sending = { id?: number | string; sentAt?: number; at?: number };

export class BenchClient {
  readonly spawnedAt: number;
  stderr = '';
  /** What the server sent that broke the protocol table (reported, never fatal here). */
  readonly problems: string[] = [];
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly client: AppServerConnection;
  /** Requests whose message has not gone out yet, in call order (the tap assigns their ids). */
  private readonly unsent: Sending[] = [];
  private readonly sending = new Map<number | string, Sending>();
  private waiters: Waiter[] = [];
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
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk: string) => {
      if (this.stderr.length < 20_000) this.stderr += chunk;
    });
    this.child.stdin.on('error', () => undefined); // EPIPE after a crash shows up as the exit below
    this.client = connectAppServer(stdioTransport(this.child), { onProblem: (problem) => this.problems.push(describeProblem(problem)) });
    this.client.tap(({ direction, message }) => this.time(direction, message, performance.now()));
    // Approval requests are accepted (none are expected with approval_policy never); others are refused.
    this.client.onOtherServerRequest(({ method }) => {
      if (method.endsWith('/requestApproval')) return { decision: 'accept' };
      throw new RpcError(RpcErrorCode.MethodNotFound, `bench client: ${method} unsupported`);
    });
    this.exited = new Promise((resolve) =>
      this.child.on('exit', (code) => {
        this.exitCode = code;
        const err = this.exitError();
        for (const w of this.waiters) w.reject(err);
        resolve(code);
      }),
    );
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  private exitError(): Error {
    return new Error(`${this.spec.label} server exited (${this.exitCode}); stderr: ${this.stderr.slice(-1500)}`);
  }

  private time(direction: 'in' | 'out', msg: Readonly<Json>, at: number): void {
    const id = typeof msg.id === 'number' || typeof msg.id === 'string' ? msg.id : undefined;
    if (direction === 'out') {
      if (typeof msg.method !== 'string' || id === undefined) return;
      const next = this.unsent.shift();
      if (next) this.sending.set(id, Object.assign(next, { id, sentAt: at }));
    } else if (typeof msg.method !== 'string' && id !== undefined) {
      const entry = this.sending.get(id);
      if (entry) entry.at = at;
    } else if (typeof msg.method === 'string' && id === undefined) {
      this.notifyWaiters(msg, at);
    }
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

  async request(method: string, params?: unknown, timeoutMs = 60_000): Promise<Timed<Json>> {
    if (this.exitCode !== undefined) throw new Error(`${this.spec.label} server already exited`);
    const entry: Sending = {};
    this.unsent.push(entry);
    try {
      const value = (await this.client.requestUnchecked(method, params, { timeoutMs })) as Json | null;
      const sentAt = entry.sentAt ?? performance.now();
      const at = entry.at ?? performance.now();
      return { value: value ?? {}, sentAt, at, ms: at - sentAt };
    } catch (error) {
      if (!(error instanceof RpcError)) throw error;
      if (error.code === RpcErrorCode.Timeout) {
        throw new Error(`${this.spec.label}: ${method} timed out after ${timeoutMs} ms; stderr: ${this.stderr.slice(-1500)}`, { cause: error });
      }
      if (error.code === RpcErrorCode.ConnectionClosed) {
        await this.exited;
        throw this.exitError();
      }
      throw new RpcError(error.code, `${method}: ${error.message.slice(0, 300)}`, error.data);
    } finally {
      if (entry.id !== undefined) this.sending.delete(entry.id);
      const unsentAt = this.unsent.indexOf(entry);
      if (unsentAt !== -1) this.unsent.splice(unsentAt, 1);
    }
  }

  notify(method: 'initialized'): void {
    void this.client.notify(method);
  }

  /** Registers now, resolves with the first later notification matching `pred` and its read time. */
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
    this.client.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    const code = await this.exited;
    clearTimeout(timer);
    this.client.dispose();
    return code;
  }
}

/** A JSON-RPC "method not found" style refusal (ours: -32601; Codex: -32600 "unknown variant"). */
export function isMethodNotFound(err: unknown): boolean {
  return err instanceof RpcError && (err.code === -32601 || /unknown variant|method not found/i.test(err.message));
}
