// The thread index snapshot file: a compact binary image of ThreadTable designed for a cheap cold
// start. The "prefix" (sort/filter columns as little-endian typed arrays, plus ids) is all a first
// thread/list needs and is read in one go; the "body" (file stamps, search texts, per-thread details
// as JSON) follows and is read later or row by row. CRC32s over prefix and body let a torn or
// corrupted file be detected (and then rebuilt from the rollouts).
import { crc32 } from 'node:zlib';
import { endianness } from 'node:os';
import { FLAG_DELETED, ID_CHARS, type SnapshotColumns, type ThreadDetails, type ThreadTable } from './threadTable';

const MAGIC = Buffer.from('CXTIDX\u0000\u0002', 'latin1');
/** magic(8) headerLen(4) count(4) prefixCrc(4) searchPartCrc(4) prefixBytes(4) detailsCrc(4) */
const FIXED = 32;
export const SNAPSHOT_VERSION = 2;

export interface SnapshotHeader {
  version: number;
  /** Name of the append log that continues this snapshot. */
  logName: string;
  strings: string[];
  count: number;
  prefixBytes: number;
  /** After the prefix: the search part (stamp columns, search offsets, search texts), then details. */
  bodyColumnBytes: number;
  searchBytes: number;
  detailBytes: number;
  writtenAt: number;
}

/** Everything the prefix holds: enough to filter, sort and page without the body. */
export interface SnapshotPrefix {
  header: SnapshotHeader;
  cols: SnapshotColumns;
  updatedOrder: Uint32Array;
  /** Byte offsets of each row's details within the details section (count + 1 entries). */
  detailOff: Uint32Array;
  /** Absolute file offset of the details section. */
  detailsStart: number;
  searchPartCrc: number;
  detailsCrc: number;
}

/** The search part: file stamps (for reconcile) and the texts searchTerm matches. */
export interface SnapshotSearchPart {
  size: Float64Array;
  mtime: Float64Array;
  scanned: Float64Array;
  search: string[];
}

export class SnapshotCorruptError extends Error {}

const align8 = (n: number): number => (n + 7) & ~7;

function concatAligned(parts: Buffer[]): Buffer {
  const out = Buffer.alloc(parts.reduce((sum, b) => sum + align8(b.length), 0));
  let p = 0;
  for (const b of parts) {
    b.copy(out, p);
    p += align8(b.length);
  }
  return out;
}

/** Serialises the live rows of a table, in created order. Needs every row's details and search. */
export function encodeSnapshot(table: ThreadTable, logName: string, rawDetail: (slot: number) => Buffer | ThreadDetails): Buffer {
  const rows: number[] = [];
  const order = table.byCreated;
  for (let i = 0; i < table.live; i++) if (!(table.flags[order[i]!]! & FLAG_DELETED)) rows.push(order[i]!);
  const n = rows.length;
  const rowOf = new Map<number, number>(rows.map((slot, row) => [slot, row]));
  const f64 = (col: Float64Array): Buffer => Buffer.from(Float64Array.from(rows, (s) => col[s]!).buffer);
  const u32 = (col: Uint32Array): Buffer => Buffer.from(Uint32Array.from(rows, (s) => col[s]!).buffer);
  const u8 = (col: Uint8Array): Buffer => Buffer.from(Uint8Array.from(rows, (s) => col[s]!));
  const updatedOrder = new Uint32Array(n);
  for (let i = 0; i < n; i++) updatedOrder[i] = rowOf.get(table.byUpdated[i]!)!;
  const searchParts: Buffer[] = [];
  const detailParts: Buffer[] = [];
  const searchOff = new Uint32Array(n + 1);
  const detailOff = new Uint32Array(n + 1);
  rows.forEach((slot, row) => {
    const search = Buffer.from(table.search[slot] ?? '', 'utf8');
    const raw = rawDetail(slot);
    const detail = Buffer.isBuffer(raw) ? raw : Buffer.from(JSON.stringify(raw), 'utf8');
    searchParts.push(search);
    detailParts.push(detail);
    searchOff[row + 1] = searchOff[row]! + search.length;
    detailOff[row + 1] = detailOff[row]! + detail.length;
  });
  const ids = Buffer.from(rows.map((s) => table.id(s)).join(''), 'latin1');
  if (ids.length !== n * ID_CHARS) throw new Error('thread ids must be 36-character UUIDs');
  const columns = concatAligned([
    f64(table.created), f64(table.updated), u32(table.provider), u32(table.cwd), Buffer.from(updatedOrder.buffer),
    Buffer.from(detailOff.buffer), u8(table.flags), u8(table.kind), ids,
  ]);
  const bodyColumns = concatAligned([f64(table.size), f64(table.mtime), f64(table.scanned), Buffer.from(searchOff.buffer)]);
  const search = Buffer.concat(searchParts);
  const details = Buffer.concat(detailParts);
  const headerJson = Buffer.from(JSON.stringify({
    version: SNAPSHOT_VERSION, logName, strings: table.strings, count: n,
    prefixBytes: 0, bodyColumnBytes: bodyColumns.length, searchBytes: search.length, detailBytes: details.length, writtenAt: Date.now(),
  } satisfies SnapshotHeader), 'utf8');
  // prefixBytes lives in the header it measures: reserve room for its digits, pad with spaces.
  const headerLen = align8(headerJson.length + 12);
  const prefixBytes = FIXED + headerLen + columns.length;
  const header = Buffer.alloc(headerLen, 0x20);
  Buffer.from(headerJson.toString('utf8').replace('"prefixBytes":0', `"prefixBytes":${prefixBytes}`), 'utf8').copy(header);
  const fixed = Buffer.alloc(FIXED);
  MAGIC.copy(fixed, 0);
  fixed.writeUInt32LE(headerLen, 8);
  fixed.writeUInt32LE(n, 12);
  fixed.writeUInt32LE(crc32(columns, crc32(header)), 16);
  fixed.writeUInt32LE(crc32(search, crc32(bodyColumns)), 20);
  fixed.writeUInt32LE(prefixBytes, 24);
  fixed.writeUInt32LE(crc32(details), 28);
  return Buffer.concat([fixed, header, columns, bodyColumns, search, details]);
}

