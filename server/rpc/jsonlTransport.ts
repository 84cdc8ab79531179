// Line-delimited JSON framing for vscode-jsonrpc: one JSON object per line, as the Codex app-server
// protocol uses on stdio. The reader also guards the trust boundary: anything that is not a
// well-formed JSON-RPC message is answered with a precise error here and never reaches dispatch.
import type { Readable, Writable } from 'node:stream';
import {
  AbstractMessageReader,
  AbstractMessageWriter,
  type DataCallback,
  type Disposable,
  type Message,
  type MessageReader,
  type MessageWriter,
} from 'vscode-jsonrpc/node';
import { JsonRpcErrorCode } from '../protocol/jsonrpc';

/** A line longer than this is rejected without being parsed (protects memory from a runaway peer). */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;

export interface InvalidMessageReply {
  jsonrpc: '2.0';
  id: string | number | null;
  error: { code: number; message: string };
}

type Classified = { kind: 'message'; message: Message } | { kind: 'invalid'; reply: InvalidMessageReply | null };

function invalid(code: number, message: string, id: string | number | null = null): Classified {
  return { kind: 'invalid', reply: { jsonrpc: '2.0', id, error: { code, message } } };
}

function isValidId(id: unknown): id is string | number {
  return typeof id === 'string' || (typeof id === 'number' && Number.isSafeInteger(id));
}

/**
 * Pure classification of one line: a JSON-RPC message (with `jsonrpc` filled in when the peer
 * omitted it), or the error reply it deserves (null when a reply would have no one to go to).
 */
export function classifyLine(line: string): Classified {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return invalid(JsonRpcErrorCode.ParseError, `Parse error: ${(error as Error).message}`);
  }
  if (Array.isArray(value)) {
    return invalid(JsonRpcErrorCode.InvalidRequest, 'Invalid request: batch (array) messages are not supported');
  }
  if (typeof value !== 'object' || value === null) {
    return invalid(JsonRpcErrorCode.InvalidRequest, 'Invalid request: a message must be a JSON object');
  }
  const msg = value as Record<string, unknown>;
  if (msg.jsonrpc !== undefined && msg.jsonrpc !== '2.0') {
    return invalid(JsonRpcErrorCode.InvalidRequest, 'Invalid request: "jsonrpc" must be "2.0"', isValidId(msg.id) ? msg.id : null);
  }
  const hasId = 'id' in msg;
  if ('method' in msg) {
    if (typeof msg.method !== 'string' || msg.method.length === 0) {
      return invalid(JsonRpcErrorCode.InvalidRequest, 'Invalid request: "method" must be a non-empty string', isValidId(msg.id) ? msg.id : null);
    }
    if (hasId && !isValidId(msg.id)) {
      return invalid(JsonRpcErrorCode.InvalidRequest, 'Invalid request: "id" must be a string or an integer');
    }
    if (msg.params !== undefined && (typeof msg.params !== 'object' || msg.params === null)) {
      return invalid(JsonRpcErrorCode.InvalidParams, 'Invalid params: "params" must be an object', hasId ? (msg.id as string | number) : null);
    }
    return { kind: 'message', message: { ...msg, jsonrpc: '2.0' } as Message };
  }
  if (hasId && ('result' in msg || 'error' in msg)) {
    // A response to one of our server-initiated requests.
    return { kind: 'message', message: { ...msg, jsonrpc: '2.0' } as Message };
  }
  return invalid(JsonRpcErrorCode.InvalidRequest, 'Invalid request: expected a request, a notification or a response', isValidId(msg.id) ? msg.id : null);
}

export class JsonlMessageReader extends AbstractMessageReader implements MessageReader {
  private buffered = '';
  /** Requests handed to the connection so far; each one will get exactly one response. */
  requestsReceived = 0;

