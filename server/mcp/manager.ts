// The MCP servers of the app server: one connection per configured server (name + settings), shared
// by the threads whose effective config names it. Threads attach when they load; their servers
// start in parallel, each announcing `mcpServer/startupStatus/updated` (starting → ready | failed)
// to the threads using it, so a slow or broken server never holds up another or a turn (a turn
// offers the tools of the servers that are ready). A `required` server that fails makes attach
// reject (thread/start then fails). A failed or crashed server is started again on its next use,
// no sooner than its backoff (0.5 s doubling to 30 s). Reload re-reads the config: servers whose
// settings changed restart, unchanged ones keep running, dropped ones stop.
import { isAbsolute } from 'node:path';
import type { McpServerStartupState } from '../protocol/mcp';
import type { Logger } from '../util/log';
import { toolAllowed, type InvalidMcpServerConfig, type McpServerConfig, type McpServersConfig } from './config';
import type * as ConnectionModule from './connection';
import type { McpConnection, ElicitHandler } from './connection';
import type * as TransportsModule from './transports';
import type { AuthProviderFor } from './transports';

/** The SDK-backed modules, evaluated when the first server starts (not at app-server start). */
function sdkModules(): { connection: typeof ConnectionModule; transports: typeof TransportsModule } {
  /* eslint-disable @typescript-eslint/no-require-imports -- a require() in a function defers the module's evaluation */
  return { connection: require('./connection') as typeof ConnectionModule, transports: require('./transports') as typeof TransportsModule };
  /* eslint-enable @typescript-eslint/no-require-imports */
}

export interface CallOwner {
  readonly threadId: string;
  readonly turnId: string | null;
}

export interface McpManagerOptions {
  /** The parsed `mcp_servers` of the effective config for a cwd. */
  readonly configFor: (cwd: string) => McpServersConfig;
  readonly onStatus: (threadId: string | null, name: string, status: McpServerStartupState, error: string | null) => void;
  /** Answers an elicitation of `server` for the thread (and turn) it is for. */
  readonly elicit: (server: string, owner: CallOwner, params: Parameters<ElicitHandler>[0], signal: AbortSignal) => ReturnType<ElicitHandler>;
  readonly isLoaded: (threadId: string) => boolean;
  readonly log: Logger;
  readonly env?: NodeJS.ProcessEnv;
  readonly authProviderFor?: AuthProviderFor;
  /** Backoff base (ms) before a failed server is started again. */
  readonly backoffBaseMs?: number;
}

const MAX_BACKOFF_MS = 30_000;

/** A configured server and its current connection. */
export class McpServerEntry {
  connection: McpConnection | null = null;
  starting: Promise<void> | null = null;
  failures = 0;
  retryAt = 0;
  readonly threads = new Set<string>();
  /** Started for a request without a thread (status list, resource read): kept until reload or exit. */
  threadless = false;
  /** Calls in flight, latest last: an elicitation goes to the thread of the latest one. */
  readonly calls: CallOwner[] = [];

  constructor(
    readonly key: string,
    readonly config: McpServerConfig,
    readonly cwd: string,
  ) {}

  get state(): 'notStarted' | 'starting' | 'ready' | 'failed' | 'closed' {
    if (this.starting) return 'starting';
    return this.connection?.state === 'starting' ? 'starting' : (this.connection?.state ?? 'notStarted');
  }

  get error(): string | null {
    return this.connection?.error ?? null;
  }

  /** The tools offered (enabled_tools, then disabled_tools). */
  get tools(): McpConnection['tools'] {
    const connection = this.connection;
    return connection?.state === 'ready' ? connection.tools.filter((t) => toolAllowed(this.config, t.name)) : [];
  }
}

interface ThreadServers {
  readonly cwd: string;
  keys: Set<string>;
  invalid: readonly InvalidMcpServerConfig[];
  disabled: readonly McpServerConfig[];
}

export class McpManager {
  private readonly entries = new Map<string, McpServerEntry>();
  private readonly threads = new Map<string, ThreadServers>();

  constructor(private readonly options: McpManagerOptions) {}

  /** Same settings share a server; a stdio server without an absolute `cwd` runs in (and per) the thread's cwd. */
  private keyOf(config: McpServerConfig, cwd: string): string {
    const t = config.transport;
    const perCwd = t.type === 'stdio' && (t.cwd === null || !isAbsolute(t.cwd));
    return `${config.name}\u0000${config.fingerprint}${perCwd ? `\u0000${cwd}` : ''}`;
  }

