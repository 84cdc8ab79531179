// Evaluates a parsed `.rules` file: variables, `+`, and the three builtins Codex defines —
//   prefix_rule(pattern, decision="allow", match=[], not_match=[], justification=None)
//   host_executable(name, paths)
//   network_rule(host, protocol, decision, justification=None)   (kept, not enforced here)
// with Codex's validation (non-empty patterns and alternatives, known decisions, non-blank
// justifications, absolute or ~/ host paths with the right basename) and the `match`/`not_match`
// examples checked once the whole file is read (they are the rule's unit tests). Every problem is a
// RulesError naming file:line:column.
import * as path from 'node:path';
import { ExecPolicy, isDecision, type Decision, type PatternToken, type PrefixRule } from './policy';
import { splitShellWords } from './shlex';
import { parseRules, RulesSyntaxError, type Arg, type Expr, type Position } from './syntax';

export class RulesError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly detail: string,
  ) {
    super(`${file}:${line}:${column}: ${detail}`);
    this.name = 'RulesError';
    Object.setPrototypeOf(this, RulesError.prototype);
  }
}

export interface NetworkRule {
  host: string;
  protocol: string;
  decision: Decision;
  justification?: string;
}

export interface ParsedRulesFile {
  rules: PrefixRule[];
  hostExecutables: Map<string, string[]>;
  networkRules: NetworkRule[];
}

type Value = string | number | boolean | null | Value[] | { builtin: Builtin };
type Builtin = 'prefix_rule' | 'host_executable' | 'network_rule';

const PARAMS: Record<Builtin, readonly string[]> = {
  prefix_rule: ['pattern', 'decision', 'match', 'not_match', 'justification'],
  host_executable: ['name', 'paths'],
  network_rule: ['host', 'protocol', 'decision', 'justification'],
};
const REQUIRED: Record<Builtin, readonly string[]> = {
  prefix_rule: ['pattern'],
  host_executable: ['name', 'paths'],
  network_rule: ['host', 'protocol', 'decision'],
};

class EvalError extends Error {
  constructor(
    message: string,
    readonly pos: Position,
  ) {
    super(message);
  }
}

const typeName = (v: Value): string =>
  v === null ? 'NoneType' : Array.isArray(v) ? 'list' : typeof v === 'object' ? 'function' : typeof v === 'number' ? 'int' : typeof v === 'boolean' ? 'bool' : 'string';

interface PendingExamples {
  rules: PrefixRule[];
  matches: string[][];
  notMatches: string[][];
  pos: Position;
}

/** Parses and evaluates one rules file. Throws RulesError. */
export function parseRulesFile(file: string, text: string, options: { homeDir?: string } = {}): ParsedRulesFile {
  const out: ParsedRulesFile = { rules: [], hostExecutables: new Map(), networkRules: [] };
  const pending: PendingExamples[] = [];
  const vars = new Map<string, Value>();
  try {
    const stmts = parseRules(text);
    const evaluate = (e: Expr): Value => evalExpr(e, vars, (callee, args, pos) => callBuiltin(callee, args, pos));
    const callBuiltin = (callee: Builtin, args: Map<string, { value: Value; pos: Position }>, pos: Position): Value => {
      if (callee === 'prefix_rule') prefixRule(file, args, pos, out, pending);
      else if (callee === 'host_executable') hostExecutable(args, pos, out, options.homeDir);
      else networkRule(args, pos, out);
      return null;
    };
    for (const stmt of stmts) {
      const value = evaluate(stmt.value);
      if (stmt.kind === 'assign') vars.set(stmt.name, value);
    }
    for (const p of pending) validateExamples(p, out.hostExecutables);
  } catch (err) {
    if (err instanceof RulesSyntaxError || err instanceof EvalError) throw new RulesError(file, err.pos.line, err.pos.column, err.message);
    throw err;
  }
  return out;
}

type CallFn = (callee: Builtin, args: Map<string, { value: Value; pos: Position }>, pos: Position) => Value;

