// Gitignore rules for the file-search walker: compiles the text of a .gitignore, .ignore or
// .git/info/exclude file into rules and answers "is this entry ignored?" for one directory level.
// The walker asks this for every entry it sees, so the common rule shapes (a bare name, `*.ext`,
// `prefix*`, an anchored literal path) avoid regular expressions and string building.

/** How one rule is tested; the cheap kinds cover nearly all real .gitignore lines. */
const KIND_NAME_SUFFIX = 1; // `*.log`: basename ends with a literal
const KIND_NAME_PREFIX = 2; // `temp*`: basename starts with a literal
const KIND_NAME_REGEX = 3; // any other glob without a slash, tested on the basename
const KIND_PATH_EXACT = 4; // `/build`, `docs/out`: literal path relative to the rule file's directory
const KIND_PATH_REGEX = 5; // any other glob with a slash, tested on the relative path

interface Rule {
  readonly kind: number;
  /** Position in the file; a later matching rule overrides an earlier one. */
  readonly order: number;
  readonly negate: boolean;
  readonly dirOnly: boolean;
  readonly literal: string;
  readonly regex: RegExp | null;
  /** Number of path segments the rule can match, or -1 when `**` lets it match at any depth. */
  readonly segments: number;
}

/** Verdict of one rule file for one entry. */
export const NO_RULE = 0;
export const IGNORED = 1;
export const WHITELISTED = -1;

/**
 * The compiled rules of one ignore file. `baseRel` is the file's directory relative to the search
 * root ('' for the root itself); `outerPrefix` is set instead for files in directories above the
 * root (a parent repository's .gitignore), as the path from that directory down to the root + '/'.
 */
export class IgnoreRules {
  /** Exact-basename rules, looked up by name: value is order * 2 + (negate ? 1 : 0). */
  private readonly exactAny = new Map<string, number>();
  private readonly exactDir = new Map<string, number>();
  /** All other rules, in file order. */
  private readonly others: Rule[] = [];
  private readonly baseDepth: number;

  private constructor(
    readonly baseRel: string,
    readonly outerPrefix: string,
  ) {
    // Depth of the rule file's directory measured in the search root's segments; negative above it.
    this.baseDepth = outerPrefix
      ? -countSegments(outerPrefix.slice(0, -1))
      : baseRel
        ? countSegments(baseRel)
        : 0;
  }

  /** Compiles `text`; returns null when the file has no rules, so callers can skip it entirely. */
  static parse(text: string, baseRel: string, outerPrefix = ''): IgnoreRules | null {
    const rules = new IgnoreRules(baseRel, outerPrefix);
    let order = 0;
    for (const raw of text.split('\n')) {
      if (rules.addLine(raw, order)) order++;
    }
    return order === 0 ? null : rules;
  }

  get size(): number {
    return this.exactAny.size + this.exactDir.size + this.others.length;
  }

  /**
   * The verdict of this file for an entry: its basename, its path relative to the search root,
   * that path's segment count, and whether it is a directory.
   */
  match(name: string, rel: string, depth: number, isDir: boolean): number {
    let best = -1;
    const a = this.exactAny.get(name);
    if (a !== undefined) best = a;
    if (isDir) {
      const d = this.exactDir.get(name);
      if (d !== undefined && d > best) best = d;
    }
    const bestOrder = best >= 0 ? best >> 1 : -1;
    const others = this.others;
    let relToBase: string | null = null;
    // Later rules win, so scan backwards and stop at the best exact-name hit.
    for (let i = others.length - 1; i >= 0; i--) {
      const r = others[i]!;
      if (r.order <= bestOrder) break;
      if (r.dirOnly && !isDir) continue;
      let hit: boolean;
      switch (r.kind) {
        case KIND_NAME_SUFFIX:
          hit = name.endsWith(r.literal);
          break;
        case KIND_NAME_PREFIX:
          hit = name.startsWith(r.literal);
          break;
        case KIND_NAME_REGEX:
          hit = r.regex!.test(name);
          break;
        default: {
          // Path rules: a depth check first, because it rejects almost everything for free.
          if (r.segments >= 0 && r.segments !== depth - this.baseDepth) continue;
          if (relToBase === null) relToBase = this.relativeToBase(rel);
          hit = r.kind === KIND_PATH_EXACT ? relToBase === r.literal : r.regex!.test(relToBase);
        }
      }
      if (hit) return r.negate ? WHITELISTED : IGNORED;
    }
    if (best < 0) return NO_RULE;
    return (best & 1) === 1 ? WHITELISTED : IGNORED;
  }

  private relativeToBase(rel: string): string {
    if (this.outerPrefix) return this.outerPrefix + rel;
    return this.baseRel ? rel.slice(this.baseRel.length + 1) : rel;
  }

  /** Adds one line; returns whether it was a rule (comments and blanks are not). */
  private addLine(raw: string, order: number): boolean {
    let line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '' || line.startsWith('#')) return false;
    line = trimTrailingSpaces(line);
    if (line === '') return false;
    let negate = false;
    if (line.startsWith('!')) {
      negate = true;
      line = line.slice(1);
    } else if (line.startsWith('\\!') || line.startsWith('\\#')) {
      line = line.slice(1);
    }
    let dirOnly = false;
    if (line.endsWith('/') && !line.endsWith('\\/')) {
      dirOnly = true;
      line = line.replace(/\/+$/, '');
    }
    if (line === '') return false;
    // `**/name` is the same as a bare `name`; a leading slash only anchors.
    while (line.startsWith('**/') && line.indexOf('/', 3) < 0 && line.length > 3) line = line.slice(3);
    const anchored = line.includes('/');
    if (line.startsWith('/')) line = line.slice(1);
    if (line === '') return false;

