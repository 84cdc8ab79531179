// One client on stdio: the vscode-jsonrpc connection over JSONL, the initialize handshake gate
// (with the capabilities the client declared), typed notifications (honouring the client's opt-out
// list) and server-initiated requests typed by the server-request table.
import type { Readable, Writable } from 'node:stream';
import { createMessageConnection, type MessageConnection, ResponseError } from 'vscode-jsonrpc/node';
import type { ServerNotificationMethod, ServerNotifications } from '../protocol/notifications';
import type { ServerRequestMethod, ServerRequestParams } from '../protocol/serverRequests';
import { JsonRpcErrorCode } from '../protocol/jsonrpc';
import type { Logger } from '../util/log';
import { JsonlMessageReader, JsonlMessageWriter } from '@jsonrpc/framing';
import type { MethodRouter } from './methodRouter';
import { invalidRequest } from './rpcError';

export interface ClientInfo {
  readonly name: string;
  readonly title: string | null;
  readonly version: string;
}

/** What the client declared in initialize's `capabilities`. */
export interface ClientCapabilities {
  readonly experimentalApi: boolean;
  readonly optOutNotificationMethods: readonly string[];
}

export class ClientConnection {
  private readonly connection: MessageConnection;
  private readonly writer: JsonlMessageWriter;
  private readonly reader: JsonlMessageReader;
  private initialized = false;
  private experimentalApi = false;
  private optOut = new Set<string>();
  private info: ClientInfo | undefined;
  private readonly closeListeners: (() => void)[] = [];
  private nextServerRequestId = 0;

  constructor(
    input: Readable,
    output: Writable,
    private readonly router: MethodRouter,
    private readonly log: Logger,
  ) {
    this.writer = new JsonlMessageWriter(output);
    const reader = (this.reader = new JsonlMessageReader(input, (reply, line) => {
      log.warn(`rejected input line (${reply?.error.message ?? 'no reply'}): ${line.slice(0, 200)}`);
      if (reply) void this.writer.write(reply);
    }));
    this.connection = createMessageConnection(reader, this.writer, {
      error: (m) => log.error(m),
      warn: (m) => log.warn(m),
      info: (m) => log.debug(m),
      log: (m) => log.debug(m),
    });
    this.connection.onRequest(async (method, params, token) => {
      if (method === 'initialize') {
        if (this.initialized) throw invalidRequest('Already initialized');
      } else if (!this.initialized) {
        throw invalidRequest('Not initialized');
      }
      try {
        return await this.router.dispatch(method, params, { method, token, experimentalApi: this.experimentalApi });
      } catch (error) {
        if (error instanceof ResponseError) throw error;
        log.error(`request ${method} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        throw new ResponseError(JsonRpcErrorCode.InternalError, `Internal error in ${method}: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    // Unknown client notifications are ignored on purpose: newer clients may send more of them.
    this.connection.onNotification(() => undefined);
    this.connection.onClose(() => {
      for (const listener of this.closeListeners) listener();
    });
  }

  /** Called by the initialize handler once it has produced its result. */
  markInitialized(info: ClientInfo, capabilities: ClientCapabilities): void {
    this.initialized = true;
    this.info = info;
    this.experimentalApi = capabilities.experimentalApi;
    this.optOut = new Set(capabilities.optOutNotificationMethods);
  }

  get clientInfo(): ClientInfo | undefined {
    return this.info;
  }

  listen(): void {
    this.connection.listen();
  }

  onClose(listener: () => void): void {
    this.closeListeners.push(listener);
  }

  notify<M extends ServerNotificationMethod>(method: M, params: ServerNotifications[M]): void {
    if (this.optOut.has(method)) return;
    void this.connection.sendNotification(method, params).catch((error: unknown) => {
      this.log.warn(`could not send ${method}: ${String(error)}`);
    });
  }

  /**
   * A server-initiated request (approvals, questions); ids count from 0 per connection. Returns the
   * id (for `serverRequest/resolved`) with the client's answer as sent: the caller validates it with
   * the method's result schema. Every server request goes through here, so the counter matches the
   * one vscode-jsonrpc puts on the wire.
   */
  request<M extends ServerRequestMethod>(method: M, params: ServerRequestParams<M>): { id: number; response: Promise<unknown> } {
    const id = this.nextServerRequestId++;
    return { id, response: this.connection.sendRequest<unknown>(method, params) };
  }

  /**
   * Resolves once every request received so far has been answered and every queued line written:
   * on stdin EOF the server finishes the work it was given before exiting.
   */
  async drained(pollMs = 5): Promise<void> {
    while (this.writer.responsesWritten < this.reader.requestsReceived) {
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
    await this.writer.drained();
  }

  dispose(): void {
    this.connection.dispose();
  }
}
