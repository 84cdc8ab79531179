// Bench scenario 6 over JSON-RPC: `fuzzyFileSearch` one-shot and the typing session
// (`fuzzyFileSearch/sessionStart|sessionUpdate`, timed to `fuzzyFileSearch/sessionCompleted`) on
// generated 10k- and 100k-file trees, for the real Codex and for our server: one-shots server by
// server, the sessions' keystrokes interleaved between the servers. A server that answers
// "method not found" is reported as unsupported, not as a failure.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { type MockModel } from '../support/mock-model';
import { BenchClient, isMethodNotFound, type Json, type ServerSpec } from './bench-client';
import { log, makeHome, round, stats, tempDir, type Stats } from './bench-util';

/** The same queries and keystroke sequences as the library bench (test/bench/fuzzy-search.bench.ts). */
const ONE_SHOT_QUERIES = ['main', 'userservice', 'btnview', 'src/utils/index', 'cfg.json', 'ts'];
const TYPING = ['userservice', 'mainview', 'srchandler', 'buttonts', 'apiclient'];
/** Passes over TYPING per session: one untimed warm-up, then timed ones. */
const SESSION_PASSES = 3;

export type TreeGenerator = (root: string, files: number, seed?: number) => { root: string; files: number };

export interface TreeSize {
  label: string;
  files: number;
  /** Repetitions of each one-shot query. */
  reps: number;
  /** An existing tree made by the same generator and seed (the library bench's); else one is generated. */
  root?: string;
}

export interface FuzzyRpcServerResult {
  /** Set when the server does not implement the method (our server before it is wired). */
  unsupported?: string;
  error?: string;
  /** The first call (cold caches), not in the samples. */
  firstCallMs?: number;
  oneShot?: Stats;
  perQueryMedianMs?: Record<string, number>;
  session?: {
    /** sessionStart + first update → first sessionCompleted (the walk). */
    walkMs: number;
    /** sessionUpdate written → the first sessionUpdated carrying that query. */
    firstResults: Stats;
    /** sessionUpdate written → sessionCompleted. */
    update: Stats;
  };
}

export interface FuzzyRpcSizeResult {
  /** Generated here, or reused from the library bench (then files/generateMs are not known here). */
  tree: { reused: boolean; files?: number; generateMs?: number };
  servers: Record<string, FuzzyRpcServerResult>;
}

const ofSession = (method: string, sessionId: string, query?: string) => (msg: Json): boolean => {
  const params = msg.params as Json | undefined;
  return msg.method === method && params?.sessionId === sessionId && (query === undefined || params.query === query);
};

async function oneShot(client: BenchClient, root: string, reps: number, out: FuzzyRpcServerResult): Promise<void> {
  const search = (query: string): Promise<{ ms: number }> => client.request('fuzzyFileSearch', { query, roots: [root], cancellationToken: null });
  out.firstCallMs = round((await search('main')).ms);
  const all: number[] = [];
  out.perQueryMedianMs = {};
  for (const query of ONE_SHOT_QUERIES) {
    const samples: number[] = [];
    for (let r = 0; r < reps; r++) samples.push((await search(query)).ms);
    out.perQueryMedianMs[query] = stats(samples).median;
    all.push(...samples);
  }
  out.oneShot = stats(all);
}

/** One server's typing session: started and walked, then driven keystroke by keystroke. */
interface OpenSession {
  readonly walkMs: number;
  readonly firstResults: number[];
  readonly updates: number[];
  /** Types one query; its times are kept when `record` is set. */
  keystroke(query: string, record: boolean): Promise<void>;
  stop(): Promise<void>;
}

async function openSession(client: BenchClient, root: string): Promise<OpenSession> {
  const sessionId = 'bench-session';
  const t0 = performance.now();
  await client.request('fuzzyFileSearch/sessionStart', { sessionId, roots: [root] });
  const walked = client.expect(ofSession('fuzzyFileSearch/sessionCompleted', sessionId), 120_000);
  await client.request('fuzzyFileSearch/sessionUpdate', { sessionId, query: 'main' });
  const walkMs = (await walked).at - t0;
  const firstResults: number[] = [];
  const updates: number[] = [];
  return {
    walkMs,
    firstResults,
    updates,
    async keystroke(query, record) {
      const updated = client.expect(ofSession('fuzzyFileSearch/sessionUpdated', sessionId, query), 30_000);
      const completed = client.expect(ofSession('fuzzyFileSearch/sessionCompleted', sessionId), 30_000);
      const sent = await client.request('fuzzyFileSearch/sessionUpdate', { sessionId, query });
      const [u, c] = await Promise.all([updated, completed]);
      if (!record) return;
      firstResults.push(u.at - sent.sentAt);
      updates.push(c.at - sent.sentAt);
    },
    async stop() {
      await client.request('fuzzyFileSearch/sessionStop', { sessionId });
    },
  };
}

