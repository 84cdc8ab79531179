// The context-usage indicator in the header: how much of the model's context window the last turn
// used (thread/tokenUsage/updated), with the totals in the tooltip.
import type { ThreadTokenUsage } from '@protocol';
import { useThread } from '../state/hooks';
import { t } from '../l10n';

/** Percent of the context window the conversation fills now (null when the window is unknown). */
export function contextPercent(usage: ThreadTokenUsage): number | null {
  if (!usage.modelContextWindow || usage.modelContextWindow <= 0) return null;
  return Math.min(100, Math.round((usage.last.totalTokens / usage.modelContextWindow) * 100));
}

export function formatTokens(n: number): string {
  if (n >= 1_000_000) return `${(n / 1_000_000).toFixed(1)}M`;
  if (n >= 1000) return `${(n / 1000).toFixed(1)}k`;
  return String(n);
}

export function TokenUsage(props: { threadId: string | null }): React.JSX.Element | null {
  const usage = useThread(props.threadId)?.tokenUsage ?? null;
  if (!usage) return null;
  const percent = contextPercent(usage);
  const title = t(
    'Context: {0} of {1} tokens. Thread total: {2} in ({3} cached), {4} out.',
    formatTokens(usage.last.totalTokens),
    usage.modelContextWindow ? formatTokens(usage.modelContextWindow) : '?',
    formatTokens(usage.total.inputTokens),
    formatTokens(usage.total.cachedInputTokens),
    formatTokens(usage.total.outputTokens),
  );
  return (
    <span className="codex-usage" data-testid="token-usage" title={title} aria-label={title}>
      <span className="codex-usage-bar" aria-hidden="true">
        <span className="codex-usage-fill" style={{ width: `${percent ?? 0}%` }} />
      </span>
      {percent !== null ? t('{0}% context', percent) : formatTokens(usage.total.totalTokens)}
    </span>
  );
}
