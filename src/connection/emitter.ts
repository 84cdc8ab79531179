// A minimal event emitter with the shape of vscode.Event (listener, thisArgs, disposables → a
// disposable), so the connection core runs without the vscode module (plain mocha tests).

export interface DisposableLike {
  dispose(): unknown;
}

export type EventLike<T> = (listener: (e: T) => unknown, thisArgs?: unknown, disposables?: DisposableLike[]) => DisposableLike;

export class Emitter<T> {
  private listeners: ((e: T) => unknown)[] = [];

  readonly event: EventLike<T> = (listener, thisArgs, disposables) => {
    const bound = thisArgs === undefined ? listener : listener.bind(thisArgs);
    this.listeners.push(bound);
    const disposable = {
      dispose: () => {
        this.listeners = this.listeners.filter((l) => l !== bound);
      },
    };
    disposables?.push(disposable);
    return disposable;
  };

  /** Calls every listener; one that throws does not stop the others (the error goes to `onError`). */
  fire(value: T, onError?: (error: unknown) => void): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        onError?.(error);
      }
    }
  }

  dispose(): void {
    this.listeners = [];
  }
}