/** Positional reads of an open snapshot file: synchronous for what a request waits on, async for bulk. */
export interface SnapshotReader {
  readSync(buf: Uint8Array, offset: number, length: number, position: number): number;
  read(buf: Uint8Array, offset: number, length: number, position: number): Promise<number>;
}

/** The first read at start-up; the prefix of a snapshot of up to ~900 threads fits in it. */
const FIRST_READ = 64 * 1024;

/**
 * Reads and checks the prefix of a snapshot file, synchronously: the first thread/list waits on
 * it, and two reads from the page cache cost less than thread-pool round trips (whose wake-ups
 * are what a loaded machine delays). Columns are views into the one buffer read (the layout keeps
 * them 8-byte aligned), not copies. Throws SnapshotCorruptError if the prefix is unusable.
 */
export function readSnapshotPrefix(file: SnapshotReader): SnapshotPrefix {
  if (endianness() !== 'LE') throw new SnapshotCorruptError('snapshot columns are little-endian');
  let buf = Buffer.from(new ArrayBuffer(FIRST_READ));
  let bytesRead = file.readSync(buf, 0, buf.length, 0);
  if (bytesRead < FIXED || !buf.subarray(0, 8).equals(MAGIC)) throw new SnapshotCorruptError('bad snapshot magic');
  const headerLen = buf.readUInt32LE(8);
  const prefixBytes = buf.readUInt32LE(24);
  if (prefixBytes < FIXED + headerLen) throw new SnapshotCorruptError('bad snapshot prefix length');
  if (prefixBytes > bytesRead) {
    const bigger = Buffer.from(new ArrayBuffer(prefixBytes));
    buf.copy(bigger, 0, 0, bytesRead);
    bytesRead += file.readSync(bigger, bytesRead, prefixBytes - bytesRead, bytesRead);
    buf = bigger;
  }
  if (bytesRead < prefixBytes) throw new SnapshotCorruptError('snapshot truncated');
  if (crc32(buf.subarray(FIXED, prefixBytes)) !== buf.readUInt32LE(16)) throw new SnapshotCorruptError('snapshot checksum mismatch');
  let header: SnapshotHeader;
  try {
    header = JSON.parse(buf.toString('utf8', FIXED, FIXED + headerLen)) as SnapshotHeader;
  } catch {
    throw new SnapshotCorruptError('bad snapshot header');
  }
  if (header.version !== SNAPSHOT_VERSION || header.prefixBytes !== prefixBytes) throw new SnapshotCorruptError('snapshot version mismatch');
  const n = header.count;
  let p = FIXED + headerLen;
  const take = <T extends Float64Array | Uint32Array | Uint8Array>(ctor: TypedArrayCtor<T>, len: number): T => {
    const arr = columnAt(buf, p, ctor, len);
    p += align8(len * ctor.BYTES_PER_ELEMENT);
    return arr;
  };
  const created = take(Float64Array, n);
  const updated = take(Float64Array, n);
  const provider = take(Uint32Array, n);
  const cwd = take(Uint32Array, n);
  const updatedOrder = take(Uint32Array, n);
  const detailOff = take(Uint32Array, n + 1);
  const flags = take(Uint8Array, n);
  const kind = take(Uint8Array, n);
  const idBlob = buf.toString('latin1', p, p + n * ID_CHARS);
  return {
    header,
    cols: { count: n, idBlob, created, updated, flags, kind, provider, cwd, strings: header.strings },
    updatedOrder,
    detailOff,
    detailsStart: prefixBytes + header.bodyColumnBytes + header.searchBytes,
    searchPartCrc: buf.readUInt32LE(20),
    detailsCrc: buf.readUInt32LE(28),
  };
}

