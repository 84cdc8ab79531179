// The texts the model sees as apply_patch results, in Codex's shapes:
//   success          "Exit code: 0\nWall time: 0 seconds\nOutput:\nSuccess. Updated the following files:\nA hello.txt\n"
//   invalid patch    "apply_patch verification failed: <reason>" (parse errors, context not found, …)
//   failed write     "Exit code: 1\nWall time: 0 seconds\nOutput:\n<reason>\n"
//   declined         "patch rejected by user"
//   bad arguments    "failed to parse function arguments: …" (function-tool form only)
// The summary lists added, then modified (a moved file under its new path), then deleted files,
// each relative to the cwd when inside it, else absolute.
import * as path from 'node:path';
import { isApplyPatchError } from './errors';
import type { PlannedOp } from './types';

export const PATCH_REJECTED_OUTPUT = 'patch rejected by user';
export const VERIFICATION_FAILED_PREFIX = 'apply_patch verification failed: ';

/** A path as shown to the model: relative to cwd when inside it, else absolute. */
export function displayPath(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  if (rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return abs;
  return rel.split(path.sep).join('/');
}

/** "Success. Updated the following files:\nA a.txt\nM b.txt\nD c.txt\n". */
export function formatSummary(ops: readonly PlannedOp[], cwd: string): string {
  const lines: string[] = [];
  const add = (line: string): void => {
    if (!lines.includes(line)) lines.push(line);
  };
  for (const op of ops) if (op.kind === 'add') add(`A ${displayPath(op.path, cwd)}`);
  for (const op of ops) if (op.kind === 'update') add(`M ${displayPath(op.movePath ?? op.path, cwd)}`);
  for (const op of ops) if (op.kind === 'delete') add(`D ${displayPath(op.path, cwd)}`);
  return ['Success. Updated the following files:', ...lines].join('\n') + '\n';
}

/** Seconds rounded to one decimal, printed without a trailing ".0" ("0", "0.3", "12"). */
export function formatWallTime(ms: number): string {
  const tenths = Math.round(Math.max(0, ms) / 100);
  return String(tenths / 10);
}

export interface ExecStyleOutput {
  exitCode: number;
  wallTimeMs: number;
  output: string;
}

/** The custom-tool output wrapper: "Exit code: N\nWall time: X seconds\nOutput:\n…". */
export function formatExecOutput(o: ExecStyleOutput): string {
  return `Exit code: ${o.exitCode}\nWall time: ${formatWallTime(o.wallTimeMs)} seconds\nOutput:\n${o.output}`;
}

/** The model-facing text of a successful apply (the summary in the exec wrapper, exit code 0). */
export function formatPatchSuccess(summary: string, wallTimeMs: number): string {
  return formatExecOutput({ exitCode: 0, wallTimeMs, output: summary });
}

/**
 * The model-facing text of a failed apply_patch call. Errors found before writing (a malformed
 * patch, context not found, a missing file) read "apply_patch verification failed: …"; errors while
 * writing come in the exec wrapper with exit code 1.
 */
export function formatPatchFailure(error: unknown, wallTimeMs: number): string {
  const message = error instanceof Error ? error.message : String(error);
  if (isApplyPatchError(error) && error.kind === 'arguments') return message;
  if (isApplyPatchError(error) && error.kind !== 'write') return `${VERIFICATION_FAILED_PREFIX}${message}`;
  return formatExecOutput({ exitCode: 1, wallTimeMs, output: message.endsWith('\n') ? message : `${message}\n` });
}
