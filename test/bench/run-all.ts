// `npm run bench` (via scripts/run-bench.mjs, after the build): runs every scenario against our
// server (node dist/server/cli.js app-server) and the real `codex app-server` in the same run,
// prints the comparison table and writes the JSON report under bench-results/.
//   node --import tsx test/bench/run-all.ts [--quick] [--only spawn,chat,threads,fuzzy] [--strict]
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startMockModel, textReply, type MockModel } from '../support/mock-model';
import { benchChatSession, benchSpawnInit, type ChatResult, type SpawnResult } from './app-server.bench';
import { oursSpec, referenceSpec, type ServerSpec } from './bench-client';
import { cellOf, formatTable, row, single, writeResults, type Row } from './bench-report';
import { adoptTemp, log, removeAllTemp, round } from './bench-util';
import { benchFuzzyRpc, type FuzzyRpcSizeResult, type TreeSize } from './fuzzy-rpc.bench';
import { fuzzyRows, threadListRows, type FuzzyLibResult } from './bench-rows';
import { benchThreadListRpc, type ThreadListRpcResult } from './thread-list-rpc.bench';

const REPO = path.resolve(__dirname, '../..');
const SCENARIOS = ['spawn', 'chat', 'threads', 'fuzzy'] as const;
type Scenario = (typeof SCENARIOS)[number];

interface Settings {
  quick: boolean;
  strict: boolean;
  only: Set<Scenario>;
  spawnReps: number;
  chatTurns: number;
  threads: number;
  threadPages: number;
  fuzzySizes: TreeSize[];
}

function parseSettings(argv: readonly string[]): Settings {
  const quick = argv.includes('--quick');
  const onlyAt = argv.indexOf('--only');
  const only = new Set<Scenario>(onlyAt === -1 ? SCENARIOS : (argv[onlyAt + 1] ?? '').split(',').filter((s): s is Scenario => (SCENARIOS as readonly string[]).includes(s)));
  return {
    quick,
    strict: argv.includes('--strict'),
    only,
    spawnReps: quick ? 3 : 7,
    chatTurns: 20,
    threads: quick ? 2_000 : 10_000,
    threadPages: quick ? 15 : 40,
    fuzzySizes: quick
      ? [{ label: '10k', files: 10_000, reps: 2 }]
      : [
          { label: '10k', files: 10_000, reps: 5 },
          { label: '100k', files: 100_000, reps: 3 },
        ],
  };
}

/** The mock streams right away: one message of eight deltas, then response.completed. */
function startMock(): Promise<MockModel> {
  return startMockModel({ responder: () => textReply(['Hello', ' from', ' the', ' mock', ' model', ',', ' streaming', ' now.'], { usage: { inputTokens: 1200, outputTokens: 8 } }) });
}

/** The temp dirs benchFuzzySearch() makes (os.tmpdir()/fuzzy-bench-*). */
function libraryTreeDirs(): string[] {
  return readdirSync(os.tmpdir())
    .filter((n) => n.startsWith('fuzzy-bench-'))
    .map((n) => path.join(os.tmpdir(), n));
}

