// Codex's `commandActions` for a command: what a run does, for the UI — read a file, list files,
// search, or unknown. A `[bash|zsh|sh, -c|-lc, script]` argv is judged by its script; a script is
// split with the small tokenizer (shellWords) into simple commands joined by `|`, `&&`, `||`, `;`.
// Formatting helpers in pipelines (`| head -n 40`, `| wc -l`) are dropped, `cd DIR &&` prefixes
// are folded into read paths, `echo …`/`true` noise is removed, and consecutive duplicates
// collapse. If any remaining part is unknown — or the script uses syntax the tokenizer does not
// model (redirections, `$`, subshells …) — the whole command is one `unknown` action. Read paths
// are made absolute against the command's cwd, as the app-server does.
import * as path from 'node:path';
import type { CommandAction } from '../../protocol/items';
import { summarizeCommand, isFormattingHelper, type ParsedCommand } from './commandSummary';
import { extractShellScript } from '../../process/shellCommand';
import { isConnector, shellJoin, splitOnConnectors, tokenizeScript } from '../../process/shellWords';

export type { ParsedCommand };

/** Classifies a command given as argv; `cwd` (absolute) makes read paths absolute. */
export function classifyCommand(argv: readonly string[], cwd?: string): CommandAction[] {
  return parseCommand(argv).map((pc) => toCommandAction(pc, cwd));
}

/** Classifies a shell script (the `cmd` of exec_command). */
export function classifyScript(script: string, cwd?: string): CommandAction[] {
  return classifyCommand(['bash', '-c', script], cwd);
}

/** Codex's parse_command: the summaries of an argv, collapsed to one unknown if any part is unknown. */
export function parseCommand(argv: readonly string[]): ParsedCommand[] {
  const script = extractShellScript(argv);
  const whole = script ?? shellJoin(argv);
  const parsed = script !== null ? parseScript(script) : summarizeSequence([...argv], whole);
  const deduped: ParsedCommand[] = [];
  for (const pc of parsed) {
    const prev = deduped[deduped.length - 1];
    if (prev && JSON.stringify(prev) === JSON.stringify(pc)) continue;
    deduped.push(pc);
  }
  if (deduped.length === 0 || deduped.some((pc) => pc.type === 'unknown')) return [{ type: 'unknown', cmd: whole }];
  return deduped;
}

/** Summaries of a shell script; one unknown when it is not a sequence of simple commands. */
export function parseScript(script: string): ParsedCommand[] {
  const tokens = tokenizeScript(script);
  if (!tokens || tokens.length === 0) return [{ type: 'unknown', cmd: script }];
  return summarizeSequence(tokens, script);
}

function summarizeSequence(tokens: string[], script: string): ParsedCommand[] {
  const all = splitOnConnectors(tokens);
  const hadMultiple = all.length > 1;
  const filtered = all.filter((cmd) => !isFormattingHelper(cmd));
  if (filtered.length === 0) return [{ type: 'unknown', cmd: script }];

  let commands: ParsedCommand[] = [];
  let dir: string | null = null;
  for (const cmd of filtered) {
    if (cmd[0] === 'cd') {
      const target = cdTarget(cmd.slice(1));
      if (target !== undefined) dir = dir === null ? target : joinPaths(dir, target);
      continue;
    }
    const pc = summarizeCommand(cmd);
    commands.push(pc.type === 'read' && dir !== null ? { ...pc, path: joinPaths(dir, pc.path) } : pc);
  }

  if (commands.length > 1) {
    commands = commands.filter((pc) => !(pc.type === 'unknown' && pc.cmd === 'true'));
    for (let next = simplifyOnce(commands); next; next = simplifyOnce(commands)) commands = next;
  }
  if (commands.length === 1) {
    const hadConnectors = hadMultiple || tokens.some(isConnector);
    const joined = shellJoin(tokens);
    const hasPipe = tokens.includes('|');
    const hasSedN = tokens.some((t, i) => t === 'sed' && tokens[i + 1] === '-n');
    commands = commands.map((pc): ParsedCommand => {
      if (pc.type === 'unknown') return pc;
      if (!hadConnectors) return { ...pc, cmd: joined };
      if (pc.type === 'read' && hasPipe && hasSedN) return { ...pc, cmd: script };
      return pc;
    });
  }
  return commands;
}

function firstWord(cmd: string): string | undefined {
  return tokenizeScript(cmd)?.[0];
}

/** One simplification step (Codex's simplify_once), or null when nothing changes. */
function simplifyOnce(commands: ParsedCommand[]): ParsedCommand[] | null {
  if (commands.length <= 1) return null;
  const without = (idx: number): ParsedCommand[] => commands.filter((_, i) => i !== idx);
  const first = commands[0] as ParsedCommand;
  if (first.type === 'unknown' && firstWord(first.cmd) === 'echo') return commands.slice(1);
  const cdIdx = commands.findIndex((pc) => pc.type === 'unknown' && firstWord(pc.cmd) === 'cd');
  if (cdIdx >= 0 && cdIdx + 1 < commands.length) return without(cdIdx);
  const trueIdx = commands.findIndex((pc) => pc.type === 'unknown' && pc.cmd === 'true');
  if (trueIdx >= 0) return without(trueIdx);
  const nlIdx = commands.findIndex((pc) => {
    if (pc.type !== 'unknown') return false;
    const words = tokenizeScript(pc.cmd);
    return words?.[0] === 'nl' && words.slice(1).every((w) => w.startsWith('-'));
  });
  if (nlIdx >= 0) return without(nlIdx);
  return null;
}

/** The directory a `cd` goes to: the operand after `--`, else the last non-flag operand. */
function cdTarget(args: readonly string[]): string | undefined {
  let target: string | undefined;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    if (arg === '--') return args[i + 1];
    if (!arg.startsWith('-')) target = arg;
  }
  return target;
}

function joinPaths(base: string, rel: string): string {
  if (path.isAbsolute(rel) || base === '') return rel;
  return path.join(base, rel);
}

/** The protocol shape; `cwd` turns relative read paths absolute. */
export function toCommandAction(pc: ParsedCommand, cwd?: string): CommandAction {
  switch (pc.type) {
    case 'read':
      return { type: 'read', command: pc.cmd, name: pc.name, path: cwd ? path.resolve(cwd, pc.path) : pc.path };
    case 'listFiles':
      return { type: 'listFiles', command: pc.cmd, path: pc.path };
    case 'search':
      return { type: 'search', command: pc.cmd, query: pc.query, path: pc.path };
    case 'unknown':
      return { type: 'unknown', command: pc.cmd };
  }
}
