// The `shell` tool for models that use the argv form (`{command: string[], workdir, timeout_ms}`):
// runs the argv as given (no shell wrapping) to completion, killing the process tree after
// timeout_ms (default 10 s), and answers in Codex's structured JSON format
// {"output":"…","metadata":{"exit_code":N,"duration_seconds":S}}. A timed-out command reports exit
// code 124 and its output starts with "command timed out after N milliseconds".
import { TIMEOUT_EXIT_CODE } from '../../process/commandSpec';
import { capturedText } from '../../process/outputBuffer';
import { formatShellResult, timeoutNotice } from './resultText';
import type { ExecContext, ExecSessionManager } from './sessions';
import type { ExecSessionEnd } from './session';
import { DEFAULT_MAX_OUTPUT_TOKENS, formatCaptured, formattedTruncateText } from './truncate';

export const DEFAULT_SHELL_TIMEOUT_MS = 10_000;

export interface ShellToolRequest {
  command: string[];
  workdir?: string;
  timeout_ms?: number;
}

export interface ShellToolOptions {
  /** Token budget for the output (`tool_output_token_limit`, default 10000). */
  maxOutputTokens?: number;
}

export interface ShellToolResult {
  /** The function_call_output text for the model. */
  text: string;
  exitCode: number;
  timedOut: boolean;
  command: string;
  cwd: string;
  end: ExecSessionEnd;
}

export async function runShellTool(
  manager: ExecSessionManager,
  req: ShellToolRequest,
  ctx: ExecContext,
  options: ShellToolOptions = {},
): Promise<ShellToolResult> {
  const timeoutMs = req.timeout_ms && req.timeout_ms > 0 ? req.timeout_ms : DEFAULT_SHELL_TIMEOUT_MS;
  const run = await manager.runOnce({ argv: req.command, workdir: req.workdir, timeoutMs }, ctx);
  const tokens = options.maxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS;
  const { end } = run;
  const exitCode = end.timedOut ? TIMEOUT_EXIT_CODE : end.exitCode;
  const output = end.timedOut ? formattedTruncateText(timeoutNotice(timeoutMs) + capturedText(run.output), tokens) : formatCaptured(run.output, tokens);
  return {
    text: formatShellResult({ output, exitCode, durationMs: end.durationMs }),
    exitCode,
    timedOut: end.timedOut,
    command: run.command,
    cwd: run.cwd,
    end,
  };
}
