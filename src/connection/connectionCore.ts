// The ServerConnection itself, free of the vscode module (tested with plain mocha): starts the
// server through a prepared launch, does the initialize handshake, sends typed requests with
// timeouts, translates paths (WSL), restarts with backoff when the server exits or stops
// answering (heartbeat), rejects in-flight requests clearly, and re-resumes tracked threads.
import { asRpcError, type OtherServerRequest } from '@jsonrpc';
import type { ClientRequestInput, ClientRequestMethod, ClientRequestResult, ServerNotification } from '@protocol';
import { RestartBackoff, type BackoffOptions } from './backoff';
import { Emitter, type DisposableLike } from './emitter';
import { notRunningError, RpcError, RpcErrorCode, serverGoneError, timeoutError, withTimeout } from './errors';
import { Heartbeat } from './heartbeat';
import type { LaunchPlan } from './launchPlan';
import { translatePathFields } from './pathFields';
import { ServerProcess, type ConnectionLog, type ServerExit } from './serverProcess';
import type { ConnectionSettings, RequestOptions, ServerConnection, ServerConnectionState, ServerRequestHandler } from './types';
import { IDENTITY_PATHS, type PathTranslator } from './wsl/paths';

export type PreparedLaunch =
  | { readonly ok: true; readonly plan: LaunchPlan; readonly paths: PathTranslator; readonly warnings?: readonly string[] }
  | { readonly ok: false; readonly reason: string };

export interface ConnectionTiming {
  requestTimeoutMs: number;
  initializeTimeoutMs: number;
  /** A heartbeat is sent after this long without a message from the server. */
  heartbeatIdleMs: number;
  heartbeatTimeoutMs: number;
  /** How long a stopped server gets to exit on its own before it is killed. */
  stopGraceMs: number;
}

export const DEFAULT_TIMING: ConnectionTiming = {
  requestTimeoutMs: 60_000,
  initializeTimeoutMs: 30_000,
  heartbeatIdleMs: 30_000,
  heartbeatTimeoutMs: 30_000,
  stopGraceMs: 2000,
};

/** Methods that legitimately take long (they run something to completion before answering). */
const LONG_METHOD_TIMEOUT_MS: Readonly<Record<string, number>> = {
  'command/exec': 30 * 60_000,
  'feedback/upload': 5 * 60_000,
};

export interface ConnectionCoreOptions {
  log: ConnectionLog;
  getSettings(): ConnectionSettings;
  prepareLaunch(settings: ConnectionSettings): Promise<PreparedLaunch>;
  clientInfo: { name: string; title: string; version: string };
  timing?: Partial<ConnectionTiming>;
  backoff?: Partial<BackoffOptions>;
}

interface InFlight {
  readonly method: string;
  readonly server: ServerProcess;
  fail(error: Error): void;
}

interface Waiter {
  /** The request waiting (null for start/restart). */
  readonly method: string | null;
  resolve(): void;
  reject(error: Error): void;
}

export class ConnectionCore implements ServerConnection {
  private currentState: ServerConnectionState = { state: 'stopped' };
  private readonly stateEmitter = new Emitter<ServerConnectionState>();
  private readonly notificationEmitter = new Emitter<ServerNotification>();
  private readonly resumeEmitter = new Emitter<{ threadId: string; result: unknown }>();
  readonly onDidChangeState = this.stateEmitter.event;
  readonly onNotification = this.notificationEmitter.event;
  readonly onDidResumeThread = this.resumeEmitter.event;

  private readonly timing: ConnectionTiming;
  private readonly backoff: RestartBackoff;
  private server: ServerProcess | undefined;
  private paths: PathTranslator = IDENTITY_PATHS;
  private generation = 0;
  private readyCount = 0;
  private disposed = false;
  private restartTimer: NodeJS.Timeout | undefined;
  private heartbeat: Heartbeat | undefined;
  private serverRequestHandler: ServerRequestHandler | undefined;
  private readonly inFlight = new Set<InFlight>();
  private waiters: Waiter[] = [];
  private readonly trackedThreads = new Map<string, number>();

  constructor(private readonly options: ConnectionCoreOptions) {
    this.timing = { ...DEFAULT_TIMING, ...options.timing };
    this.backoff = new RestartBackoff(options.backoff);
  }

