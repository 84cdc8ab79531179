// The snapshot file behind a loaded ThreadIndex: its open descriptor and prefix, plus once-only
// lazy reads of the rest (the search part; details row by row or as a whole), and the atomic
// write of a new snapshot. Kept open so rows can be read after a newer snapshot has replaced the
// file. What a request waits on (the prefix, a page's details) is read synchronously; the bulk
// parts asynchronously in the background.
import { close, openSync, read, readSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { SNAPSHOT_FILE } from './indexLog';
import {
  parseDetail, readSnapshotDetails, readSnapshotDetailsSection, readSnapshotPrefix, readSnapshotSearchPart,
  type SnapshotPrefix, type SnapshotReader, type SnapshotSearchPart,
} from './indexSnapshot';
import type { ThreadDetails } from './threadTable';

/** An open file descriptor with positional reads; close() waits for async reads in flight. */
class FdReader implements SnapshotReader {
  private inFlight = 0;
  private idle: (() => void)[] = [];
  private closed = false;

  constructor(private readonly fd: number) {}

  readSync(buf: Uint8Array, offset: number, length: number, position: number): number {
    if (this.closed) throw Object.assign(new Error('snapshot file closed'), { code: 'EBADF' });
    let done = 0;
    while (done < length) {
      const n = readSync(this.fd, buf, offset + done, length - done, position + done);
      if (n === 0) break;
      done += n;
    }
    return done;
  }

  read(buf: Uint8Array, offset: number, length: number, position: number): Promise<number> {
    if (this.closed) return Promise.reject(Object.assign(new Error('snapshot file closed'), { code: 'EBADF' }));
    this.inFlight++;
    return new Promise<number>((resolve, reject) => {
      let done = 0;
      const next = (): void => {
        read(this.fd, buf, offset + done, length - done, position + done, (err, n) => {
          if (err) return reject(err);
          done += n;
          if (n === 0 || done >= length) resolve(done);
          else next();
        });
      };
      next();
    }).finally(() => {
      this.inFlight--;
      if (this.inFlight === 0) for (const wake of this.idle.splice(0)) wake();
    });
  }

  /** Closes the descriptor once no async read uses it (a reused fd number must not be read). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.inFlight > 0) await new Promise<void>((resolve) => this.idle.push(resolve));
    await new Promise<void>((resolve) => close(this.fd, () => resolve()));
  }
}

export class SnapshotFile {
  private details: Buffer | null = null;
  private searchPart: Promise<SnapshotSearchPart> | null = null;
  private allDetails: Promise<void> | null = null;

  private constructor(
    private readonly file: FdReader,
    readonly prefix: SnapshotPrefix,
  ) {}

  /**
   * Opens the snapshot in `dir` and reads its prefix (synchronously: see readSnapshotPrefix);
   * throws ENOENT or SnapshotCorruptError.
   */
  static async open(dir: string): Promise<SnapshotFile> {
    const file = new FdReader(openSync(path.join(dir, SNAPSHOT_FILE), 'r'));
    try {
      return new SnapshotFile(file, readSnapshotPrefix(file));
    } catch (err) {
      await file.close();
      throw err;
    }
  }

  /** Rows in the snapshot (slot numbers below this are snapshot rows). */
  get rows(): number {
    return this.prefix.header.count;
  }

  /** File stamps and search texts (read once). */
  readSearchPart(): Promise<SnapshotSearchPart> {
    this.searchPart ??= readSnapshotSearchPart(this.file, this.prefix);
    return this.searchPart;
  }

  /** Reads the whole details section once; afterwards every row is available synchronously. */
  loadAllDetails(): Promise<void> {
    this.allDetails ??= readSnapshotDetailsSection(this.file, this.prefix).then((buf) => {
      this.details = buf;
    });
    return this.allDetails;
  }

  /** A row's raw details JSON, if the details section has been loaded. */
  rawDetail(row: number): Buffer | undefined {
    if (!this.details || row >= this.rows) return undefined;
    const off = this.prefix.detailOff;
    return this.details.subarray(off[row]!, off[row + 1]!);
  }

  /** A row's details, if the details section has been loaded. Throws SnapshotCorruptError. */
  detailSync(row: number): ThreadDetails | undefined {
    const raw = this.rawDetail(row);
    return raw ? parseDetail(raw) : undefined;
  }

  /** Reads some rows' details straight from the file (a page's: synchronous). Throws SnapshotCorruptError. */
  readDetails(rows: readonly number[]): Promise<Map<number, ThreadDetails>> {
    try {
      return Promise.resolve(readSnapshotDetails(this.file, this.prefix, rows));
    } catch (err) {
      return Promise.reject(err as Error);
    }
  }

  /** Waits for reads in flight, then closes the file. */
  async close(): Promise<void> {
    await this.file.close();
  }
}

/** Replaces the snapshot in `dir` atomically (write a temporary file, then rename over). */
export async function writeSnapshotFile(dir: string, buf: Buffer): Promise<void> {
  await mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `${SNAPSHOT_FILE}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  await writeFile(tmp, buf);
  await rename(tmp, path.join(dir, SNAPSHOT_FILE));
}
