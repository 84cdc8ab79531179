// Process-group helpers for the runners: signalling a whole group (the command and everything it
// started), telling whether any member is still alive — zombies do not count, since a container's
// PID 1 may never reap re-parented grandchildren — the shell's 128+N exit code for a signal, and
// a registry of running groups that are SIGKILLed if the server process exits.
import { readdirSync, readFileSync } from 'node:fs';
import { constants as osConstants } from 'node:os';

/** Sends `sig` (0 only probes) to the process group led by `pgid`. False when nothing was signalled. */
export function signalGroup(pgid: number, sig: NodeJS.Signals | 0): boolean {
  try {
    process.kill(process.platform === 'win32' ? pgid : -pgid, sig);
    return true;
  } catch {
    return false;
  }
}

/** True while some member of the group is alive (not a zombie). */
export function groupAlive(pgid: number): boolean {
  if (!signalGroup(pgid, 0)) return false;
  if (process.platform !== 'linux') return true;
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return true;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // Fields after "(comm) ": state ppid pgrp …
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === pgid && state !== 'Z' && state !== 'X') return true;
  }
  return false;
}

/** 128 + the signal number, the shell's convention for a process killed by a signal. */
export function exitCodeForSignal(signal: NodeJS.Signals): number {
  const num = (osConstants.signals as Record<string, number | undefined>)[signal];
  return 128 + (num ?? 0);
}

const liveGroups = new Set<number>();
let exitHookInstalled = false;

/** Remembers a running group so it is SIGKILLed if the server exits first. */
export function trackGroup(pgid: number): void {
  liveGroups.add(pgid);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const group of liveGroups) signalGroup(group, 'SIGKILL');
  });
}

export function untrackGroup(pgid: number): void {
  liveGroups.delete(pgid);
}