  constructor(
    private readonly input: Readable,
    private readonly onInvalid: (reply: InvalidMessageReply | null, line: string) => void,
  ) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    const onData = (chunk: Buffer | string): void => {
      this.buffered += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      let newline = this.buffered.indexOf('\n');
      while (newline !== -1) {
        const line = this.buffered.slice(0, newline).replace(/\r$/, '');
        this.buffered = this.buffered.slice(newline + 1);
        this.handleLine(line, callback);
        newline = this.buffered.indexOf('\n');
      }
      if (this.buffered.length > MAX_LINE_BYTES) {
        this.buffered = '';
        this.onInvalid({ jsonrpc: '2.0', id: null, error: { code: JsonRpcErrorCode.ParseError, message: `Parse error: line longer than ${MAX_LINE_BYTES} bytes` } }, '');
      }
    };
    const onEnd = (): void => {
      // A last line without a trailing newline still counts.
      if (this.buffered.trim().length > 0) this.handleLine(this.buffered, callback);
      this.buffered = '';
      this.fireClose();
    };
    const onError = (error: Error): void => this.fireError(error);
    this.input.on('data', onData);
    this.input.on('end', onEnd);
    this.input.on('close', onEnd);
    this.input.on('error', onError);
    return {
      dispose: () => {
        this.input.off('data', onData);
        this.input.off('end', onEnd);
        this.input.off('close', onEnd);
        this.input.off('error', onError);
      },
    };
  }

  private handleLine(line: string, callback: DataCallback): void {
    if (line.trim().length === 0) return;
    const classified = classifyLine(line);
    if (classified.kind === 'message') {
      const message = classified.message as unknown as Record<string, unknown>;
      if (typeof message.method === 'string' && 'id' in message) this.requestsReceived++;
      callback(classified.message);
    }
    else this.onInvalid(classified.reply, line);
  }
}

/**
 * Writes one JSON object per line, in order, honouring back-pressure; the lines written during
 * one turn of the event loop go out as one write (a reply and the notifications right after it
 * reach the client in one read instead of several). Notifications get an
 * `emittedAtMs` stamp like the reference server's (clients use it to order events across reconnects).
 */
export class JsonlMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private queue: Promise<void> = Promise.resolve();
  private errorCount = 0;
  /** Lines (and their messages) waiting for the batch being assembled; null when none is. */
  private pending: string[] = [];
  private pendingMessages: Message[] = [];
  private batch: Promise<void> | null = null;
  /** Responses to client requests written so far (compared with the reader's count on shutdown). */
  responsesWritten = 0;

  constructor(
    private readonly output: Writable,
    private readonly stampNotifications = true,
  ) {
    super();
    output.on('error', (error: Error) => this.fireError(error));
    output.on('close', () => this.fireClose());
  }

  write(msg: Message | InvalidMessageReply): Promise<void> {
    const record = msg as unknown as Record<string, unknown>;
    const isNotification = typeof record.method === 'string' && !('id' in record);
    if (typeof record.method !== 'string' && ('result' in record || 'error' in record) && record.id !== null) {
      this.responsesWritten++;
    }
    const payload = isNotification && this.stampNotifications ? { ...record, emittedAtMs: Date.now() } : record;
    this.pending.push(`${JSON.stringify(payload)}\n`);
    this.pendingMessages.push(msg as Message);
    if (this.batch === null) {
      // Everything written until the next turn of the event loop goes out in one write: a reply
      // and the notifications that follow it reach the client together (one syscall, one wake-up).
      this.batch = this.queue.then(() => new Promise<void>((resolve) => setImmediate(() => this.flush(resolve))));
      this.queue = this.batch;
    }
    return this.batch;
  }

  private flush(resolve: () => void): void {
    const text = this.pending.join('');
    const messages = this.pendingMessages;
    this.pending = [];
    this.pendingMessages = [];
    this.batch = null;
    if (this.output.destroyed || this.output.writableEnded) return resolve();
    const flushed = this.output.write(text, (error) => {
      if (error) {
        this.errorCount++;
        this.fireError(error, messages[0], this.errorCount);
      }
    });
    if (flushed) resolve();
    else this.output.once('drain', () => resolve());
  }

  /** Resolves once every line queued so far has been handed to the stream. */
  drained(): Promise<void> {
    return this.queue;
  }

  end(): void {
    void this.queue.then(() => this.output.end());
  }
}