function evalExpr(e: Expr, vars: Map<string, Value>, call: CallFn): Value {
  switch (e.kind) {
    case 'string':
    case 'int':
    case 'const':
      return e.value;
    case 'name': {
      if (vars.has(e.name)) return vars.get(e.name) as Value;
      if (e.name in PARAMS) return { builtin: e.name as Builtin };
      throw new EvalError(`name '${e.name}' is not defined`, e.pos);
    }
    case 'list':
      return e.items.map((item) => evalExpr(item, vars, call));
    case 'add': {
      const left = evalExpr(e.left, vars, call);
      const right = evalExpr(e.right, vars, call);
      if (Array.isArray(left) && Array.isArray(right)) return [...left, ...right];
      if (typeof left === 'string' && typeof right === 'string') return left + right;
      if (typeof left === 'number' && typeof right === 'number') return left + right;
      throw new EvalError(`unsupported operand types for +: ${typeName(left)} and ${typeName(right)}`, e.pos);
    }
    case 'call': {
      const target = vars.has(e.callee) ? vars.get(e.callee) : e.callee in PARAMS ? { builtin: e.callee as Builtin } : undefined;
      if (target === undefined) throw new EvalError(`unknown function '${e.callee}' (rules files may call prefix_rule, host_executable and network_rule)`, e.pos);
      if (target === null || typeof target !== 'object' || Array.isArray(target)) throw new EvalError(`'${e.callee}' is not callable`, e.pos);
      return call(target.builtin, bindArgs(target.builtin, e.args, vars, call, e.pos), e.pos);
    }
  }
}

function bindArgs(fn: Builtin, args: readonly Arg[], vars: Map<string, Value>, call: CallFn, pos: Position): Map<string, { value: Value; pos: Position }> {
  const params = PARAMS[fn];
  const bound = new Map<string, { value: Value; pos: Position }>();
  args.forEach((arg, i) => {
    const name = arg.name ?? params[i];
    if (name === undefined) throw new EvalError(`${fn}() takes at most ${params.length} positional arguments`, arg.pos);
    if (!params.includes(name)) throw new EvalError(`${fn}() got an unexpected keyword argument '${name}'`, arg.pos);
    if (bound.has(name)) throw new EvalError(`${fn}() got multiple values for argument '${name}'`, arg.pos);
    bound.set(name, { value: evalExpr(arg.value, vars, call), pos: arg.pos });
  });
  for (const name of REQUIRED[fn]) if (!bound.has(name)) throw new EvalError(`${fn}() missing required argument '${name}'`, pos);
  for (const [name, arg] of bound) if (arg.value === null && !REQUIRED[fn].includes(name)) bound.delete(name);
  return bound;
}

function str(args: Map<string, { value: Value; pos: Position }>, name: string, what: string): string | undefined {
  const arg = args.get(name);
  if (arg === undefined) return undefined;
  if (typeof arg.value !== 'string') throw new EvalError(`${what} must be a string (got ${typeName(arg.value)})`, arg.pos);
  return arg.value;
}

function list(args: Map<string, { value: Value; pos: Position }>, name: string, what: string): { items: Value[]; pos: Position } | undefined {
  const arg = args.get(name);
  if (arg === undefined) return undefined;
  if (!Array.isArray(arg.value)) throw new EvalError(`${what} must be a list (got ${typeName(arg.value)})`, arg.pos);
  return { items: arg.value, pos: arg.pos };
}

function decisionArg(args: Map<string, { value: Value; pos: Position }>, allowDeny: boolean): Decision | undefined {
  const raw = str(args, 'decision', 'decision');
  if (raw === undefined) return undefined;
  if (allowDeny && raw === 'deny') return 'forbidden';
  if (!isDecision(raw)) throw new EvalError(`invalid decision '${raw}' (expected allow, prompt or forbidden)`, (args.get('decision') as { pos: Position }).pos);
  return raw;
}

function justificationArg(args: Map<string, { value: Value; pos: Position }>): string | undefined {
  const j = str(args, 'justification', 'justification');
  if (j !== undefined && j.trim() === '') throw new EvalError('justification cannot be empty', (args.get('justification') as { pos: Position }).pos);
  return j;
}

