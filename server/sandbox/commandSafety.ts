// Command safety heuristics for the approval engine, as Codex has them:
//   commandsForPolicy   a `bash|zsh|sh -c|-lc SCRIPT` argv whose script is only plain words joined
//                       by `&&`, `||`, `;`, `|` → its commands; any other argv → itself.
//   isKnownSafeCommand  read-only commands that `untrusted` runs without asking: cat, cd, cut, echo,
//                       expr, false, grep, head, id, ls, nl, paste, pwd, rev, seq, stat, tail, tr,
//                       true, uname, uniq, wc, which, whoami (+ numfmt, tac on Linux); base64 without
//                       -o/--output; find without -exec/-execdir/-ok/-okdir/-delete/-fls/-fprint*;
//                       rg without --pre/--hostname-bin/--search-zip/-z; `sed -n N[,M]p [file]`; and
//                       a plain script made only of those. git is never "known safe".
//   isDangerousCommand  `rm` with -f/--force (also behind sudo, and anywhere in a shell script,
//                       including inside $(…), backticks and control flow): always asks.
//   isLikelySandboxDenied  a failed sandboxed run whose output looks like the sandbox stopped it.
import * as path from 'node:path';
import type { ExitStatus } from '../process/commandSpec';
import { extractShellScript } from '../process/shellCommand';
import { splitOnConnectors, tokenizeScript } from '../process/shellWords';

/** The individual commands an argv stands for (see the module comment). */
export function commandsForPolicy(argv: readonly string[]): string[][] {
  const script = extractShellScript(argv);
  if (script !== null) {
    const tokens = tokenizeScript(script);
    const commands = tokens ? splitOnConnectors(tokens) : [];
    if (commands.length > 0) return commands;
  }
  return [[...argv]];
}

const SAFE_PROGRAMS = new Set([
  'cat', 'cd', 'cut', 'echo', 'expr', 'false', 'grep', 'head', 'id', 'ls', 'nl', 'paste', 'pwd', 'rev', 'seq', 'stat',
  'tail', 'tr', 'true', 'uname', 'uniq', 'wc', 'which', 'whoami',
]);
const LINUX_SAFE_PROGRAMS = new Set(['numfmt', 'tac']);
const UNSAFE_FIND_OPTIONS = new Set(['-exec', '-execdir', '-ok', '-okdir', '-delete', '-fls', '-fprint', '-fprint0', '-fprintf']);
const UNSAFE_RG_WITH_ARGS = ['--pre', '--hostname-bin'];
const UNSAFE_RG_FLAGS = new Set(['--search-zip', '-z']);

function programName(word: string | undefined): string | null {
  if (word === undefined || word === '') return null;
  return path.posix.basename(word);
}

/** One command (no shell parsing) that only reads. */
export function isSafeToExec(command: readonly string[], platform: NodeJS.Platform = process.platform): boolean {
  const name = programName(command[0]);
  if (name === null) return false;
  if (SAFE_PROGRAMS.has(name)) return true;
  if (platform === 'linux' && LINUX_SAFE_PROGRAMS.has(name)) return true;
  const args = command.slice(1);
  switch (name) {
    case 'base64':
      return !args.some((a) => a === '-o' || a === '--output' || a.startsWith('--output=') || (a.startsWith('-o') && a !== '-o'));
    case 'find':
      return !args.some((a) => UNSAFE_FIND_OPTIONS.has(a));
    case 'rg':
      return !args.some((a) => UNSAFE_RG_FLAGS.has(a) || UNSAFE_RG_WITH_ARGS.some((o) => a === o || a.startsWith(`${o}=`)));
    case 'sed':
      return command.length <= 4 && command[1] === '-n' && /^(\d+,)?\d+p$/.test(command[2] ?? '');
    default:
      return false;
  }
}

/** True for commands `untrusted` may run without asking. */
export function isKnownSafeCommand(argv: readonly string[], platform: NodeJS.Platform = process.platform): boolean {
  const command = argv.map((w) => (w === 'zsh' ? 'bash' : w));
  if (isSafeToExec(command, platform)) return true;
  const script = extractShellScript(command);
  if (script === null) return false;
  const tokens = tokenizeScript(script);
  const commands = tokens ? splitOnConnectors(tokens) : [];
  return commands.length > 0 && commands.every((c) => isSafeToExec(c, platform));
}

