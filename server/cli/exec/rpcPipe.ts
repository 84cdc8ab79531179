// A JSON-RPC client for an app-server running in the same process: two PassThrough streams carry
// the same JSONL the server speaks on stdio. Requests resolve with their result (or reject with the
// error), notifications and server-initiated requests go to the handlers set by the caller.
import { PassThrough } from 'node:stream';

export type JsonObject = Record<string, unknown>;

export class RpcPipeError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

interface Pending {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

export class RpcPipe {
  /** What the server reads (our requests) and what it writes (its replies and notifications). */
  readonly streams = { input: new PassThrough(), output: new PassThrough() };
  private buffer = '';
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private notificationHandler: (method: string, params: JsonObject) => void = () => undefined;
  private requestHandler: (method: string, params: JsonObject) => unknown = (method) => {
    throw new RpcPipeError(-32601, `exec does not handle ${method}`);
  };

  constructor() {
    this.streams.output.setEncoding('utf8');
    this.streams.output.on('data', (chunk: string) => this.onData(chunk));
  }

  onNotification(handler: (method: string, params: JsonObject) => void): void {
    this.notificationHandler = handler;
  }

  /** Answers server→client requests (approvals, questions); a throw becomes a JSON-RPC error. */
  onServerRequest(handler: (method: string, params: JsonObject) => unknown): void {
    this.requestHandler = handler;
  }

  private write(message: JsonObject): void {
    this.streams.input.write(`${JSON.stringify(message)}\n`);
  }

  request<T = JsonObject>(method: string, params?: unknown): Promise<T> {
    const id = this.nextId++;
    const promise = new Promise<T>((resolve, reject) => this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject }));
    this.write(params === undefined ? { jsonrpc: '2.0', id, method } : { jsonrpc: '2.0', id, method, params });
    return promise;
  }

  notify(method: string, params?: unknown): void {
    this.write(params === undefined ? { jsonrpc: '2.0', method } : { jsonrpc: '2.0', method, params });
  }

  /** Ends the server's input: it finishes what it was asked, flushes and returns. */
  close(): void {
    this.streams.input.end();
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    let nl = this.buffer.indexOf('\n');
    while (nl !== -1) {
      const line = this.buffer.slice(0, nl).trim();
      this.buffer = this.buffer.slice(nl + 1);
      nl = this.buffer.indexOf('\n');
      if (line !== '') this.dispatch(JSON.parse(line) as JsonObject);
    }
  }

  private dispatch(message: JsonObject): void {
    const id = message.id as number | string | undefined;
    if (typeof message.method === 'string') {
      const params = (message.params ?? {}) as JsonObject;
      if (id === undefined) this.notificationHandler(message.method, params);
      else void this.answer(id, message.method, params);
      return;
    }
    const pending = typeof id === 'number' ? this.pending.get(id) : undefined;
    if (!pending) return;
    this.pending.delete(id as number);
    const error = message.error as { code: number; message: string } | undefined;
    if (error) pending.reject(new RpcPipeError(error.code, error.message));
    else pending.resolve(message.result);
  }

  private async answer(id: number | string, method: string, params: JsonObject): Promise<void> {
    try {
      const result = await this.requestHandler(method, params);
      this.write({ jsonrpc: '2.0', id, result });
    } catch (error) {
      const code = error instanceof RpcPipeError ? error.code : -32603;
      this.write({ jsonrpc: '2.0', id, error: { code, message: error instanceof Error ? error.message : String(error) } });
    }
  }
}
