// The command tools wired to the turn: exec_command and write_stdin (Codex's unified exec) and the
// one-shot `shell` tool (offered instead when `features.unified_exec = false`). Each command is a
// `commandExecution` item (id = call_id) that is approved first when the policy says so, streams
// its output as deltas and completes when the process exits — a command still running after
// yield_time_ms completes its item later, whenever it exits. The model gets the exec library's
// result text; a declined command gets Codex's rejection text.
// Every command runs through the server's CommandRunner (the SandboxedRunner) under the thread's
// sandbox policy anchored to the thread's cwd — or, when the approval engine says 'unsandboxed',
// under { type: 'dangerFullAccess' }. A sandboxed run that fails is offered to the engine's
// on-failure check: it may be retried unsandboxed, after asking when needed, on the same item — or,
// when a managed network policy is active and the run could not reach a host, retried under the
// same sandbox with network on after a networkApprovalContext prompt.
import * as path from 'node:path';
import type { ToolOutput } from '../models';
import type { SandboxPolicy } from '../protocol/common';
import { approveCommand, askCommand, type ApprovalVerdict } from './approvals/approvalFlow';
import type { RunMode } from '../sandbox';
import { CommandItem } from './commandItem';
import { buildShellArgv, LoginShellDisabledError, shellJoin, type ShellArgv } from '../process';
import {
  classifyCommand,
  execCommandToolSpec,
  ExecToolError,
  parseExecCommandArgs,
  parseShellArgs,
  parseWriteStdinArgs,
  runShellTool,
  shellToolSpec,
  writeStdinToolSpec,
  type ExecContext,
  type ExecSessionEnd,
} from './exec';
import { functionArguments, type ToolCall, type ToolContext, type ToolHandler } from './types';
import type { ToolConfig } from './toolConfig';
import { enginePolicy } from '../sandbox/approvalPolicy';

export const JUSTIFICATION_WITHOUT_ESCALATION =
  '`justification` requires an explicit `sandbox_permissions` value of `require_escalated`; omit `justification` to run the command in the sandbox.';

/** What the model gets for a command that was not run (Codex's text for a declined command). */
export function rejectedCommandText(tool: string, reason: string): string {
  return `${tool} failed: CreateProcess { message: "Rejected(\\"${reason}\\")" }`;
}

function networkDisabled(sandbox: SandboxPolicy): boolean {
  return (sandbox.type === 'readOnly' || sandbox.type === 'workspaceWrite') && !sandbox.networkAccess;
}

const FULL_ACCESS: SandboxPolicy = { type: 'dangerFullAccess' };

/** The policy a run mode means: the thread's, none, or the thread's with network on. */
function sandboxFor(mode: RunMode, sandbox: SandboxPolicy): SandboxPolicy {
  if (mode === 'unsandboxed') return FULL_ACCESS;
  if (mode === 'sandboxedWithNetwork' && (sandbox.type === 'readOnly' || sandbox.type === 'workspaceWrite')) return { ...sandbox, networkAccess: true };
  return sandbox;
}

/** One run of a command: how it runs, and the failed end held back while a retry is considered. */
interface RunState {
  mode: RunMode;
  /** While true, a failed sandboxed end is held in `held` instead of completing the item. */
  holding: boolean;
  held: ExecSessionEnd | null;
}

function completeEnd(record: CommandItem, end: ExecSessionEnd): void {
  record.complete({ status: end.exitCode === 0 ? 'completed' : 'failed', exitCode: end.exitCode, aggregatedOutput: end.aggregatedOutput, durationMs: end.durationMs });
}

/** The exec library's callbacks reporting to one item. */
function execCallbacks(ctx: ToolContext, record: CommandItem, source: 'unifiedExecStartup' | 'agent', run: RunState): ExecContext {
  const { settings } = ctx.thread;
  const sandbox = sandboxFor(run.mode, settings.sandbox);
  return {
    cwd: settings.cwd,
    sandbox,
    sandboxCwd: settings.cwd,
    networkDisabled: networkDisabled(sandbox),
    onStart: (info) => {
      record.spawned(info.processId, source, info.command, info.cwd);
      if (source === 'unifiedExecStartup') ctx.tools.execOwners.set(info.processId, { itemId: record.id, turnId: ctx.turn.id });
    },
    onOutput: (chunk) => record.outputDelta(chunk),
    onExit: (end) => {
      ctx.tools.execOwners.delete(end.processId);
      if (run.holding && run.mode === 'sandboxed' && end.exitCode !== 0 && !end.spawnError && ctx.gate.assessFailure) {
        run.held = end;
        return;
      }
      completeEnd(record, end);
    },
  };
}

