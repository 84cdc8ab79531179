// Classifies ONE simple command (a token list, no connectors) the way Codex summarises commands
// for the UI: file reads (cat, bat, less, more, head, tail, nl, awk with a file, `sed -n N,Mp
// file`), listings (ls, eza/exa, tree, du, find/fd without a pattern, rg --files, git ls-files,
// python scripts walking the tree) and searches (rg, grep/egrep/fgrep, git grep, ag/ack/pt, find
// -name, fd PATTERN). Also knows which commands are mere formatting helpers in a pipeline
// (`head -n 40`, `wc -l`, `sort` …) so the pipeline is summarised by its primary command.
import { shellJoin } from '../../process/shellWords';

export type ParsedCommand =
  | { type: 'read'; cmd: string; name: string; path: string }
  | { type: 'listFiles'; cmd: string; path: string | null }
  | { type: 'search'; cmd: string; query: string | null; path: string | null }
  | { type: 'unknown'; cmd: string };

const DIGITS = /^\d+$/;
const COUNT = /^\+?\d+$/;

/** Last path component, skipping build/dist/node_modules/src: `webview/src` → `webview`. */
export function shortDisplayPath(p: string): string {
  const trimmed = p.replace(/\\/g, '/').replace(/\/+$/, '');
  const parts = trimmed.split('/').filter((s) => s !== '' && !['build', 'dist', 'node_modules', 'src'].includes(s));
  return parts[parts.length - 1] ?? trimmed;
}

/** Positional operands, skipping flags, `--flag=value` and the values of `flagsWithValues`; `--` ends flags. */
export function positionalOperands(args: readonly string[], flagsWithValues: readonly string[] = []): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    if (arg === '--') return out.concat(args.slice(i + 1));
    if (arg.startsWith('--') && arg.includes('=')) continue;
    if (flagsWithValues.includes(arg)) {
      i += 1;
      continue;
    }
    if (!arg.startsWith('-')) out.push(arg);
  }
  return out;
}

const read = (tokens: readonly string[], p: string): ParsedCommand => ({ type: 'read', cmd: shellJoin(tokens), name: shortDisplayPath(p), path: p });
const list = (tokens: readonly string[], p: string | undefined): ParsedCommand => ({
  type: 'listFiles',
  cmd: shellJoin(tokens),
  path: p === undefined ? null : shortDisplayPath(p),
});
const search = (tokens: readonly string[], query: string | undefined, p: string | undefined): ParsedCommand => ({
  type: 'search',
  cmd: shellJoin(tokens),
  query: query ?? null,
  path: p === undefined ? null : shortDisplayPath(p),
});
const unknown = (tokens: readonly string[]): ParsedCommand => ({ type: 'unknown', cmd: shellJoin(tokens) });

/** The only operand, or undefined when there are none or several. */
function singleOperand(args: readonly string[], flagsWithValues: readonly string[] = []): string | undefined {
  const ops = positionalOperands(args, flagsWithValues);
  return ops.length === 1 ? ops[0] : undefined;
}

/** `sed -n 12p` / `sed -n 1,200p`. */
export function isSedRange(arg: string | undefined): boolean {
  return arg !== undefined && /^\d+(,\d+)?p$/.test(arg);
}

/** The file a `sed -n RANGE FILE` reads, if the arguments have that shape. */
export function sedReadPath(args: readonly string[]): string | undefined {
  if (!args.includes('-n')) return undefined;
  let hasRange = false;
  for (let i = 0; i < args.length; i += 1) {
    if ((args[i] === '-e' || args[i] === '--expression') && isSedRange(args[i + 1])) hasRange = true;
  }
  if (!hasRange) hasRange = args.some((a) => !a.startsWith('-') && isSedRange(a));
  if (!hasRange) return undefined;
  const ops = positionalOperands(args, ['-e', '-f', '--expression', '--file']);
  if (ops.length === 0) return undefined;
  return isSedRange(ops[0]) ? ops[1] : ops[0];
}