  /**
   * Starts (or joins) the thread's servers. Resolves once every `required` server is ready; rejects
   * with the first required server's error. Other servers keep starting in the background.
   */
  async attach(threadId: string, cwd: string): Promise<void> {
    const config = this.options.configFor(cwd);
    const keys = new Set<string>();
    const required: Promise<void>[] = [];
    for (const server of config.servers) {
      if (!server.enabled) continue;
      const entry = this.entryFor(server, cwd);
      keys.add(entry.key);
      entry.threads.add(threadId);
      const ready = this.ensureStarted(entry, threadId);
      if (server.required) required.push(ready.then(() => this.requireReady(entry)));
      else ready.catch(() => undefined);
    }
    for (const bad of config.invalid) {
      this.options.onStatus(threadId, bad.name, 'failed', bad.error);
      if (bad.required) required.push(Promise.reject(new Error(`required MCP server "${bad.name}" is misconfigured: ${bad.error}`)));
    }
    this.threads.set(threadId, { cwd, keys, invalid: config.invalid, disabled: config.servers.filter((s) => !s.enabled) });
    this.collect();
    const failed = (await Promise.allSettled(required)).find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  private requireReady(entry: McpServerEntry): void {
    if (entry.state !== 'ready') throw new Error(`required MCP server "${entry.config.name}" failed to start: ${entry.error ?? 'unknown error'}`);
  }

  private entryFor(config: McpServerConfig, cwd: string): McpServerEntry {
    const key = this.keyOf(config, cwd);
    let entry = this.entries.get(key);
    if (!entry) {
      entry = new McpServerEntry(key, config, cwd);
      this.entries.set(key, entry);
    }
    return entry;
  }

  /**
   * Makes sure the entry is running or starting (a failed one restarts once its backoff passed);
   * `threadId` alone is told the current status when nothing changes. Resolves when settled.
   */
  ensureStarted(entry: McpServerEntry, threadId: string | null): Promise<void> {
    const state = entry.state;
    if (state === 'starting' && entry.starting) {
      if (threadId !== null) this.options.onStatus(threadId, entry.config.name, 'starting', null);
      return entry.starting;
    }
    if (state === 'ready') {
      if (threadId !== null) this.options.onStatus(threadId, entry.config.name, 'ready', null);
      return Promise.resolve();
    }
    if (state === 'failed' && Date.now() < entry.retryAt) {
      if (threadId !== null) this.options.onStatus(threadId, entry.config.name, 'failed', entry.error);
      return Promise.resolve();
    }
    entry.starting = this.start(entry).finally(() => (entry.starting = null));
    return entry.starting;
  }

  private announce(entry: McpServerEntry, status: McpServerStartupState, error: string | null): void {
    const threads = [...entry.threads].filter((id) => this.options.isLoaded(id));
    if (threads.length === 0) this.options.onStatus(null, entry.config.name, status, error);
    for (const id of threads) this.options.onStatus(id, entry.config.name, status, error);
  }

  private async start(entry: McpServerEntry): Promise<void> {
    const { config } = entry;
    const log = this.options.log;
    const { connection: connectionModule, transports } = sdkModules();
    const connection = new connectionModule.McpConnection(
      config,
      (onStderr) =>
        transports.createTransport(config, {
          env: this.options.env ?? process.env,
          baseCwd: entry.cwd,
          ...(this.options.authProviderFor ? { authProviderFor: this.options.authProviderFor } : {}),
          onStderr: (text) => {
            onStderr(text);
            log.debug(`mcp ${config.name} stderr: ${text.trimEnd()}`);
          },
        }),
      (params, signal) => this.options.elicit(config.name, this.ownerOf(entry), params, signal),
    );
    entry.connection = connection;
    this.announce(entry, 'starting', null);
    try {
      await connection.start();
    } catch (error) {
      this.failed(entry, error instanceof Error ? error.message : String(error));
      return;
    }
    if (this.entries.get(entry.key) !== entry) {
      await connection.close();
      return;
    }
    entry.failures = 0;
    log.info(`mcp ${config.name}: ready (${connection.tools.length} tools)`);
    connection.onExit((message) => this.failed(entry, message));
    this.announce(entry, 'ready', null);
  }

  private failed(entry: McpServerEntry, message: string): void {
    entry.failures += 1;
    const base = this.options.backoffBaseMs ?? 500;
    entry.retryAt = Date.now() + Math.min(MAX_BACKOFF_MS, base * 2 ** (entry.failures - 1));
    this.options.log.warn(`mcp ${entry.config.name}: ${message}`);
    if (this.entries.get(entry.key) === entry) this.announce(entry, 'failed', message);
  }

  private ownerOf(entry: McpServerEntry): CallOwner {
    const last = entry.calls.at(-1);
    if (last) return last;
    const thread = [...entry.threads].find((id) => this.options.isLoaded(id));
    return { threadId: thread ?? '', turnId: null };
  }

  /** The thread's entries (attaching it first when it never was), restarting failed ones due a retry. */
  serversOf(threadId: string, cwd: string): McpServerEntry[] {
    if (!this.threads.has(threadId)) void this.attach(threadId, cwd).catch(() => undefined);
    const keys = this.threads.get(threadId)?.keys ?? new Set<string>();
    const out: McpServerEntry[] = [];
    for (const key of keys) {
      const entry = this.entries.get(key);
      if (!entry) continue;
      if (entry.state === 'failed' || entry.state === 'notStarted') void this.ensureStarted(entry, null).catch(() => undefined);
      out.push(entry);
    }
    return out;
  }

  /** Misconfigured and disabled servers of an attached thread (for the status list). */
  extrasOf(threadId: string): { invalid: readonly InvalidMcpServerConfig[]; disabled: readonly McpServerConfig[] } {
    const t = this.threads.get(threadId);
    return { invalid: t?.invalid ?? [], disabled: t?.disabled ?? [] };
  }

  /** The servers of a cwd's config without a thread (status list, direct use). */
  async serversFor(cwd: string): Promise<{ entries: McpServerEntry[]; invalid: readonly InvalidMcpServerConfig[]; disabled: readonly McpServerConfig[] }> {
    const config = this.options.configFor(cwd);
    const entries = config.servers.filter((s) => s.enabled).map((s) => this.entryFor(s, cwd));
    for (const entry of entries) entry.threadless = true;
    await Promise.all(entries.map((e) => this.ensureStarted(e, null).catch(() => undefined)));
    return { entries, invalid: config.invalid, disabled: config.servers.filter((s) => !s.enabled) };
  }

  /** Waits for an entry to settle: a starting one to finish, a failed one to restart after its backoff. */
  async settled(entry: McpServerEntry): Promise<void> {
    // A timer may fire a millisecond before Date.now() reaches retryAt; ensureStarted would then
    // see the backoff still running and leave the server failed.
    while (entry.state === 'failed' && Date.now() < entry.retryAt) {
      await new Promise((resolve) => setTimeout(resolve, entry.retryAt - Date.now() + 1));
    }
    if (entry.state === 'failed' || entry.state === 'notStarted') await this.ensureStarted(entry, null).catch(() => undefined);
    else if (entry.starting) await entry.starting.catch(() => undefined);
  }

  /** Records a call in flight (for elicitation routing); returns its release. */
  trackCall(entry: McpServerEntry, owner: CallOwner): () => void {
    entry.calls.push(owner);
    return () => {
      const i = entry.calls.indexOf(owner);
      if (i >= 0) entry.calls.splice(i, 1);
    };
  }

  /** Re-reads every attached thread's config: changed servers restart, unchanged keep running. */
  async reload(): Promise<void> {
    const attached = [...this.threads.entries()].filter(([id]) => this.options.isLoaded(id));
    this.threads.clear();
    for (const entry of this.entries.values()) entry.threads.clear();
    await Promise.all(attached.map(([id, t]) => this.attach(id, t.cwd).catch(() => undefined)));
    this.collect(true);
  }

  /** A thread unloaded: the servers no other loaded thread uses stop. */
  detach(threadId: string): void {
    this.threads.delete(threadId);
    for (const entry of this.entries.values()) entry.threads.delete(threadId);
    this.collect();
  }

  /** Stops the entries no loaded thread uses (and, with `all`, threadless ones too). */
  private collect(all = false): void {
    for (const [id] of this.threads) if (!this.options.isLoaded(id)) this.threads.delete(id);
    const used = new Set<string>();
    for (const t of this.threads.values()) for (const key of t.keys) used.add(key);
    for (const [key, entry] of this.entries) {
      if (used.has(key) || (!all && entry.threadless)) continue;
      this.entries.delete(key);
      void entry.connection?.close();
    }
  }

  /** Closes every server (stdin EOF, then SIGTERM, then SIGKILL). */
  async shutdown(): Promise<void> {
    const connections = [...this.entries.values()].map((e) => e.connection);
    this.entries.clear();
    await Promise.all(connections.map((c) => c?.close()));
  }

  /** SIGKILLs every stdio child at once (the app server is being terminated). */
  killAllNow(): void {
    for (const entry of this.entries.values()) entry.connection?.killNow();
  }
}
