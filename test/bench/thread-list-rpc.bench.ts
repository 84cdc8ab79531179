// Bench scenario 5 over JSON-RPC: thread/list at N (10k) stored threads, for our server and the
// real Codex on identical copies of one generated CODEX_HOME (rollouts written the way Codex writes
// them, by the thread store's synthetic generator: session_meta with ~21 KB of base instructions,
// source "vscode", provider "mock", a user message, an agent reply, event lines). Per server: a
// first start on the home (no index / state DB yet), then restarts: the first page right after
// each, random page walks straight away (during any start-up work), and again once the server is idle.
import { execFileSync } from 'node:child_process';
import { writeSyntheticRollouts } from '../support/rollout-fixtures';
import { type MockModel } from '../support/mock-model';
import { BenchClient, type Json, type ServerSpec } from './bench-client';
import { log, makeHome, prng, round, stats, tempDir, type Stats } from './bench-util';

export interface ThreadListRpcOptions {
  threads: number;
  /** session_meta base instructions per rollout (Codex writes ~21 KB). */
  baseInstructionChars: number;
  /** Timed pages per walk phase. */
  pages: number;
  /** Longest wait for a server to finish its start-up work. */
  idleMaxMs: number;
}

export interface ThreadListRpcResult {
  /** First start on the copied home: no index / state database exists yet. */
  firstStart: { initializeMs: number; firstPageMs: number; rows: number; settleMs: number; settled: boolean };
  /** Restarts on the same home: the first thread/list right after initialize, one per restart. */
  restartFirstPage: Stats;
  /** Random pages straight after the restart (during start-up reconcile/backfill, if any). */
  pagesAfterRestart: Stats;
  restartSettleMs: number;
  /** Random pages once the server is idle. */
  warmPages: Stats;
  /** Every timed page after the restart, first page included. */
  allRestartPages: Stats;
  emptyFirstPages: number;
}

/** Restarts after the first start; each one's first page is timed, the walks run after the last. */
const RESTARTS = 3;
const CWDS = Array.from({ length: 20 }, (_, i) => `/home/dev/projects/project-${i}`);

/** Random walks: a query (sort key, limit 25/50, sometimes a cwd filter) followed for 1–6 pages. */
async function walkPages(client: BenchClient, pages: number, seed: number): Promise<{ times: number[]; emptyFirstPages: number }> {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const times: number[] = [];
  let emptyFirstPages = 0;
  while (times.length < pages) {
    const query: Json = { limit: pick([25, 50]), sortKey: pick(['created_at', 'updated_at']) };
    if (rand() < 0.3) query.cwd = pick(CWDS);
    const depth = 1 + Math.floor(rand() * 6);
    let cursor: string | null = null;
    for (let d = 0; d < depth && times.length < pages; d++) {
      const page = await client.request('thread/list', { ...query, cursor });
      times.push(page.ms);
      if (d === 0 && (page.value.data as unknown[]).length === 0) emptyFirstPages++;
      cursor = (page.value.nextCursor as string | null | undefined) ?? null;
      if (!cursor) break;
    }
  }
  return { times, emptyFirstPages };
}

async function benchOne(spec: ServerSpec, home: string, workspace: string, opts: ThreadListRpcOptions): Promise<ThreadListRpcResult> {
  let client = new BenchClient(spec, home, workspace);
  let firstStart: ThreadListRpcResult['firstStart'];
  try {
    const init = await client.initialize();
    const first = await client.request('thread/list', { limit: 25 });
    const idle = await client.waitForIdle(opts.idleMaxMs);
    firstStart = {
      initializeMs: round(init.at - client.spawnedAt),
      firstPageMs: round(first.ms),
      rows: (first.value.data as unknown[]).length,
      settleMs: round(idle.ms),
      settled: idle.settled,
    };
  } finally {
    await client.close(30_000);
  }
  const firstPages: number[] = [];
  for (let restart = 1; restart < RESTARTS; restart++) {
    client = new BenchClient(spec, home, workspace);
    try {
      await client.initialize();
      firstPages.push((await client.request('thread/list', { limit: 25 })).ms);
    } finally {
      await client.close(30_000);
    }
  }
  client = new BenchClient(spec, home, workspace);
  try {
    await client.initialize();
    const first = await client.request('thread/list', { limit: 25 });
    firstPages.push(first.ms);
    const during = await walkPages(client, opts.pages, 7);
    const idle = await client.waitForIdle(opts.idleMaxMs);
    const warm = await walkPages(client, opts.pages, 8);
    return {
      firstStart,
      restartFirstPage: stats(firstPages),
      pagesAfterRestart: stats(during.times),
      restartSettleMs: round(idle.ms),
      warmPages: stats(warm.times),
      allRestartPages: stats([...firstPages, ...during.times, ...warm.times]),
      emptyFirstPages: during.emptyFirstPages + warm.emptyFirstPages,
    };
  } finally {
    await client.close(30_000);
  }
}

export async function benchThreadListRpc(specs: readonly ServerSpec[], mock: MockModel, opts: ThreadListRpcOptions): Promise<Record<string, ThreadListRpcResult>> {
  const pristine = tempDir('threads-pristine');
  let t0 = performance.now();
  await writeSyntheticRollouts(pristine, opts.threads, {
    baseInstructionChars: opts.baseInstructionChars,
    sources: ['vscode'],
    providers: ['mock'],
    cwds: CWDS,
  });
  log(`thread/list: generated ${opts.threads} rollouts in ${round(performance.now() - t0, 0)} ms`);
  const workspace = tempDir('threads-ws');
  const out: Record<string, ThreadListRpcResult> = {};
  for (const spec of specs) {
    const home = tempDir(`threads-${spec.label}`);
    t0 = performance.now();
    // Hard links: the same files (and mtimes = updated_at) for both servers, without writing 230 MB
    // twice; neither server rewrites a rollout just by listing (they add their own index / DB files).
    execFileSync('cp', ['-al', `${pristine}/.`, home]);
    makeHome(spec.label, mock.baseUrl, home);
    log(`thread/list: linked the home for ${spec.label} in ${round(performance.now() - t0, 0)} ms`);
    out[spec.label] = await benchOne(spec, home, workspace, opts);
    const r = out[spec.label]!;
    log(`thread/list ${spec.label}: first start ${r.firstStart.firstPageMs} ms (settled after ${r.firstStart.settleMs} ms), restart first pages median ${r.restartFirstPage.median} max ${r.restartFirstPage.max} ms, warm p50 ${r.warmPages.median} max ${r.warmPages.max} ms`);
  }
  return out;
}
