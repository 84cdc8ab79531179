// Bench scenarios 1–4 over JSON-RPC, run the same way against our server and the real Codex:
// spawn → initialize response; a chat session on one thread against the streaming mock model
// (turn/start → first item/agentMessage/delta, turn/start → turn/completed per turn); and the
// server's peak RSS (VmHWM) at the end of that session.
import { type MockModel } from '../support/mock-model';
import { BenchClient, type Json, type ServerSpec } from './bench-client';
import { log, makeHome, round, stats, tempDir, type Stats } from './bench-util';

export interface SpawnResult {
  /** The first start on a fresh CODEX_HOME (Codex unpacks its bundled skills then). */
  firstStartMs: number;
  /** Later starts on the same home. */
  warm: Stats;
  /** VmHWM right after initialize, median over the starts. */
  idlePeakRssMiB: number;
}

export interface ChatResult {
  turns: number;
  /** Turn 1 of the session (thread setup, first model request), not in the samples below. */
  firstTurn: { firstDeltaMs: number; completedMs: number };
  /** turn/start → its response. */
  turnStartReply: Stats;
  firstDelta: Stats;
  turnCompleted: Stats;
  /** VmHWM at the end of the session. */
  peakRssMiB: number;
}

const TEXT_INPUT = (text: string): Json[] => [{ type: 'text', text, text_elements: [] }];

/** Starts each server `reps` times (interleaved), timing spawn → initialize response. */
export async function benchSpawnInit(specs: readonly ServerSpec[], mock: MockModel, reps: number): Promise<Record<string, SpawnResult>> {
  const homes = new Map(specs.map((s) => [s.label, makeHome(`spawn-${s.label}`, mock.baseUrl)]));
  const workspace = tempDir('spawn-ws');
  const samples = new Map<string, number[]>(specs.map((s) => [s.label, []]));
  const rss = new Map<string, number[]>(specs.map((s) => [s.label, []]));
  for (let rep = 0; rep <= reps; rep++) {
    for (const spec of specs) {
      const client = new BenchClient(spec, homes.get(spec.label)!, workspace);
      try {
        const reply = await client.initialize();
        samples.get(spec.label)!.push(reply.at - client.spawnedAt);
        rss.get(spec.label)!.push(client.peakRssMiB());
      } finally {
        await client.close();
      }
    }
  }
  const out: Record<string, SpawnResult> = {};
  for (const spec of specs) {
    const all = samples.get(spec.label)!;
    const peaks = rss.get(spec.label)!;
    out[spec.label] = { firstStartMs: round(all[0]!), warm: stats(all.slice(1)), idlePeakRssMiB: round(stats(peaks).median) };
    log(`spawn→initialize ${spec.label}: first ${round(all[0]!)} ms, warm median ${out[spec.label]!.warm.median} ms`);
  }
  return out;
}

/**
 * One session: initialize, thread/start, then `turns` chat turns (the first one is reported on its
 * own), with a short pause between turns as a person would leave. Peak RSS is read at the end.
 */
export async function benchChatSession(spec: ServerSpec, mock: MockModel, turns: number): Promise<ChatResult> {
  const home = makeHome(`chat-${spec.label}`, mock.baseUrl);
  const workspace = tempDir('chat-ws');
  const client = new BenchClient(spec, home, workspace);
  try {
    await client.initialize();
    const started = await client.request('thread/start', { cwd: workspace });
    const threadId = (started.value.thread as { id: string }).id;
    const ofThread = (method: string) => (msg: Json): boolean => msg.method === method && (msg.params as Json | undefined)?.threadId === threadId;
    const replies: number[] = [];
    const deltas: number[] = [];
    const completions: number[] = [];
    for (let turn = 0; turn <= turns; turn++) {
      const delta = client.expect(ofThread('item/agentMessage/delta'));
      const completed = client.expect(ofThread('turn/completed'));
      const reply = await client.request('turn/start', { threadId, input: TEXT_INPUT(`Say hello, turn ${turn + 1}.`) });
      const [d, c] = await Promise.all([delta, completed]);
      const status = ((c.msg.params as Json).turn as Json).status;
      if (status !== 'completed') throw new Error(`${spec.label}: turn ${turn + 1} ended ${String(status)}: ${JSON.stringify(c.msg.params).slice(0, 500)}`);
      replies.push(reply.ms);
      deltas.push(d.at - reply.sentAt);
      completions.push(c.at - reply.sentAt);
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    const result: ChatResult = {
      turns: turns + 1,
      firstTurn: { firstDeltaMs: round(deltas[0]!), completedMs: round(completions[0]!) },
      turnStartReply: stats(replies.slice(1)),
      firstDelta: stats(deltas.slice(1)),
      turnCompleted: stats(completions.slice(1)),
      peakRssMiB: round(client.peakRssMiB()),
    };
    log(`chat ${spec.label}: first delta median ${result.firstDelta.median} ms, turn ${result.turnCompleted.median} ms, peak RSS ${result.peakRssMiB} MiB`);
    return result;
  } finally {
    await client.close();
  }
}
