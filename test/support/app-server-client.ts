// Test support: spawns the built server (`dist/server/cli.js app-server`) over stdio with a temp
// CODEX_HOME whose config points at the mock model, and drives it like a client would. Every line
// in both directions is validated against the real Codex schema (methods that are codex-ts
// extensions are listed below and skipped); violations fail the test at close().
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadCodexSchema, type WireSession } from './codex-schema';

const CLI = resolve(__dirname, '../../dist/server/cli.js');

/** Methods we implement beyond the 0.169 schema (documented in README "Protocol extensions"). */
export const EXTENSION_METHODS = new Set([
  'thread/rollback',
  'fuzzyFileSearch/sessionStart',
  'fuzzyFileSearch/sessionUpdate',
  'fuzzyFileSearch/sessionStop',
]);

export interface Notification {
  readonly method: string;
  readonly params: Record<string, unknown>;
  readonly raw: Record<string, unknown>;
}

export class RpcCallError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export interface StartOptions {
  /** Existing CODEX_HOME (to restart on the same state); a fresh temp dir otherwise. */
  codexHome?: string;
  /** The mock's base URL: writes a config.toml with a `mock` provider pointing at it. */
  mockBaseUrl?: string;
  wireApi?: 'responses' | 'chat';
  /** Extra TOML appended to the generated config. */
  extraConfig?: string;
  env?: Record<string, string>;
  args?: string[];
  /** Send initialize + initialized (default true). */
  initialize?: boolean;
  clientName?: string;
}

type Pending = { method: string; resolve: (value: unknown) => void; reject: (error: Error) => void };

export class AppServerClient {
  readonly notifications: Notification[] = [];
  readonly lines: Record<string, unknown>[] = [];
  readonly violations: string[] = [];
  stderr = '';
  private nextId = 1;
  private buffer = '';
  private readonly pending = new Map<number | string, Pending>();
  private readonly waiters: (() => void)[] = [];
  private serverRequestHandler: ((method: string, params: unknown, id: number | string) => unknown) | undefined;
  readonly exited: Promise<number | null>;