/**
 * After a run: when its sandboxed run failed in a way the engine wants retried without the sandbox
 * (asking first when needed), returns the verdict for the retry; null completes the held end.
 */
async function retryVerdict(ctx: ToolContext, call: ToolCall, cmd: PreparedCommand, record: CommandItem, run: RunState, approved: boolean, exited: boolean): Promise<ApprovalVerdict | null> {
  run.holding = false;
  const end = run.held;
  run.held = null;
  if (!end) return null;
  if (!exited) {
    // It ended after the result was taken: the model was told it is running; just complete it.
    completeEnd(record, end);
    return null;
  }
  const query = approvalQuery(ctx, 'retry', call, cmd);
  const failure = ctx.gate.assessFailure?.({
    ...query,
    ranAs: 'sandboxed',
    status: { exitCode: end.exitCode, signal: end.signal, timedOut: end.timedOut },
    output: end.aggregatedOutput,
    alreadyApproved: approved,
    approvedHosts: ctx.tools.approvals.approvedHosts,
    deniedHosts: ctx.tools.approvals.deniedHosts,
  }) ?? { type: 'fail' as const };
  let verdict: ApprovalVerdict | null = null;
  if (failure.type === 'retry') verdict = { run: true, asked: false, mode: failure.mode };
  else if (failure.type === 'ask') verdict = await askCommand(ctx, query, failure, () => undefined);
  if (verdict?.run) return verdict;
  completeEnd(record, end);
  return null;
}

interface PreparedCommand {
  argv: string[];
  display: string;
  cwd: string;
  sandboxPermissions: 'use_default' | 'require_escalated';
  justification: string | null;
  prefixRule: string[] | null;
}

function approvalQuery(ctx: ToolContext, tool: string, call: ToolCall, cmd: PreparedCommand): Parameters<typeof approveCommand>[1] {
  const { settings } = ctx.thread;
  return {
    tool,
    argv: cmd.argv,
    command: cmd.display,
    cwd: cmd.cwd,
    sandboxPermissions: cmd.sandboxPermissions,
    justification: cmd.justification,
    prefixRule: cmd.prefixRule,
    approvalPolicy: enginePolicy(settings),
    sandbox: settings.sandbox,
    itemId: call.callId,
    commandActions: classifyCommand(cmd.argv, cmd.cwd),
  };
}

/** Approval for a prepared command: how it runs, or the rejection text when it must not run. */
async function approve(ctx: ToolContext, tool: string, call: ToolCall, cmd: PreparedCommand, record: CommandItem): Promise<{ run: RunState; asked: boolean } | { rejected: string }> {
  const verdict = await approveCommand(ctx, approvalQuery(ctx, tool, call, cmd), () => record.start('agent'));
  if (verdict.run) return { run: { mode: verdict.mode, holding: true, held: null }, asked: verdict.asked };
  if (verdict.failed) {
    // Fail closed: the sandbox cannot be enforced here; the model reads the actionable error.
    record.complete({ status: 'failed', aggregatedOutput: verdict.reason });
    return { rejected: `${tool} failed: ${verdict.reason}` };
  }
  record.complete({ status: 'declined' });
  return { rejected: rejectedCommandText(tool, verdict.reason) };
}

function newRecord(ctx: ToolContext, call: ToolCall, cmd: PreparedCommand): CommandItem {
  return new CommandItem(ctx, { id: call.callId, command: cmd.display, cwd: cmd.cwd, commandActions: classifyCommand(cmd.argv, cmd.cwd) });
}