function machine(reference: ServerSpec): Record<string, unknown> {
  let codexVersion = 'unknown';
  try {
    codexVersion = execFileSync(reference.command, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    // reported as unknown
  }
  const cpus = os.cpus();
  return { cpus: cpus.length, cpuModel: cpus[0]?.model, memoryGiB: round(os.totalmem() / 2 ** 30, 1), node: process.version, platform: `${os.platform()} ${os.release()}`, codexVersion, loadavg: os.loadavg().map((x) => round(x)) };
}

function chatRows(spawn: Record<string, SpawnResult> | undefined, chat: Record<string, ChatResult> | undefined, rows: Row[]): void {
  if (spawn) {
    rows.push(row('1. spawn → initialize response (warm)', cellOf(spawn.ours?.warm), cellOf(spawn.reference?.warm), null));
    rows.push(row('1. spawn → initialize (first start, fresh CODEX_HOME)', single(spawn.ours?.firstStartMs), single(spawn.reference?.firstStartMs), null));
  }
  if (chat) {
    const n = chat.ours?.turns ?? chat.reference?.turns ?? 0;
    rows.push(row('2. turn/start → first agentMessage delta', cellOf(chat.ours?.firstDelta), cellOf(chat.reference?.firstDelta), { kind: 'ratio', max: 0.3 }, 'turns 2..n of one thread; the mock streams at once (reference measured 67 ms)'));
    rows.push(row('2. … first turn of the thread', single(chat.ours?.firstTurn.firstDeltaMs), single(chat.reference?.firstTurn.firstDeltaMs), null));
    rows.push(row('3. turn/start → turn/completed', cellOf(chat.ours?.turnCompleted), cellOf(chat.reference?.turnCompleted), null));
    rows.push(row(`4. peak RSS (VmHWM) after a ${n}-turn session`, single(chat.ours?.peakRssMiB, 'MiB'), single(chat.reference?.peakRssMiB, 'MiB'), { kind: 'ratio', max: 0.5 }, 'reference measured ~151 MiB'));
  }
}

async function main(): Promise<void> {
  const settings = parseSettings(process.argv.slice(2));
  const started = Date.now();
  const loadavgAtStart = os.loadavg().map((x) => round(x));
  const ours = oursSpec();
  const reference = referenceSpec();
  const specs = [ours, reference];
  const mock = await startMock();
  const results: Record<string, unknown> = {};
  const missing: string[] = [];
  const rows: Row[] = [];
  const onSignal = (): void => {
    removeAllTemp();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    let spawn: Record<string, SpawnResult> | undefined;
    let chat: Record<string, ChatResult> | undefined;
    if (settings.only.has('spawn')) {
      log('scenario 1: spawn → initialize');
      spawn = await benchSpawnInit(specs, mock, settings.spawnReps);
      results.spawnInitialize = spawn;
    }
    if (settings.only.has('chat')) {
      log(`scenarios 2–4: chat session of ${settings.chatTurns + 1} turns`);
      chat = {};
      for (const spec of specs) chat[spec.label] = await benchChatSession(spec, mock, settings.chatTurns);
      results.chatSession = chat;
    }
    chatRows(spawn, chat, rows);

    if (settings.only.has('threads')) {
      log(`scenario 5: thread/list at ${settings.threads} threads`);
      let store: Record<string, number> | undefined;
      try {
        const mod = await import('./thread-list.bench');
        store = await mod.benchThreadList({ threads: settings.threads, pages: 100, log: (m) => log(`store: ${m}`) });
        results.threadListStore = store;
      } catch (err) {
        missing.push(`test/bench/thread-list.bench.ts (benchThreadList): ${String(err).slice(0, 300)}`);
      }
      const rpc: Record<string, ThreadListRpcResult> = await benchThreadListRpc(specs, mock, {
        threads: settings.threads,
        baseInstructionChars: 21_000,
        pages: settings.threadPages,
        idleMaxMs: settings.quick ? 20_000 : 90_000,
      });
      results.threadListRpc = rpc;
      threadListRows(settings.threads, store, rpc, rows);
    }

    if (settings.only.has('fuzzy')) {
      log('scenario 6: fuzzyFileSearch');
      let lib: FuzzyLibResult | undefined;
      let rpc: Record<string, FuzzyRpcSizeResult> | undefined;
      try {
        const mod = await import('./fuzzy-search.bench');
        // The library bench keeps its trees; the JSON-RPC runs reuse them (writing 110k files is slow here).
        const before = new Set(libraryTreeDirs());
        lib = (await mod.benchFuzzySearch({ codex: false, keepTrees: true })) as FuzzyLibResult;
        const kept = libraryTreeDirs().filter((d) => !before.has(d));
        if (kept.length === 1) adoptTemp(kept[0]!);
        else log(`cannot tell which library-bench trees are this run's (${kept.join(', ') || 'none'}); generating new ones`);
        results.fuzzyLibrary = lib;
        const sizes = settings.fuzzySizes.map((s) => {
          const root = kept.length === 1 ? path.join(kept[0]!, s.label) : undefined;
          return root && existsSync(root) ? { ...s, root } : s;
        });
        rpc = await benchFuzzyRpc(specs, mock, sizes, mod.generateTree);
        results.fuzzyRpc = rpc;
      } catch (err) {
        missing.push(`test/bench/fuzzy-search.bench.ts (benchFuzzySearch/generateTree): ${String(err).slice(0, 300)}`);
      }
      fuzzyRows(lib, rpc, rows);
    }
  } finally {
    await mock.close();
    removeAllTemp();
  }

  const table = formatTable(rows);
  const durationMs = Date.now() - started;
  process.stdout.write(`\nCodex TS bench — ours: node dist/server/cli.js app-server; reference: ${path.relative(REPO, reference.command)} app-server\n\n${table}\n`);
  if (missing.length) process.stdout.write(`\nNot run:\n${missing.map((m) => `  - ${m}`).join('\n')}\n`);
  const file = writeResults(REPO, {
    startedAt: new Date(started).toISOString(),
    durationMs,
    settings: { ...settings, only: [...settings.only] },
    machine: { ...machine(reference), loadavgAtStart },
    servers: Object.fromEntries(specs.map((s) => [s.label, [s.command, ...s.args].join(' ')])),
    rows,
    missing,
    results,
  });
  process.stdout.write(`\n${rows.filter((r) => r.pass === false).length} of ${rows.filter((r) => r.pass !== null).length} targets missed · ${round(durationMs / 1000, 1)} s · ${path.relative(REPO, file)}\n`);
  if (settings.strict && rows.some((r) => r.pass === false)) process.exitCode = 1;
}

main().catch((err: unknown) => {
  removeAllTemp();
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