/**
 * The typing sessions of all servers, interleaved: each keystroke goes to every server in turn
 * (the order alternating per keystroke), so a load change on a shared machine hits both sides
 * alike instead of skewing the ratio (run one after the other, a busy minute for one server and
 * a quiet one for the other moved the 10k ratio between 0.9x and 1.7x).
 */
async function interleavedSessions(clients: readonly (BenchClient | null)[], root: string, outs: FuzzyRpcServerResult[]): Promise<void> {
  const sessions: (OpenSession | null)[] = [];
  for (const [i, client] of clients.entries()) {
    if (!client) {
      sessions.push(null);
      continue;
    }
    try {
      sessions.push(await openSession(client, root));
    } catch (err) {
      sessions.push(null);
      const out = outs[i]!;
      if (isMethodNotFound(err)) out.unsupported = `${out.unsupported ? `${out.unsupported}; ` : ''}fuzzyFileSearch/session*: method not found`;
      else out.error = String(err).slice(0, 500);
    }
  }
  // A first pass warms both servers up (caches, our JIT) and is not timed; two timed passes follow.
  let turn = 0;
  for (let pass = 0; pass < SESSION_PASSES; pass++) {
    for (const word of TYPING) {
      for (let k = 1; k <= word.length; k++, turn++) {
        const order = sessions.map((_, i) => i);
        if (turn % 2 === 1) order.reverse();
        for (const i of order) await sessions[i]?.keystroke(word.slice(0, k), pass > 0);
      }
    }
  }
  for (const [i, session] of sessions.entries()) {
    if (!session) continue;
    await session.stop();
    outs[i]!.session = { walkMs: round(session.walkMs), firstResults: stats(session.firstResults), update: stats(session.updates) };
  }
}

/** Starts a server and times the one-shot searches; the client stays open for the sessions (null on failure). */
async function startAndSearch(spec: ServerSpec, home: string, root: string, reps: number, out: FuzzyRpcServerResult): Promise<BenchClient | null> {
  const client = new BenchClient(spec, home, root);
  try {
    await client.initialize();
    try {
      await oneShot(client, root, reps, out);
    } catch (err) {
      if (!isMethodNotFound(err)) throw err;
      out.unsupported = 'fuzzyFileSearch: method not found';
    }
    return client;
  } catch (err) {
    out.error = String(err).slice(0, 500);
    await client.close();
    return null;
  }
}

export async function benchFuzzyRpc(specs: readonly ServerSpec[], mock: MockModel, sizes: readonly TreeSize[], generateTree: TreeGenerator): Promise<Record<string, FuzzyRpcSizeResult>> {
  const out: Record<string, FuzzyRpcSizeResult> = {};
  for (const size of sizes) {
    let root = size.root;
    let tree: FuzzyRpcSizeResult['tree'] = { reused: true };
    if (root === undefined) {
      const t0 = performance.now();
      // Same seed as the library bench (seed = file count), so both see the same tree.
      const made = generateTree(path.join(tempDir(`fuzzy-${size.label}`), 'repo'), size.files, size.files);
      root = made.root;
      tree = { reused: false, files: made.files, generateMs: round(performance.now() - t0, 0) };
      log(`fuzzy ${size.label}: generated ${made.files} files in ${tree.generateMs} ms`);
    }
    // Codex honours .gitignore only inside a git repository; an empty one is enough.
    mkdirSync(path.join(root, '.git', 'info'), { recursive: true });
    writeFileSync(path.join(root, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    const servers: Record<string, FuzzyRpcServerResult> = {};
    const outs = specs.map((): FuzzyRpcServerResult => ({}));
    const clients: (BenchClient | null)[] = [];
    try {
      for (const [i, spec] of specs.entries()) clients.push(await startAndSearch(spec, makeHome(`fuzzy-${spec.label}`, mock.baseUrl), root, size.reps, outs[i]!));
      await interleavedSessions(clients, root, outs);
    } catch (err) {
      for (const out of outs) out.error ??= String(err).slice(0, 500);
    } finally {
      for (const client of clients) await client?.close();
    }
    for (const [i, spec] of specs.entries()) {
      const r = outs[i]!;
      servers[spec.label] = r;
      log(`fuzzy ${size.label} ${spec.label}: ${r.error ?? r.unsupported ?? `one-shot median ${r.oneShot?.median} ms, update median ${r.session?.update.median} ms`}`);
    }
    out[size.label] = { tree, servers };
  }
  return out;
}
