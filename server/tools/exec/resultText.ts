// The exact text the model gets back from the command tools.
//
// exec_command / write_stdin (Codex's unified exec), sections joined by "\n":
//   Chunk ID: db9958                              (6 random hex characters)
//   Wall time: 0.0000 seconds                     (4 decimals)
//   Process exited with code 0                    (when the process has exited), or
//   Process running with session ID 12345         (when it is still running)
//   Original token count: 2
//   Output:
//   <output, truncated to max_output_tokens>
// Warnings (e.g. a session killed to respect the session cap) go on their own lines before
// "Output:".
//
// shell (argv tool for models that use it): Codex's structured JSON,
//   {"output":"…","metadata":{"exit_code":0,"duration_seconds":0.1}} with the duration rounded to
// one decimal; a timed-out command's output starts with "command timed out after N milliseconds".
import { randomBytes } from 'node:crypto';

export interface ExecResultText {
  chunkId: string;
  wallTimeMs: number;
  /** Set when the process has exited. */
  exitCode: number | null;
  /** Set while the process is still running. */
  sessionId: number | null;
  originalTokenCount: number;
  /** The (already truncated) output. */
  output: string;
  warnings?: readonly string[];
}

/** A fresh chunk id: 6 lowercase hex characters. */
export function newChunkId(): string {
  return randomBytes(3).toString('hex');
}

/** Seconds with 4 decimals, e.g. 1234 ms → "1.2340". */
export function formatWallTime(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(4);
}

export function formatExecResult(r: ExecResultText): string {
  const sections: string[] = [];
  if (r.chunkId !== '') sections.push(`Chunk ID: ${r.chunkId}`);
  sections.push(`Wall time: ${formatWallTime(r.wallTimeMs)} seconds`);
  if (r.exitCode !== null) sections.push(`Process exited with code ${r.exitCode}`);
  if (r.sessionId !== null) sections.push(`Process running with session ID ${r.sessionId}`);
  sections.push(`Original token count: ${r.originalTokenCount}`);
  for (const warning of r.warnings ?? []) sections.push(`Warning: ${warning}`);
  sections.push('Output:');
  sections.push(r.output);
  return sections.join('\n');
}

/** Duration in seconds rounded to one decimal, printed the way serde prints an f32 (0 → "0.0"). */
export function formatDurationSeconds(ms: number): string {
  const tenths = Math.round(Math.max(0, ms) / 100);
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}

export interface ShellResultText {
  /** The (already truncated) output. */
  output: string;
  exitCode: number;
  durationMs: number;
}

export function formatShellResult(r: ShellResultText): string {
  return `{"output":${JSON.stringify(r.output)},"metadata":{"exit_code":${r.exitCode},"duration_seconds":${formatDurationSeconds(r.durationMs)}}}`;
}

/** The line Codex puts before the output of a command it killed for running too long. */
export function timeoutNotice(timeoutMs: number): string {
  return `command timed out after ${timeoutMs} milliseconds\n`;
}
