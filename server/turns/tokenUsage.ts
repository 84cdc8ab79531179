// Token accounting for a thread: the model's per-response usage folded into Codex's
// {total, last, modelContextWindow} shape.
import type { TokenUsageBreakdown, ThreadTokenUsage } from '../protocol/thread';
import type { TokenUsage } from '../models';

export function toBreakdown(usage: TokenUsage): TokenUsageBreakdown {
  return {
    totalTokens: usage.totalTokens,
    inputTokens: usage.inputTokens,
    cachedInputTokens: usage.cachedInputTokens,
    cacheWriteInputTokens: 0,
    outputTokens: usage.outputTokens,
    reasoningOutputTokens: usage.reasoningOutputTokens,
  };
}

export function addUsage(previous: ThreadTokenUsage | null, usage: TokenUsage, contextWindow: number | null): ThreadTokenUsage {
  const last = toBreakdown(usage);
  const base = previous?.total;
  const total: TokenUsageBreakdown = base
    ? {
        totalTokens: base.totalTokens + last.totalTokens,
        inputTokens: base.inputTokens + last.inputTokens,
        cachedInputTokens: base.cachedInputTokens + last.cachedInputTokens,
        cacheWriteInputTokens: base.cacheWriteInputTokens + last.cacheWriteInputTokens,
        outputTokens: base.outputTokens + last.outputTokens,
        reasoningOutputTokens: base.reasoningOutputTokens + last.reasoningOutputTokens,
      }
    : last;
  return { total, last, modelContextWindow: contextWindow };
}
