// Benchmark for thread/list over the persisted thread index: generates N realistic rollouts in a
// temporary CODEX_HOME, then measures index rebuild, cold open + first page, random pages (during
// the start-up reconcile and after it) and reconcile passes. Run: npx tsx test/bench/thread-list.bench.ts
// [--threads 10000] [--pages 100] [--base-instructions 2000]; prints one JSON object to stdout.
import { execFile } from 'node:child_process';
import { appendFile, mkdtemp, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ThreadIndex } from '../../server/threads/store/threadIndex';
import { seededRandom, writeSyntheticRollouts, type SyntheticThread } from '../support/rollout-fixtures';
import { ALL_SOURCE_KINDS } from '../../server/threads/store/rolloutTypes';
import type { ThreadListQuery } from '../../server/threads/store/threadQuery';

export interface ThreadListBenchOptions {
  /** Rollouts to generate. Default 10,000. */
  threads?: number;
  /** Timed random pages per phase. Default 100. */
  pages?: number;
  /** session_meta.base_instructions size per rollout (Codex writes ~21 KB). Default 2000. */
  baseInstructionChars?: number;
  /** Progress messages (stderr by default from the CLI). */
  log?: (message: string) => void;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const round = (n: number): number => Math.round(n * 1000) / 1000;

function randomQuery(rand: () => number, threads: SyntheticThread[]): ThreadListQuery {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const q: ThreadListQuery = {
    sortKey: pick(['created_at', 'updated_at'] as const),
    sortDirection: pick(['desc', 'asc'] as const),
    limit: pick([25, 25, 50, 100]),
  };
  switch (Math.floor(rand() * 7)) {
    case 0:
      break;
    case 1:
      q.modelProviders = [pick(threads).modelProvider];
      break;
    case 2:
      q.sourceKinds = pick([ALL_SOURCE_KINDS, ['exec'], ['subAgentReview', 'appServer']] as const);
      break;
    case 3:
      q.cwd = pick(threads).cwd;
      break;
    case 4:
      q.archived = true;
      break;
    case 5:
      q.searchTerm = pick(['flaky', 'migrate database', 'thread 1', 'nothing matches this']);
      break;
    default:
      q.cwd = [pick(threads).cwd, pick(threads).cwd];
      q.modelProviders = ['openai'];
      q.searchTerm = 'fix';
  }
  return q;
}

/** Times `pages` list calls: random queries, each followed for 1–5 pages via nextCursor. */
async function timePages(index: ThreadIndex, threads: SyntheticThread[], pages: number, seed: number): Promise<number[]> {
  const rand = seededRandom(seed);
  const times: number[] = [];
  while (times.length < pages) {
    const q = randomQuery(rand, threads);
    let cursor: string | null = null;
    const depth = 1 + Math.floor(rand() * 5);
    for (let d = 0; d < depth && times.length < pages; d++) {
      const t0 = performance.now();
      const page = await index.list({ ...q, cursor });
      times.push(performance.now() - t0);
      cursor = page.nextCursor;
      if (!cursor) break;
    }
  }
  return times;
}

function summarize(prefix: string, times: number[], out: Record<string, number>): void {
  const sorted = [...times].sort((a, b) => a - b);
  out[`${prefix}P50Ms`] = round(percentile(sorted, 50));
  out[`${prefix}P95Ms`] = round(percentile(sorted, 95));
  out[`${prefix}MaxMs`] = round(sorted[sorted.length - 1] ?? 0);
  out[`${prefix}Count`] = times.length;
}

/** In a fresh process (no warm JIT, nothing cached in-process): open the index and list page 1. */
async function coldProcessFirstPage(home: string): Promise<number> {
  const script = process.argv[1] && /thread-list\.bench\.[cm]?[jt]s$/.test(process.argv[1]) ? process.argv[1] : __filename;
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(process.execPath, [...process.execArgv, script, '--cold-child', home], (err, out) => (err ? reject(err) : resolve(out)));
  });
  const line = stdout.split('\n').find((l) => l.startsWith('{"ms"'));
  return line ? Number((JSON.parse(line) as { ms: number }).ms) : NaN;
}

async function coldChild(home: string): Promise<void> {
  const t0 = performance.now();
  const index = new ThreadIndex({ codexHome: home });
  void index.load();
  await index.list({});
  const ms = performance.now() - t0;
  await index.close();
  process.stdout.write(JSON.stringify({ ms }) + '\n');
}

