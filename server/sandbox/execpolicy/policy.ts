// The exec policy: prefix rules and their matching, as Codex's execpolicy does it.
//   A rule is a pattern of tokens — each a literal or a list of alternatives — and a decision
//   (allow | prompt | forbidden, default allow). It matches a command whose first words equal the
//   pattern, token by token. A first token with alternatives becomes one rule per alternative.
//   Every matching rule is reported; the decision is the strictest (forbidden > prompt > allow).
//   A command starting with an absolute program path (/usr/bin/git) that no rule names exactly
//   falls back to rules for its basename (git), unless `host_executable(name="git", paths=[…])`
//   lists the allowed paths and this one is not among them.
//   Commands no rule matches get their decision from a caller-supplied heuristic (the approval
//   engine's known-safe/dangerous/sandbox logic), reported as a heuristics match.
// Policies are immutable; withPrefixRule() and overlay() return new ones.
import * as path from 'node:path';

export type Decision = 'allow' | 'prompt' | 'forbidden';
export type PatternToken = string | readonly string[];

export interface RuleSource {
  file: string;
  line: number;
}

export interface PrefixRule {
  readonly first: string;
  readonly rest: readonly PatternToken[];
  readonly decision: Decision;
  readonly justification?: string;
  readonly source?: RuleSource;
}

export type RuleMatch =
  | {
      readonly type: 'prefixRuleMatch';
      readonly matchedPrefix: string[];
      readonly decision: Decision;
      readonly justification?: string;
      /** Set when an absolute program path matched a basename rule. */
      readonly resolvedProgram?: string;
      readonly source?: RuleSource;
    }
  | { readonly type: 'heuristicsRuleMatch'; readonly command: string[]; readonly decision: Decision };

export interface Evaluation {
  /** The strictest decision over every match; null when nothing matched and there was no fallback. */
  readonly decision: Decision | null;
  readonly matchedRules: readonly RuleMatch[];
}

export type HeuristicFallback = (command: readonly string[]) => Decision;

const SEVERITY: Record<Decision, number> = { allow: 0, prompt: 1, forbidden: 2 };

/** The stricter of two decisions. */
export function strictest(a: Decision | null, b: Decision | null): Decision | null {
  if (a === null) return b;
  if (b === null) return a;
  return SEVERITY[a] >= SEVERITY[b] ? a : b;
}

export function isDecision(value: unknown): value is Decision {
  return value === 'allow' || value === 'prompt' || value === 'forbidden';
}

function tokenMatches(token: PatternToken, word: string): boolean {
  return typeof token === 'string' ? token === word : token.includes(word);
}

export class ExecPolicy {
  private readonly byProgram = new Map<string, PrefixRule[]>();

  constructor(
    readonly rules: readonly PrefixRule[] = [],
    /** host_executable(): basename → the absolute paths allowed to use its rules. */
    readonly hostExecutables: ReadonlyMap<string, readonly string[]> = new Map(),
  ) {
    for (const rule of rules) {
      const list = this.byProgram.get(rule.first);
      if (list) list.push(rule);
      else this.byProgram.set(rule.first, [rule]);
    }
  }

  static empty(): ExecPolicy {
    return new ExecPolicy();
  }

  /** A copy with one more rule `prefix…` → decision (an amendment). */
  withPrefixRule(prefix: readonly string[], decision: Decision, justification?: string): ExecPolicy {
    const [first, ...rest] = prefix;
    if (first === undefined) throw new Error('a prefix rule needs at least one token');
    const rule: PrefixRule = { first, rest, decision, ...(justification !== undefined ? { justification } : {}) };
    return new ExecPolicy([...this.rules, rule], this.hostExecutables);
  }

  /** This policy plus every rule of `other` (e.g. requirements' [rules] over the .rules files). */
  overlay(other: ExecPolicy): ExecPolicy {
    const hosts = new Map(this.hostExecutables);
    for (const [k, v] of other.hostExecutables) hosts.set(k, v);
    return new ExecPolicy([...this.rules, ...other.rules], hosts);
  }

  /** Every prefix rule matching `command`. */
  matchesFor(command: readonly string[]): RuleMatch[] {
    const program = command[0];
    if (program === undefined) return [];
    const exact = this.matchRules(this.byProgram.get(program) ?? [], command);
    if (exact.length > 0 || !path.isAbsolute(program)) return exact;
    const base = path.basename(program);
    const allowedPaths = this.hostExecutables.get(base);
    if (allowedPaths && !allowedPaths.includes(program)) return [];
    const words = [base, ...command.slice(1)];
    return this.matchRules(this.byProgram.get(base) ?? [], words).map((m) => ({ ...m, resolvedProgram: program }));
  }

  private matchRules(rules: readonly PrefixRule[], command: readonly string[]): RuleMatch[] {
    const out: RuleMatch[] = [];
    for (const rule of rules) {
      if (command.length < rule.rest.length + 1) continue;
      if (!rule.rest.every((token, i) => tokenMatches(token, command[i + 1] as string))) continue;
      out.push({
        type: 'prefixRuleMatch',
        matchedPrefix: command.slice(0, rule.rest.length + 1),
        decision: rule.decision,
        ...(rule.justification !== undefined ? { justification: rule.justification } : {}),
        ...(rule.source ? { source: rule.source } : {}),
      });
    }
    return out;
  }

  /** Evaluates one command; without rule matches the fallback (if any) decides. */
  check(command: readonly string[], fallback?: HeuristicFallback): Evaluation {
    const matches = this.matchesFor(command);
    if (matches.length === 0 && fallback) {
      const decision = fallback(command);
      return { decision, matchedRules: [{ type: 'heuristicsRuleMatch', command: [...command], decision }] };
    }
    return { decision: matches.reduce<Decision | null>((d, m) => strictest(d, m.decision), null), matchedRules: matches };
  }

  /** Evaluates several commands (the parts of a shell script); the strictest decision wins. */
  checkMultiple(commands: readonly (readonly string[])[], fallback?: HeuristicFallback): Evaluation {
    let decision: Decision | null = null;
    const matchedRules: RuleMatch[] = [];
    for (const command of commands) {
      const e = this.check(command, fallback);
      decision = strictest(decision, e.decision);
      matchedRules.push(...e.matchedRules);
    }
    return { decision, matchedRules };
  }
}

/** True for a match that came from a rule (not from the heuristics). */
export function isRuleMatch(m: RuleMatch): m is Extract<RuleMatch, { type: 'prefixRuleMatch' }> {
  return m.type === 'prefixRuleMatch';
}