  get state(): ServerConnectionState {
    return this.currentState;
  }

  /** The running server's process id (for diagnostics and tests). */
  get serverPid(): number | undefined {
    return this.server?.isRunning ? this.server.pid : undefined;
  }

  start(): Promise<void> {
    if (this.disposed) return Promise.reject(notRunningError('start', 'the connection was disposed'));
    const { state } = this.currentState;
    if (state === 'stopped' || state === 'failed') {
      this.backoff.reset();
      this.setState({ state: 'starting' });
      void this.launch();
    }
    return this.whenReady();
  }

  restart(reason: string): Promise<void> {
    if (this.disposed) return Promise.reject(notRunningError('restart', 'the connection was disposed'));
    this.options.log.info(`Restarting the Codex server: ${reason}`);
    this.backoff.reset();
    this.dropServer(`it was restarted (${reason})`);
    this.setState({ state: 'restarting', attempt: 0, delayMs: 0, reason });
    void this.launch();
    return this.whenReady();
  }

  setServerRequestHandler(handler: ServerRequestHandler): void {
    this.serverRequestHandler = handler;
  }

  request<M extends ClientRequestMethod>(method: M, params: ClientRequestInput<M>, opts?: RequestOptions): Promise<ClientRequestResult<M>> {
    return this.requestUnchecked(method, params, opts) as Promise<ClientRequestResult<M>>;
  }

  async requestUnchecked(method: string, params: unknown, opts?: RequestOptions): Promise<unknown> {
    const timeoutMs = opts?.timeoutMs ?? LONG_METHOD_TIMEOUT_MS[method] ?? this.timing.requestTimeoutMs;
    const startedAt = Date.now();
    // Not sent yet: a server that went away meanwhile is waited for again (until the deadline).
    while (!this.server || this.currentState.state !== 'ready') {
      await this.whenReady(Math.max(0, timeoutMs - (Date.now() - startedAt)), method);
    }
    return this.send(this.server, method, params, Math.max(0, timeoutMs - (Date.now() - startedAt)));
  }

  /** Sends one request to `server` (paths translated both ways); rejects clearly on timeout or exit. */
  private send(server: ServerProcess, method: string, params: unknown, timeoutMs: number): Promise<unknown> {
    const paths = this.paths;
    const serverParams = paths.isIdentity ? params : translatePathFields(params, paths.toServerPath);
    return new Promise<unknown>((resolve, reject) => {
      let settled = false;
      const settle = (): boolean => {
        if (settled) return false;
        settled = true;
        clearTimeout(timer);
        this.inFlight.delete(entry);
        return true;
      };
      const entry: InFlight = { method, server, fail: (error) => settle() && reject(error) };
      const timer = setTimeout(() => entry.fail(timeoutError(method, timeoutMs)), timeoutMs);
      this.inFlight.add(entry);
      server.client.requestUnchecked(method, serverParams).then(
        (result: unknown) => {
          server.lastMessageAtMs = Date.now();
          if (settle()) resolve(paths.isIdentity ? result : translatePathFields(result, paths.toHostPath));
        },
        (error: unknown) => {
          const rpcError = asRpcError(error, method);
          // The exit rejects it, with how the server ended (onServerExit → rejectInFlight).
          if (rpcError.code === RpcErrorCode.ConnectionClosed) return;
          entry.fail(this.asRequestError(method, server, rpcError));
        },
      );
    });
  }

  trackThread(threadId: string): DisposableLike {
    this.trackedThreads.set(threadId, (this.trackedThreads.get(threadId) ?? 0) + 1);
    let disposed = false;
    return {
      dispose: () => {
        if (disposed) return;
        disposed = true;
        const count = (this.trackedThreads.get(threadId) ?? 1) - 1;
        if (count <= 0) this.trackedThreads.delete(threadId);
        else this.trackedThreads.set(threadId, count);
      },
    };
  }

  toServerPath(hostPath: string): string {
    return this.paths.toServerPath(hostPath);
  }

  toHostPath(serverPath: string): string {
    return this.paths.toHostPath(serverPath);
  }

