// Benchmark for the fuzzy file search (composer @-mentions). Generates 10k- and 100k-file trees
// with a monorepo-like layout (and an ignored node_modules), then measures the one-shot search
// (fresh walk + match, and served from the index cache), a session's first results and its
// per-keystroke update latency, and — when the bundled `codex` binary is available — the real
// Codex app-server's one-shot and session latency on the same trees. Run directly to print JSON:
//   npx tsx test/bench/fuzzy-search.bench.ts [--no-codex] [--drop-caches]
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { connectAppServer, describeProblem, stdioTransport, type AppServerConnection } from '../../jsonrpc';
import { FileIndexCache, FuzzySearchSession, fuzzyFileSearch } from '../../server/search';

const ONE_SHOT_QUERIES = ['main', 'userservice', 'btnview', 'src/utils/index', 'cfg.json', 'ts'];
/** Keystroke-by-keystroke sequences for session update latency. */
const TYPING = ['userservice', 'mainview', 'srchandler', 'buttonts', 'apiclient'];
const TARGETS = { oneShot100kMs: 68, oneShot10kMs: 24, sessionUpdate100kMs: 6, codexOneShot100kMs: 136 };

const WORDS = ['user', 'service', 'controller', 'main', 'index', 'utils', 'config', 'api', 'auth', 'session',
  'button', 'modal', 'router', 'store', 'reducer', 'action', 'helper', 'format', 'parse', 'client', 'server',
  'handler', 'model', 'view', 'list', 'item', 'table', 'cache', 'query', 'schema', 'types', 'logger', 'event',
  'stream', 'file', 'search', 'path', 'token', 'http', 'socket', 'theme', 'layout', 'form', 'input', 'chart'];
const DIRS = ['src', 'lib', 'components', 'hooks', 'utils', 'services', 'models', 'views', 'api', 'store',
  'test', '__tests__', 'fixtures', 'styles', 'assets', 'internal', 'core', 'features', 'pages', 'common'];
const EXTS = ['.ts', '.ts', '.ts', '.tsx', '.tsx', '.js', '.json', '.md', '.css', '.test.ts', '.d.ts', '.snap'];

/** mulberry32: small, fast, deterministic. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface TreeInfo {
  root: string;
  files: number;
  dirs: number;
  ignoredFiles: number;
  generateMs: number;
}

/** Writes a tree of `files` searchable files (plus ~10% more under an ignored node_modules). */
export function generateTree(root: string, files: number, seed = 1): TreeInfo {
  const t0 = performance.now();
  const rnd = prng(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
  const fileName = (): string => {
    const n = 1 + Math.floor(rnd() * 3);
    const ws = Array.from({ length: n }, () => pick(WORDS));
    const style = rnd();
    const cap = (w: string): string => w[0]!.toUpperCase() + w.slice(1);
    const base =
      style < 0.4 ? ws.map((w, i) => (i ? cap(w) : w)).join('')
        : style < 0.65 ? ws.join('-')
          : style < 0.8 ? ws.join('_')
            : ws.map(cap).join('');
    return base + pick(EXTS);
  };
  let written = 0;
  let dirs = 0;
  const fillDir = (dir: string, count: number): number => {
    fs.mkdirSync(dir, { recursive: true });
    dirs++;
    const names = new Set<string>();
    while (names.size < count) names.add(fileName());
    for (const n of names) fs.writeFileSync(path.join(dir, n), '');
    return names.size;
  };
  const grow = (dir: string, depth: number, budget: number): void => {
    if (written >= budget) return;
    written += fillDir(dir, Math.min(budget - written, 3 + Math.floor(rnd() * 18)));
    const children = depth === 0 ? 4 : depth < 4 ? Math.floor(rnd() * 4) : 0;
    const used = new Set<string>();
    for (let i = 0; i < children; i++) {
      const name = depth === 0 ? pick(['src', 'test', 'docs', 'scripts']) : pick(DIRS);
      if (used.has(name)) continue;
      used.add(name);
      grow(path.join(dir, name), depth + 1, budget);
    }
  };
  fs.mkdirSync(root, { recursive: true });
  fs.writeFileSync(path.join(root, '.gitignore'), 'node_modules/\ndist/\ncoverage/\n*.log\n.DS_Store\n');
  for (const f of ['package.json', 'README.md', 'tsconfig.json', 'LICENSE']) fs.writeFileSync(path.join(root, f), '');
  written = 4;
  for (let p = 0; written < files; p++) {
    const pkg = path.join(root, p % 5 === 4 ? 'apps' : 'packages', `${pick(WORDS)}-${pick(WORDS)}-${p}`);
    grow(pkg, 0, Math.min(files, written + 300 + Math.floor(rnd() * 1500)));
    if (p % 3 === 0) fillDir(path.join(pkg, 'dist'), 20); // ignored build output
  }
  // An ignored dependency folder: walked by nobody, but present, as in real repositories.
  let ignoredFiles = 0;
  for (let i = 0; ignoredFiles < files / 10; i++) ignoredFiles += fillDir(path.join(root, 'node_modules', `dep-${i}`, 'lib'), 25);
  return { root, files: written, dirs, ignoredFiles, generateMs: Math.round(performance.now() - t0) };
}

const median = (xs: number[]): number => percentile(xs, 50);
function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN);
}
const round = (x: number): number => Math.round(x * 100) / 100;

