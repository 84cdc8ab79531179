// JSON-RPC framing of the Codex app-server wire: one JSON object per line over any byte stream, as a
// vscode-jsonrpc MessageReader/MessageWriter pair, used by both ends (the server's ClientConnection
// and every client). The reader guards the trust boundary: anything that is not a well-formed
// JSON-RPC message is classified with the error reply it deserves and never reaches dispatch.
import type { Readable, Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import {
  AbstractMessageReader,
  AbstractMessageWriter,
  type DataCallback,
  type Disposable,
  type Message,
  type MessageReader,
  type MessageWriter,
} from 'vscode-jsonrpc/node';
import { JsonRpcErrorCode } from '@protocol/jsonrpc';

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
 * Pure classification of one line: a JSON-RPC message (as parsed: a peer may omit `jsonrpc`, as
 * Codex does, and vscode-jsonrpc does not need it), or the error reply it deserves (null when a
 * reply would have no one to go to).
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
    return { kind: 'message', message: msg as unknown as Message };
  }
  if (hasId && ('result' in msg || 'error' in msg)) {
    // A response to one of our own requests.
    return { kind: 'message', message: msg as unknown as Message };
  }
  return invalid(JsonRpcErrorCode.InvalidRequest, 'Invalid request: expected a request, a notification or a response', isValidId(msg.id) ? msg.id : null);
}

export class JsonlMessageReader extends AbstractMessageReader implements MessageReader {
  /** UTF-8 is decoded across chunks: a character split between two reads stays one character. */
  private readonly decoder = new StringDecoder('utf8');
  /** The pieces of the line being read (only its new chunk is searched for the newline). */
  private parts: string[] = [];
  private partsLength = 0;
  /** The rest of an over-long line is skipped up to its newline. */
  private skipping = false;
  private closed = false;
  /** Requests handed to the connection so far; each one will get exactly one response. */
  requestsReceived = 0;

  constructor(
    private readonly input: Readable,
    private readonly onInvalid: (reply: InvalidMessageReply | null, line: string) => void,
    private readonly maxLineLength = MAX_LINE_BYTES,
  ) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    const onData = (chunk: Buffer | string): void => {
      const text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
      let start = 0;
      let newline = text.indexOf('\n');
      while (newline !== -1) {
        const piece = text.slice(start, newline);
        const line = this.parts.length === 0 ? piece : this.parts.join('') + piece;
        this.parts = [];
        this.partsLength = 0;
        if (this.skipping) this.skipping = false;
        else this.handleLine(line.endsWith('\r') ? line.slice(0, -1) : line, callback);
        start = newline + 1;
        newline = text.indexOf('\n', start);
      }
      if (start < text.length && !this.skipping) {
        this.parts.push(text.slice(start));
        this.partsLength += text.length - start;
        if (this.partsLength > this.maxLineLength) {
          this.parts = [];
          this.partsLength = 0;
          this.skipping = true;
          const message = `Parse error: line longer than ${this.maxLineLength} bytes`;
          this.onInvalid({ jsonrpc: '2.0', id: null, error: { code: JsonRpcErrorCode.ParseError, message } }, '');
        }
      }
    };
    const onEnd = (): void => {
      if (this.closed) return;
      this.closed = true;
      // A last line without a trailing newline still counts.
      const rest = this.parts.join('') + this.decoder.end();
      this.parts = [];
      if (!this.skipping && rest.trim().length > 0) this.handleLine(rest, callback);
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
    } else this.onInvalid(classified.reply, line);
  }
}

export interface JsonlWriterOptions {
  /**
   * Stamp notifications with `emittedAtMs` like the reference server does (clients use it to order
   * events across reconnects). Default true: the server's side; clients turn it off.
   */
  readonly stampNotifications?: boolean;
  /**
   * Write the `"jsonrpc":"2.0"` member. Default true; clients leave it out, as Codex's own clients
   * do (the Codex protocol has no such member).
   */
  readonly jsonrpcMember?: boolean;
}

/**
 * Writes one JSON object per line, in order, honouring back-pressure; the lines written during
 * one turn of the event loop go out as one write (a reply and the notifications right after it
 * reach the peer in one read instead of several).
 */
export class JsonlMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private queue: Promise<void> = Promise.resolve();
  private errorCount = 0;
  /** Lines (and their messages) waiting for the batch being assembled; null when none is. */
  private pending: string[] = [];
  private pendingMessages: Message[] = [];
  private batch: Promise<void> | null = null;
  private readonly stampNotifications: boolean;
  private readonly jsonrpcMember: boolean;
  /** Responses to the peer's requests written so far (compared with the reader's count on shutdown). */
  responsesWritten = 0;

  constructor(
    private readonly output: Writable,
    options: JsonlWriterOptions = {},
  ) {
    super();
    this.stampNotifications = options.stampNotifications ?? true;
    this.jsonrpcMember = options.jsonrpcMember ?? true;
    output.on('error', (error: Error) => this.fireError(error));
    output.on('close', () => this.fireClose());
  }

  write(msg: Message | InvalidMessageReply): Promise<void> {
    const { jsonrpc, ...rest } = msg as unknown as Record<string, unknown>;
    const isNotification = typeof rest.method === 'string' && !('id' in rest);
    if (typeof rest.method !== 'string' && ('result' in rest || 'error' in rest) && rest.id !== null) {
      this.responsesWritten++;
    }
    const payload = {
      ...(this.jsonrpcMember ? { jsonrpc } : {}),
      ...rest,
      ...(isNotification && this.stampNotifications ? { emittedAtMs: Date.now() } : {}),
    };
    this.pending.push(`${JSON.stringify(payload)}\n`);
    this.pendingMessages.push(msg as Message);
    if (this.batch === null) {
      // Everything written until the next turn of the event loop goes out in one write: a reply
      // and the notifications that follow it reach the peer together (one syscall, one wake-up).
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
