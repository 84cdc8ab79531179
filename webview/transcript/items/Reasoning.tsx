// The model's reasoning: a collapsed line with the summary's title (its first bold heading),
// expanding to the summary (or the raw reasoning text when there is no summary).
import { type ReactNode } from 'react';
import type { ThreadItem } from '@protocol';
import { t } from '../../l10n';
import { Markdown } from '../markdown/Markdown';
import { Collapsible } from './common';

type ReasoningItem = Extract<ThreadItem, { type: 'reasoning' }>;

export function Reasoning({ item, streaming }: { item: ReasoningItem; streaming: boolean }): ReactNode {
  const body = (item.summary.length > 0 ? item.summary : item.content).filter((s) => s.trim() !== '').join('\n\n');
  const heading = /^\s*\*\*(.+?)\*\*/.exec(item.summary.at(-1) ?? '')?.[1];
  const title = heading ?? (streaming ? t('Thinking…') : t('Thought'));
  return (
    <Collapsible icon="codicon-lightbulb" title={title} tooltip={title} className={`tx-reasoning${streaming ? ' tx-shimmer' : ''}`} testId="item-reasoning">
      {body !== '' ? <Markdown text={body} streaming={streaming} /> : undefined}
    </Collapsible>
  );
}
