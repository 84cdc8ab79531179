// thread/list over a ThreadTable: parameter defaults (as Codex), filters, and keyset pagination.
// A cursor is the (sort value, id) of the last row handed out, so pages stay gap- and
// duplicate-free while other threads are inserted, and a cursor survives restarts.
import { ALL_SOURCE_KINDS, INTERACTIVE_SOURCE_KINDS, type ThreadSourceKind } from './rolloutTypes';
import { FLAG_ARCHIVED, type SortKey, type ThreadTable } from './threadTable';

export type SortDirection = 'asc' | 'desc';

/** thread/list parameters the store understands (the v2 ThreadListParams subset it can serve). */
export interface ThreadListQuery {
  /** From a previous page's nextCursor (same direction) or backwardsCursor (opposite direction). */
  cursor?: string | null;
  /** Page size; default 25, clamped to 1..1000. */
  limit?: number | null;
  /** Default 'created_at'. */
  sortKey?: SortKey | null;
  /** Default 'desc' (newest first). */
  sortDirection?: SortDirection | null;
  /** Only these providers; omitted or empty means all. */
  modelProviders?: readonly string[] | null;
  /** Only these source kinds; omitted or empty means INTERACTIVE_SOURCE_KINDS (cli, vscode). */
  sourceKinds?: readonly ThreadSourceKind[] | null;
  /** true: only archived threads; false/omitted: only active ones. */
  archived?: boolean | null;
  /** Exact cwd match against one or any of several paths. */
  cwd?: string | readonly string[] | null;
  /** Case-insensitive substring of the thread's name or preview. */
  searchTerm?: string | null;
  /** Ids to leave out before the limit applies. */
  excludedThreadIds?: readonly string[] | null;
}

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 1000;

export class InvalidCursorError extends Error {
  constructor(message = 'invalid cursor') {
    super(message);
  }
}

interface CursorValue {
  sortKey: SortKey;
  value: number;
  id: string;
}

export function encodeCursor(c: CursorValue): string {
  const k = c.sortKey === 'created_at' ? 'c' : 'u';
  return Buffer.from(JSON.stringify([k, c.value, c.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, sortKey: SortKey): CursorValue {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw new InvalidCursorError();
  const [k, value, id] = parsed as unknown[];
  if ((k !== 'c' && k !== 'u') || typeof value !== 'number' || !Number.isFinite(value) || typeof id !== 'string') {
    throw new InvalidCursorError();
  }
  const key: SortKey = k === 'c' ? 'created_at' : 'updated_at';
  if (key !== sortKey) throw new InvalidCursorError(`cursor was made for sortKey ${key}`);
  return { sortKey: key, value, id };
}

export interface PageSlots {
  slots: number[];
  nextCursor: string | null;
  backwardsCursor: string | null;
}

/** True when the query needs search texts (which load after the rest of the index). */
export function needsSearch(q: ThreadListQuery): boolean {
  return typeof q.searchTerm === 'string' && q.searchTerm.length > 0;
}

/** Picks one page of slots. Cost: O(log n) seek plus one pass over rows until the page fills. */
export function selectPage(table: ThreadTable, q: ThreadListQuery): PageSlots {
  const sortKey: SortKey = q.sortKey ?? 'created_at';
  const desc = (q.sortDirection ?? 'desc') === 'desc';
  const limit = Math.min(Math.max(Math.floor(q.limit ?? DEFAULT_PAGE_SIZE), 1), MAX_PAGE_SIZE);
  const match = buildFilter(table, q);
  const order = table.order(sortKey);
  const col = table.keyColumn(sortKey);
  const len = table.live;

  let pos: number;
  if (q.cursor) {
    const c = decodeCursor(q.cursor, sortKey);
    const lb = table.lowerBound(sortKey, c.value, c.id);
    if (desc) pos = lb - 1;
    else {
      const s = order[lb];
      pos = s !== undefined && lb < len && col[s] === c.value && table.id(s) === c.id ? lb + 1 : lb;
    }
  } else pos = desc ? len - 1 : 0;

  const step = desc ? -1 : 1;
  const slots: number[] = [];
  let more = false;
  for (; pos >= 0 && pos < len; pos += step) {
    const s = order[pos]!;
    if (!match(s)) continue;
    if (slots.length === limit) {
      more = true;
      break;
    }
    slots.push(s);
  }
  const cursorAt = (s: number): string => encodeCursor({ sortKey, value: col[s]!, id: table.id(s) });
  return {
    slots,
    nextCursor: more ? cursorAt(slots[slots.length - 1]!) : null,
    backwardsCursor: slots.length > 0 ? cursorAt(slots[0]!) : null,
  };
}

function indexSet(table: ThreadTable, values: readonly string[]): Set<number> {
  const set = new Set<number>();
  for (const v of values) {
    const i = table.strings.indexOf(v);
    if (i !== -1) set.add(i);
  }
  return set;
}

function buildFilter(table: ThreadTable, q: ThreadListQuery): (slot: number) => boolean {
  const wantArchived = q.archived === true ? FLAG_ARCHIVED : 0;
  const providers = q.modelProviders && q.modelProviders.length > 0 ? indexSet(table, q.modelProviders) : null;
  const cwdList = q.cwd === undefined || q.cwd === null ? null : typeof q.cwd === 'string' ? [q.cwd] : q.cwd;
  const cwds = cwdList ? indexSet(table, cwdList) : null;
  const kinds = new Set<ThreadSourceKind>(q.sourceKinds && q.sourceKinds.length > 0 ? q.sourceKinds : INTERACTIVE_SOURCE_KINDS);
  // Source kinds are stored as indexes into ALL_SOURCE_KINDS: a byte lookup per row.
  const kindOk = Uint8Array.from(ALL_SOURCE_KINDS, (k) => (kinds.has(k) ? 1 : 0));
  const excluded = q.excludedThreadIds && q.excludedThreadIds.length > 0 ? new Set(q.excludedThreadIds.map((s) => s.toLowerCase())) : null;
  const term = needsSearch(q) ? q.searchTerm!.toLowerCase() : null;
  const { flags, provider, cwd, kind, search } = table;
  return (s) =>
    (flags[s]! & FLAG_ARCHIVED) === wantArchived &&
    kindOk[kind[s]!] === 1 &&
    (providers === null || providers.has(provider[s]!)) &&
    (cwds === null || cwds.has(cwd[s]!)) &&
    (excluded === null || !excluded.has(table.id(s))) &&
    (term === null || (search[s] ?? '').includes(term));
}
