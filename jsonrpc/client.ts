// The typed client of a Codex app-server, over any transport: requests typed by the client-request
// table, notifications as the tagged ServerNotification union, typed server-request handlers, and
// a tap on the raw traffic. Everything received is validated against the protocol tables:
//   - a result that breaks its schema rejects the request with an RpcError naming method and field;
//   - a server request whose params break theirs is answered with an invalid-params error;
//   - a notification that breaks its schema is reported, and still delivered as received: it tells
//     of something that already happened (a turn/completed dropped for one odd field would leave
//     a turn running forever), and a Codex newer than our table (codex.cliExecutable) must keep
//     working; a notification whose method the table does not know has no consumer and is dropped.
// Every such problem goes to `onProblem` (the extension logs it, the tests fail on it).
import { createMessageConnection, Trace, type Disposable, type Logger, type Message, type MessageConnection } from 'vscode-jsonrpc/node';
import type {
  ClientRequestInput,
  ClientRequestMethod,
  ClientRequestResult,
  ServerNotification,
  ServerRequestMethod,
  ServerRequestParams,
  ServerRequestResult,
} from '@protocol';
import { asRpcError, RpcError, RpcErrorCode } from './errors';
import type { InvalidInput, MessageTransport } from './transport';
import { Tap, type TapListener } from './tap';
import { checkNotification, checkResult, checkServerRequest } from './validation';

export type RequestId = string | number;

/** Something the peer sent that the client could not take as the protocol says. */
export type ReceivedProblem =
  | ({ readonly type: 'invalidInput' } & InvalidInput)
  /** `message` names the method, what was checked and the field ("thread/start result: thread.id: …"). */
  | { readonly type: 'violation'; readonly method: string; readonly message: string }
  | { readonly type: 'unknownNotification'; readonly method: string }
  | { readonly type: 'listenerFailed'; readonly message: string };

export function describeProblem(problem: ReceivedProblem): string {
  switch (problem.type) {
    case 'invalidInput':
      return `the server sent an invalid line (${problem.reason}): ${problem.line.slice(0, 500)}`;
    case 'violation':
      return `the server broke the protocol: ${problem.message}`;
    case 'unknownNotification':
      return `ignored the notification "${problem.method}" (not in the protocol table)`;
    case 'listenerFailed':
      return problem.message;
  }
}

export interface ClientOptions {
  /** Where problems with what the peer sent go; the client itself goes on. */
  readonly onProblem: (problem: ReceivedProblem) => void;
  /** vscode-jsonrpc's own diagnostics (a response nobody asked for, a write error). */
  readonly logger?: Logger;
}

export interface RequestOptions {
  /** Rejects with an RpcError (code Timeout) when no answer came within this many ms. */
  readonly timeoutMs?: number;
}

export type ServerRequestHandler<M extends ServerRequestMethod> = (
  params: ServerRequestParams<M>,
  request: { readonly id: RequestId },
) => ServerRequestResult<M> | Promise<ServerRequestResult<M>>;

/** A server request no method handler took (params already checked when the table knows the method). */
export interface OtherServerRequest {
  readonly id: RequestId;
  readonly method: string;
  readonly params: unknown;
}

export type TraceLevel = 'off' | 'messages' | 'verbose';
const TRACE: Record<TraceLevel, Trace> = { off: Trace.Off, messages: Trace.Messages, verbose: Trace.Verbose };

const SILENT: Logger = { error: () => undefined, warn: () => undefined, info: () => undefined, log: () => undefined };

type AnyHandler = (params: unknown, request: { readonly id: RequestId }) => unknown;

export class AppServerConnection implements Disposable {
  private readonly connection: MessageConnection;
  private readonly tapped: Tap;
  /** Ids of incoming requests by their params object (vscode-jsonrpc's star handler gets no id). */
  private readonly requestIds = new WeakMap<object, RequestId>();
  private readonly notificationListeners = new Set<(notification: ServerNotification) => void>();
  private readonly handlers = new Map<string, AnyHandler>();
  private otherHandler: ((request: OtherServerRequest) => unknown) | undefined;
  /** How to reject each request in flight, with its method. */
  private readonly inFlight = new Map<(error: RpcError) => void, string>();
  private closed = false;

  constructor(
    private readonly transport: MessageTransport,
    private readonly options: ClientOptions,
  ) {
    this.tapped = new Tap((error) => this.listenerFailed('a tap listener', error));
    transport.onInvalidInput((input) => options.onProblem({ type: 'invalidInput', ...input }));
    const reader = this.tapped.reader(transport.reader, (message) => this.rememberRequestId(message));
    this.connection = createMessageConnection(reader, this.tapped.writer(transport.writer), options.logger ?? SILENT);
    this.connection.onNotification((method, params) => this.receiveNotification(method, params));
    this.connection.onRequest((method, params) => this.receiveServerRequest(method, params));
    this.connection.onClose(() => this.close());
    this.connection.listen();
  }

  /** A typed request: params by the table, the result validated against it. */
  request<M extends ClientRequestMethod>(method: M, params: ClientRequestInput<M>, options?: RequestOptions): Promise<ClientRequestResult<M>> {
    // checkResult parsed the result with this method's result schema, whose output this type is.
    return this.requestUnchecked(method, params, options) as Promise<ClientRequestResult<M>>;
  }