  /** Re-reads `codex.trace.server` and applies it to the running server. */
  applyTrace(): void {
    this.server?.setTrace(this.options.getSettings().trace);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.dropServer('the connection was closed');
    this.setState({ state: 'stopped' });
    this.stateEmitter.dispose();
    this.notificationEmitter.dispose();
    this.resumeEmitter.dispose();
  }

  // ---------------------------------------------------------------------------------------------

  private async launch(): Promise<void> {
    const generation = ++this.generation;
    clearTimeout(this.restartTimer);
    const { log } = this.options;
    const settings = this.options.getSettings();
    let prepared: PreparedLaunch;
    try {
      prepared = await this.options.prepareLaunch(settings);
    } catch (error) {
      prepared = { ok: false, reason: `Could not prepare the Codex server's launch: ${(error as Error).message}` };
    }
    if (generation !== this.generation || this.disposed) return;
    if (!prepared.ok) return this.fail(prepared.reason);
    for (const warning of prepared.warnings ?? []) log.warn(warning);
    this.paths = prepared.paths;
    log.info(`Starting the Codex server: ${prepared.plan.description}`);
    const server = ServerProcess.spawn(prepared.plan, log, {
      onNotification: (notification) => this.onServerNotification(server, notification),
      onRequest: (request) => this.onServerRequest(request),
      onExit: (exit) => this.onServerExit(server, exit),
    });
    this.server = server;
    server.setTrace(settings.trace);
    try {
      const init = await withTimeout(
        server.client.request('initialize', {
          clientInfo: this.options.clientInfo,
          capabilities: { experimentalApi: true },
        }),
        this.timing.initializeTimeoutMs,
        () => timeoutError('initialize', this.timing.initializeTimeoutMs),
      );
      if (this.server !== server) return;
      await server.client.notify('initialized');
      server.lastMessageAtMs = Date.now();
      log.info(`Codex server ready (pid ${String(server.pid)}, ${init.userAgent})`);
      // After a restart the open threads are resumed before anything else reaches the new server.
      const resumed = this.readyCount > 0 ? await this.resumeTrackedThreads(server) : [];
      if (this.server !== server) return;
      this.backoff.started(Date.now());
      this.readyCount++;
      this.setState({
        state: 'ready',
        userAgent: init.userAgent,
        codexHome: this.paths.toHostPath(init.codexHome),
      });
      this.heartbeat?.stop();
      this.heartbeat = new Heartbeat(server, this.timing.heartbeatIdleMs, this.timing.heartbeatTimeoutMs, this.options.log);
      this.heartbeat.start();
      for (const event of resumed) {
        this.resumeEmitter.fire(event, (error) => log.error(`A thread-resume listener failed: ${String(error)}`));
      }
    } catch (error) {
      // A server that went away meanwhile is reported by its exit, with how it ended.
      if (this.server !== server || !server.isRunning || (error instanceof RpcError && error.code === RpcErrorCode.ConnectionClosed)) return;
      log.error(`The Codex server did not complete the handshake: ${(error as Error).message}`);
      server.kill(`did not complete the initialize handshake (${(error as Error).message})`);
    }
  }

  private onServerExit(server: ServerProcess, exit: ServerExit): void {
    this.rejectInFlight(server, exit.reason);
    if (server !== this.server) return;
    this.server = undefined;
    this.heartbeat?.stop();
    if (this.disposed) return;
    const reason = `The Codex server ${exit.reason}`;
    this.options.log.warn(reason);
    if (exit.spawnFailed) return this.fail(reason);
    const decision = this.backoff.failed(Date.now());
    if (decision.kind === 'giveUp') {
      return this.fail(`${reason}. It failed ${decision.failures} times in a row, so it is not restarted again; run "Codex TS: Restart Server" after fixing the cause.`);
    }
    this.options.log.info(`Restarting the Codex server in ${decision.delayMs} ms (attempt ${decision.attempt})`);
    this.setState({ state: 'restarting', attempt: decision.attempt, delayMs: decision.delayMs, reason });
    this.restartTimer = setTimeout(() => void this.launch(), decision.delayMs);
  }

