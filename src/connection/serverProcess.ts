// One running app-server process and its connection: spawns the launch plan, talks to it through
// the shared typed client of jsonrpc/ on its stdio, logs stderr, the traffic (codex.trace.server)
// and whatever the server sent that breaks the protocol, and reports the exit once.
import { spawn, type ChildProcess } from 'node:child_process';
import { connectAppServer, stdioTransport, type AppServerConnection, type OtherServerRequest, type ReceivedProblem } from '@jsonrpc';
import type { ServerNotification } from '@protocol';
import type { LaunchPlan } from './launchPlan';
import type { TraceSetting } from './types';

/** The part of vscode.LogOutputChannel the connection uses. */
export interface ConnectionLog {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface ServerExit {
  readonly code: number | null;
  readonly signal: string | null;
  /** In words, for the banner and the log. */
  readonly reason: string;
  /** The process could not be started at all (ENOENT, EACCES): retrying will not help. */
  readonly spawnFailed: boolean;
}

function describeExit(code: number | null, signal: string | null, cause: string | null, lastStderr: string | null): string {
  const how = cause ?? (signal !== null ? `was killed by ${signal}` : `exited with code ${String(code)}`);
  return lastStderr ? `${how} (last error output: ${lastStderr.slice(0, 300)})` : how;
}

export interface ServerProcessHandlers {
  onNotification(notification: ServerNotification): void;
  onRequest(request: OtherServerRequest): Promise<unknown>;
  onExit(exit: ServerExit): void;
}

/** API keys (account/login/start params) never reach the log, whatever the trace level. */
const API_KEY_FIELD = /("apiKey"\s*:\s*")(?:[^"\\]|\\.)*"/g;
function redactApiKeys(text: string): string {
  return text.replace(API_KEY_FIELD, '$1[redacted]"');
}

function logProblem(log: ConnectionLog, problem: ReceivedProblem): void {
  switch (problem.type) {
    case 'invalidInput':
      return log.warn(`Codex server sent an invalid line (${problem.reason}): ${problem.line.slice(0, 500)}`);
    case 'violation':
      return log.error(`Codex server broke the protocol: ${problem.message}`);
    case 'unknownNotification':
      return log.debug(`Ignored the Codex server's notification "${problem.method}" (not in the protocol table)`);
    case 'listenerFailed':
      return log.error(problem.message);
  }
}

export class ServerProcess {
  readonly client: AppServerConnection;
  /** Date.now() of the last message from the server. */
  lastMessageAtMs = Date.now();
  private exited = false;
  private exitCode: number | null = null;
  private exitSignal: string | null = null;
  private finishTimer: NodeJS.Timeout | undefined;
  private lastStderrLine: string | null = null;
  /** Why the connection killed the process (heartbeat), reported instead of the signal. */
  private killCause: string | null = null;

  private constructor(
    readonly child: ChildProcess,
    private readonly log: ConnectionLog,
    private readonly handlers: ServerProcessHandlers,
  ) {
    this.client = connectAppServer(stdioTransport({ stdout: child.stdout!, stdin: child.stdin! }), {
      onProblem: (problem) => logProblem(log, problem),
      logger: { error: (m) => log.error(m), warn: (m) => log.warn(m), info: (m) => log.info(m), log: (m) => log.debug(m) },
    });
    this.client.tap(({ direction }) => {
      if (direction === 'in') this.lastMessageAtMs = Date.now();
    });
    this.client.onNotification((notification) => handlers.onNotification(notification));
    this.client.onOtherServerRequest((request) => handlers.onRequest(request));
  }

  static spawn(plan: LaunchPlan, log: ConnectionLog, handlers: ServerProcessHandlers): ServerProcess {
    const child = spawn(plan.command, [...plan.args], {
      cwd: plan.cwd,
      env: plan.env as NodeJS.ProcessEnv,
      stdio: ['pipe', 'pipe', 'pipe'],
      shell: plan.shell,
      windowsHide: true,
    });
    const server = new ServerProcess(child, log, handlers);
    server.watch();
    return server;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get isRunning(): boolean {
    return !this.exited;
  }

  /** Traffic logging (codex.trace.server), changeable while running. */
  setTrace(trace: TraceSetting): void {
    if (this.exited) return;
    this.client
      .trace(trace, (message, data) => this.logTrace(message, data))
      .catch((error: unknown) => this.log.debug(`Could not change the trace level: ${String(error)}`));
  }

  private logTrace(text: string, data?: string): void {
    this.log.info(redactApiKeys(data ? `[trace] ${text}\n${data}` : `[trace] ${text}`));
  }

  /** Ends stdin (the server exits on EOF) and kills the process if it is still there after `graceMs`. */
  stop(graceMs = 2000): void {
    if (this.exited) return;
    this.child.stdin?.end();
    const timer = setTimeout(() => this.kill(), graceMs);
    timer.unref();
  }

  kill(cause?: string): void {
    if (this.exited) return;
    if (cause) this.killCause = cause;
    this.child.kill('SIGKILL');
  }

  private watch(): void {
    let stderrBuffer = '';
    this.child.stderr!.setEncoding('utf8');
    this.child.stderr!.on('data', (chunk: string) => {
      stderrBuffer += chunk;
      let nl = stderrBuffer.indexOf('\n');
      while (nl !== -1) {
        const line = stderrBuffer.slice(0, nl).trimEnd();
        stderrBuffer = stderrBuffer.slice(nl + 1);
        if (line) {
          this.lastStderrLine = line;
          this.log.info(`[server] ${line}`);
        }
        nl = stderrBuffer.indexOf('\n');
      }
    });
    // EPIPE on a dead server's stdin is reported through the exit; do not let it throw.
    this.child.stdin!.on('error', (error) => this.log.debug(`Codex server stdin: ${error.message}`));
    this.child.on('error', (error: NodeJS.ErrnoException) => {
      if (this.child.pid === undefined) {
        this.finish({ code: null, signal: null, reason: `could not be started: ${error.message}`, spawnFailed: true });
      } else {
        this.log.warn(`Codex server process error: ${error.message}`);
      }
    });
    this.child.on('exit', (code, signal) => {
      this.exitCode = code;
      this.exitSignal = signal;
      // Wait for stdout to drain (answers written just before the exit), but not forever: a
      // grandchild may keep the pipes open.
      this.finishTimer = setTimeout(() => this.finishFromExit(), 1000);
    });
    this.child.on('close', () => this.finishFromExit());
  }

  private finishFromExit(): void {
    const reason = describeExit(this.exitCode, this.exitSignal, this.killCause, this.killCause ? null : this.lastStderrLine);
    this.finish({ code: this.exitCode, signal: this.exitSignal, reason, spawnFailed: false });
  }

  private finish(exit: ServerExit): void {
    if (this.exited) return;
    this.exited = true;
    clearTimeout(this.finishTimer);
    this.client.dispose();
    this.handlers.onExit(exit);
  }
}