/** For `head`/`tail`: a file after an optional `-n N` / `-nN` count (tail also allows `+N`). */
function headTailPath(tail: readonly string[], count: RegExp): string | undefined {
  const [first, second] = tail;
  if (first === '-n' && second !== undefined && count.test(second)) return tail.slice(2).find((a) => !a.startsWith('-'));
  if (first !== undefined && first.startsWith('-n') && count.test(first.slice(2))) return tail.slice(1).find((a) => !a.startsWith('-'));
  if (tail.length === 1 && first !== undefined && !first.startsWith('-')) return first;
  return undefined;
}

function awkDataFile(args: readonly string[]): string | undefined {
  const usesScriptFile = args.includes('-f') || args.includes('--file');
  const ops = positionalOperands(args, ['-F', '-v', '-f', '--field-separator', '--assign', '--file']);
  return usesScriptFile ? ops[0] : ops[1];
}

function grepLike(tokens: readonly string[], args: readonly string[]): ParsedCommand {
  let pattern: string | undefined;
  const operands: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    if (arg === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (['-e', '--regexp', '-f', '--file'].includes(arg)) {
      pattern ??= args[i + 1];
      i += 1;
    } else if (['-m', '--max-count', '-C', '--context', '-A', '--after-context', '-B', '--before-context'].includes(arg)) {
      i += 1;
    } else if (!arg.startsWith('-')) {
      operands.push(arg);
    }
  }
  return pattern !== undefined ? search(tokens, pattern, operands[0]) : search(tokens, operands[0], operands[1]);
}

const RG_VALUE_FLAGS = ['-g', '--glob', '--iglob', '-t', '--type', '--type-add', '--type-not', '-m', '--max-count', '-A', '-B', '-C', '--context', '--max-depth'];
const PATHISH = (s: string): boolean => s === '.' || s === '..' || s.includes('/') || s.includes('\\');
const WALKS_FILES = ['os.walk', 'os.listdir', 'os.scandir', 'glob.glob', 'glob.iglob', 'pathlib.Path', '.rglob('];

