// The tap of a connection: every message in both directions, as the transport reads it or is handed
// it, shown to listeners (schema validation in tests, timing in benchmarks). Wraps a transport's reader and
// writer; a listener that throws is reported, never breaks the connection.
import type { DataCallback, Disposable, Message, MessageReader, MessageWriter } from 'vscode-jsonrpc/node';

export type TapDirection = 'in' | 'out';

export interface TapEvent {
  readonly direction: TapDirection;
  /** The message as read (before validation), or as handed to the writer. Do not modify it. */
  readonly message: Readonly<Record<string, unknown>>;
}

export type TapListener = (event: TapEvent) => void;

export class Tap {
  private readonly listeners = new Set<TapListener>();

  constructor(private readonly onListenerError: (error: unknown) => void) {}

  add(listener: TapListener): Disposable {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  fire(direction: TapDirection, message: Message): void {
    if (this.listeners.size === 0) return;
    const event: TapEvent = { direction, message: withoutUndefined(message) };
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  /** `inner`, with every message shown to the tap before `onMessage` and the connection see it. */
  reader(inner: MessageReader, onMessage: (message: Message) => void): MessageReader {
    return {
      onError: inner.onError,
      onClose: inner.onClose,
      onPartialMessage: inner.onPartialMessage,
      listen: (callback: DataCallback): Disposable =>
        inner.listen((message) => {
          this.fire('in', message);
          onMessage(message);
          callback(message);
        }),
      dispose: () => inner.dispose(),
    };
  }

  /** `inner`, with every message shown to the tap as it is written. */
  writer(inner: MessageWriter): MessageWriter {
    return {
      onError: inner.onError,
      onClose: inner.onClose,
      write: (message: Message): Promise<void> => {
        this.fire('out', message);
        return inner.write(message);
      },
      end: () => inner.end(),
      dispose: () => inner.dispose(),
    };
  }
}

/** vscode-jsonrpc writes `params: undefined` for a request without params; the wire has no such key. */
function withoutUndefined(message: Message): Readonly<Record<string, unknown>> {
  const record = message as unknown as Record<string, unknown>;
  if (!Object.values(record).includes(undefined)) return record;
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}
