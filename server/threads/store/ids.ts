// Thread ids: RFC 9562 UUIDv7 (48-bit Unix-ms timestamp, version 7, variant 10xx), like Codex's
// thread ids. Ids made by one process sort in creation order, even within the same millisecond.
import { randomFillSync } from 'node:crypto';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const MAX_BACKSTEP_MS = 10_000;
let lastMs = -1;
let lastCounter = 0;
const random = new Uint8Array(10);

/**
 * A new UUIDv7. The 12-bit `rand_a` field is a counter seeded randomly each millisecond (RFC 9562
 * §6.2 method 1), so ids from one process are strictly increasing; if the counter overflows or the
 * clock steps back a little (up to MAX_BACKSTEP_MS, e.g. an NTP adjustment), the previous timestamp
 * is reused or advanced by 1 ms rather than giving up ordering. A bigger step back is believed, so
 * one bogus future time cannot pin every later id to it.
 */
export function uuidv7(nowMs: number = Date.now()): string {
  randomFillSync(random);
  let ms = Math.max(Math.floor(nowMs), 0);
  let counter: number;
  if (ms > lastMs || lastMs - ms > MAX_BACKSTEP_MS) {
    // Seed with the top bit clear so a burst in one millisecond has room (2048+) before overflowing.
    counter = ((random[0]! << 8) | random[1]!) & 0x7ff;
  } else {
    ms = lastMs;
    counter = lastCounter + 1;
    if (counter > 0xfff) {
      ms = lastMs + 1;
      counter = ((random[0]! << 8) | random[1]!) & 0x7ff;
    }
  }
  lastMs = ms;
  lastCounter = counter;
  return format(ms, counter);
}

/**
 * A UUIDv7 for an arbitrary (e.g. past) time, outside the monotonic sequence: for importing or
 * generating threads whose creation time is not "now".
 */
export function uuidv7ForTime(ms: number): string {
  randomFillSync(random);
  return format(Math.max(Math.floor(ms), 0), ((random[0]! << 8) | random[1]!) & 0xfff);
}

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');

function format(ms: number, counter: number): string {
  const timeHex = hex(ms, 12);
  const variantHi = 0x80 | (random[2]! & 0x3f);
  let tail = hex(variantHi, 2) + hex(random[3]!, 2) + '-';
  for (let i = 4; i < 10; i++) tail += hex(random[i]!, 2);
  return `${timeHex.slice(0, 8)}-${timeHex.slice(8, 12)}-7${hex(counter, 3)}-${tail}`;
}

/** True for a canonical lower-case UUID string (any version). */
export function isUuid(value: string): boolean {
  return UUID_RE.test(value);
}

/** The creation time (Unix ms) encoded in a UUIDv7, or null for other ids. */
export function uuidv7Time(id: string): number | null {
  if (!isUuid(id) || id[14] !== '7') return null;
  return parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}
