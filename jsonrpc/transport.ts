// How a client reaches an app-server: a transport is a message reader/writer pair plus a way to end
// our side. Today: a child process's stdio, or two in-process streams (exec, tests); both carry the
// JSONL framing of framing.ts. A transport with its own message framing (a WebSocket) implements
// the interface directly.
import { PassThrough, type Readable, type Writable } from 'node:stream';
import type { Disposable, MessageReader, MessageWriter } from 'vscode-jsonrpc/node';
import { JsonlMessageReader, JsonlMessageWriter } from './framing';

/** Input from the peer that was not a JSON-RPC message. */
export interface InvalidInput {
  /** The line as received ('' for a line dropped for its length). */
  readonly line: string;
  readonly reason: string;
}

export interface MessageTransport {
  readonly reader: MessageReader;
  readonly writer: MessageWriter;
  /** Input that was not a JSON-RPC message (it never reaches the connection). */
  onInvalidInput(listener: (input: InvalidInput) => void): Disposable;
  /** Ends our side: the peer reads EOF (an app-server then finishes its work and exits). */
  end(): void;
}

/**
 * A JSONL transport over two byte streams: `input` is what the peer writes, `output` what it
 * reads. Written as a client writes (no `jsonrpc` member, no `emittedAtMs` stamps).
 */
export function streamTransport(input: Readable, output: Writable): MessageTransport {
  const listeners = new Set<(input: InvalidInput) => void>();
  const reader = new JsonlMessageReader(input, (reply, line) => {
    const reason = reply?.error.message ?? 'not a JSON-RPC message';
    for (const listener of [...listeners]) listener({ line, reason });
  });
  const writer = new JsonlMessageWriter(output, { stampNotifications: false, jsonrpcMember: false });
  return {
    reader,
    writer,
    onInvalidInput(listener) {
      listeners.add(listener);
      return { dispose: () => void listeners.delete(listener) };
    },
    end: () => writer.end(),
  };
}

/** The stdio of a spawned app-server process. */
export function stdioTransport(child: { readonly stdout: Readable; readonly stdin: Writable }): MessageTransport {
  return streamTransport(child.stdout, child.stdin);
}

/** The two streams an in-process app-server is run on (`runAppServer({ streams })`). */
export interface ServerStreams {
  /** What the server reads: our requests. */
  readonly input: PassThrough;
  /** What the server writes: its replies, notifications and requests. */
  readonly output: PassThrough;
}

/** A transport to an app-server in this process, over a pair of PassThrough streams. */
export function inProcessTransport(): { transport: MessageTransport; serverStreams: ServerStreams } {
  const serverStreams: ServerStreams = { input: new PassThrough(), output: new PassThrough() };
  return { transport: streamTransport(serverStreams.output, serverStreams.input), serverStreams };
}
