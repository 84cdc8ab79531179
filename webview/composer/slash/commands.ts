// The slash commands the composer offers (typed `/` at the start of a message): what each is
// called, what it does, and when it is listed — only commands that work now are (a command that
// acts on a thread needs one; /mcp needs the MCP methods, /plan the plan collaboration mode).
// The menu filters this list, Composer runs the chosen command.
import { t } from '../../l10n';
export type SlashCommandId =
  | 'local'
  | 'review'
  | 'status'
  | 'feedback'
  | 'auto-context'
  | 'goal'
  | 'compact'
  | 'init'
  | 'model'
  | 'plan'
  | 'mcp'
  | 'fork';

export interface SlashCommand {
  readonly id: SlashCommandId;
  /** What it does (translated on use). */
  description(): string;
  /** Other names that also find it. */
  readonly aliases?: readonly string[];
  /** It acts on the active thread (hidden in a new, empty chat). */
  readonly needsThread: boolean;
  /** What may follow the command on the same line ("/goal fix the tests"). */
  readonly argument?: string;
}

export const SLASH_COMMANDS: readonly SlashCommand[] = [
  { id: 'local', description: () => t('Runs are local: Codex works in this workspace on this machine'), needsThread: false },
  { id: 'review', description: () => t('Review uncommitted changes or changes against a base branch'), needsThread: false },
  { id: 'status', description: () => t('Thread id, model, context usage and rate limits'), needsThread: false },
  { id: 'feedback', description: () => t('Send feedback, optionally with logs'), needsThread: false },
  { id: 'auto-context', description: () => t('Turn automatic IDE context on or off'), aliases: ['ide-context', 'ide'], needsThread: false },
  { id: 'goal', description: () => t('Set, show or clear the thread’s goal'), needsThread: true, argument: 'objective' },
  { id: 'compact', description: () => t('Compact the conversation to free context'), needsThread: true },
  { id: 'init', description: () => t('Create an AGENTS.md with instructions for Codex'), needsThread: false },
  { id: 'model', description: () => t('Choose the model and reasoning effort'), aliases: ['reasoning'], needsThread: false },
  { id: 'plan', description: () => t('Plan mode: Codex plans and asks before it acts'), needsThread: false, argument: 'prompt' },
  { id: 'mcp', description: () => t('MCP servers: status, tools, reload'), needsThread: false },
  { id: 'fork', description: () => t('Copy this chat into a new chat'), needsThread: true },
];

export interface SlashContext {
  readonly hasThread: boolean;
}

export function availableCommands(context: SlashContext): SlashCommand[] {
  return SLASH_COMMANDS.filter((c) => !c.needsThread || context.hasThread);
}

/** Commands matching what was typed after `/`: name prefixes first, then other matches. */
export function filterCommands(commands: readonly SlashCommand[], query: string): SlashCommand[] {
  const q = query.toLowerCase();
  if (q === '') return [...commands];
  const names = (c: SlashCommand): string[] => [c.id, ...(c.aliases ?? [])];
  const prefix = commands.filter((c) => names(c).some((n) => n.startsWith(q)));
  const words = (c: SlashCommand): string[] => c.description().toLowerCase().split(/[^a-z0-9.-]+/);
  const other = commands.filter(
    (c) => !prefix.includes(c) && (names(c).some((n) => n.includes(q)) || (q.length >= 3 && words(c).some((w) => w.startsWith(q)))),
  );
  return [...prefix, ...other];
}

/** A whole message that is a command ("/goal fix the tests"): its command and argument, else null. */
export function parseSlashMessage(text: string, commands: readonly SlashCommand[]): { command: SlashCommand; args: string } | null {
  const m = /^\/([\w-]+)(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!m) return null;
  const name = (m[1] ?? '').toLowerCase();
  const command = commands.find((c) => c.id === name || (c.aliases ?? []).includes(name));
  return command ? { command, args: (m[2] ?? '').trim() } : null;
}