export async function benchThreadList(opts: ThreadListBenchOptions = {}): Promise<Record<string, number>> {
  const n = opts.threads ?? 10_000;
  const pages = opts.pages ?? 100;
  const log = opts.log ?? ((): void => undefined);
  const home = await mkdtemp(path.join(tmpdir(), 'thread-list-bench-'));
  const out: Record<string, number> = { threads: n };
  try {
    let t0 = performance.now();
    const threads = await writeSyntheticRollouts(home, n, { baseInstructionChars: opts.baseInstructionChars ?? 2000 });
    out.generateMs = round(performance.now() - t0);
    log(`generated ${n} rollouts in ${out.generateMs} ms`);

    const builder = new ThreadIndex({ codexHome: home, reconcileAfterLoad: false });
    const built = await builder.load();
    out.rebuildMs = round(built.ms);
    await builder.close();
    log(`rebuilt the index in ${out.rebuildMs} ms`);

    const coldRuns: number[] = [];
    for (let i = 0; i < 5; i++) coldRuns.push(await coldProcessFirstPage(home));
    coldRuns.sort((a, b) => a - b);
    out.coldProcessFirstPageP50Ms = round(percentile(coldRuns, 50));
    out.coldProcessFirstPageMaxMs = round(coldRuns[coldRuns.length - 1]!);
    log(`fresh process: open + first page ${coldRuns.map(round).join(', ')} ms`);

    // Cold open in this process: a new instance, as right after the server starts; load is kicked
    // off at construction (as ThreadStore does) and the first list() waits for it.
    t0 = performance.now();
    const index = new ThreadIndex({ codexHome: home });
    void index.load();
    const first = await index.list({});
    out.coldOpenFirstPageMs = round(performance.now() - t0);
    out.coldLoadMs = round((await index.load()).ms);
    out.firstPageRows = first.data.length;
    t0 = performance.now();
    await index.list({ cursor: first.nextCursor });
    out.secondPageMs = round(performance.now() - t0);
    t0 = performance.now();
    await index.list({ searchTerm: 'flaky', sortKey: 'updated_at' });
    out.firstSearchPageMs = round(performance.now() - t0);
    log(`cold open + first page ${out.coldOpenFirstPageMs} ms`);

    summarize('pageDuringReconcile', await timePages(index, threads, pages, 1), out);
    const startup = await index.reconciled;
    out.startupReconcileMs = round(startup?.ms ?? -1);
    summarize('page', await timePages(index, threads, pages, 2), out);
    log(`pages p95 ${out.pageP95Ms} ms, max ${out.pageMaxMs} ms`);

    const unchanged = await index.reconcile();
    out.reconcileNoChangeMs = round(unchanged.ms);
    const changed = threads.slice(0, 100);
    await Promise.all(changed.map((t) => appendFile(t.path, JSON.stringify({ timestamp: new Date().toISOString(), type: 'event_msg', payload: { type: 'thread_name_updated', thread_name: `renamed ${t.id}` } }) + '\n')));
    await Promise.all(threads.slice(100, 150).map((t) => unlink(t.path)));
    await writeSyntheticRollouts(home, 100, { seed: 99, baseInstructionChars: opts.baseInstructionChars ?? 2000 });
    const withChanges = await index.reconcile();
    out.reconcileWithChangesMs = round(withChanges.ms);
    out.reconcileAdded = withChanges.added;
    out.reconcileUpdated = withChanges.updated;
    out.reconcileRemoved = withChanges.removed;
    t0 = performance.now();
    await index.compact();
    out.snapshotWriteMs = round(performance.now() - t0);
    await index.close();
    out.pagesOver10Ms = [out.coldProcessFirstPageMaxMs, out.coldOpenFirstPageMs, out.secondPageMs, out.firstSearchPageMs, out.pageDuringReconcileMaxMs, out.pageMaxMs].filter((x) => x! > 10).length;
    return out;
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

function argValue(name: string): number | undefined {
  const i = process.argv.indexOf(name);
  return i !== -1 && process.argv[i + 1] ? Number(process.argv[i + 1]) : undefined;
}

const coldChildAt = process.argv.indexOf('--cold-child');
if (coldChildAt !== -1) {
  void coldChild(process.argv[coldChildAt + 1]!);
} else if (process.argv[1] && /thread-list\.bench\.[cm]?[jt]s$/.test(process.argv[1])) {
  benchThreadList({
    threads: argValue('--threads'),
    pages: argValue('--pages'),
    baseInstructionChars: argValue('--base-instructions'),
    log: (m) => process.stderr.write(`${m}\n`),
  }).then(
    (result) => process.stdout.write(JSON.stringify(result, null, 2) + '\n'),
    (err: unknown) => {
      process.stderr.write(`${String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