  constructor(
    readonly child: ChildProcessWithoutNullStreams,
    readonly codexHome: string,
    private readonly wire: WireSession | null,
  ) {
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => this.onData(chunk));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (this.stderr += chunk));
    this.exited = new Promise((resolveExit) => child.on('exit', (code) => resolveExit(code)));
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    let nl = this.buffer.indexOf('\n');
    while (nl !== -1) {
      const line = this.buffer.slice(0, nl);
      this.buffer = this.buffer.slice(nl + 1);
      nl = this.buffer.indexOf('\n');
      let msg: Record<string, unknown>;
      try {
        msg = JSON.parse(line) as Record<string, unknown>;
      } catch {
        this.violations.push(`stdout carried a non-JSON line: ${line.slice(0, 200)}`);
        continue;
      }
      this.lines.push(msg);
      this.validate(msg, 'serverToClient');
      this.dispatch(msg);
    }
    for (const wake of this.waiters.splice(0)) wake();
  }

  private validate(msg: Record<string, unknown>, direction: 'clientToServer' | 'serverToClient'): void {
    if (!this.wire) return;
    const method = typeof msg.method === 'string' ? msg.method : this.pending.get(msg.id as number)?.method;
    // Replies to raw lines (sendRaw) have no known method: those tests assert on them directly.
    if (method === undefined || EXTENSION_METHODS.has(method)) return;
    if ('error' in msg) return; // error replies are checked by the tests that provoke them
    const result = this.wire.validate(msg, direction);
    if (!result.ok) this.violations.push(`${direction} ${method ?? '?'}: ${result.errors}`);
  }

  private dispatch(msg: Record<string, unknown>): void {
    const id = msg.id as number | string | undefined;
    if (typeof msg.method === 'string' && id !== undefined) {
      void this.answerServerRequest(msg.method, msg.params, id);
    } else if (typeof msg.method === 'string') {
      this.notifications.push({ method: msg.method, params: (msg.params ?? {}) as Record<string, unknown>, raw: msg });
    } else if (id !== undefined && this.pending.has(id)) {
      const pending = this.pending.get(id) as Pending;
      this.pending.delete(id);
      const error = msg.error as { code: number; message: string } | undefined;
      if (error) pending.reject(new RpcCallError(error.code, error.message));
      else pending.resolve(msg.result);
    }
  }

  private async answerServerRequest(method: string, params: unknown, id: number | string): Promise<void> {
    const handler = this.serverRequestHandler;
    if (!handler) return;
    const result = await handler(method, params, id);
    this.send({ id, result });
  }

  onServerRequest(handler: (method: string, params: unknown, id: number | string) => unknown): void {
    this.serverRequestHandler = handler;
  }

  send(message: Record<string, unknown>): void {
    this.validate(message, 'clientToServer');
    this.child.stdin.write(`${JSON.stringify(message)}\n`);
  }

  /** Writes a raw line as is (for malformed-input tests). */
  sendRaw(line: string): void {
    this.child.stdin.write(line.endsWith('\n') ? line : `${line}\n`);
  }

  request<T = Record<string, unknown>>(method: string, params?: unknown): Promise<T> {
    const id = this.nextId++;
    const promise = new Promise<T>((resolvePromise, reject) => {
      this.pending.set(id, { method, resolve: resolvePromise as (v: unknown) => void, reject });
    });
    this.send(params === undefined ? { id, method } : { id, method, params });
    return promise;
  }

  notify(method: string, params?: unknown): void {
    this.send(params === undefined ? { method } : { method, params });
  }

  /** Waits for a line matching `predicate` (searching lines already received first). */
  async waitForLine(predicate: (msg: Record<string, unknown>) => boolean, timeoutMs = 10000, from = 0): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.lines.slice(from).find(predicate);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for a line; last lines: ${JSON.stringify(this.lines.slice(-5))}\nstderr: ${this.stderr.slice(-2000)}`);
      await new Promise<void>((wake) => {
        const timer = setTimeout(wake, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          wake();
        });
      });
    }
  }

  async waitForNotification(method: string, predicate: (params: Record<string, unknown>) => boolean = () => true, timeoutMs = 10000, from = 0): Promise<Record<string, unknown>> {
    const line = await this.waitForLine(
      (msg) => msg.method === method && !('id' in msg) && predicate((msg.params ?? {}) as Record<string, unknown>),
      timeoutMs,
      from,
    );
    return (line.params ?? {}) as Record<string, unknown>;
  }

  /** Methods of the notifications received since `from` (an index into `notifications`). */
  methodsSince(from = 0): string[] {
    return this.notifications.slice(from).map((n) => n.method);
  }

  /** Ends stdin (EOF), waits for exit, and fails if any message broke the schema. */
  async close(timeoutMs = 10000): Promise<number | null> {
    this.child.stdin.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    const code = await this.exited;
    clearTimeout(timer);
    if (this.violations.length > 0) throw new Error(`schema violations:\n${this.violations.join('\n')}`);
    return code;
  }

  kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<number | null> {
    this.child.kill(signal);
    return this.exited;
  }
}

export function mockConfigToml(baseUrl: string, wireApi: 'responses' | 'chat' = 'responses', model = 'gpt-5.5'): string {
  return [
    `model = "${model}"`,
    'model_provider = "mock"',
    'approval_policy = "never"',
    'sandbox_mode = "danger-full-access"',
    '[model_providers.mock]',
    'name = "Mock"',
    `base_url = "${baseUrl}"`,
    `wire_api = "${wireApi}"`,
    'env_key = "MOCK_API_KEY"',
    'request_max_retries = 0',
    'stream_max_retries = 0',
    '',
  ].join('\n');
}

// Temp homes outlive a client on purpose (tests restart a server on the same home to resume from
// disk), so they are removed when the test process exits rather than at close().
const createdHomes = new Set<string>();
process.once('exit', () => {
  for (const home of createdHomes) {
    try {
      rmSync(home, { recursive: true, force: true });
    } catch {
      // A test that made part of its home read-only; leaving it is harmless.
    }
  }
});

export function makeCodexHome(): string {
  const home = mkdtempSync(join(tmpdir(), 'codex-ts-home-'));
  createdHomes.add(home);
  return home;
}

export async function startAppServer(options: StartOptions = {}): Promise<AppServerClient> {
  const codexHome = options.codexHome ?? makeCodexHome();
  mkdirSync(codexHome, { recursive: true });
  if (options.mockBaseUrl) {
    writeFileSync(join(codexHome, 'config.toml'), mockConfigToml(options.mockBaseUrl, options.wireApi) + (options.extraConfig ?? ''));
  } else if (options.extraConfig) {
    writeFileSync(join(codexHome, 'config.toml'), options.extraConfig);
  }
  const schema = await loadCodexSchema();
  const child = spawn(process.execPath, [CLI, 'app-server', ...(options.args ?? [])], {
    env: { ...process.env, CODEX_HOME: codexHome, MOCK_API_KEY: 'test-key', CODEX_TS_RETRY_BASE_MS: '5', ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const client = new AppServerClient(child, codexHome, schema.createSession({ requireEmittedAtMs: true }));
  if (options.initialize ?? true) {
    await client.request('initialize', {
      clientInfo: { name: options.clientName ?? 'codex-ts-tests', title: 'Codex TS tests', version: '0.0.1' },
      capabilities: { experimentalApi: true },
    });
    client.notify('initialized');
  }
  return client;
}

/** A `text` user input as clients send it. */
export function textInput(text: string): { type: 'text'; text: string; text_elements: never[] } {
  return { type: 'text', text, text_elements: [] };
}

export interface TurnRun {
  /** The turn/start result's turn. */
  readonly turn: Record<string, unknown> & { id: string };
  /** The turn/completed notification's turn. */
  readonly completed: Record<string, unknown> & { id: string; status: string; items: Record<string, unknown>[] };
  /** Index into `client.notifications` just before turn/start was sent. */
  readonly from: number;
}

/** Starts a turn with one text input and waits for its turn/completed. */
export async function runTurn(client: AppServerClient, threadId: string, text: string, extra: Record<string, unknown> = {}, timeoutMs = 10000): Promise<TurnRun> {
  const from = client.notifications.length;
  const fromLine = client.lines.length;
  const { turn } = await client.request<{ turn: TurnRun['turn'] }>('turn/start', { threadId, input: [textInput(text)], ...extra });
  const params = await client.waitForNotification('turn/completed', (p) => (p.turn as { id?: string }).id === turn.id, timeoutMs, fromLine);
  return { turn, completed: params.turn as TurnRun['completed'], from };
}
