// The snapshot file behind a loaded ThreadIndex: its open handle and prefix, plus once-only lazy
// reads of the rest (the search part; details row by row or as a whole), and the atomic write of
// a new snapshot. Kept open so rows can be read after a newer snapshot has replaced the file.
import { mkdir, open, rename, writeFile, type FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { SNAPSHOT_FILE } from './index-log';
import {
  parseDetail, readSnapshotDetails, readSnapshotDetailsSection, readSnapshotPrefix, readSnapshotSearchPart,
  type SnapshotPrefix, type SnapshotSearchPart,
} from './index-snapshot';
import type { ThreadDetails } from './thread-table';

export class SnapshotFile {
  private details: Buffer | null = null;
  private searchPart: Promise<SnapshotSearchPart> | null = null;
  private allDetails: Promise<void> | null = null;

  private constructor(
    private readonly fh: FileHandle,
    readonly prefix: SnapshotPrefix,
  ) {}

  /** Opens the snapshot in `dir` and reads its prefix; throws ENOENT or SnapshotCorruptError. */
  static async open(dir: string): Promise<SnapshotFile> {
    const fh = await open(path.join(dir, SNAPSHOT_FILE), 'r');
    try {
      return new SnapshotFile(fh, await readSnapshotPrefix(fh));
    } catch (err) {
      await fh.close().catch(() => undefined);
      throw err;
    }
  }

  /** Rows in the snapshot (slot numbers below this are snapshot rows). */
  get rows(): number {
    return this.prefix.header.count;
  }

  /** File stamps and search texts (read once). */
  readSearchPart(): Promise<SnapshotSearchPart> {
    this.searchPart ??= readSnapshotSearchPart(this.fh, this.prefix);
    return this.searchPart;
  }

  /** Reads the whole details section once; afterwards every row is available synchronously. */
  loadAllDetails(): Promise<void> {
    this.allDetails ??= readSnapshotDetailsSection(this.fh, this.prefix).then((buf) => {
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

  /** Reads some rows' details straight from the file. Throws SnapshotCorruptError. */
  readDetails(rows: readonly number[]): Promise<Map<number, ThreadDetails>> {
    return readSnapshotDetails(this.fh, this.prefix, rows);
  }

  /** Waits for reads in flight, then closes the handle. */
  async close(): Promise<void> {
    await this.fh.close().catch(() => undefined);
  }
}

/** Replaces the snapshot in `dir` atomically (write a temporary file, then rename over). */
export async function writeSnapshotFile(dir: string, buf: Buffer): Promise<void> {
  await mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `${SNAPSHOT_FILE}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  await writeFile(tmp, buf);
  await rename(tmp, path.join(dir, SNAPSHOT_FILE));
}
