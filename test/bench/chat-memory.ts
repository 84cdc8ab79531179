// Dev tool (not part of `npm run bench`): one chat session against the streaming mock model, printing
// our server's RSS and peak RSS (VmHWM) after initialize and after each turn, so the memory cost of
// the model path can be read turn by turn. Extra node flags for the server follow `--`:
//   node --import tsx test/bench/chat-memory.ts [turns] [-- --max-semi-space-size=1 …]
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { startMockModel, textReply } from '../support/mock-model';
import { BenchClient, type Json } from './bench-client';
import { makeHome, removeAllTemp, round, tempDir } from './bench-util';

function memory(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (key: string): number => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
  return { rss: round(kib('VmRSS'), 1), hwm: round(kib('VmHWM'), 1) };
}

async function main(): Promise<void> {
  const dash = process.argv.indexOf('--');
  const args = dash === -1 ? process.argv.slice(2) : process.argv.slice(2, dash);
  const nodeFlags = dash === -1 ? [] : process.argv.slice(dash + 1);
  const turns = Number(args[0] ?? 21);
  const cli = process.env.CODEX_TS_CLI ?? path.resolve(__dirname, '../../dist/server/cli.js');
  const mock = await startMockModel({ responder: () => textReply(['Hello', ' from', ' the', ' mock', ' model', ',', ' streaming', ' now.'], { usage: { inputTokens: 1200, outputTokens: 8 } }) });
  const home = makeHome('chat-memory', mock.baseUrl);
  const workspace = tempDir('chat-memory-ws');
  const client = new BenchClient({ label: 'ours', command: process.execPath, args: [...nodeFlags, cli, 'app-server'], env: {} }, home, workspace);
  try {
    await client.initialize();
    await new Promise((resolve) => setTimeout(resolve, 200));
    console.log('after initialize', memory(client.pid));
    const started = await client.request('thread/start', { cwd: workspace });
    const threadId = (started.value.thread as { id: string }).id;
    console.log('after thread/start', memory(client.pid));
    const times: number[] = [];
    for (let turn = 1; turn <= turns; turn++) {
      const completed = client.expect((msg: Json) => msg.method === 'turn/completed');
      const reply = await client.request('turn/start', { threadId, input: [{ type: 'text', text: `Say hello, turn ${turn}.`, text_elements: [] }] });
      const done = await completed;
      times.push(round(done.at - reply.sentAt, 1));
      await new Promise((resolve) => setTimeout(resolve, 30));
      console.log(`turn ${turn}`, memory(client.pid), `${times.at(-1)} ms`);
    }
  } finally {
    await client.close();
    await mock.close();
    removeAllTemp();
  }
}

void main();
