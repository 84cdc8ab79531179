// The mock model's record of received requests, with the lookups and waits tests use
// (filter by endpoint, last request, wait for a count, wait for a client disconnect).

import type { Endpoint, RecordedRequest } from './types';

/** An endpoint, or 'stream' for both streaming endpoints (responses + chat). */
export type RequestFilter = Endpoint | 'stream';

export const DEFAULT_WAIT_MS = 5000;

function matches(request: RecordedRequest, filter: RequestFilter | undefined): boolean {
  if (filter === undefined) return true;
  if (filter === 'stream') return request.endpoint === 'responses' || request.endpoint === 'chat';
  return request.endpoint === filter;
}

export class RequestLog {
  readonly all: RecordedRequest[] = [];
  private readonly waiters = new Set<() => void>();

  add(request: RecordedRequest): void {
    this.all.push(request);
    this.notify();
  }

  /** Re-checks every pending wait. */
  notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  matching(filter?: RequestFilter): RecordedRequest[] {
    return this.all.filter((r) => matches(r, filter));
  }

  last(filter?: RequestFilter): RecordedRequest {
    const found = this.matching(filter).at(-1);
    if (found === undefined) {
      throw new Error(`mock model: no ${filter === undefined ? '' : `${filter} `}request received yet (${this.summary()})`);
    }
    return found;
  }

  /** One line per request, for error messages. */
  summary(): string {
    if (this.all.length === 0) return 'none received';
    return this.all.map((r) => `#${r.index} ${r.method} ${r.path}`).join(', ');
  }

  /** Resolves with `check()`'s value once it is defined; rejects after `timeoutMs`. */
  waitUntil<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    const now = check();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise<T>((resolve, reject) => {
      const waiter = (): void => {
        const value = check();
        if (value === undefined) return;
        this.waiters.delete(waiter);
        clearTimeout(timer);
        resolve(value);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`mock model: timed out after ${timeoutMs} ms waiting for ${what}; requests: ${this.summary()}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  waitForCount(
    n: number,
    opts: number | { timeoutMs?: number; endpoint?: RequestFilter } = {},
  ): Promise<RecordedRequest[]> {
    const { timeoutMs = DEFAULT_WAIT_MS, endpoint } = typeof opts === 'number' ? { timeoutMs: opts } : opts;
    const check = (): RecordedRequest[] | undefined => {
      const found = this.matching(endpoint);
      return found.length >= n ? found : undefined;
    };
    return this.waitUntil(check, timeoutMs, `${n} ${endpoint === undefined ? '' : `${endpoint} `}request(s)`);
  }

  async waitForDisconnect(request: RecordedRequest | number, timeoutMs = DEFAULT_WAIT_MS): Promise<RecordedRequest> {
    const index = typeof request === 'number' ? request : request.index;
    let gone = false;
    const record = await this.waitUntil(() => this.all[index], timeoutMs, `request #${index}`);
    void record.disconnected.then(() => {
      gone = true;
      this.notify();
    });
    return this.waitUntil(() => (gone ? record : undefined), timeoutMs, `the client of request #${index} to disconnect`);
  }
}
