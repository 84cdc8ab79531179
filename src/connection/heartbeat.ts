// Liveness check of a running server: after a quiet period without any message from it, a cheap
// request (thread/loaded/list) must be answered within a timeout, else the process is killed (its
// exit then goes through the normal restart path, with "stopped answering" as the reason).
import { ConnectionErrorCode, RpcError, timeoutError, withTimeout } from './errors';
import type { ConnectionLog, ServerProcess } from './serverProcess';

export class Heartbeat {
  private timer: NodeJS.Timeout | undefined;
  private pending = false;
  private stopped = false;

  constructor(
    private readonly server: ServerProcess,
    private readonly idleMs: number,
    private readonly timeoutMs: number,
    private readonly log: ConnectionLog,
  ) {}

  start(): void {
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(): void {
    clearTimeout(this.timer);
    if (this.stopped || !this.server.isRunning) return;
    const wait = Math.max(0, this.idleMs - (Date.now() - this.server.lastMessageAtMs));
    this.timer = setTimeout(() => {
      if (Date.now() - this.server.lastMessageAtMs < this.idleMs) return this.schedule();
      void this.beat();
    }, wait);
    this.timer.unref?.();
  }

  private async beat(): Promise<void> {
    if (this.pending || this.stopped) return;
    this.pending = true;
    const method = 'thread/loaded/list';
    try {
      await withTimeout(this.server.client.request(method, {}), this.timeoutMs, () => timeoutError(method, this.timeoutMs));
      this.server.lastMessageAtMs = Date.now();
    } catch (error) {
      // An error reply (a server without this method) is still a sign of life; only silence kills.
      if (!(error instanceof RpcError && error.code === ConnectionErrorCode.Timeout)) this.server.lastMessageAtMs = Date.now();
      else if (!this.stopped && this.server.isRunning) {
        const cause = `stopped answering (no reply to a heartbeat within ${Math.round(this.timeoutMs / 1000)} s)`;
        this.log.warn(`The Codex server ${cause}; killing it`);
        this.server.kill(cause);
      }
    } finally {
      this.pending = false;
    }
    this.schedule();
  }
}