    const hasGlob = /[*?[\\]/.test(line);
    if (!anchored) {
      if (!hasGlob) {
        const map = dirOnly ? this.exactDir : this.exactAny;
        map.set(line, order * 2 + (negate ? 1 : 0));
        return true;
      }
      const rest = line.slice(1);
      if (line.startsWith('*') && !/[*?[\\]/.test(rest)) {
        this.others.push(rule(KIND_NAME_SUFFIX, order, negate, dirOnly, rest, null, 1));
      } else if (line.endsWith('*') && !/[*?[\\]/.test(line.slice(0, -1))) {
        this.others.push(rule(KIND_NAME_PREFIX, order, negate, dirOnly, line.slice(0, -1), null, 1));
      } else {
        this.others.push(rule(KIND_NAME_REGEX, order, negate, dirOnly, line, globToRegExp(line), 1));
      }
      return true;
    }
    const segments = line.includes('**') ? -1 : countSegments(line);
    if (!hasGlob) {
      this.others.push(rule(KIND_PATH_EXACT, order, negate, dirOnly, line, null, segments));
    } else {
      this.others.push(rule(KIND_PATH_REGEX, order, negate, dirOnly, line, globToRegExp(line), segments));
    }
    return true;
  }
}

function rule(
  kind: number,
  order: number,
  negate: boolean,
  dirOnly: boolean,
  literal: string,
  regex: RegExp | null,
  segments: number,
): Rule {
  return { kind, order, negate, dirOnly, literal, regex, segments };
}

function countSegments(path: string): number {
  let n = 1;
  for (let i = 0; i < path.length; i++) if (path.charCodeAt(i) === 47) n++;
  return n;
}

/** Git drops trailing spaces unless they are escaped with a backslash. */
function trimTrailingSpaces(line: string): string {
  let end = line.length;
  while (end > 0 && line.charCodeAt(end - 1) === 32) {
    if (end >= 2 && line.charCodeAt(end - 2) === 92) break;
    end--;
  }
  return end === line.length ? line : line.slice(0, end);
}

/**
 * Translates a gitignore glob into an anchored RegExp: `*` and `?` never cross '/', `**` as a
 * whole segment spans directories, `[...]` is a character class (`[!...]` negated), and `\x`
 * escapes x.
 */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  let i = 0;
  const n = glob.length;
  while (i < n) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const atStart = i === 0 || glob[i - 1] === '/';
        let j = i + 2;
        while (glob[j] === '*') j++;
        const atEnd = j === n || glob[j] === '/';
        if (atStart && atEnd) {
          if (j === n) {
            out += '.*';
            i = j;
          } else {
            out += '(?:.*/)?';
            i = j + 1;
          }
          continue;
        }
        out += '[^/]*';
        i = j;
        continue;
      }
      out += '[^/]*';
      i++;
    } else if (c === '?') {
      out += '[^/]';
      i++;
    } else if (c === '[') {
      const close = findClassEnd(glob, i);
      if (close < 0) {
        out += '\\[';
        i++;
        continue;
      }
      let body = glob.slice(i + 1, close);
      let negated = false;
      if (body.startsWith('!') || body.startsWith('^')) {
        negated = true;
        body = body.slice(1);
      }
      out += (negated ? '[^/' : '[') + classBody(body) + ']';
      i = close + 1;
    } else if (c === '\\' && i + 1 < n) {
      out += escapeRegExp(glob[i + 1]!);
      i += 2;
    } else {
      out += escapeRegExp(c);
      i++;
    }
  }
  return new RegExp('^' + out + '$');
}

function findClassEnd(glob: string, open: number): number {
  let i = open + 1;
  if (glob[i] === '!' || glob[i] === '^') i++;
  if (glob[i] === ']') i++; // a leading ']' is literal
  for (; i < glob.length; i++) {
    if (glob[i] === '\\') i++;
    else if (glob[i] === ']') return i;
  }
  return -1;
}

/** Keeps ranges (`a-z`) and escapes; escapes what means something else inside a JS class. */
function classBody(body: string): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    let c = body[i]!;
    if (c === '\\' && i + 1 < body.length) c = body[++i]!;
    else if (c === '-') {
      out += '-';
      continue;
    }
    out += /[\]\\^[-]/.test(c) ? '\\' + c : c;
  }
  return out;
}

function escapeRegExp(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? '\\' + c : c;
}

/**
 * The ignore files in effect for a directory, deepest first: each directory that has its own
 * rules adds a link in front of its parent's chain, so siblings share their ancestors' rules.
 */
export interface IgnoreChain {
  readonly rules: IgnoreRules;
  readonly parent: IgnoreChain | null;
}

/** Whether the nearest rule that mentions the entry ignores it (deeper files and later lines win). */
export function isIgnored(
  chain: IgnoreChain | null,
  name: string,
  rel: string,
  depth: number,
  isDir: boolean,
): boolean {
  for (let link = chain; link !== null; link = link.parent) {
    const verdict = link.rules.match(name, rel, depth, isDir);
    if (verdict !== NO_RULE) return verdict === IGNORED;
  }
  return false;
}
