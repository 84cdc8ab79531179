// Keeps a login shell's profile noise out of a command's output. Commands run as `bash -lc cmd`
// (as in Codex), so whatever the user's .profile/.bash_profile prints — e.g. `pyenv: cannot
// rehash: … isn't writable` inside the read-only sandbox — used to open every command's output.
// The script that runs is prefixed with a line printing a per-run marker to stderr and stdout;
// on each stream, what comes before its marker is the profile's (logged, not shown), what comes
// after is the command's. If no stream ever shows its marker the command never started (the
// profile exited, hung or failed), and then the profile's output is the story: it is shown.
import { randomBytes } from 'node:crypto';
import type { ExitStatus } from '../../process/commandSpec';
import type { OutputStream, RunningProcess } from '../../process/runner';
import { extractShellScript } from '../../process/shellCommand';

/** Past this much text before a marker the gate gives up and shows everything (a runaway profile). */
export const MAX_PROFILE_NOISE_CHARS = 64 * 1024;

export interface MarkedCommand {
  /** The argv to spawn: the same shell and flags, the script behind the marker line. */
  readonly argv: string[];
  readonly marker: string;
}

/** The marker-prefixed argv for a login-shell `[posix-shell, -lc, script]` argv; null for anything else. */
export function markLoginProfile(argv: readonly string[], marker = newProfileMarker()): MarkedCommand | null {
  const script = extractShellScript(argv);
  if (script === null || argv[1] !== '-lc') return null;
  // Its own line, so a syntax error in the script cannot stop the marker from being printed.
  const prefix = `printf '%s\\n' ${marker} >&2; printf '%s\\n' ${marker}\n`;
  return { argv: [argv[0] as string, '-lc', prefix + script], marker };
}

export function newProfileMarker(): string {
  return `codex-ts-profile-done-${randomBytes(8).toString('hex')}`;
}

/** Where the profile's output goes when it is not shown (the server log). */
export type ProfileNoiseSink = (stream: OutputStream, text: string) => void;

interface StreamGate {
  open: boolean;
  held: string;
}

/** Wraps a process started from markLoginProfile's argv: its output without the profile's part. */
export function gateProfileOutput(proc: RunningProcess, marker: string, onNoise: ProfileNoiseSink): RunningProcess {
  const listeners = new Set<(chunk: string, stream: OutputStream) => void>();
  const gates: Record<OutputStream, StreamGate> = { stdout: { open: false, held: '' }, stderr: { open: false, held: '' } };
  // The marker line, possibly twice in a row when both streams are one terminal (a PTY).
  const markerLine = new RegExp(`${marker}\\r?\\n(?:${marker}\\r?\\n)?`);
  const emit = (chunk: string, stream: OutputStream): void => {
    if (chunk === '') return;
    for (const listener of listeners) listener(chunk, stream);
  };
  proc.onOutput((chunk, stream) => {
    const gate = gates[stream];
    if (gate.open) return emit(chunk, stream);
    gate.held += chunk;
    const found = markerLine.exec(gate.held);
    if (found) {
      gate.open = true;
      const noise = gate.held.slice(0, found.index);
      const rest = gate.held.slice(found.index + found[0].length);
      gate.held = '';
      if (noise !== '') onNoise(stream, noise);
      emit(rest, stream);
    } else if (gate.held.length > MAX_PROFILE_NOISE_CHARS) {
      gate.open = true;
      const all = gate.held;
      gate.held = '';
      emit(all, stream);
    }
  });
  let exited = false;
  const exit = proc.exit.then((status: ExitStatus) => {
    exited = true;
    const started = gates.stdout.open || gates.stderr.open;
    for (const stream of ['stdout', 'stderr'] as const) {
      const { held } = gates[stream];
      if (held === '') continue;
      if (started) onNoise(stream, held);
      else emit(held, stream);
      gates[stream].held = '';
    }
    return status;
  });
  return {
    get pid() {
      return proc.pid;
    },
    argv: proc.argv,
    onOutput(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    exit,
    get exited() {
      return exited;
    },
    write: (data) => proc.write(data),
    closeStdin: () => proc.closeStdin(),
    signal: (sig) => proc.signal(sig),
    kill: () => proc.kill().then(() => exit),
  };
}
