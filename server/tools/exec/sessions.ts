// ExecSessionManager: the exec_command / write_stdin engine (Codex's "unified exec"). exec_command
// starts a command through the CommandRunner and collects its output for up to yield_time_ms; if it
// exits by then the result carries the exit code, otherwise the process keeps running as a session
// and the result carries its session ID. write_stdin writes to a session (or just polls) and
// returns the output produced since the previous read. Sessions are capped (64 by default): when
// the cap is reached the least recently used one — preferring ones that already exited, never one
// of the 8 most recently used — is killed, with a warning in the result. killAll() kills every
// process tree (turn interrupt, shutdown). The one-shot `shell` tool runs through runOnce().
// Login-shell commands have their profile's output logged instead of shown (loginProfile.ts).
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { CommandAction } from '../../protocol/items';
import { classifyCommand } from './commandActions';
import type { SandboxPolicy } from '../../process/commandSpec';
import { buildChildEnv, DEFAULT_SHELL_ENVIRONMENT_POLICY, EXEC_ENV_OVERLAY, type ShellEnvironmentPolicy } from './environment';
import { gateProfileOutput, markLoginProfile } from './loginProfile';
import type { CapturedOutput } from '../../process/outputBuffer';
import { formatExecResult, newChunkId } from './resultText';
import { PassThroughRunner, type CommandRunner, type OutputStream } from '../../process/runner';
import { ExecSession, type ExecSessionEnd } from './session';
import { buildShellArgv, LoginShellDisabledError, type ShellArgv } from '../../process/shellCommand';
import { shellJoin } from '../../process/shellWords';
import { approxTokensFromBytes, DEFAULT_MAX_OUTPUT_TOKENS, formatCaptured } from './truncate';

export const MIN_YIELD_TIME_MS = 250;
export const MAX_YIELD_TIME_MS = 30_000;
export const DEFAULT_EXEC_YIELD_TIME_MS = 10_000;
export const DEFAULT_WRITE_YIELD_TIME_MS = 250;
export const MIN_EMPTY_POLL_MS = 5_000;
export const DEFAULT_MAX_EMPTY_POLL_MS = 300_000;
export const MAX_EXEC_SESSIONS = 64;
const PROTECTED_RECENT_SESSIONS = 8;
const CTRL_C = '\u0003';

/** An error whose message is exactly what the model should see as the tool output. */
export class ExecToolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExecToolError';
  }
}

export interface ExecManagerOptions {
  runner?: CommandRunner;
  shellEnvironmentPolicy?: ShellEnvironmentPolicy;
  /** `allow_login_shell` (default true). */
  allowLoginShell?: boolean;
  /** Environment commands inherit from (default process.env). */
  baseEnv?: NodeJS.ProcessEnv;
  /** The user's shell when the model names none (default baseEnv.SHELL, then /bin/bash). */
  userShell?: string | null;
  maxSessions?: number;
  /** Upper bound for max_output_tokens (`tool_output_token_limit`); unset: no extra cap. */
  maxOutputTokensLimit?: number;
  /** Floor of an empty write_stdin poll (default 5000 ms). */
  minEmptyPollMs?: number;
  /** Ceiling of an empty write_stdin poll (`background_terminal_max_timeout`, default 300000 ms). */
  maxEmptyPollMs?: number;
  /** Per-process output retained between reads, and for aggregatedOutput (default 1 MiB). */
  outputCapacityBytes?: number;
  /** Receives warnings (e.g. an onOutput/onExit callback that threw) and a login profile's output. */
  logger?: { warn(message: string): void; info?(message: string): void; debug?(message: string): void };
}

/** Per-call context from the turn. */
export interface ExecContext {
  /** The turn's working directory (absolute); `workdir` resolves against it. */
  cwd: string;
  sandbox: SandboxPolicy;
  /** The workspace the sandbox's writable root is anchored to (the turn's cwd); default `cwd`. */
  sandboxCwd?: string;
  /** The sandbox has no network: the child gets CODEX_SANDBOX_NETWORK_DISABLED=1. */
  networkDisabled?: boolean;
  /** Called once the process is spawned, before any output (item/started). */
  onStart?: (info: ExecStartInfo) => void;
  /** Every output chunk, in order, for the process's whole life (item/commandExecution/outputDelta). */
  onOutput?: (chunk: string) => void;
  /** Called once when the process ends, even if that happens between tool calls (item/completed). */
  onExit?: (end: ExecSessionEnd) => void;
}

export interface ExecStartInfo {
  processId: number;
  /** Display form, e.g. `/bin/bash -lc 'echo hello'`. */
  command: string;
  argv: string[];
  cwd: string;
  commandActions: CommandAction[];
}

export interface ExecCommandRequest {
  cmd: string;
  workdir?: string;
  shell?: string;
  login?: boolean;
  tty?: boolean;
  yield_time_ms?: number;
  max_output_tokens?: number;
}

export interface WriteStdinRequest {
  session_id: number;
  chars?: string;
  yield_time_ms?: number;
  max_output_tokens?: number;
}