function prefixRule(file: string, args: Map<string, { value: Value; pos: Position }>, pos: Position, out: ParsedRulesFile, pending: PendingExamples[]): void {
  const decision = decisionArg(args, false) ?? 'allow';
  const justification = justificationArg(args);
  const pattern = list(args, 'pattern', 'pattern') as { items: Value[]; pos: Position };
  if (pattern.items.length === 0) throw new EvalError('pattern cannot be empty', pattern.pos);
  const tokens: PatternToken[] = pattern.items.map((item) => {
    if (typeof item === 'string') return item;
    if (!Array.isArray(item)) throw new EvalError(`pattern element must be a string or list of strings (got ${typeName(item)})`, pattern.pos);
    const alts = item.map((alt) => {
      if (typeof alt !== 'string') throw new EvalError(`pattern alternative must be a string (got ${typeName(alt)})`, pattern.pos);
      return alt;
    });
    if (alts.length === 0) throw new EvalError('pattern alternatives cannot be empty', pattern.pos);
    return alts.length === 1 ? (alts[0] as string) : alts;
  });
  const examples = (name: 'match' | 'not_match'): string[][] => (list(args, name, name)?.items ?? []).map((ex) => parseExample(ex, args.get(name)?.pos ?? pos));
  const matches = examples('match');
  const notMatches = examples('not_match');
  const [first, ...rest] = tokens as [PatternToken, ...PatternToken[]];
  const heads = typeof first === 'string' ? [first] : first;
  const rules: PrefixRule[] = heads.map((head) => ({
    first: head,
    rest,
    decision,
    ...(justification !== undefined ? { justification } : {}),
    source: { file, line: pos.line },
  }));
  out.rules.push(...rules);
  pending.push({ rules, matches, notMatches, pos });
}

function parseExample(value: Value, pos: Position): string[] {
  if (typeof value === 'string') {
    const words = splitShellWords(value);
    if (words === null) throw new EvalError('example string has invalid shell syntax', pos);
    if (words.length === 0) throw new EvalError('example cannot be an empty string', pos);
    return words;
  }
  if (!Array.isArray(value)) throw new EvalError(`example must be a string or list of strings (got ${typeName(value)})`, pos);
  const words = value.map((w) => {
    if (typeof w !== 'string') throw new EvalError(`example tokens must be strings (got ${typeName(w)})`, pos);
    return w;
  });
  if (words.length === 0) throw new EvalError('example cannot be an empty list', pos);
  return words;
}

function validateExamples(p: PendingExamples, hosts: Map<string, string[]>): void {
  const policy = new ExecPolicy(p.rules, hosts);
  const show = (words: string[]): string => JSON.stringify(words);
  for (const ex of p.notMatches) {
    if (policy.matchesFor(ex).length > 0) throw new EvalError(`not_match example ${show(ex)} matches this rule`, p.pos);
  }
  for (const ex of p.matches) {
    if (policy.matchesFor(ex).length === 0) throw new EvalError(`match example ${show(ex)} does not match this rule`, p.pos);
  }
}

function hostExecutable(args: Map<string, { value: Value; pos: Position }>, pos: Position, out: ParsedRulesFile, homeDir: string | undefined): void {
  const name = str(args, 'name', 'host_executable name') as string;
  if (name === '' || name.includes('/') || name === '.' || name === '..') throw new EvalError(`host_executable name must be a bare executable name (got ${name})`, pos);
  const paths = (list(args, 'paths', 'host_executable paths') as { items: Value[] }).items.map((raw) => {
    if (typeof raw !== 'string') throw new EvalError(`host_executable paths must be strings (got ${typeName(raw)})`, pos);
    const expanded = raw.startsWith('~/') && homeDir ? path.join(homeDir, raw.slice(2)) : raw;
    if (!path.isAbsolute(expanded)) throw new EvalError(`host_executable paths must be absolute or use ~/... (got ${raw})`, pos);
    if (path.basename(expanded) !== name) throw new EvalError(`host_executable path \`${raw}\` must have basename \`${name}\``, pos);
    return path.normalize(expanded);
  });
  out.hostExecutables.set(name, [...new Set(paths)]);
}

function networkRule(args: Map<string, { value: Value; pos: Position }>, pos: Position, out: ParsedRulesFile): void {
  const host = (str(args, 'host', 'host') as string).trim().toLowerCase();
  if (host === '') throw new EvalError('network rule host cannot be empty', pos);
  const protocol = str(args, 'protocol', 'protocol') as string;
  if (!['http', 'https', 'socks5_tcp', 'socks5_udp'].includes(protocol)) throw new EvalError(`invalid network protocol '${protocol}'`, pos);
  const decision = decisionArg(args, true) as Decision;
  const justification = justificationArg(args);
  out.networkRules.push({ host, protocol, decision, ...(justification !== undefined ? { justification } : {}) });
}
