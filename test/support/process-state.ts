// Test support: is a process gone (or a zombie waiting to be reaped), and polling until a condition holds.
import { existsSync, readFileSync } from 'node:fs';

/** True when the pid no longer exists or is a zombie (this container's PID 1 does not reap re-parented children). */
export function processGone(pid: number): boolean {
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return true;
  try {
    const state = readFileSync(stat, 'utf8').replace(/^.*\) /s, '')[0];
    return state === 'Z' || state === 'X';
  } catch {
    return true;
  }
}

export async function waitFor(cond: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}
