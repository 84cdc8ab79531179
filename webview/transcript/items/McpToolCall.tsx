// A call of an MCP server's tool: server and tool, status, duration, the latest progress message
// while it runs; expands to the arguments and the result (text, images, structured content) or error.
import { type ReactNode } from 'react';
import type { McpToolCallItem } from '@protocol';
import { t } from '../../l10n';
import type { ItemView } from '../../state/types';
import { Collapsible, formatDuration, StatusIcon } from './common';

export function McpToolCall({ view, item }: { view: ItemView; item: McpToolCallItem }): ReactNode {
  const progress = item.status === 'inProgress' ? view.progress.at(-1) : undefined;
  const duration = formatDuration(item.durationMs);
  return (
    <Collapsible
      icon="codicon-tools"
      title={
        <>
          <span className="tx-mcp-server">{item.server}</span> · <span className="tx-mcp-tool">{item.tool}</span>
          {progress && <span className="tx-muted tx-progress" data-testid="mcp-progress"> — {progress}</span>}
        </>
      }
      tooltip={`${item.server} · ${item.tool}${progress ? ` — ${progress}` : ''}`}
      meta={
        <>
          {duration && <span className="tx-duration">{duration}</span>}
          <StatusIcon status={item.status} />
        </>
      }
      className="tx-mcp"
      testId="item-mcpToolCall"
    >
      <div className="tx-label">{t('Arguments')}</div>
      <pre className="tx-json">{json(item.arguments)}</pre>
      {item.error && (
        <div className="tx-error-text" data-testid="mcp-error">
          {item.error.message}
        </div>
      )}
      {item.result && (
        <>
          <div className="tx-label">{t('Result')}</div>
          {item.result.content.map((block, i) => (
            <ContentBlock key={i} block={block} />
          ))}
          {item.result.structuredContent !== undefined && <pre className="tx-json">{json(item.result.structuredContent)}</pre>}
        </>
      )}
      {view.progress.length > 1 && (
        <details>
          <summary>{t('Progress')}</summary>
          <ul className="tx-progress-list">
            {view.progress.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        </details>
      )}
    </Collapsible>
  );
}

function ContentBlock({ block }: { block: unknown }): ReactNode {
  const b = (typeof block === 'object' && block !== null ? block : {}) as Record<string, unknown>;
  if (b.type === 'text' && typeof b.text === 'string') return <pre className="tx-output tx-mcp-text">{b.text}</pre>;
  if (b.type === 'image' && typeof b.data === 'string' && typeof b.mimeType === 'string' && b.mimeType.startsWith('image/')) {
    return <img className="tx-mcp-image" src={`data:${b.mimeType};base64,${b.data}`} alt={t('Tool result image')} />;
  }
  return <pre className="tx-json">{json(block)}</pre>;
}

function json(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}
