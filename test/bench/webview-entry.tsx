// The page of `npm run bench:webview` (bundled by test/webview/harness.ts): on hostInfo it opens
// the thread the fake host serves (thread/read with all turns, as after thread/resume), renders
// <Transcript> and records when the first rows were painted; `window.__bench.stream()` then plays
// server deltas at a given rate through the real bridge path (window message → host client →
// store) while recording every animation frame.
import '@vscode/codicons/dist/codicon.css';
import '../../webview/styles.css';
import { createRoot } from 'react-dom/client';
import { hostClient } from '../../webview/bridge/hostClient';
import { useActiveThreadId } from '../../webview/state/hooks';
import { pageStore } from '../../webview/state/pageStore';
import { Transcript } from '../../webview/transcript/Transcript';

interface StreamResult {
  readonly frames: number[];
  readonly deltaFrames: number[];
  readonly deltas: number;
  readonly longTasks: number;
}

interface Bench {
  dataAt?: number;
  appliedAt?: number;
  paintedAt?: number;
  items?: number;
  error?: string;
  stream?: (ratePerSecond: number, seconds: number) => Promise<StreamResult>;
}

const bench: Bench = {};
(window as unknown as { __bench: Bench }).__bench = bench;

function App(): React.JSX.Element | null {
  const threadId = useActiveThreadId();
  return threadId ? (
    <main className="codex-app" style={{ padding: 0 }}>
      <Transcript threadId={threadId} />
    </main>
  ) : null;
}

const nextFrame = (): Promise<number> => new Promise((done) => requestAnimationFrame(done));

async function open(threadId: string): Promise<void> {
  const store = pageStore();
  const { thread } = await hostClient().rpc('thread/read', { threadId, includeTurns: true });
  bench.dataAt = performance.now();
  bench.items = thread.turns.reduce((n, t) => n + t.items.length, 0);
  store.applyThreadSnapshot(thread);
  bench.appliedAt = performance.now();
  store.setActiveThread(thread.id);
  while (!document.querySelector('[data-row]')) await nextFrame();
  // The frame after the one that laid the rows out has them on screen.
  await nextFrame();
  bench.paintedAt = performance.now();
}

bench.stream = async (rate, seconds) => {
  const store = pageStore();
  const threadId = store.activeThreadId ?? '';
  const turnId = 'bench-live';
  const post = (notification: unknown): void => window.postMessage({ type: 'server/notification', notification }, '*');
  post({ method: 'turn/started', params: { threadId, turn: { id: turnId, rootTurnId: null, items: [], itemsView: 'full', status: 'inProgress', error: null, startedAt: 0, completedAt: null, durationMs: null } } });
  const agent = { type: 'agentMessage', id: 'bench-a', text: '', phase: 'final_answer', moderation: null, memoryCitation: null, delivery: null, questions: null };
  const command = { type: 'commandExecution', id: 'bench-c', pluginId: null, scriptPath: null, command: 'npm test', cwd: '/w', processId: null, source: 'agent', status: 'inProgress', commandActions: [], aggregatedOutput: '', exitCode: null, durationMs: null };
  post({ method: 'item/started', params: { threadId, turnId, item: command, startedAtMs: 0 } });
  post({ method: 'item/started', params: { threadId, turnId, item: agent, startedAtMs: 0 } });
  await nextFrame();

  let longTasks = 0;
  const observer = new PerformanceObserver((list) => (longTasks += list.getEntries().length));
  observer.observe({ type: 'longtask', buffered: false });
  const frames: number[] = [];
  const deltaFrames: number[] = [];
  let deltas = 0;
  let deltaSinceFrame = false;
  let deltaInFrameBefore = false;
  let running = true;
  let last = await nextFrame();
  // A frame "with deltas": one in which a delta arrived, or the next one (the page store renders
  // server notifications in the frame after they arrived).
  const loop = (now: number): void => {
    frames.push(now - last);
    if (deltaSinceFrame || deltaInFrameBefore) deltaFrames.push(now - last);
    deltaInFrameBefore = deltaSinceFrame;
    deltaSinceFrame = false;
    last = now;
    if (running) requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
  const words = ['The', 'transcript', 'streams', '**markdown**', 'with', '`code`', 'and', 'lists', '\n\n- item', '\n\n```ts\nconst x = 1;\n```\n\n'];
  const started = performance.now();
  await new Promise<void>((done) => {
    const timer = setInterval(() => {
      // Deltas due by now (timers are coarse; keep the rate exact).
      const due = Math.floor(((performance.now() - started) / 1000) * rate);
      while (deltas < due) {
        deltas++;
        deltaSinceFrame = true;
        if (deltas % 5 === 0) post({ method: 'item/commandExecution/outputDelta', params: { threadId, turnId, itemId: 'bench-c', delta: `PASS test ${deltas}\n` } });
        else post({ method: 'item/agentMessage/delta', params: { threadId, turnId, itemId: 'bench-a', delta: `${words[deltas % words.length]} ` } });
      }
      if (performance.now() - started >= seconds * 1000) {
        clearInterval(timer);
        done();
      }
    }, 1000 / rate);
  });
  await nextFrame();
  running = false;
  observer.disconnect();
  return { frames, deltaFrames, deltas, longTasks };
};

pageStore();
hostClient().onHostMessage((message) => {
  if (message.type === 'hostInfo' && message.openThreadId) {
    open(message.openThreadId).catch((error: unknown) => (bench.error = String(error)));
  }
});
const root = document.getElementById('root');
if (root) createRoot(root).render(<App />);
hostClient().postUi({ type: 'ready' });
