// The `commandExecution` item of one command the model ran: started once (when the client is
// asked to approve it, or when the process is spawned), streamed through
// `item/commandExecution/outputDelta`, and completed exactly once — when the process exits (even
// in a later turn), when the command is declined, or when it could not start.
import type { CommandAction, CommandExecutionStatus, ThreadItem } from '../protocol/items';
import type { ToolContext } from './types';

export type CommandExecutionItem = Extract<ThreadItem, { type: 'commandExecution' }>;
type Source = CommandExecutionItem['source'];

export interface CommandItemInit {
  id: string;
  command: string;
  cwd: string;
  commandActions: CommandAction[];
}

export interface CommandEnd {
  status: Exclude<CommandExecutionStatus, 'inProgress'>;
  exitCode?: number | null;
  aggregatedOutput?: string | null;
  durationMs?: number | null;
}

export class CommandItem {
  private readonly item: CommandExecutionItem;
  private isStarted = false;
  private isCompleted = false;

  constructor(
    private readonly ctx: ToolContext,
    init: CommandItemInit,
  ) {
    this.item = {
      type: 'commandExecution',
      id: init.id,
      pluginId: null,
      scriptPath: null,
      command: init.command,
      cwd: init.cwd,
      processId: null,
      source: 'unifiedExecStartup',
      status: 'inProgress',
      commandActions: init.commandActions,
      aggregatedOutput: null,
      exitCode: null,
      durationMs: null,
    };
  }

  get id(): string {
    return this.item.id;
  }

  get started(): boolean {
    return this.isStarted;
  }

  /** item/started (once). */
  start(source: Source): void {
    if (this.isStarted) return;
    this.isStarted = true;
    this.item.source = source;
    this.ctx.itemStarted({ ...this.item });
  }

  /** The process is running: its id and the source it completes with; item/started if not sent yet. */
  spawned(processId: number, source: Source, command: string, cwd: string): void {
    this.item.processId = String(processId);
    this.item.command = command;
    this.item.cwd = cwd;
    if (!this.isStarted) this.start(source);
    this.item.source = source;
  }

  outputDelta(delta: string): void {
    this.ctx.notify('item/commandExecution/outputDelta', { threadId: this.ctx.thread.id, turnId: this.ctx.turn.id, itemId: this.item.id, delta });
  }

  /** item/completed (once; starts the item first if needed). */
  complete(end: CommandEnd): void {
    if (this.isCompleted) return;
    if (!this.isStarted) this.start(this.item.source);
    this.isCompleted = true;
    this.item.status = end.status;
    this.item.exitCode = end.exitCode ?? null;
    this.item.aggregatedOutput = end.aggregatedOutput ?? null;
    this.item.durationMs = end.durationMs ?? null;
    this.ctx.itemCompleted({ ...this.item });
  }
}
