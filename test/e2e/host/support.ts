// Helpers for the suites that run inside the extension host: the extension's test hooks (the live
// connection, bridge router and views, exposed when CODEX_TS_TEST_HOOKS=1), the mock model the
// server talks to (started in this process; $CODEX_HOME/config.toml points at it), and a scripted
// webview attached to the real router in place of the React app.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { CodexTsTestHooks } from '../../../src/extension';
import type { HostToWebviewMessage, ServerConnectionState } from '../../../bridge/messages';
import type { WebviewSession } from '../../../src/bridge/webviewSession';
import { mockConfigToml } from '../../support/app-server-client';
import { startMockModel, type MockModel } from '../../support/mock-model';

export const EXTENSION_ID = 'codex-ts.codex-ts';
/** Which server the extension runs in this pass: ours, or the real `codex` (codex.cliExecutable). */
export const SERVER_KIND = process.env.CODEX_TS_E2E_SERVER === 'codex' ? 'codex' : 'bundled';

export async function testHooks(): Promise<CodexTsTestHooks> {
  const extension = vscode.extensions.getExtension<{ testHooks?: CodexTsTestHooks }>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed`);
  const api = await extension.activate();
  if (!api.testHooks) throw new Error('the extension exposes no test hooks (CODEX_TS_TEST_HOOKS=1 missing?)');
  return api.testHooks;
}

export function workspaceDir(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder');
  return folder.uri.fsPath;
}

/** Resolves when `predicate` holds (polled), else rejects after `timeoutMs` with `what`. */
export async function eventually<T>(what: string, probe: () => T | undefined | null | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function waitForServerState(hooks: CodexTsTestHooks, state: ServerConnectionState['state'], timeoutMs = 30_000): Promise<void> {
  await eventually(`server state ${state} (now ${hooks.connection.state.state})`, () => hooks.connection.state.state === state, timeoutMs);
}

/**
 * The mock model, with $CODEX_HOME/config.toml pointing at it, and the server restarted on that
 * config (codex.restartServer: the command under test too). Call close() in after().
 */
export async function useMockModel(hooks: CodexTsTestHooks): Promise<MockModel> {
  const codexHome = process.env.CODEX_HOME;
  if (!codexHome) throw new Error('CODEX_HOME is not set by the runner');
  const mock = await startMockModel();
  writeFileSync(join(codexHome, 'config.toml'), mockConfigToml(mock.baseUrl));
  await vscode.commands.executeCommand('codex.restartServer');
  await waitForServerState(hooks, 'ready');
  return mock;
}

let nextRequestId = 1;

/** A webview driven by the test, attached to the real router (as the sidebar or a panel). */
export class ScriptedWebview implements vscode.Disposable {
  readonly received: HostToWebviewMessage[] = [];
  readonly pendingCounts: number[] = [];
  readonly session: WebviewSession;
  visible = true;
  private readonly incoming = new vscode.EventEmitter<unknown>();
  private readonly visibility = new vscode.EventEmitter<boolean>();
  private readonly disposed = new vscode.EventEmitter<void>();

  constructor(hooks: CodexTsTestHooks, options: { kind?: 'sidebar' | 'panel'; initialThreadId?: string | null } = {}) {
    const received = this.received;
    const webview = {
      options: {},
      html: '',
      cspSource: 'vscode-resource:',
      asWebviewUri: (uri: vscode.Uri) => uri,
      postMessage: (message: HostToWebviewMessage) => {
        received.push(message);
        return Promise.resolve(true);
      },
      onDidReceiveMessage: this.incoming.event,
    } as unknown as vscode.Webview;
    const isVisible = (): boolean => this.visible;
    this.session = hooks.router.attach({
      kind: options.kind ?? 'panel',
      webview,
      get visible() {
        return isVisible();
      },
      onDidChangeVisibility: this.visibility.event,
      onDidDispose: this.disposed.event,
      reveal: () => {
        this.visible = true;
      },
      showPendingCount: (count) => this.pendingCounts.push(count),
      initialThreadId: options.initialThreadId ?? null,
    });
  }

  send(message: unknown): void {
    this.incoming.fire(message);
  }

  async ready(): Promise<Extract<HostToWebviewMessage, { type: 'hostInfo' }>> {
    const from = this.received.length;
    this.send({ type: 'ready' });
    return this.waitFor((m): m is Extract<HostToWebviewMessage, { type: 'hostInfo' }> => m.type === 'hostInfo', from);
  }

  async rpc<T = unknown>(method: string, params: unknown, timeoutMs = 30_000): Promise<T> {
    const requestId = nextRequestId++;
    this.send({ type: 'rpc/request', requestId, method, params });
    const response = await this.waitFor(
      (m): m is Extract<HostToWebviewMessage, { type: 'rpc/response' }> => m.type === 'rpc/response' && m.requestId === requestId,
      0,
      timeoutMs,
    );
    if (!response.ok) throw Object.assign(new Error(response.error.message), { code: response.error.code });
    return response.result as T;
  }

  /** The first message from index `from` on that matches. */
  waitFor<M extends HostToWebviewMessage>(match: (m: HostToWebviewMessage) => m is M, from?: number, timeoutMs?: number): Promise<M>;
  waitFor(match: (m: HostToWebviewMessage) => boolean, from?: number, timeoutMs?: number): Promise<HostToWebviewMessage>;
  waitFor(match: (m: HostToWebviewMessage) => boolean, from = 0, timeoutMs = 30_000): Promise<HostToWebviewMessage> {
    return eventually('a host message', () => this.received.slice(from).find(match), timeoutMs);
  }

  /** Server notifications this webview got, by method. */
  notifications(method: string): { method: string; params: Record<string, unknown> }[] {
    return this.received.flatMap((m) =>
      m.type === 'server/notification' && m.notification.method === method
        ? [m.notification as unknown as { method: string; params: Record<string, unknown> }]
        : [],
    );
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    this.visibility.fire(visible);
  }

  dispose(): void {
    this.disposed.fire();
    this.incoming.dispose();
    this.visibility.dispose();
    this.disposed.dispose();
  }
}

/** `text` user input as clients send it. */
export function text(value: string): { type: 'text'; text: string; text_elements: never[] } {
  return { type: 'text', text: value, text_elements: [] };
}

/** Starts a thread in the workspace through the webview; returns its id (and sets it active). */
export async function startThread(webview: ScriptedWebview, extra: Record<string, unknown> = {}): Promise<string> {
  const { thread } = await webview.rpc<{ thread: { id: string } }>('thread/start', { cwd: workspaceDir(), ...extra });
  webview.send({ type: 'thread/active', threadId: thread.id });
  return thread.id;
}

/** Runs one turn and resolves with its turn/completed params. */
export async function runTurn(webview: ScriptedWebview, threadId: string, input: unknown[], extra: Record<string, unknown> = {}) {
  const from = webview.received.length;
  const { turn } = await webview.rpc<{ turn: { id: string } }>('turn/start', { threadId, input, ...extra });
  const done = await webview.waitFor(
    (m) => m.type === 'server/notification' && m.notification.method === 'turn/completed' &&
      (m.notification.params as { turn: { id: string } }).turn.id === turn.id,
    from,
    60_000,
  );
  return (done as Extract<HostToWebviewMessage, { type: 'server/notification' }>).notification.params as {
    threadId: string;
    turn: { id: string; status: string; items: { type: string; text?: string }[] };
  };
}
