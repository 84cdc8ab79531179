// Test support for the connection tests: a ConnectionCore on the real built server (or any launch
// the test describes), a log that keeps its lines, and waiting for states and events.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BackoffOptions } from '../../src/connection/backoff';
import { ConnectionCore, type ConnectionTiming } from '../../src/connection/connectionCore';
import type { EventLike } from '../../src/connection/emitter';
import { createLaunchPreparer, type LaunchHost } from '../../src/connection/launchResolver';
import type { ConnectionLog } from '../../src/connection/serverProcess';
import type { ConnectionSettings, ServerConnectionState } from '../../src/connection/types';
import { mockConfigToml } from './app-server-client';
import { processGone, waitFor } from './process-state';

export const REPO = resolve(__dirname, '../..');
export const SERVER_SCRIPT = join(REPO, 'dist/server/cli.js');

export class MemoryLog implements ConnectionLog {
  readonly lines: string[] = [];
  trace = (m: string): void => void this.lines.push(`trace ${m}`);
  debug = (m: string): void => void this.lines.push(`debug ${m}`);
  info = (m: string): void => void this.lines.push(`info ${m}`);
  warn = (m: string): void => void this.lines.push(`warn ${m}`);
  error = (m: string): void => void this.lines.push(`error ${m}`);
  text(): string {
    return this.lines.join('\n');
  }
}

/** A temp root with a CODEX_HOME (config.toml on the mock model when given) and a workspace. */
export interface TempSetup {
  readonly root: string;
  readonly codexHome: string;
  readonly workspace: string;
  remove(): void;
}

export function makeTempSetup(mockBaseUrl?: string, extraConfig = ''): TempSetup {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'codex-ts-conn-')));
  const codexHome = join(root, 'home');
  const workspace = join(root, 'ws');
  mkdirSync(codexHome);
  mkdirSync(workspace);
  if (mockBaseUrl) writeFileSync(join(codexHome, 'config.toml'), mockConfigToml(mockBaseUrl) + extraConfig);
  return { root, codexHome, workspace, remove: () => rmSync(root, { recursive: true, force: true }) };
}

export interface CoreSetup {
  settings?: Partial<ConnectionSettings>;
  env?: Record<string, string>;
  timing?: Partial<ConnectionTiming>;
  backoff?: Partial<BackoffOptions>;
  host?: Partial<LaunchHost>;
}

export interface StartedCore {
  core: ConnectionCore;
  log: MemoryLog;
  states: ServerConnectionState[];
  /** The settings getSettings() returns (change them, then call core.applyTrace() or restart). */
  settings: ConnectionSettings;
}

export function startCore(setup: TempSetup, options: CoreSetup = {}): StartedCore {
  const log = new MemoryLog();
  const settings: ConnectionSettings = { cliExecutable: null, runInWsl: false, trace: 'off', ...options.settings };
  const core = new ConnectionCore({
    log,
    getSettings: () => settings,
    clientInfo: { name: 'codex_ts_vscode', title: 'Codex TS', version: '0.0.0-test' },
    timing: options.timing,
    backoff: options.backoff,
    prepareLaunch: createLaunchPreparer({
      platform: process.platform,
      remoteName: undefined,
      execPath: process.execPath,
      serverScript: SERVER_SCRIPT,
      cwd: () => setup.workspace,
      env: { ...process.env, CODEX_HOME: setup.codexHome, MOCK_API_KEY: 'test-key', CODEX_TS_RETRY_BASE_MS: '5', ...options.env },
      ...options.host,
    }),
  });
  const states: ServerConnectionState[] = [];
  core.onDidChangeState((s) => states.push(s));
  return { core, log, states, settings };
}

/** The next event matching `pred` (rejects after `timeoutMs`). */
export function nextEvent<T>(event: EventLike<T>, pred: (e: T) => boolean = () => true, timeoutMs = 15_000): Promise<T> {
  return new Promise<T>((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error('event not seen in time'));
    }, timeoutMs);
    const sub = event((e) => {
      if (!pred(e)) return;
      clearTimeout(timer);
      sub.dispose();
      resolvePromise(e);
    });
  });
}

export function stateIs(core: ConnectionCore, state: ServerConnectionState['state'], timeoutMs = 15_000): Promise<ServerConnectionState> {
  if (core.state.state === state) return Promise.resolve(core.state);
  return nextEvent(core.onDidChangeState, (s) => s.state === state, timeoutMs);
}

/**
 * A test's afterEach: disposes the core, waits until its server process is gone (no process
 * outlives its test), closes the mock model and removes the temp files.
 */
export async function releaseCore(
  core: ConnectionCore | undefined,
  mock: { close(): Promise<void> } | undefined,
  setup: TempSetup | undefined,
  goneTimeoutMs = 10_000,
): Promise<void> {
  const pid = core?.serverPid;
  core?.dispose();
  if (pid !== undefined) await waitFor(() => processGone(pid), goneTimeoutMs);
  await mock?.close();
  setup?.remove();
}
