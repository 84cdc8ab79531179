// The short items: the plan text item, a web search, a context compaction marker, review mode
// start and its findings, and an image the agent viewed.
import { type ReactNode } from 'react';
import type { ThreadItem } from '@protocol';
import { t } from '../../l10n';
import { Markdown } from '../markdown/Markdown';
import { baseName, useOpenFile } from './common';

type Item<T extends ThreadItem['type']> = Extract<ThreadItem, { type: T }>;

/** A titled card around markdown text (the plan, review findings). */
function MarkdownCard({ className, testId, title, text }: { className: string; testId: string; title: string; text: string }): ReactNode {
  return (
    <div className={`tx-card ${className}`} data-testid={testId}>
      <div className="tx-card-header tx-static">
        <span className="codicon codicon-checklist" aria-hidden="true" />
        <span className="tx-card-title" title={title}>
          {title}
        </span>
      </div>
      <div className="tx-card-body">
        <Markdown text={text} />
      </div>
    </div>
  );
}

export function PlanText({ item }: { item: Item<'plan'> }): ReactNode {
  return <MarkdownCard className="tx-plan-text" testId="item-plan" title={t('Plan')} text={item.text} />;
}

export function WebSearch({ item }: { item: Item<'webSearch'> }): ReactNode {
  const action = item.action;
  const text =
    action?.type === 'openPage' && action.url
      ? t('Opened {0}', action.url)
      : action?.type === 'findInPage' && action.pattern
        ? t('Searched for {0} in {1}', action.pattern, action.url ?? '')
        : item.query
          ? t('Searched the web for {0}', item.query)
          : t('Searched the web');
  return (
    <div className="tx-line" data-testid="item-webSearch">
      <span className="codicon codicon-globe" aria-hidden="true" />
      <span>{text}</span>
    </div>
  );
}

export function ContextCompaction(): ReactNode {
  return (
    <div className="tx-divider" data-testid="item-contextCompaction">
      <span className="codicon codicon-fold" aria-hidden="true" />
      <span>{t('Context compacted')}</span>
    </div>
  );
}

export function EnteredReview({ item }: { item: Item<'enteredReviewMode'> }): ReactNode {
  return (
    <div className="tx-line" data-testid="item-enteredReviewMode">
      <span className="codicon codicon-eye" aria-hidden="true" />
      <span>{t('Reviewing {0}', item.review)}</span>
    </div>
  );
}

export function ReviewFindings({ item }: { item: Item<'exitedReviewMode'> }): ReactNode {
  return <MarkdownCard className="tx-review" testId="item-exitedReviewMode" title={t('Review findings')} text={item.review} />;
}

export function ImageViewed({ item }: { item: Item<'imageView'> }): ReactNode {
  const openFile = useOpenFile();
  return (
    <div className="tx-line" data-testid="item-imageView">
      <span className="codicon codicon-file-media" aria-hidden="true" />
      <span>{t('Viewed image')}</span>
      <button type="button" className="tx-chip" title={item.path} onClick={() => openFile(item.path)}>
        {baseName(item.path)}
      </button>
    </div>
  );
}
