// Reading rollout files: a chunked byte-level line scanner (shared by the index, fork and tail
// reads) and readRollout(), which returns typed lines plus warnings and never throws for bad content.
import { open } from 'node:fs/promises';
import {
  ROLLOUT_LINE_TYPES,
  type RolloutLine,
  type RolloutLineType,
  type RolloutWarning,
} from './rolloutTypes';

const CHUNK_BYTES = 256 * 1024;
const NEWLINE = 0x0a;

export interface ScanOptions {
  /** Byte offset to start at (must be the start of a line); line numbers then count from here. */
  fromOffset?: number;
}

export interface ScanResult {
  /** Offset just past the last newline-terminated line: where a later tail read should resume. */
  completeBytes: number;
  /** File size seen by the scan. */
  totalBytes: number;
  /** Lines delivered, including an unterminated last one. */
  lineCount: number;
  /** True if the file ended with bytes after the last newline (a torn or unterminated line). */
  unterminatedTail: boolean;
}

/**
 * Calls onLine for every non-empty line, in order. `line` is a view into a reused buffer, valid
 * only during the call (copy it to keep it). `terminated` is false for a last line without '\n'.
 * Returning false from onLine stops the scan early.
 */
export async function scanRolloutLines(
  filePath: string,
  onLine: (line: Buffer, lineNo: number, terminated: boolean) => boolean | void,
  options: ScanOptions = {},
): Promise<ScanResult> {
  const fh = await open(filePath, 'r');
  try {
    let position = options.fromOffset ?? 0;
    let completeBytes = position;
    let lineNo = 0;
    let carry: Buffer | null = null;
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    for (;;) {
      const { bytesRead } = await fh.read(chunk, 0, CHUNK_BYTES, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      const data: Buffer = carry ? Buffer.concat([carry, chunk.subarray(0, bytesRead)]) : chunk.subarray(0, bytesRead);
      let start = 0;
      let nl = data.indexOf(NEWLINE, start);
      while (nl !== -1) {
        lineNo++;
        completeBytes += nl + 1 - start;
        if (nl > start && !isBlank(data, start, nl) && onLine(data.subarray(start, nl), lineNo, true) === false) {
          return { completeBytes, totalBytes: position, lineCount: lineNo, unterminatedTail: false };
        }
        start = nl + 1;
        nl = data.indexOf(NEWLINE, start);
      }
      // Copy the partial line: `chunk` is reused by the next read.
      carry = start < data.length ? Buffer.from(data.subarray(start)) : null;
    }
    let unterminatedTail = false;
    if (carry && !isBlank(carry, 0, carry.length)) {
      lineNo++;
      unterminatedTail = true;
      onLine(carry, lineNo, false);
    }
    return { completeBytes, totalBytes: position, lineCount: lineNo, unterminatedTail };
  } finally {
    await fh.close();
  }
}

function isBlank(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = buf[i];
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return false;
  }
  return true;
}

const KNOWN_TYPES = new Set<string>(ROLLOUT_LINE_TYPES);

export type ParsedLine =
  | { ok: true; line: RolloutLine }
  | { ok: false; kind: 'malformed-line' | 'unknown-type'; message: string };

/** Parses and shape-checks one line of text (no trailing newline). */
export function parseRolloutLine(text: string): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, kind: 'malformed-line', message: `invalid JSON: ${(err as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, kind: 'malformed-line', message: 'not a JSON object' };
  }
  const rec = value as Record<string, unknown>;
  if (typeof rec.type !== 'string') return { ok: false, kind: 'malformed-line', message: 'missing "type"' };
  const payload = rec.payload;
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return { ok: false, kind: 'malformed-line', message: 'missing or non-object "payload"' };
  }
  if (!KNOWN_TYPES.has(rec.type)) {
    return { ok: false, kind: 'unknown-type', message: `unknown line type "${rec.type}"` };
  }
  if (typeof rec.timestamp !== 'string') rec.timestamp = '';
  if (rec.ordinal !== undefined && typeof rec.ordinal !== 'number') delete rec.ordinal;
  const needsPayloadType: RolloutLineType[] = ['response_item', 'event_msg'];
  if (needsPayloadType.includes(rec.type as RolloutLineType) && typeof (payload as { type?: unknown }).type !== 'string') {
    return { ok: false, kind: 'malformed-line', message: `${rec.type} payload without "type"` };
  }
  if (rec.type === 'session_meta' && typeof (payload as { id?: unknown }).id !== 'string') {
    return { ok: false, kind: 'malformed-line', message: 'session_meta payload without "id"' };
  }
  return { ok: true, line: value as RolloutLine };
}

export interface ReadRolloutResult {
  lines: RolloutLine[];
  warnings: RolloutWarning[];
}

/**
 * Reads a whole rollout. Bad lines are skipped and reported: an unparsable last line as
 * 'torn-last-line' (a crash mid-append), one elsewhere as 'malformed-line' with its line number,
 * and lines of a type this store does not know as 'unknown-type'. Throws only for I/O errors
 * (e.g. the file does not exist).
 */
export async function readRollout(filePath: string): Promise<ReadRolloutResult> {
  const lines: RolloutLine[] = [];
  const warnings: RolloutWarning[] = [];
  // A failure is only known to be "last" once the scan ends, so hold it back one line.
  let pendingFailure: RolloutWarning | null = null;
  await scanRolloutLines(filePath, (buf, lineNo) => {
    if (pendingFailure) warnings.push(pendingFailure);
    pendingFailure = null;
    const parsed = parseRolloutLine(buf.toString('utf8'));
    if (parsed.ok) lines.push(parsed.line);
    else if (parsed.kind === 'unknown-type') warnings.push({ line: lineNo, kind: parsed.kind, message: parsed.message });
    else pendingFailure = { line: lineNo, kind: 'malformed-line', message: parsed.message };
  });
  // Still pending at the end: it was the last non-blank line, the one a crash can tear.
  const last = pendingFailure as RolloutWarning | null;
  if (last) warnings.push({ ...last, kind: 'torn-last-line', message: `skipped torn last line: ${last.message}` });
  return { lines, warnings };
}

/** The `ordinal` the next appended line should get (last good line's ordinal + 1, else line count). */
export async function nextOrdinalOf(filePath: string): Promise<number> {
  const { lines } = await readRollout(filePath);
  let next = lines.length;
  const last = lines[lines.length - 1];
  if (last && typeof last.ordinal === 'number') next = Math.max(next, last.ordinal + 1);
  return next;
}
