// Bench report rows for scenarios 5 (thread/list: store level and over JSON-RPC) and 6
// (fuzzyFileSearch: over JSON-RPC, or the library-level numbers from test/bench/fuzzy-search.bench.ts
// when our server does not answer the method yet).
import { cellOf, row, single, type Cell, type Row } from './bench-report';
import { type FuzzyRpcServerResult, type FuzzyRpcSizeResult } from './fuzzy-rpc.bench';
import { type ThreadListRpcResult } from './thread-list-rpc.bench';

/** What benchFuzzySearch() returns: per tree label, `{oneShot:{freshP50Ms,…}, session:{updateP50Ms,…}}`. */
export type FuzzyLibResult = Record<string, unknown>;

/** A number at a dotted path in an untyped result, if there is one. */
function num(obj: unknown, dotted: string): number | undefined {
  let cur: unknown = obj;
  for (const key of dotted.split('.')) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return typeof cur === 'number' && !Number.isNaN(cur) ? cur : undefined;
}

function libCell(lib: FuzzyLibResult | undefined, median: string, p95: string): Cell | null {
  const value = num(lib, median);
  if (value === undefined) return null;
  const p = num(lib, p95);
  return { value, ...(p !== undefined ? { p95: p } : {}), unit: 'ms', source: 'library' };
}

export function threadListRows(threads: number, store: Record<string, number> | undefined, rpc: Record<string, ThreadListRpcResult>, rows: Row[]): void {
  const k = threads >= 1000 ? `${threads / 1000}k` : String(threads);
  const ours = rpc.ours;
  const ref = rpc.reference;
  const ms10 = { kind: 'ms', max: 10 } as const;
  rows.push(row(`5. thread/list @${k}: first page right after a restart`, cellOf(ours?.restartFirstPage, 'ms', true), cellOf(ref?.restartFirstPage, 'ms', true), ms10, `${ours?.restartFirstPage.n ?? '?'} restarts; reference measured 196 ms on a first start`));
  rows.push(row(`5. thread/list @${k}: random pages right after the restart`, cellOf(ours?.pagesAfterRestart, 'ms', true), cellOf(ref?.pagesAfterRestart, 'ms', true), ms10, 'limit 25/50, both sort keys, some cwd filters, cursors followed 1–6 pages'));
  rows.push(row(`5. thread/list @${k}: random pages, idle server`, cellOf(ours?.warmPages, 'ms', true), cellOf(ref?.warmPages, 'ms', true), ms10, 'reference measured 59–71 ms warm'));
  const firstStart = (r: ThreadListRpcResult | undefined): Cell | null => (r ? single(r.firstStart.initializeMs + r.firstStart.firstPageMs) : null);
  const breakdown = (r: ThreadListRpcResult | undefined): string =>
    r ? `initialize ${r.firstStart.initializeMs} + first page ${r.firstStart.firstPageMs} ms, idle ${r.firstStart.settled ? 'after' : 'not within'} ${r.firstStart.settleMs} ms more` : 'n/a';
  rows.push(
    row(
      `5. thread/list @${k}: very first start → initialize + first page`,
      firstStart(ours),
      firstStart(ref),
      null,
      `no index / state DB yet, both build it from the rollouts once. Ours: ${breakdown(ours)}; reference: ${breakdown(ref)}`,
    ),
  );
  if (store) {
    const cell = (p50: string, p95: string | null, max: string): Cell | null =>
      store[p50] === undefined ? null : { value: store[p50]!, ...(p95 && store[p95] !== undefined ? { p95: store[p95] } : {}), max: store[max] ?? store[p50]!, unit: 'ms', source: 'library' };
    rows.push(row(`5. store (benchThreadList): fresh process open + first page`, cell('coldProcessFirstPageP50Ms', null, 'coldProcessFirstPageMaxMs'), null, ms10, 'median / max of 5 fresh processes'));
    rows.push(row(`5. store (benchThreadList): pages during start-up reconcile`, cell('pageDuringReconcileP50Ms', 'pageDuringReconcileP95Ms', 'pageDuringReconcileMaxMs'), null, ms10));
    rows.push(row(`5. store (benchThreadList): random pages after reconcile`, cell('pageP50Ms', 'pageP95Ms', 'pageMaxMs'), null, ms10));
  }
}

/** Ours over JSON-RPC when the server answers, else the library number (marked "(lib)"). */
function oursFuzzy(rpc: FuzzyRpcServerResult | undefined, pickRpc: (r: FuzzyRpcServerResult) => Cell | null, lib: Cell | null): Cell | null {
  if (rpc && !rpc.error) {
    const cell = pickRpc(rpc);
    if (cell) return cell;
  }
  return lib;
}

export function fuzzyRows(lib: FuzzyLibResult | undefined, rpc: Record<string, FuzzyRpcSizeResult> | undefined, rows: Row[]): void {
  const measured: Record<string, string> = { '100k': '136 ms', '10k': '24 ms' };
  for (const size of ['100k', '10k']) {
    const servers = rpc?.[size]?.servers;
    const ours = servers?.ours;
    const ref = servers?.reference;
    if (!servers && num(lib, `${size}.oneShot.freshP50Ms`) === undefined) continue;
    const fallback = ours?.unsupported || ours?.error ? ` Ours over JSON-RPC: ${ours.error ?? ours.unsupported}; library-level numbers shown.` : '';
    const refError = ref?.error ? ` Reference error: ${ref.error}` : '';
    rows.push(
      row(
        `6. fuzzyFileSearch one-shot, ${size} files`,
        oursFuzzy(ours, (r) => cellOf(r.oneShot), libCell(lib, `${size}.oneShot.freshP50Ms`, `${size}.oneShot.freshP95Ms`)),
        cellOf(ref?.oneShot),
        { kind: 'ratio', max: 0.5 },
        `reference measured ${measured[size]}; library = a fresh walk per call.${fallback}${refError}`,
      ),
    );
    rows.push(row(`6. … library, warm index cache, ${size}`, libCell(lib, `${size}.oneShot.cachedP50Ms`, `${size}.oneShot.cachedP95Ms`), cellOf(ref?.oneShot), null));
    rows.push(
      row(
        `6. fuzzy session update (keystroke → completed), ${size}`,
        oursFuzzy(ours, (r) => cellOf(r.session?.update), libCell(lib, `${size}.session.updateP50Ms`, `${size}.session.updateP95Ms`)),
        cellOf(ref?.session?.update),
        { kind: 'ratio', max: 1 },
        size === '100k' ? 'reference measured 6–13 ms' : undefined,
      ),
    );
    if (ours?.session || ref?.session) {
      rows.push(row(`6. fuzzy session: keystroke → first results, ${size}`, cellOf(ours?.session?.firstResults), cellOf(ref?.session?.firstResults), null));
    }
  }
}