function rmForces(args: readonly string[]): boolean {
  for (const arg of args) {
    if (arg === '--') return false;
    if (arg === '--force') return true;
    if (arg.startsWith('-') && !arg.startsWith('--') && arg.includes('f')) return true;
  }
  return false;
}

function dangerousExec(command: readonly string[]): boolean {
  const name = programName(command[0]);
  if (name === 'rm') return rmForces(command.slice(1));
  if (name === 'sudo') return dangerousExec(command.slice(1));
  return false;
}

/** True for commands that always need the user (forced rm), also inside shell scripts. */
export function isDangerousCommand(argv: readonly string[]): boolean {
  if (dangerousExec(argv)) return true;
  const script = extractShellScript(argv);
  return script !== null && literalCommands(script).some(dangerousExec);
}

const SKIPPED_LEADERS = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', 'time', 'exec', 'command', 'nohup']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/**
 * The literal commands of a shell script, leniently: words split on operators, grouping and
 * control-flow keywords; quoted text stays one word; $(…) and `…` bodies are scanned too.
 */
export function literalCommands(script: string): string[][] {
  const out: string[][] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  const endWord = (): void => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  const endCommand = (): void => {
    endWord();
    let start = 0;
    while (start < words.length && (SKIPPED_LEADERS.has(words[start] as string) || ASSIGNMENT.test(words[start] as string))) start += 1;
    if (start < words.length) out.push(words.slice(start));
    words = [];
  };
  const substitution = (from: number, open: string, close: string): number => {
    let level = 1;
    let i = from;
    while (i < script.length && level > 0) {
      if (script[i] === '\\') i += 1;
      else if (open !== close && script[i] === open) level += 1;
      else if (script[i] === close) level -= 1;
      i += 1;
    }
    out.push(...literalCommands(script.slice(from, Math.max(from, i - 1))));
    return i;
  };
  let i = 0;
  while (i < script.length) {
    const c = script[i] as string;
    if (c === '\\') {
      word += script[i + 1] ?? '';
      inWord = true;
      i += 2;
    } else if (c === "'") {
      const end = script.indexOf("'", i + 1);
      word += script.slice(i + 1, end < 0 ? script.length : end);
      inWord = true;
      i = end < 0 ? script.length : end + 1;
    } else if (c === '"') {
      inWord = true;
      i += 1;
      while (i < script.length && script[i] !== '"') {
        if (script[i] === '\\') {
          word += script[i + 1] ?? '';
          i += 2;
        } else if (script.startsWith('$(', i)) {
          i = substitution(i + 2, '(', ')');
        } else if (script[i] === '`') {
          i = substitution(i + 1, '`', '`');
        } else {
          word += script[i];
          i += 1;
        }
      }
      i += 1;
    } else if (script.startsWith('$(', i)) {
      inWord = true;
      i = substitution(i + 2, '(', ')');
    } else if (c === '`') {
      inWord = true;
      i = substitution(i + 1, '`', '`');
    } else if (c === '#' && !inWord) {
      while (i < script.length && script[i] !== '\n') i += 1;
    } else if (';&|\n(){}'.includes(c)) {
      endCommand();
      i += 1;
    } else if (/\s/.test(c) || c === '<' || c === '>') {
      endWord();
      i += 1;
    } else {
      word += c;
      inWord = true;
      i += 1;
    }
  }
  endCommand();
  return out;
}

/** Output fragments that suggest the sandbox (not the command itself) made it fail. */
export const SANDBOX_DENIED_KEYWORDS: readonly string[] = [
  'operation not permitted', 'permission denied', 'read-only file system', 'seccomp', 'sandbox', 'landlock', 'failed to write file',
];

/** Exit codes that mean "not found / not executable / usage" rather than a sandbox denial. */
const QUICK_REJECT_EXIT_CODES = new Set([2, 126, 127]);

/** Codex's heuristic: did a failed sandboxed run fail because of the sandbox? */
export function isLikelySandboxDenied(status: ExitStatus, output: string): boolean {
  if (status.exitCode === 0 || status.timedOut || status.spawnError !== undefined) return false;
  if (status.signal === 'SIGSYS') return true;
  if (status.signal === null && QUICK_REJECT_EXIT_CODES.has(status.exitCode)) return false;
  const text = output.toLowerCase();
  return SANDBOX_DENIED_KEYWORDS.some((k) => text.includes(k));
}
