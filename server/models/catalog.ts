// The built-in model catalog behind `model/list` and the model picker, plus per-slug metadata (context window,
// reasoning efforts, modalities) with fallback metadata for slugs we do not know (local models, new releases).
// Model names follow the Codex docs: gpt-5.5 recommended, gpt-5.4-mini for lighter work, Spark in preview.

import type { ReasoningEffort, TextVerbosity } from './types';

export interface ReasoningEffortOption {
  effort: ReasoningEffort;
  description: string;
}

export type InputModality = 'text' | 'image';

export interface ModelInfo {
  slug: string;
  displayName: string;
  description: string;
  isDefault: boolean;
  /** Hidden models are accepted but not offered in the picker. */
  hidden: boolean;
  /** null: do not send reasoning parameters. */
  defaultReasoningEffort: ReasoningEffort | null;
  supportedReasoningEfforts: ReasoningEffortOption[];
  inputModalities: InputModality[];
  /** Tokens the model accepts; see `effectiveContextWindow` for what a thread may use. */
  contextWindow: number;
  supportsParallelToolCalls: boolean;
  supportsReasoningSummaries: boolean;
  /** Sent as `text.verbosity` when set. */
  defaultVerbosity: TextVerbosity | null;
  /** How apply_patch is offered: a freeform custom tool, a JSON function, or not at all. */
  applyPatchToolType: 'freeform' | 'function' | null;
}

/** Codex keeps 5 % of the window in reserve (272000 → the observed `modelContextWindow: 258400`). */
export const EFFECTIVE_CONTEXT_WINDOW_PERCENT = 95;
/** Context window assumed for an unknown slug. */
export const FALLBACK_CONTEXT_WINDOW = 272_000;

const EFFORT_DESCRIPTIONS: Record<'low' | 'medium' | 'high' | 'xhigh', string> = {
  low: 'Fast responses with lighter reasoning',
  medium: 'Balances speed and reasoning depth for everyday tasks',
  high: 'Greater reasoning depth for complex problems',
  xhigh: 'Extra high reasoning depth for complex problems',
};

function efforts(...levels: (keyof typeof EFFORT_DESCRIPTIONS)[]): ReasoningEffortOption[] {
  return levels.map((effort) => ({ effort, description: EFFORT_DESCRIPTIONS[effort] }));
}

function gpt5(slug: string, displayName: string, description: string, overrides: Partial<ModelInfo> = {}): ModelInfo {
  return {
    slug,
    displayName,
    description,
    isDefault: false,
    hidden: false,
    defaultReasoningEffort: 'medium',
    supportedReasoningEfforts: efforts('low', 'medium', 'high', 'xhigh'),
    inputModalities: ['text', 'image'],
    contextWindow: 272_000,
    supportsParallelToolCalls: true,
    supportsReasoningSummaries: true,
    defaultVerbosity: 'low',
    applyPatchToolType: 'freeform',
    ...overrides,
  };
}

export const MODEL_CATALOG: readonly ModelInfo[] = [
  gpt5('gpt-5.5', 'GPT-5.5', 'Recommended model for most coding tasks.', { isDefault: true }),
  gpt5('gpt-5.4-mini', 'GPT-5.4-Mini', 'Faster, lower-cost option for lighter tasks and subagents.'),
  gpt5('gpt-5.3-codex', 'GPT-5.3-Codex', 'Coding model for deep reasoning, reviews and edits.'),
  gpt5('gpt-5.3-codex-spark', 'GPT-5.3-Codex-Spark', 'Research preview for near-instant iteration (ChatGPT Pro).', {
    supportedReasoningEfforts: efforts('low', 'medium', 'high'),
    inputModalities: ['text'],
    contextWindow: 128_000,
  }),
  gpt5('gpt-5.2-codex', 'GPT-5.2-Codex', 'Coding model for API-key users.'),
];

/** Metadata for a slug nobody described: no reasoning parameters, no apply_patch (as Codex's fallback). */
export function fallbackModelInfo(slug: string): ModelInfo {
  return {
    slug,
    displayName: slug,
    description: '',
    isDefault: false,
    hidden: true,
    defaultReasoningEffort: null,
    supportedReasoningEfforts: [],
    inputModalities: ['text', 'image'],
    contextWindow: FALLBACK_CONTEXT_WINDOW,
    supportsParallelToolCalls: false,
    supportsReasoningSummaries: false,
    defaultVerbosity: null,
    applyPatchToolType: null,
  };
}

/** Models for the picker (hidden ones only on request). */
export function listModels(options: { includeHidden?: boolean } = {}): ModelInfo[] {
  return MODEL_CATALOG.filter((model) => options.includeHidden || !model.hidden);
}

export function defaultModel(): ModelInfo {
  const found = MODEL_CATALOG.find((model) => model.isDefault) ?? MODEL_CATALOG[0];
  if (!found) throw new Error('the built-in model catalog is empty');
  return found;
}

/**
 * The catalog entry for `slug`: an exact match, else the longest entry that `slug` extends with a dash
 * (dated snapshots such as `gpt-5.5-2026-01-15`), else undefined.
 */
export function findModel(slug: string): ModelInfo | undefined {
  const exact = MODEL_CATALOG.find((model) => model.slug === slug);
  if (exact) return exact;
  const prefixes = MODEL_CATALOG.filter((model) => slug.startsWith(`${model.slug}-`));
  prefixes.sort((a, b) => b.slug.length - a.slug.length);
  const best = prefixes[0];
  return best ? { ...best, slug, isDefault: false, hidden: true } : undefined;
}

/**
 * Metadata for any slug. `known: false` means fallback metadata was used; Codex then warns the user
 * ("Model metadata for `<slug>` not found. Defaulting to fallback metadata…").
 */
export function getModelInfo(slug: string): { info: ModelInfo; known: boolean } {
  const found = findModel(slug);
  return found ? { info: found, known: true } : { info: fallbackModelInfo(slug), known: false };
}

/** The window a thread may fill before compaction: 95 % of the model's context window. */
export function effectiveContextWindow(slugOrInfo: string | ModelInfo): number {
  const info = typeof slugOrInfo === 'string' ? getModelInfo(slugOrInfo).info : slugOrInfo;
  return Math.floor((info.contextWindow * EFFECTIVE_CONTEXT_WINDOW_PERCENT) / 100);
}

/** The text of the warning Codex emits for an unknown slug. */
export function unknownModelWarning(slug: string): string {
  return `Model metadata for \`${slug}\` not found. Defaulting to fallback metadata; this can degrade performance and cause issues.`;
}