  /** A request by name (passthroughs, tests); the result is still validated when the table knows the method. */
  requestUnchecked(method: string, params: unknown, options: RequestOptions = {}): Promise<unknown> {
    if (this.closed) return Promise.reject(closedError(method, 'sent'));
    return new Promise<unknown>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const settle = (): boolean => {
        if (!this.inFlight.delete(fail)) return false;
        clearTimeout(timer);
        return true;
      };
      const fail = (error: RpcError): void => void (settle() && reject(error));
      this.inFlight.set(fail, method);
      if (options.timeoutMs !== undefined) {
        const ms = options.timeoutMs;
        timer = setTimeout(() => fail(new RpcError(RpcErrorCode.Timeout, `no answer to "${method}" within ${ms} ms`)), ms);
      }
      let reply: Promise<unknown>;
      try {
        // No params at all rather than `null` (vscode-jsonrpc would send `[null]`).
        reply = params === undefined || params === null ? this.connection.sendRequest(method) : this.connection.sendRequest(method, params);
      } catch (error) {
        return fail(asRpcError(error, method));
      }
      reply.then(
        (result: unknown) => {
          if (!settle()) return;
          const checked = checkResult(method, result);
          if (checked.ok) return resolve(checked.value);
          this.options.onProblem({ type: 'violation', method, message: checked.message });
          reject(new RpcError(RpcErrorCode.ProtocolViolation, checked.message, { method }));
        },
        (error: unknown) => fail(asRpcError(error, method)),
      );
    });
  }

  /** The protocol's one client notification. */
  notify(method: 'initialized'): Promise<void> {
    return this.connection.sendNotification(method);
  }

  onNotification(listener: (notification: ServerNotification) => void): Disposable {
    this.notificationListeners.add(listener);
    return { dispose: () => void this.notificationListeners.delete(listener) };
  }

  /** Answers one server-request method; its params are validated first. */
  onServerRequest<M extends ServerRequestMethod>(method: M, handler: ServerRequestHandler<M>): Disposable {
    // The params reach the handler only after parsing with this method's params schema.
    const any = handler as AnyHandler;
    this.handlers.set(method, any);
    return { dispose: () => void (this.handlers.get(method) === any && this.handlers.delete(method)) };
  }

  /**
   * Answers the server requests no method handler takes, including methods the table does not
   * know (a newer server's). Without one they are answered "method not found".
   */
  onOtherServerRequest(handler: (request: OtherServerRequest) => unknown): Disposable {
    this.otherHandler = handler;
    return { dispose: () => void (this.otherHandler === handler && (this.otherHandler = undefined)) };
  }

  /** Every message in both directions, before validation. */
  tap(listener: TapListener): Disposable {
    return this.tapped.add(listener);
  }

  /** vscode-jsonrpc's traffic log ("Sending request 'thread/list - (3)'", with payloads when verbose). */
  trace(level: TraceLevel, log: (message: string, data?: string) => void): Promise<void> {
    return this.connection.trace(TRACE[level], { log: (message: unknown, data?: string) => log(typeof message === 'string' ? message : JSON.stringify(message), data) });
  }

  /** Ends our side: the server reads EOF. Requests still in flight get their answers. */
  end(): void {
    this.transport.end();
  }

  dispose(): void {
    this.close();
    this.connection.dispose();
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const [fail, method] of [...this.inFlight]) fail(closedError(method, 'answered'));
  }

  private rememberRequestId(message: Message): void {
    const msg = message as Message & { id?: unknown; method?: unknown; params?: unknown };
    if (typeof msg.method !== 'string' || (typeof msg.id !== 'string' && typeof msg.id !== 'number')) return;
    if (msg.params === undefined || msg.params === null) msg.params = {};
    if (typeof msg.params === 'object') this.requestIds.set(msg.params as object, msg.id);
  }

  private receiveNotification(method: string, params: unknown): void {
    const checked = checkNotification(method, params);
    if (checked === null) return this.options.onProblem({ type: 'unknownNotification', method });
    if (!checked.ok) this.options.onProblem({ type: 'violation', method, message: checked.message });
    // Checked: parsed by this method's schema. Not: passed on as received (see the header).
    const notification = { method, params: checked.ok ? checked.value : params } as ServerNotification;
    for (const listener of [...this.notificationListeners]) {
      try {
        listener(notification);
      } catch (error) {
        this.listenerFailed(`a listener of "${method}"`, error);
      }
    }
  }

  private async receiveServerRequest(method: string, params: unknown): Promise<unknown> {
    const id = typeof params === 'object' && params !== null ? this.requestIds.get(params) : undefined;
    const checked = checkServerRequest(method, params);
    if (!checked.ok) {
      this.options.onProblem({ type: 'violation', method, message: checked.message });
      throw new RpcError(RpcErrorCode.InvalidParams, `Invalid params: ${checked.message}`);
    }
    const request = { id: id ?? -1 };
    const handler = this.handlers.get(method);
    if (handler) return await handler(checked.value, request);
    if (this.otherHandler) return await this.otherHandler({ ...request, method, params: checked.value });
    throw new RpcError(RpcErrorCode.MethodNotFound, `No handler for the server request "${method}"`);
  }

  private listenerFailed(who: string, error: unknown): void {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    this.options.onProblem({ type: 'listenerFailed', message: `${who} failed: ${detail}` });
  }
}

function closedError(method: string, before: 'sent' | 'answered'): RpcError {
  return new RpcError(RpcErrorCode.ConnectionClosed, `the connection closed before "${method}" was ${before}`);
}

/** A client on `transport`, listening at once. */
export function connectAppServer(transport: MessageTransport, options: ClientOptions): AppServerConnection {
  return new AppServerConnection(transport, options);
}