export interface ExecResult {
  /** The function_call_output text for the model. */
  text: string;
  chunkId: string;
  wallTimeMs: number;
  processId: number;
  /** Set while the process is still running. */
  sessionId: number | null;
  /** Set once it has exited. */
  exitCode: number | null;
  /** This read's output as the model sees it (truncated). */
  output: string;
  /** This read's output untruncated (middle elided past the buffer capacity). */
  rawOutput: CapturedOutput;
  originalTokenCount: number;
  command: string;
  cwd: string;
  warnings: string[];
  /** The end record when the process has exited (aggregatedOutput, durationMs …). */
  end: ExecSessionEnd | null;
}

export interface RunOnceRequest {
  argv: string[];
  workdir?: string;
  timeoutMs?: number;
}

export interface RunOnceResult {
  end: ExecSessionEnd;
  output: CapturedOutput;
  command: string;
  cwd: string;
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(Math.max(v, lo), hi);

export class ExecSessionManager {
  private readonly runner: CommandRunner;
  private readonly sessions = new Map<number, ExecSession>();
  private readonly oneShots = new Set<ExecSession>();
  private readonly opts: ExecManagerOptions;
  private readonly loggedProfileNoise = new Set<string>();

  constructor(options: ExecManagerOptions = {}) {
    this.opts = options;
    this.runner = options.runner ?? new PassThroughRunner();
  }

  /** IDs of sessions still held (running, or exited but not yet read). */
  sessionIds(): number[] {
    return [...this.sessions.keys()];
  }

  async execCommand(req: ExecCommandRequest, ctx: ExecContext): Promise<ExecResult> {
    const startedAt = Date.now();
    const shell = this.shellArgv(req);
    const cwd = await this.resolveWorkdir(req.workdir, ctx.cwd, 'exec_command');
    const warnings = await this.makeRoom();
    const session = this.start(shell.argv, shell.display, cwd, ctx, undefined);
    this.sessions.set(session.processId, session);
    const yieldMs = clamp(req.yield_time_ms ?? DEFAULT_EXEC_YIELD_TIME_MS, MIN_YIELD_TIME_MS, MAX_YIELD_TIME_MS);
    await session.waitUntil(startedAt + yieldMs);
    const spawnError = session.exitInfo?.spawnError;
    if (spawnError) {
      this.sessions.delete(session.processId);
      throw new ExecToolError(`exec_command failed: ${spawnError}`);
    }
    return this.result(session, startedAt, req.max_output_tokens, warnings);
  }

  async writeStdin(req: WriteStdinRequest): Promise<ExecResult> {
    const startedAt = Date.now();
    const session = this.sessions.get(req.session_id);
    if (!session) throw new ExecToolError(`write_stdin failed: Unknown process id ${req.session_id}`);
    session.lastUsed = startedAt;
    const chars = req.chars ?? '';
    if (chars !== '' && !session.hasExited) {
      if (chars === CTRL_C) {
        session.process.signal('SIGINT');
      } else {
        try {
          await session.process.write(chars);
        } catch {
          if (!session.hasExited) throw new ExecToolError('write_stdin failed: failed to write to stdin');
        }
      }
    }
    const requested = req.yield_time_ms ?? DEFAULT_WRITE_YIELD_TIME_MS;
    const yieldMs =
      chars === ''
        ? clamp(requested, this.opts.minEmptyPollMs ?? MIN_EMPTY_POLL_MS, this.opts.maxEmptyPollMs ?? DEFAULT_MAX_EMPTY_POLL_MS)
        : clamp(requested, MIN_YIELD_TIME_MS, MAX_YIELD_TIME_MS);
    await session.waitUntil(startedAt + yieldMs);
    return this.result(session, startedAt, req.max_output_tokens, []);
  }

  /** Runs a command to completion (the `shell` tool); killAll() kills it too. */
  async runOnce(req: RunOnceRequest, ctx: ExecContext): Promise<RunOnceResult> {
    const cwd = await this.resolveWorkdir(req.workdir, ctx.cwd, 'exec');
    const display = shellJoin(req.argv);
    const session = this.start(req.argv, display, cwd, ctx, req.timeoutMs);
    this.oneShots.add(session);
    try {
      const end = await session.ended;
      if (end.spawnError) throw new ExecToolError(`execution error: ${end.spawnError}`);
      return { end, output: session.takeOutput(), command: display, cwd };
    } finally {
      this.oneShots.delete(session);
    }
  }

  /** Kills every process tree this manager started and forgets all sessions. */
  async killAll(): Promise<void> {
    const all = [...this.sessions.values(), ...this.oneShots];
    this.sessions.clear();
    await Promise.all(
      all.map(async (s) => {
        await s.process.kill();
        await s.ended;
      }),
    );
  }

  /** Kills one session (thread/backgroundTerminals/terminate); false when it is unknown. */
  async terminate(sessionId: number): Promise<boolean> {
    const session = this.sessions.get(sessionId);
    if (!session) return false;
    this.sessions.delete(sessionId);
    await session.process.kill();
    await session.ended;
    return true;
  }

