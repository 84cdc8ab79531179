// Test support: spawns the built server (`dist/server/cli.js app-server`) over stdio with a temp
// CODEX_HOME whose config points at the mock model, and drives it through the shared client of
// jsonrpc/ (which validates what it receives against our protocol table). A tap checks every line
// in both directions against the real Codex schema (wire-check.ts); violations of either fail the
// test at close(). The raw lines are kept for tests that look at the wire itself.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { connectAppServer, describeProblem, RpcError, stdioTransport, type AppServerConnection } from '../../jsonrpc';
import { loadCodexSchema } from './codex-schema';
import { WireCheck } from './wire-check';

export { EXTENSION_METHODS } from './wire-check';
/** The shared client's one error class, under the name these tests know it by. */
export { RpcError as RpcCallError };

const CLI = resolve(__dirname, '../../dist/server/cli.js');

export interface Notification {
  readonly method: string;
  readonly params: Record<string, unknown>;
  readonly raw: Record<string, unknown>;
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

type ServerRequestAnswer = (method: string, params: unknown, id: number | string) => unknown;

export class AppServerClient {
  readonly notifications: Notification[] = [];
  /** Every message the server wrote, as parsed. */
  readonly lines: Record<string, unknown>[] = [];
  readonly violations: string[] = [];
  stderr = '';
  readonly connection: AppServerConnection;
  private readonly waiters: (() => void)[] = [];
  private serverRequestHandler: ServerRequestAnswer | undefined;
  readonly exited: Promise<number | null>;

  constructor(
    readonly child: ChildProcessWithoutNullStreams,
    readonly codexHome: string,
    wire: WireCheck | null,
  ) {
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (this.stderr += chunk));
    this.exited = new Promise((resolveExit) => child.on('exit', (code) => resolveExit(code)));
    this.connection = connectAppServer(stdioTransport(child), { onProblem: (problem) => this.violations.push(describeProblem(problem)) });
    this.connection.tap(({ direction, message }) => {
      wire?.check(message, direction, (violation) => this.violations.push(violation));
      if (direction === 'out') return;
      this.lines.push(message);
      if (typeof message.method === 'string' && !('id' in message)) {
        this.notifications.push({ method: message.method, params: (message.params ?? {}) as Record<string, unknown>, raw: message });
      }
      for (const wake of this.waiters.splice(0)) wake();
    });
    // Without a handler a server request stays unanswered, as if the user had not decided yet.
    this.connection.onOtherServerRequest(({ method, params, id }) => {
      const handler = this.serverRequestHandler;
      return handler ? handler(method, params, id) : new Promise<never>(() => undefined);
    });
  }

  onServerRequest(handler: ServerRequestAnswer): void {
    this.serverRequestHandler = handler;
  }

  /** Writes a raw line as is (for malformed-input tests). */
  sendRaw(line: string): void {
    this.child.stdin.write(line.endsWith('\n') ? line : `${line}\n`);
  }

  /**
   * A request by name: the tests also send what a typed client could not (unknown methods, bad
   * params). Rejects with an RpcError; one nobody awaits (the server was killed) is not an error.
   */
  request<T = Record<string, unknown>>(method: string, params?: unknown): Promise<T> {
    const reply = this.connection.requestUnchecked(method, params) as Promise<T>;
    reply.catch(() => undefined);
    return reply;
  }

  notify(method: 'initialized'): void {
    void this.connection.notify(method);
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

  /** Ends stdin (EOF), waits for exit, and fails if any message broke a schema. */
  async close(timeoutMs = 10000): Promise<number | null> {
    this.connection.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    const code = await this.exited;
    clearTimeout(timer);
    this.connection.dispose();
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
  const client = new AppServerClient(child, codexHome, new WireCheck(schema.createSession({ requireEmittedAtMs: true })));
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
