// A bounded output buffer that keeps the beginning and the end of a command's output and drops the
// middle once it holds more than its capacity (1 MiB by default, as Codex's unified exec does), so a
// command printing gigabytes cannot exhaust memory while the model still sees both ends. It counts
// every byte and line it was given, so truncation can report the true original size.

export const DEFAULT_OUTPUT_CAPACITY_BYTES = 1024 * 1024;

/** What a buffer held: head + (omittedBytes dropped) + tail, plus totals over everything pushed. */
export interface CapturedOutput {
  /** The start of the output (all of it when nothing was dropped). */
  head: string;
  /** Bytes dropped between head and tail (0 when nothing was dropped). */
  omittedBytes: number;
  /** The end of the output ('' when nothing was dropped). */
  tail: string;
  /** UTF-8 bytes of everything pushed. */
  totalBytes: number;
  /** Lines of everything pushed, counted like Rust's `str::lines()` (a final newline ends a line). */
  lineCount: number;
}

export const EMPTY_CAPTURE: Readonly<CapturedOutput> = Object.freeze({ head: '', omittedBytes: 0, tail: '', totalBytes: 0, lineCount: 0 });

/** The captured text with a visible marker where bytes were dropped. */
export function capturedText(c: CapturedOutput): string {
  if (c.omittedBytes === 0) return c.head + c.tail;
  return `${c.head}\n[… ${c.omittedBytes} bytes of output omitted …]\n${c.tail}`;
}

/** Offset of the UTF-8 character boundary at or before `offset`. */
export function charBoundaryBefore(buf: Buffer, offset: number): number {
  let i = Math.max(0, Math.min(offset, buf.length));
  while (i > 0 && i < buf.length && ((buf[i] as number) & 0xc0) === 0x80) i -= 1;
  return i;
}

/** Offset of the UTF-8 character boundary at or after `offset`. */
export function charBoundaryAfter(buf: Buffer, offset: number): number {
  let i = Math.max(0, Math.min(offset, buf.length));
  while (i < buf.length && ((buf[i] as number) & 0xc0) === 0x80) i += 1;
  return i;
}

export class HeadTailBuffer {
  private readonly headCap: number;
  private readonly tailCap: number;
  private head = '';
  private headBytes = 0;
  private tail: Buffer[] = [];
  private tailBytes = 0;
  private omitted = 0;
  private total = 0;
  private newlines = 0;
  private lastChar = '';

  constructor(capacityBytes = DEFAULT_OUTPUT_CAPACITY_BYTES) {
    this.headCap = Math.floor(capacityBytes / 2);
    this.tailCap = capacityBytes - this.headCap;
  }

  get totalBytes(): number {
    return this.total;
  }

  push(chunk: string): void {
    if (chunk === '') return;
    const buf = Buffer.from(chunk, 'utf8');
    this.total += buf.length;
    for (let i = chunk.indexOf('\n'); i >= 0; i = chunk.indexOf('\n', i + 1)) this.newlines += 1;
    this.lastChar = chunk[chunk.length - 1] as string;
    let rest = buf;
    if (this.tailBytes === 0 && this.omitted === 0 && this.headBytes < this.headCap) {
      const room = this.headCap - this.headBytes;
      const take = rest.length <= room ? rest.length : charBoundaryBefore(rest, room);
      this.head += rest.subarray(0, take).toString('utf8');
      this.headBytes += take;
      rest = rest.subarray(take);
      if (rest.length === 0) return;
    }
    this.tail.push(rest);
    this.tailBytes += rest.length;
    this.trimTail();
  }

  private trimTail(): void {
    let excess = this.tailBytes - this.tailCap;
    while (excess > 0 && this.tail.length > 0) {
      const first = this.tail[0] as Buffer;
      if (first.length <= excess) {
        this.tail.shift();
        this.tailBytes -= first.length;
        this.omitted += first.length;
        excess -= first.length;
      } else {
        const cut = charBoundaryAfter(first, excess);
        this.tail[0] = first.subarray(cut);
        this.tailBytes -= cut;
        this.omitted += cut;
        excess = 0;
      }
    }
  }

  /** The buffer's content and totals, without clearing it. */
  snapshot(): CapturedOutput {
    const lineCount = this.newlines + (this.total > 0 && this.lastChar !== '\n' ? 1 : 0);
    return { head: this.head, omittedBytes: this.omitted, tail: Buffer.concat(this.tail).toString('utf8'), totalBytes: this.total, lineCount };
  }

  /** The buffer's content and totals; the buffer is empty afterwards. */
  take(): CapturedOutput {
    const out = this.snapshot();
    this.head = '';
    this.headBytes = 0;
    this.tail = [];
    this.tailBytes = 0;
    this.omitted = 0;
    this.total = 0;
    this.newlines = 0;
    this.lastChar = '';
    return out;
  }
}