  private onServerNotification(server: ServerProcess, notification: ServerNotification): void {
    if (server !== this.server) return;
    const hostNotification = this.paths.isIdentity ? notification : translatePathFields(notification, this.paths.toHostPath);
    this.notificationEmitter.fire(hostNotification, (error) =>
      this.options.log.error(`A listener of "${notification.method}" failed: ${String(error)}`),
    );
  }

  private async onServerRequest(request: OtherServerRequest): Promise<unknown> {
    const handler = this.serverRequestHandler;
    if (!handler) throw new RpcError(RpcErrorCode.MethodNotFound, `No handler for the server request "${request.method}"`);
    const paths = this.paths;
    const result = await handler(paths.isIdentity ? request : { ...request, params: translatePathFields(request.params, paths.toHostPath) });
    return paths.isIdentity ? result : translatePathFields(result, paths.toServerPath);
  }

  private async resumeTrackedThreads(server: ServerProcess): Promise<{ threadId: string; result: unknown }[]> {
    const resumed = await Promise.all(
      [...this.trackedThreads.keys()].map(async (threadId) => {
        try {
          const result = await this.send(server, 'thread/resume', { threadId }, this.timing.requestTimeoutMs);
          this.options.log.info(`Resumed thread ${threadId} after the restart`);
          return { threadId, result };
        } catch (error) {
          this.options.log.warn(`Could not resume thread ${threadId} after the restart: ${(error as Error).message}`);
          return null;
        }
      }),
    );
    return resumed.filter((r) => r !== null);
  }

  /** Stops the current server (if any) without a restart and rejects its in-flight requests. */
  private dropServer(reason: string): void {
    clearTimeout(this.restartTimer);
    this.heartbeat?.stop();
    this.generation++;
    const server = this.server;
    this.server = undefined;
    if (server) {
      this.rejectInFlight(server, reason);
      server.stop(this.timing.stopGraceMs);
    }
  }

  private rejectInFlight(server: ServerProcess, reason: string): void {
    for (const entry of [...this.inFlight]) {
      if (entry.server === server) entry.fail(serverGoneError(entry.method, reason));
    }
  }

  /** The client's rejection, unless the server went away meanwhile (then that is the reason). */
  private asRequestError(method: string, server: ServerProcess, error: RpcError): RpcError {
    if (!server.isRunning || server !== this.server) return serverGoneError(method, 'the server exited');
    return error;
  }

  private fail(reason: string): void {
    this.options.log.error(reason);
    this.setState({ state: 'failed', reason });
  }

  private setState(state: ServerConnectionState): void {
    this.currentState = state;
    if (state.state === 'ready') this.settleWaiters((w) => w.resolve());
    else if (state.state === 'failed' || state.state === 'stopped') {
      const reason = state.state === 'failed' ? state.reason : 'the connection was closed';
      this.settleWaiters((w) => w.reject(w.method ? notRunningError(w.method, reason) : new RpcError(RpcErrorCode.NotRunning, reason)));
    }
    this.stateEmitter.fire(state, (error) => this.options.log.error(`A state listener failed: ${String(error)}`));
  }

  private settleWaiters(settle: (w: Waiter) => void): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) settle(waiter);
  }

  /** Resolves when the server is ready; rejects when it failed or stopped, or after `timeoutMs`. */
  private whenReady(timeoutMs?: number, method: string | null = null): Promise<void> {
    const { state } = this.currentState;
    if (state === 'ready' && this.server) return Promise.resolve();
    const notRunning = (reason: string): Promise<void> =>
      Promise.reject(method ? notRunningError(method, reason) : new RpcError(RpcErrorCode.NotRunning, reason));
    if (this.disposed) return notRunning('the connection was closed');
    if (state === 'failed') return notRunning(this.currentState.reason);
    if (state === 'stopped') return notRunning('the Codex server is not started');
    return new Promise<void>((resolve, reject) => {
      const timer = timeoutMs === undefined ? undefined : setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(timeoutError(method ?? 'initialize', timeoutMs));
      }, timeoutMs);
      const waiter: Waiter = {
        method,
        resolve: () => (clearTimeout(timer), resolve()),
        reject: (error) => (clearTimeout(timer), reject(error)),
      };
      this.waiters.push(waiter);
    });
  }
}