async function time<T>(fn: () => Promise<T>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/**
 * Drops the kernel's page, dentry and inode caches (Linux, root only) so the next walk reads the
 * disk. Opt-in (--drop-caches): on a shared machine it slows everyone else down for a moment.
 */
function dropFsCaches(): boolean {
  try {
    spawnSync('sync');
    fs.writeFileSync('/proc/sys/vm/drop_caches', '3');
    return true;
  } catch {
    return false;
  }
}

/**
 * One-shot search: a fresh walk per call (what Codex does), and served from a warm index cache.
 * `firstCallMs` is the first search in this process (cold JIT; the OS caches are warm because
 * the tree was just written); `coldFsCacheMs` only with --drop-caches.
 */
async function benchOneShot(root: string, reps: number, dropCaches: boolean): Promise<Record<string, unknown>> {
  const coldFsCacheMs = dropCaches && dropFsCaches() ? round(await time(() => fuzzyFileSearch('main', [root], { cache: null }))) : null;
  const firstCallMs = round(await time(() => fuzzyFileSearch('main', [root], { cache: null })));
  const perQuery: Record<string, number> = {};
  const fresh: number[] = [];
  for (const q of ONE_SHOT_QUERIES) {
    const samples: number[] = [];
    for (let r = 0; r < reps; r++) samples.push(await time(() => fuzzyFileSearch(q, [root], { cache: null })));
    perQuery[q] = median(samples);
    fresh.push(...samples);
  }
  const cache = new FileIndexCache({ maxAgeMs: 600_000 });
  await fuzzyFileSearch('x', [root], { cache });
  const cached: number[] = [];
  for (let r = 0; r < reps; r++) {
    for (const q of ONE_SHOT_QUERIES) cached.push(await time(() => fuzzyFileSearch(q, [root], { cache })));
  }
  return { coldFsCacheMs, firstCallMs, freshP50Ms: median(fresh), freshP95Ms: percentile(fresh, 95), perQueryFreshMs: perQuery,
    cachedP50Ms: median(cached), cachedP95Ms: percentile(cached, 95) };
}

/** Session: time to first results and to the end of the walk, then per-keystroke update latency. */
async function benchSession(root: string): Promise<Record<string, unknown>> {
  let onDone: (() => void) | null = null;
  const t0 = performance.now();
  let firstResultsMs = NaN;
  const session = new FuzzySearchSession([root], {
    onUpdated: (u) => {
      if (Number.isNaN(firstResultsMs) && u.files.length > 0) firstResultsMs = performance.now() - t0;
    },
    onCompleted: () => onDone?.(),
  });
  try {
    const done = new Promise<void>((resolve) => (onDone = resolve));
    session.update('main');
    await done;
    const completedMs = performance.now() - t0;
    const updates: number[] = [];
    for (let rep = 0; rep < 2; rep++) {
      for (const word of TYPING) {
        for (let k = 1; k <= word.length; k++) {
          const finished = new Promise<void>((resolve) => (onDone = resolve));
          const t = performance.now();
          session.update(word.slice(0, k));
          await finished;
          if (rep > 0) updates.push(performance.now() - t); // first pass warms the JIT
        }
      }
    }
    return { firstResultsMs: round(firstResultsMs), walkAndFirstQueryMs: round(completedMs), entries: session.entryCount,
      updates: updates.length, updateP50Ms: median(updates), updateP95Ms: percentile(updates, 95), updateMaxMs: round(Math.max(...updates)) };
  } finally {
    session.stop();
  }
}

/** The bundled `codex app-server` on the shared client of jsonrpc/. */
class CodexClient {
  private readonly child;
  private readonly client: AppServerConnection;
  private readonly listeners: ((msg: Record<string, unknown>) => void)[] = [];

  constructor(bin: string) {
    this.child = spawn(bin, ['app-server'], { stdio: ['pipe', 'pipe', 'ignore'] });
    this.client = connectAppServer(stdioTransport(this.child), { onProblem: (problem) => console.warn(`codex: ${describeProblem(problem)}`) });
    this.client.tap(({ direction, message }) => {
      if (direction === 'in' && typeof message.method === 'string' && !('id' in message)) for (const l of [...this.listeners]) l(message);
    });
  }

  request(method: string, params: unknown): Promise<unknown> {
    return this.client.requestUnchecked(method, params, { timeoutMs: 120_000 });
  }

  notify(method: 'initialized'): void {
    void this.client.notify(method);
  }

  /** Resolves at the first notification satisfying `pred`. */
  waitFor(pred: (msg: Record<string, unknown>) => boolean): Promise<void> {
    return new Promise((resolve) => {
      const l = (msg: Record<string, unknown>): void => {
        if (!pred(msg)) return;
        this.listeners.splice(this.listeners.indexOf(l), 1);
        resolve();
      };
      this.listeners.push(l);
    });
  }

  close(): void {
    this.client.dispose();
    this.child.kill();
  }
}

/**
 * The real Codex on the same tree, head to head: each one-shot query and each session keystroke
 * is timed on ours and then on Codex, alternately, so both see the same machine load.
 */
export async function benchCodex(root: string, reps: number): Promise<Record<string, unknown>> {
  const candidates = [path.resolve('node_modules/.bin/codex')];
  if (typeof __dirname === 'string') candidates.push(path.resolve(__dirname, '../../node_modules/.bin/codex'));
  const bin = candidates.find((c) => fs.existsSync(c));
  if (bin === undefined) return { error: 'node_modules/.bin/codex not found' };
  const client = new CodexClient(bin);
  let ours: FuzzySearchSession | null = null;
  try {
    await client.request('initialize', { clientInfo: { name: 'fuzzy-bench', version: '0' }, capabilities: { experimentalApi: true } });
    client.notify('initialized');
    const codexOneShot: number[] = [];
    const oursOneShot: number[] = [];
    for (let r = 0; r < reps; r++) {
      for (const q of ONE_SHOT_QUERIES) {
        oursOneShot.push(await time(() => fuzzyFileSearch(q, [root], { cache: null })));
        codexOneShot.push(await time(() => client.request('fuzzyFileSearch', { query: q, roots: [root], cancellationToken: null })));
      }
    }
    const sessionId = 'bench';
    const isCompletion = (m: Record<string, unknown>): boolean => m.method === 'fuzzyFileSearch/sessionCompleted';
    let oursDone: (() => void) | null = null;
    ours = new FuzzySearchSession([root], { onUpdated: () => undefined, onCompleted: () => oursDone?.() });
    await ours.walked;
    await client.request('fuzzyFileSearch/sessionStart', { sessionId, roots: [root] });
    let done = client.waitFor(isCompletion);
    await client.request('fuzzyFileSearch/sessionUpdate', { sessionId, query: 'main' });
    await done;
    const codexUpdates: number[] = [];
    const oursUpdates: number[] = [];
    for (const word of TYPING) {
      for (let k = 1; k <= word.length; k++) {
        const query = word.slice(0, k);
        const oursFinished = new Promise<void>((resolve) => (oursDone = resolve));
        let t = performance.now();
        ours.update(query);
        await oursFinished;
        oursUpdates.push(performance.now() - t);
        done = client.waitFor(isCompletion);
        t = performance.now();
        await client.request('fuzzyFileSearch/sessionUpdate', { sessionId, query });
        await done;
        codexUpdates.push(performance.now() - t);
      }
    }
    await client.request('fuzzyFileSearch/sessionStop', { sessionId });
    return {
      oneShotP50Ms: median(codexOneShot),
      oneShotP95Ms: percentile(codexOneShot, 95),
      oursOneShotInterleavedP50Ms: median(oursOneShot),
      oneShotRatio: round(median(codexOneShot) / median(oursOneShot)),
      sessionUpdateP50Ms: median(codexUpdates),
      sessionUpdateP95Ms: percentile(codexUpdates, 95),
      oursSessionUpdateInterleavedP50Ms: median(oursUpdates),
      oursSessionUpdateInterleavedP95Ms: percentile(oursUpdates, 95),
    };
  } catch (err) {
    return { error: String(err) };
  } finally {
    ours?.stop();
    client.close();
  }
}

/** Runs everything; returns the numbers (also what `npm run bench` collects). */
export async function benchFuzzySearch(
  options: { codex?: boolean; keepTrees?: boolean; dropCaches?: boolean } = {},
): Promise<Record<string, unknown>> {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzzy-bench-'));
  const result: Record<string, unknown> = {
    machine: { cpus: os.cpus().length, node: process.version, loadavg: os.loadavg().map(round) },
    targets: TARGETS,
  };
  try {
    for (const [label, files, reps] of [['10k', 10_000, 7], ['100k', 100_000, 5]] as const) {
      const tree = generateTree(path.join(base, label), files, files);
      // Codex honours .gitignore only inside a git repository; an empty one is enough.
      if (spawnSync('git', ['init', '-q', tree.root]).status !== 0) {
        fs.mkdirSync(path.join(tree.root, '.git', 'info'), { recursive: true });
        fs.writeFileSync(path.join(tree.root, '.git', 'HEAD'), 'ref: refs/heads/main\n');
      }
      const oneShot = await benchOneShot(tree.root, reps, options.dropCaches === true);
      const session = await benchSession(tree.root);
      const entry: Record<string, unknown> = { tree: { ...tree, root: undefined }, oneShot, session };
      if (options.codex !== false) entry.codex = await benchCodex(tree.root, reps);
      result[label] = entry;
    }
    const r100 = result['100k'] as Record<string, Record<string, number>>;
    const r10 = result['10k'] as Record<string, Record<string, number>>;
    result.meetsTargets = {
      oneShot100kFresh: r100.oneShot!.freshP50Ms! <= TARGETS.oneShot100kMs,
      oneShot100kCached: r100.oneShot!.cachedP50Ms! <= TARGETS.oneShot100kMs,
      oneShot10kFresh: r10.oneShot!.freshP50Ms! <= TARGETS.oneShot10kMs,
      sessionUpdate100kP50: r100.session!.updateP50Ms! <= TARGETS.sessionUpdate100kMs,
      sessionUpdate100kP95: r100.session!.updateP95Ms! <= TARGETS.sessionUpdate100kMs,
    };
    return result;
  } finally {
    if (!options.keepTrees) fs.rmSync(base, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const argv = process.argv;
  benchFuzzySearch({ codex: !argv.includes('--no-codex'), dropCaches: argv.includes('--drop-caches') }).then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
