// Start-up work that must not hold up a client's first requests (a blocking capability probe,
// warming cold code paths): one task at a time, each once the event loop has been nearly idle for a
// moment — a client that opens with a burst of requests is served first — or at the latest after
// a deadline, so the work is never put off for long.
import { performance, type EventLoopUtilization } from 'node:perf_hooks';

export interface IdleTaskOptions {
  /** Length of the quiet window looked at before each task (ms). Default 25. */
  readonly quietMs?: number;
  /** Event-loop utilisation under which the window counts as quiet. Default 0.05. */
  readonly maxUtilization?: number;
  /** A task waits at most this long after it was added (ms). Default 2000. */
  readonly deadlineMs?: number;
}

interface Task {
  readonly run: () => unknown;
  readonly addedAt: number;
}

export class IdleTasks {
  private readonly queue: Task[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private window: EventLoopUtilization = performance.eventLoopUtilization();

  constructor(
    private readonly onError: (error: unknown) => void,
    private readonly options: IdleTaskOptions = {},
  ) {}

  add(run: () => unknown): void {
    this.queue.push({ run, addedAt: performance.now() });
    this.arm();
  }

  private arm(): void {
    if (this.timer !== null || this.running || this.queue.length === 0) return;
    this.window = performance.eventLoopUtilization();
    this.timer = setTimeout(() => this.tick(), this.options.quietMs ?? 25);
    this.timer.unref();
  }

  private tick(): void {
    this.timer = null;
    const task = this.queue[0];
    if (!task) return;
    const quiet = performance.eventLoopUtilization(this.window).utilization <= (this.options.maxUtilization ?? 0.05);
    const overdue = performance.now() - task.addedAt >= (this.options.deadlineMs ?? 2000);
    if (!quiet && !overdue) {
      this.arm();
      return;
    }
    this.queue.shift();
    this.running = true;
    const done = (): void => {
      this.running = false;
      this.arm();
    };
    try {
      Promise.resolve(task.run()).catch(this.onError).finally(done);
    } catch (error) {
      this.onError(error);
      done();
    }
  }
}
