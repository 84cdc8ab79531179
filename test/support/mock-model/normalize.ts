// Shared by both renderers: turns the scripted output items into a resolved form (ids, call ids,
// delta lists and full texts filled in) and fills in usage defaults, so both APIs stream the same content.

import type { Deltas, OutputItem, RenderContext, Usage } from './types';

/**
 * Splits text into at most `parts` deltas, deterministically: at word boundaries (each word keeps its
 * trailing whitespace) when there are several words, otherwise by code points. Empty text → no deltas.
 */
export function splitDeltas(text: string, parts = 3): string[] {
  if (text === '') return [];
  const words = text.split(/(?<=\s)(?=\S)/);
  const units = words.length > 1 ? words : Array.from(text);
  const count = Math.min(parts, units.length);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const start = Math.floor((i * units.length) / count);
    const end = Math.floor(((i + 1) * units.length) / count);
    out.push(units.slice(start, end).join(''));
  }
  return out;
}

/** An array of deltas is used as is; a string is split with `splitDeltas`. */
export function toDeltas(value: Deltas): string[] {
  return typeof value === 'string' ? splitDeltas(value) : [...value];
}

export type ResolvedItem =
  | { type: 'message'; id: string; deltas: string[]; text: string }
  | {
      type: 'reasoning';
      id: string;
      parts: { deltas: string[]; text: string }[];
      encryptedContent: string | undefined;
    }
  | { type: 'functionCall'; id: string; callId: string; name: string; deltas: string[]; text: string }
  | { type: 'customToolCall'; id: string; callId: string; name: string; deltas: string[]; text: string };

function withText(deltas: string[]): { deltas: string[]; text: string } {
  return { deltas, text: deltas.join('') };
}

/** Resolves one item at `outputIndex` of reply number `ctx.n`. */
export function resolveItem(item: OutputItem, outputIndex: number, ctx: RenderContext): ResolvedItem {
  const suffix = `mock_${ctx.n}_${outputIndex}`;
  switch (item.type) {
    case 'message':
      return { type: 'message', id: item.id ?? `msg_${suffix}`, ...withText(toDeltas(item.text)) };
    case 'reasoning':
      return {
        type: 'reasoning',
        id: item.id ?? `rs_${suffix}`,
        parts: item.summary.map((part) => withText(toDeltas(part))),
        encryptedContent: item.encryptedContent,
      };
    case 'functionCall': {
      const args = item.arguments;
      const deltas = typeof args === 'string' || Array.isArray(args) ? toDeltas(args as Deltas) : toDeltas(JSON.stringify(args));
      return {
        type: 'functionCall',
        id: item.id ?? `fc_${suffix}`,
        callId: item.callId ?? `call_${suffix}`,
        name: item.name,
        ...withText(deltas),
      };
    }
    case 'customToolCall':
      return {
        type: 'customToolCall',
        id: item.id ?? `ctc_${suffix}`,
        callId: item.callId ?? `call_${suffix}`,
        name: item.name,
        ...withText(toDeltas(item.input)),
      };
  }
}

export function resolveItems(items: readonly OutputItem[], ctx: RenderContext): ResolvedItem[] {
  return items.map((item, i) => resolveItem(item, i, ctx));
}

export type ResolvedUsage = Required<Usage>;

export function resolveUsage(usage: Usage | undefined): ResolvedUsage {
  const inputTokens = usage?.inputTokens ?? 0;
  const outputTokens = usage?.outputTokens ?? 0;
  return {
    inputTokens,
    cachedTokens: usage?.cachedTokens ?? 0,
    outputTokens,
    reasoningTokens: usage?.reasoningTokens ?? 0,
    totalTokens: usage?.totalTokens ?? inputTokens + outputTokens,
  };
}
