// The extension host's handle on its app-server: the ServerConnection interface the host router,
// the editor features and the views use (one connection per window), and its creation options.
import type * as vscode from 'vscode';
import type { OtherServerRequest } from '@jsonrpc';
import type { ClientRequestInput, ClientRequestMethod, ClientRequestResult, ServerNotification } from '@protocol';
import type { ServerConnectionState } from '../../bridge/messages';

export type { ServerConnectionState };

export type TraceSetting = 'off' | 'messages' | 'verbose';

/** The settings the connection reads at every (re)start. */
export interface ConnectionSettings {
  /** `codex.cliExecutable`: run that executable with `app-server` instead of the bundled server. */
  cliExecutable: string | null;
  /** `codex.runCodexInWindowsSubsystemForLinux` (only honoured on Windows, outside remote windows). */
  runInWsl: boolean;
  /** `codex.trace.server`. */
  trace: TraceSetting;
}

export interface ServerConnectionOptions {
  log: vscode.LogOutputChannel;
  extensionUri: vscode.Uri;
  globalStorageUri: vscode.Uri;
  getSettings(): ConnectionSettings;
}

/**
 * A request the server sent to the client (approvals, user input…), as the handler receives it:
 * params checked against the protocol table when it knows the method, passed on to the chat.
 */
export type IncomingServerRequest = OtherServerRequest;

export type ServerRequestHandler = (req: IncomingServerRequest) => Promise<unknown>;

export interface RequestOptions {
  /** Overrides the default request timeout (60 s). */
  timeoutMs?: number;
}

export interface ServerConnection extends vscode.Disposable {
  readonly state: ServerConnectionState;
  readonly onDidChangeState: vscode.Event<ServerConnectionState>;
  /** Server notifications, with file paths already translated to host paths. */
  readonly onNotification: vscode.Event<ServerNotification>;
  setServerRequestHandler(h: ServerRequestHandler): void;
  request<M extends ClientRequestMethod>(
    method: M,
    params: ClientRequestInput<M>,
    opts?: RequestOptions,
  ): Promise<ClientRequestResult<M>>;
  /** Bridge passthrough: rejects with an RpcError {code, message}. */
  requestUnchecked(method: string, params: unknown, opts?: RequestOptions): Promise<unknown>;
  /** The thread is re-resumed after every restart until the returned disposable is disposed. */
  trackThread(threadId: string): vscode.Disposable;
  readonly onDidResumeThread: vscode.Event<{ threadId: string; result: unknown }>;
  /** Identity unless the server runs in WSL. */
  toServerPath(hostPath: string): string;
  toHostPath(serverPath: string): string;
  start(): Promise<void>;
  restart(reason: string): Promise<void>;
}