  private shellArgv(req: ExecCommandRequest): ShellArgv {
    try {
      return buildShellArgv({ cmd: req.cmd, shell: req.shell, login: req.login, allowLoginShell: this.opts.allowLoginShell, userShell: this.userShell() });
    } catch (err) {
      if (err instanceof LoginShellDisabledError) throw new ExecToolError(err.message);
      throw err;
    }
  }

  private userShell(): string | null {
    if (this.opts.userShell !== undefined) return this.opts.userShell;
    return (this.opts.baseEnv ?? process.env).SHELL ?? null;
  }

  private async resolveWorkdir(workdir: string | undefined, turnCwd: string, tool: string): Promise<string> {
    const cwd = path.resolve(turnCwd, workdir ?? '.');
    const info = await stat(cwd).catch(() => null);
    if (!info?.isDirectory()) throw new ExecToolError(`${tool} failed: working directory ${cwd} does not exist or is not a directory`);
    return cwd;
  }

  private start(argv: string[], display: string, cwd: string, ctx: ExecContext, timeoutMs: number | undefined): ExecSession {
    const env = buildChildEnv(this.opts.shellEnvironmentPolicy ?? DEFAULT_SHELL_ENVIRONMENT_POLICY, {
      baseEnv: this.opts.baseEnv,
      networkDisabled: ctx.networkDisabled,
      overlay: EXEC_ENV_OVERLAY,
    });
    const processId = this.allocateId();
    // A login shell's profile output is kept out of the command's output (loginProfile.ts).
    const marked = markLoginProfile(argv);
    const spawned = this.runner.spawn({ argv: marked?.argv ?? argv, cwd, env, sandbox: ctx.sandbox, ...(ctx.sandboxCwd !== undefined ? { sandboxCwd: ctx.sandboxCwd } : {}), tty: false, ...(timeoutMs ? { timeoutMs } : {}) });
    const proc = marked ? gateProfileOutput(spawned, marked.marker, (stream, text) => this.logProfileNoise(display, stream, text)) : spawned;
    const session = new ExecSession({
      processId,
      process: proc,
      command: display,
      cwd,
      onOutput: ctx.onOutput,
      onExit: ctx.onExit,
      capacityBytes: this.opts.outputCapacityBytes,
      onCallbackError: (err) => this.opts.logger?.warn(`exec: output/exit callback failed: ${err instanceof Error ? err.message : String(err)}`),
    });
    ctx.onStart?.({ processId, command: display, argv: [...argv], cwd, commandActions: classifyCommand(argv, cwd) });
    return session;
  }

  /** The profile's output goes to the server log: at info the first time a text is seen, then at debug. */
  private logProfileNoise(display: string, stream: OutputStream, text: string): void {
    const first = !this.loggedProfileNoise.has(text);
    if (first) this.loggedProfileNoise.add(text);
    const log = first ? this.opts.logger?.info : this.opts.logger?.debug;
    log?.call(this.opts.logger, `exec: login profile printed on ${stream} before \`${display}\` (not shown as its output): ${text.trimEnd()}`);
  }

  private result(session: ExecSession, startedAt: number, maxTokens: number | undefined, warnings: string[]): ExecResult {
    const end = session.exitInfo;
    if (end) this.sessions.delete(session.processId);
    const limit = this.opts.maxOutputTokensLimit;
    const tokens = Math.min(maxTokens ?? DEFAULT_MAX_OUTPUT_TOKENS, limit ?? Number.POSITIVE_INFINITY);
    const raw = session.takeOutput();
    const output = formatCaptured(raw, tokens);
    const fields = {
      chunkId: newChunkId(),
      wallTimeMs: Date.now() - startedAt,
      exitCode: end ? end.exitCode : null,
      sessionId: end ? null : session.processId,
      originalTokenCount: approxTokensFromBytes(raw.totalBytes),
      output,
      warnings,
    };
    return { ...fields, text: formatExecResult(fields), processId: session.processId, rawOutput: raw, command: session.command, cwd: session.cwd, end };
  }

  /** Kills a session when the cap is reached; returns the warnings to show the model. */
  private async makeRoom(): Promise<string[]> {
    const max = this.opts.maxSessions ?? MAX_EXEC_SESSIONS;
    const warnings: string[] = [];
    while (this.sessions.size >= max && this.sessions.size > 0) {
      const byRecency = [...this.sessions.values()].sort((a, b) => b.lastUsed - a.lastUsed);
      const candidates = byRecency.slice(Math.min(PROTECTED_RECENT_SESSIONS, Math.max(0, max - 1)));
      const pool = candidates.length > 0 ? candidates : byRecency;
      const victim = pool.filter((s) => s.hasExited).pop() ?? (pool[pool.length - 1] as ExecSession);
      this.sessions.delete(victim.processId);
      await victim.process.kill();
      warnings.push(`session ${victim.processId} (${victim.command}) was terminated to keep at most ${max} sessions open.`);
    }
    return warnings;
  }

  private allocateId(): number {
    for (;;) {
      const id = 1000 + Math.floor(Math.random() * 99_000);
      if (!this.sessions.has(id) && ![...this.oneShots].some((s) => s.processId === id)) return id;
    }
  }
}
