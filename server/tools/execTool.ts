// The command tools wired to the turn: exec_command and write_stdin (Codex's unified exec) and the
// one-shot `shell` tool (offered instead when `features.unified_exec = false`). Each command is a
// `commandExecution` item (id = call_id) that is approved first when the policy says so, streams
// its output as deltas and completes when the process exits — a command still running after
// yield_time_ms completes its item later, whenever it exits. The model gets the exec library's
// result text; a declined command gets Codex's rejection text.
import * as path from 'node:path';
import type { ToolOutput } from '../models';
import type { SandboxPolicy } from '../protocol/common';
import { approveCommand } from './approvals/approvalFlow';
import { CommandItem } from './commandItem';
import {
  buildShellArgv,
  classifyCommand,
  execCommandToolSpec,
  ExecToolError,
  LoginShellDisabledError,
  parseExecCommandArgs,
  parseShellArgs,
  parseWriteStdinArgs,
  runShellTool,
  shellJoin,
  shellToolSpec,
  writeStdinToolSpec,
  type ExecContext,
  type ShellArgv,
} from './exec';
import { functionArguments, type ToolCall, type ToolContext, type ToolHandler } from './types';
import type { ToolConfig } from './toolConfig';

export const JUSTIFICATION_WITHOUT_ESCALATION =
  '`justification` requires an explicit `sandbox_permissions` value of `require_escalated`; omit `justification` to run the command in the sandbox.';

/** What the model gets for a command that was not run (Codex's text for a declined command). */
export function rejectedCommandText(tool: string, reason: string): string {
  return `${tool} failed: CreateProcess { message: "Rejected(\\"${reason}\\")" }`;
}

function networkDisabled(sandbox: SandboxPolicy): boolean {
  return (sandbox.type === 'readOnly' || sandbox.type === 'workspaceWrite') && !sandbox.networkAccess;
}

/** The exec library's callbacks reporting to one item. */
function execCallbacks(ctx: ToolContext, record: CommandItem, source: 'unifiedExecStartup' | 'agent'): ExecContext {
  const { settings } = ctx.thread;
  return {
    cwd: settings.cwd,
    sandbox: settings.sandbox,
    networkDisabled: networkDisabled(settings.sandbox),
    onStart: (info) => {
      record.spawned(info.processId, source, info.command, info.cwd);
      if (source === 'unifiedExecStartup') ctx.tools.execOwners.set(info.processId, { itemId: record.id, turnId: ctx.turn.id });
    },
    onOutput: (chunk) => record.outputDelta(chunk),
    onExit: (end) => {
      ctx.tools.execOwners.delete(end.processId);
      record.complete({ status: end.exitCode === 0 ? 'completed' : 'failed', exitCode: end.exitCode, aggregatedOutput: end.aggregatedOutput, durationMs: end.durationMs });
    },
  };
}

interface PreparedCommand {
  argv: string[];
  display: string;
  cwd: string;
  sandboxPermissions: 'use_default' | 'require_escalated';
  justification: string | null;
  prefixRule: string[] | null;
}

/** Approval for a prepared command; returns the rejection text when it must not run. */
async function approve(ctx: ToolContext, tool: string, call: ToolCall, cmd: PreparedCommand, record: CommandItem): Promise<string | null> {
  const { settings } = ctx.thread;
  const verdict = await approveCommand(
    ctx,
    {
      tool,
      argv: cmd.argv,
      command: cmd.display,
      cwd: cmd.cwd,
      sandboxPermissions: cmd.sandboxPermissions,
      justification: cmd.justification,
      prefixRule: cmd.prefixRule,
      approvalPolicy: settings.approvalPolicy,
      sandbox: settings.sandbox,
      itemId: call.callId,
      commandActions: classifyCommand(cmd.argv, cmd.cwd),
    },
    () => record.start('agent'),
  );
  if (verdict.run) return null;
  record.complete({ status: 'declined' });
  return rejectedCommandText(tool, verdict.reason);
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
  const rejected = await approve(ctx, 'exec_command', call, cmd, record);
  if (rejected !== null) return rejected;
  try {
    const result = await ctx.exec().execCommand(
      {
        cmd: args.cmd,
        workdir: args.workdir,
        shell: args.shell,
        login: args.login,
        tty: args.tty,
        yield_time_ms: args.yield_time_ms,
        max_output_tokens: args.max_output_tokens,
      },
      execCallbacks(ctx, record, 'unifiedExecStartup'),
    );
    return result.text;
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
  const rejected = await approve(ctx, 'shell', call, cmd, record);
  if (rejected !== null) return rejected;
  try {
    const result = await runShellTool(
      ctx.exec(),
      { command: args.command, workdir: args.workdir, timeout_ms: args.timeout_ms },
      execCallbacks(ctx, record, 'agent'),
      ctx.config.toolOutputTokenLimit !== null ? { maxOutputTokens: ctx.config.toolOutputTokenLimit } : {},
    );
    return result.text;
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
