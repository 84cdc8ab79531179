// The agent's text as streaming markdown. Commentary (`phase: commentary`, the running remarks
// between tool calls) is set apart from the final answer.
import { type ReactNode } from 'react';
import type { ThreadItem } from '@protocol';
import { Markdown } from '../markdown/Markdown';
import { useOpenFile } from './common';

type AgentMessageItem = Extract<ThreadItem, { type: 'agentMessage' }>;

export function AgentMessage({ item, streaming }: { item: AgentMessageItem; streaming: boolean }): ReactNode {
  const openFile = useOpenFile();
  const phase = item.phase === 'commentary' ? 'commentary' : 'answer';
  return (
    <div className={`tx-agent tx-agent-${phase}`} data-testid="item-agentMessage" data-phase={phase} data-streaming={streaming}>
      <Markdown text={item.text} onOpenFile={openFile} streaming={streaming} />
      {streaming && <span className="tx-caret" aria-hidden="true" />}
    </div>
  );
}