/** Classifies one command (no connectors in `tokens`). */
export function summarizeCommand(tokens: readonly string[]): ParsedCommand {
  const [head, ...tail] = tokens;
  if (head === undefined) return unknown(tokens);
  switch (head) {
    case 'ls':
      return list(tokens, positionalOperands(tail, ['-I', '-w', '--block-size', '--format', '--time-style', '--color', '--quoting-style'])[0]);
    case 'eza':
    case 'exa':
      return list(tokens, positionalOperands(tail, ['-I', '--ignore-glob', '--color', '--sort', '--time-style', '--time'])[0]);
    case 'tree':
      return list(tokens, positionalOperands(tail, ['-L', '-P', '-I', '--charset', '--filelimit', '--sort'])[0]);
    case 'du':
      return list(tokens, positionalOperands(tail, ['-d', '--max-depth', '-B', '--block-size', '--exclude', '--time-style'])[0]);
    case 'rg':
    case 'rga':
    case 'ripgrep-all': {
      const ops = positionalOperands(tail, RG_VALUE_FLAGS);
      return tail.includes('--files') ? list(tokens, ops[0]) : search(tokens, ops[0], ops[1]);
    }
    case 'git': {
      const [sub, ...rest] = tail;
      if (sub === 'grep') return grepLike(tokens, rest);
      if (sub === 'ls-files') return list(tokens, positionalOperands(rest, ['--exclude', '--exclude-from', '--pathspec-from-file'])[0]);
      return unknown(tokens);
    }
    case 'fd': {
      const ops = positionalOperands(tail, ['-t', '--type', '-e', '--extension', '-E', '--exclude', '--search-path']);
      if (ops.length === 1) return PATHISH(ops[0] as string) ? list(tokens, ops[0]) : search(tokens, ops[0], undefined);
      if (ops.length >= 2) return search(tokens, ops[0], ops[1]);
      return list(tokens, undefined);
    }
    case 'find': {
      const root = tail.find((a) => !a.startsWith('-') && a !== '!' && a !== '(' && a !== ')');
      const idx = tail.findIndex((a) => ['-name', '-iname', '-path', '-regex'].includes(a));
      const query = idx >= 0 ? tail[idx + 1] : undefined;
      return query !== undefined ? search(tokens, query, root) : list(tokens, root);
    }
    case 'grep':
    case 'egrep':
    case 'fgrep':
      return grepLike(tokens, tail);
    case 'ag':
    case 'ack':
    case 'pt': {
      const ops = positionalOperands(tail, ['-G', '-g', '--file-search-regex', '--ignore-dir', '--ignore-file', '--path-to-ignore']);
      return search(tokens, ops[0], ops[1]);
    }
    case 'cat':
    case 'more': {
      const p = singleOperand(tail);
      return p !== undefined ? read(tokens, p) : unknown(tokens);
    }
    case 'bat':
    case 'batcat': {
      const p = singleOperand(tail, ['--theme', '--language', '--style', '--terminal-width', '--tabs', '--line-range', '--map-syntax']);
      return p !== undefined ? read(tokens, p) : unknown(tokens);
    }
    case 'less': {
      const p = singleOperand(tail, ['-p', '-P', '-x', '-y', '-z', '-j', '--pattern', '--prompt', '--tabs', '--shift', '--jump-target']);
      return p !== undefined ? read(tokens, p) : unknown(tokens);
    }
    case 'head':
    case 'tail': {
      const p = headTailPath(tail, head === 'head' ? DIGITS : COUNT);
      return p !== undefined ? read(tokens, p) : unknown(tokens);
    }
    case 'awk': {
      const p = awkDataFile(tail);
      return p !== undefined ? read(tokens, p) : unknown(tokens);
    }
    case 'nl': {
      const p = positionalOperands(tail, ['-s', '-w', '-v', '-i', '-b'])[0];
      return p !== undefined ? read(tokens, p) : unknown(tokens);
    }
    case 'sed': {
      const p = sedReadPath(tail);
      return p !== undefined ? read(tokens, p) : unknown(tokens);
    }
    default:
      if (/^python(\d(\.\d+)?)?$/.test(head)) {
        const script = tail[tail.indexOf('-c') + 1];
        const walks = tail.includes('-c') && script !== undefined && WALKS_FILES.some((w) => script.includes(w));
        return walks ? list(tokens, undefined) : unknown(tokens);
      }
      return unknown(tokens);
  }
}

/** True for helpers that only reformat a pipeline's output: `wc`, `sort`, `head -n 40`, `sed -n 5p` … */
export function isFormattingHelper(tokens: readonly string[]): boolean {
  const [cmd, ...args] = tokens;
  switch (cmd) {
    case 'wc':
    case 'tr':
    case 'cut':
    case 'sort':
    case 'uniq':
    case 'tee':
    case 'column':
    case 'yes':
    case 'printf':
      return true;
    case 'xargs':
      return !isMutatingXargs(args);
    case 'awk':
      return awkDataFile(args) === undefined;
    case 'head':
    case 'tail': {
      if (args.length === 0) return true;
      if (args.length === 1) return (args[0] as string).startsWith('-');
      const count = cmd === 'head' ? DIGITS : COUNT;
      return args.length === 2 && (args[0] === '-n' || args[0] === '-c') && count.test(args[1] as string);
    }
    case 'sed':
      return sedReadPath(args) === undefined;
    default:
      return false;
  }
}

/** `xargs perl -pi …`, `xargs sed -i …`, `xargs rg --replace …` edit files: not a formatting helper. */
function isMutatingXargs(args: readonly string[]): boolean {
  let i = 0;
  while (i < args.length) {
    const a = args[i] as string;
    if (a === '--') {
      i += 1;
      break;
    }
    if (!a.startsWith('-')) break;
    i += ['-E', '-e', '-I', '-L', '-n', '-P', '-s'].includes(a) ? 2 : 1;
  }
  const [sub, ...rest] = args.slice(i);
  const inPlace = rest.some((t) => t.startsWith('-i') || t.startsWith('-pi'));
  if (sub === 'perl' || sub === 'ruby') return inPlace;
  if (sub === 'sed') return inPlace || rest.includes('--in-place');
  if (sub === 'rg') return rest.includes('--replace');
  return false;
}