interface TypedArrayCtor<T> {
  new (len: number): T;
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): T;
  readonly BYTES_PER_ELEMENT: number;
}

/** A typed array over `len` elements at `p` in `buf`: a view when aligned, else a copy. */
function columnAt<T extends Float64Array | Uint32Array | Uint8Array>(buf: Buffer, p: number, ctor: TypedArrayCtor<T>, len: number): T {
  const bytes = len * ctor.BYTES_PER_ELEMENT;
  if (p + bytes > buf.length) throw new SnapshotCorruptError('snapshot column out of range');
  const at = buf.byteOffset + p;
  if (at % ctor.BYTES_PER_ELEMENT === 0) return new ctor(buf.buffer, at, len);
  const arr = new ctor(len);
  new Uint8Array(arr.buffer).set(buf.subarray(p, p + bytes));
  return arr;
}

/** Reads the search part (file stamps and search texts) and checks its CRC. */
export async function readSnapshotSearchPart(file: SnapshotReader, prefix: SnapshotPrefix): Promise<SnapshotSearchPart> {
  const { prefixBytes, bodyColumnBytes, searchBytes, count: n } = prefix.header;
  const buf = Buffer.from(new ArrayBuffer(bodyColumnBytes + searchBytes));
  const bytesRead = buf.length > 0 ? await file.read(buf, 0, buf.length, prefixBytes) : 0;
  if (bytesRead !== buf.length || crc32(buf) !== prefix.searchPartCrc) throw new SnapshotCorruptError('snapshot search checksum mismatch');
  let p = 0;
  const take = <T extends Float64Array | Uint32Array>(ctor: TypedArrayCtor<T>, len: number): T => {
    const arr = columnAt(buf, p, ctor, len);
    p += align8(len * ctor.BYTES_PER_ELEMENT);
    return arr;
  };
  const size = take(Float64Array, n);
  const mtime = take(Float64Array, n);
  const scanned = take(Float64Array, n);
  const searchOff = take(Uint32Array, n + 1);
  const searchText = buf.toString('utf8', bodyColumnBytes);
  // Offsets are bytes; when the text is pure ASCII they are also character offsets.
  const ascii = searchText.length === searchBytes;
  const search = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const a = searchOff[i]!;
    const b = searchOff[i + 1]!;
    search[i] = ascii ? searchText.substring(a, b) : buf.toString('utf8', bodyColumnBytes + a, bodyColumnBytes + b);
  }
  return { size, mtime, scanned, search };
}

/** Reads the whole details section (needed to write the next snapshot) and checks its CRC. */
export async function readSnapshotDetailsSection(file: SnapshotReader, prefix: SnapshotPrefix): Promise<Buffer> {
  const buf = Buffer.allocUnsafe(prefix.header.detailBytes);
  const bytesRead = buf.length > 0 ? await file.read(buf, 0, buf.length, prefix.detailsStart) : 0;
  if (bytesRead !== buf.length || crc32(buf) !== prefix.detailsCrc) throw new SnapshotCorruptError('snapshot details checksum mismatch');
  return buf;
}

/**
 * Reads the details of several rows (a page's) straight from the file, synchronously and
 * coalescing nearby rows into one read: a few KB from the page cache, so a page never queues
 * behind reconcile's stats in the thread pool.
 */
export function readSnapshotDetails(file: SnapshotReader, prefix: SnapshotPrefix, rows: readonly number[]): Map<number, ThreadDetails> {
  const off = prefix.detailOff;
  const sorted = [...rows].sort((a, b) => off[a]! - off[b]!);
  const groups: number[][] = [];
  for (const row of sorted) {
    const g = groups[groups.length - 1];
    if (g && off[row]! - off[g[g.length - 1]! + 1]! < 16 * 1024) g.push(row);
    else groups.push([row]);
  }
  const out = new Map<number, ThreadDetails>();
  for (const g of groups) {
    const start = off[g[0]!]!;
    const buf = Buffer.allocUnsafe(off[g[g.length - 1]! + 1]! - start);
    const bytesRead = file.readSync(buf, 0, buf.length, prefix.detailsStart + start);
    if (bytesRead !== buf.length) throw new SnapshotCorruptError('snapshot details truncated');
    for (const row of g) out.set(row, parseDetail(buf.subarray(off[row]! - start, off[row + 1]! - start)));
  }
  return out;
}

export function parseDetail(buf: Buffer): ThreadDetails {
  try {
    return JSON.parse(buf.toString('utf8')) as ThreadDetails;
  } catch {
    throw new SnapshotCorruptError('bad details record in snapshot');
  }
}
