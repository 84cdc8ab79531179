// RolloutWriter: appends lines to one rollout file without blocking the caller. append() serialises
// and queues synchronously; a single background drain writes queued lines in batches (each batch
// one write of whole lines, so a crash leaves at most a torn last line); flush()/close() resolve
// once every line queued before the call is in the file (and fsynced, if configured).
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import { isoTimestamp } from './rolloutPaths';
import type { RolloutLine, RolloutLineInput } from './rolloutTypes';

export interface RolloutWriterOptions {
  /** fsync the file in flush()/close() (and the folder when the file is created). Default false. */
  fsync?: boolean;
  /** Ordinal of the first appended line; use nextOrdinalOf() when resuming a rollout. Default 0. */
  nextOrdinal?: number;
  /** Clock for line timestamps (tests). */
  now?: () => number;
  /** Called synchronously by append() with the stamped line (the index hooks in here). */
  onAppend?: (line: RolloutLine) => void;
  /** Called after each batch reaches the file, with the file's size in bytes. */
  onWritten?: (fileBytes: number) => void;
  /** Upper bound for one write; default 1 MiB. */
  maxBatchBytes?: number;
}

interface Waiter {
  seq: number;
  resolve: () => void;
  reject: (err: Error) => void;
}

export class RolloutWriter {
  private readonly queue: string[] = [];
  private enqueuedSeq = 0;
  private writtenSeq = 0;
  private waiters: Waiter[] = [];
  private draining = false;
  private scheduled = false;
  private closing: Promise<void> | null = null;
  private failure: Error | null = null;
  private nextOrdinal: number;
  private fileBytes: number;
  private leadingNewline: boolean;

  private constructor(
    readonly path: string,
    private readonly fh: FileHandle,
    private readonly options: RolloutWriterOptions,
    size: number,
    lastByteIsNewline: boolean,
  ) {
    this.nextOrdinal = options.nextOrdinal ?? 0;
    this.fileBytes = size;
    // A file that ends mid-line (a crash) gets a newline first, so our first line stays intact.
    this.leadingNewline = size > 0 && !lastByteIsNewline;
  }

  /** Opens (creating folders and the file as needed) a rollout for appending. */
  static async open(filePath: string, options: RolloutWriterOptions = {}): Promise<RolloutWriter> {
    const dir = path.dirname(filePath);
    await mkdir(dir, { recursive: true });
    const fh = await open(filePath, 'a+');
    try {
      const { size } = await fh.stat();
      let lastIsNewline = true;
      if (size > 0) {
        const one = Buffer.alloc(1);
        await fh.read(one, 0, 1, size - 1);
        lastIsNewline = one[0] === 0x0a;
      }
      if (options.fsync && size === 0) await syncDir(dir);
      return new RolloutWriter(filePath, fh, options, size, lastIsNewline);
    } catch (err) {
      await fh.close();
      throw err;
    }
  }

  /** True once close() has been called. */
  get isClosed(): boolean {
    return this.closing !== null;
  }

  /** Lines queued but not yet written. */
  get pendingLines(): number {
    return this.queue.length;
  }

  /**
   * Stamps (timestamp if absent, ordinal), serialises and queues one line; returns it. Throws if the
   * writer is closed or an earlier write failed (the error is also reported by flush()).
   */
  append(input: RolloutLineInput): RolloutLine {
    if (this.closing) throw new Error(`rollout writer for ${this.path} is closed`);
    if (this.failure) throw this.failure;
    const now = this.options.now?.() ?? Date.now();
    const line = {
      timestamp: input.timestamp ?? isoTimestamp(now),
      ordinal: this.nextOrdinal,
      type: input.type,
      payload: input.payload,
    } as RolloutLine;
    // Serialise now: later mutation of the payload by the caller must not change what is written.
    const text = JSON.stringify(line) + '\n';
    this.nextOrdinal++;
    this.queue.push(text);
    this.enqueuedSeq++;
    this.options.onAppend?.(line);
    this.schedule();
    return line;
  }

  /** Resolves when every line appended before this call is written (and fsynced if configured). */
  async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    const target = this.enqueuedSeq;
    if (this.writtenSeq < target) {
      await new Promise<void>((resolve, reject) => {
        this.waiters.push({ seq: target, resolve, reject });
        this.schedule();
      });
    }
    if (this.options.fsync) await this.fh.sync();
  }

  /** Flushes, then closes the file. Idempotent; later append() calls throw. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      try {
        await this.flush();
      } finally {
        await this.fh.close();
      }
    })();
    return this.closing;
  }

  private schedule(): void {
    if (this.scheduled || this.draining) return;
    this.scheduled = true;
    // Let the current tick's appends pile up so they go out in one write.
    setImmediate(() => {
      this.scheduled = false;
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    const maxBatch = this.options.maxBatchBytes ?? 1024 * 1024;
    try {
      while (this.queue.length > 0 && !this.failure) {
        let count = 0;
        let bytes = 0;
        while (count < this.queue.length && (count === 0 || bytes + this.queue[count]!.length <= maxBatch)) {
          bytes += this.queue[count]!.length;
          count++;
        }
        let text = this.queue.slice(0, count).join('');
        if (this.leadingNewline) text = '\n' + text;
        await this.writeAll(Buffer.from(text, 'utf8'));
        this.leadingNewline = false;
        this.queue.splice(0, count);
        this.writtenSeq += count;
        this.options.onWritten?.(this.fileBytes);
        this.settleWaiters();
      }
    } catch (err) {
      this.failure = err instanceof Error ? err : new Error(String(err));
      for (const w of this.waiters) w.reject(this.failure);
      this.waiters = [];
    } finally {
      this.draining = false;
    }
  }

  private async writeAll(buf: Buffer): Promise<void> {
    let offset = 0;
    while (offset < buf.length) {
      const { bytesWritten } = await this.fh.write(buf, offset, buf.length - offset);
      offset += bytesWritten;
      this.fileBytes += bytesWritten;
    }
  }

  private settleWaiters(): void {
    const still: Waiter[] = [];
    for (const w of this.waiters) {
      if (w.seq <= this.writtenSeq) w.resolve();
      else still.push(w);
    }
    this.waiters = still;
  }
}

async function syncDir(dir: string): Promise<void> {
  try {
    const dh = await open(dir, 'r');
    try {
      await dh.sync();
    } finally {
      await dh.close();
    }
  } catch {
    // Some platforms cannot fsync a folder; the file's own fsync still holds its content.
  }
}
