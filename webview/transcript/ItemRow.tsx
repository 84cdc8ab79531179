// One transcript item: subscribes to that item alone (a delta re-renders this component and no
// other) and picks the component for its type.
import { memo, type ReactNode } from 'react';
import { useStore } from '../state/hooks';
import { isFinished } from '../state/notifications';
import { AgentMessage } from './items/AgentMessage';
import { CommandExecution } from './items/CommandExecution';
import { useTranscript } from './items/common';
import { FileChange } from './items/FileChange';
import { McpToolCall } from './items/McpToolCall';
import { Reasoning } from './items/Reasoning';
import { ContextCompaction, EnteredReview, ImageViewed, PlanText, ReviewFindings, WebSearch } from './items/SmallItems';
import { UserMessage } from './items/UserMessage';

export const ItemRow = memo(function ItemRow({ turnId, itemId }: { turnId: string; itemId: string }): ReactNode {
  const { threadId } = useTranscript();
  const view = useStore((s) => s.item(threadId, itemId));
  const turnRunning = useStore((s) => s.turn(threadId, turnId)?.status === 'inProgress');
  if (!view) return null;
  const item = view.item;
  const streaming = turnRunning && !isFinished(item);
  switch (item.type) {
    case 'userMessage':
      return <UserMessage item={item} />;
    case 'agentMessage':
      return <AgentMessage item={item} streaming={streaming} />;
    case 'reasoning':
      return <Reasoning item={item} streaming={streaming} />;
    case 'commandExecution':
      return <CommandExecution view={view} item={item} />;
    case 'fileChange':
      return <FileChange item={item} turnId={turnId} />;
    case 'mcpToolCall':
      return <McpToolCall view={view} item={item} />;
    case 'plan':
      return <PlanText item={item} />;
    case 'webSearch':
      return <WebSearch item={item} />;
    case 'contextCompaction':
      return <ContextCompaction />;
    case 'enteredReviewMode':
      return <EnteredReview item={item} />;
    case 'exitedReviewMode':
      return <ReviewFindings item={item} />;
    case 'imageView':
      return <ImageViewed item={item} />;
    default:
      return null;
  }
});