async function handleExecCommand(call: ToolCall, ctx: ToolContext): Promise<ToolOutput> {
  const raw = functionArguments(call);
  if (!raw.ok) return raw.error;
  const parsed = parseExecCommandArgs(raw.arguments);
  if (!parsed.ok) return parsed.error;
  const args = parsed.args;
  if (args.justification !== undefined && args.sandbox_permissions !== 'require_escalated') return JUSTIFICATION_WITHOUT_ESCALATION;
  let shell: ShellArgv;
  try {
    shell = buildShellArgv({ cmd: args.cmd, shell: args.shell, login: args.login, allowLoginShell: ctx.config.allowLoginShell, userShell: process.env.SHELL ?? null });
  } catch (error) {
    if (error instanceof LoginShellDisabledError) return error.message;
    throw error;
  }
  const cmd: PreparedCommand = {
    argv: shell.argv,
    display: shell.display,
    cwd: path.resolve(ctx.thread.settings.cwd, args.workdir ?? '.'),
    sandboxPermissions: args.sandbox_permissions ?? 'use_default',
    justification: args.justification ?? null,
    prefixRule: args.prefix_rule ?? null,
  };
  const record = newRecord(ctx, call, cmd);
  const approval = await approve(ctx, 'exec_command', call, cmd, record);
  if ('rejected' in approval) return approval.rejected;
  const request = {
    cmd: args.cmd,
    workdir: args.workdir,
    shell: args.shell,
    login: args.login,
    tty: args.tty,
    yield_time_ms: args.yield_time_ms,
    max_output_tokens: args.max_output_tokens,
  };
  try {
    const result = await ctx.exec().execCommand(request, execCallbacks(ctx, record, 'unifiedExecStartup', approval.run));
    const retry = await retryVerdict(ctx, call, cmd, record, approval.run, approval.asked, result.end !== null);
    if (!retry?.run) return result.text;
    const again = await ctx.exec().execCommand(request, execCallbacks(ctx, record, 'unifiedExecStartup', { mode: retry.mode, holding: false, held: null }));
    return again.text;
  } catch (error) {
    if (!(error instanceof ExecToolError)) throw error;
    if (record.started) record.complete({ status: 'failed' });
    return error.message;
  }
}

async function handleWriteStdin(call: ToolCall, ctx: ToolContext): Promise<ToolOutput> {
  const raw = functionArguments(call);
  if (!raw.ok) return raw.error;
  const parsed = parseWriteStdinArgs(raw.arguments);
  if (!parsed.ok) return parsed.error;
  const args = parsed.args;
  const owner = ctx.tools.execOwners.get(args.session_id);
  if (owner && args.chars) {
    ctx.notify('item/commandExecution/terminalInteraction', {
      threadId: ctx.thread.id,
      turnId: owner.turnId,
      itemId: owner.itemId,
      processId: String(args.session_id),
      stdin: args.chars,
    });
  }
  try {
    const result = await ctx.exec().writeStdin(args);
    return result.text;
  } catch (error) {
    if (error instanceof ExecToolError) return error.message;
    throw error;
  }
}

async function handleShell(call: ToolCall, ctx: ToolContext): Promise<ToolOutput> {
  const raw = functionArguments(call);
  if (!raw.ok) return raw.error;
  const parsed = parseShellArgs(raw.arguments);
  if (!parsed.ok) return parsed.error;
  const args = parsed.args;
  if (args.justification !== undefined && args.sandbox_permissions !== 'require_escalated') return JUSTIFICATION_WITHOUT_ESCALATION;
  const cmd: PreparedCommand = {
    argv: args.command,
    display: shellJoin(args.command),
    cwd: path.resolve(ctx.thread.settings.cwd, args.workdir ?? '.'),
    sandboxPermissions: args.sandbox_permissions ?? 'use_default',
    justification: args.justification ?? null,
    prefixRule: args.prefix_rule ?? null,
  };
  const record = newRecord(ctx, call, cmd);
  const approval = await approve(ctx, 'shell', call, cmd, record);
  if ('rejected' in approval) return approval.rejected;
  const limits = ctx.config.toolOutputTokenLimit !== null ? { maxOutputTokens: ctx.config.toolOutputTokenLimit } : {};
  const request = { command: args.command, workdir: args.workdir, timeout_ms: args.timeout_ms };
  try {
    const result = await runShellTool(ctx.exec(), request, execCallbacks(ctx, record, 'agent', approval.run), limits);
    const retry = await retryVerdict(ctx, call, cmd, record, approval.run, approval.asked, true);
    if (!retry?.run) return result.text;
    const again = await runShellTool(ctx.exec(), request, execCallbacks(ctx, record, 'agent', { mode: retry.mode, holding: false, held: null }), limits);
    return again.text;
  } catch (error) {
    if (!(error instanceof ExecToolError)) throw error;
    if (record.started) record.complete({ status: 'failed' });
    return error.message;
  }
}

/** exec_command + write_stdin, or `shell` when unified exec is turned off. */
export function execToolHandlers(config: ToolConfig): ToolHandler[] {
  if (!config.unifiedExec) return [{ name: 'shell', spec: shellToolSpec(), handle: handleShell }];
  return [
    { name: 'exec_command', spec: execCommandToolSpec({ allowLoginShell: config.allowLoginShell }), handle: handleExecCommand },
    { name: 'write_stdin', spec: writeStdinToolSpec(), handle: handleWriteStdin },
  ];
}
