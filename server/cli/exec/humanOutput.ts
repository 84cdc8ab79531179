// Human-readable progress of `codex-ts exec` (written to stderr): a header with the run's settings,
// then one block per event — the prompt, reasoning summaries, commands with their exit status and
// the head of their output, file changes, plan updates, agent messages, warnings and errors — and
// the tokens used. Pure formatting: notifications in, text out.
import type { ClientRequestResult, PatchChangeKind, ServerNotification, ThreadItem } from '../../protocol';
import { sandboxModeName } from '../../protocol/common';

const OUTPUT_LINES_SHOWN = 10;

/** What the header shows of thread/start's answer. */
export type RunHeader = Pick<ClientRequestResult<'thread/start'>, 'cwd' | 'model' | 'modelProvider' | 'approvalPolicy' | 'sandbox' | 'reasoningEffort'> & {
  readonly version: string;
  readonly threadId: string;
};

function block(title: string, body: string): string {
  return body === '' ? `${title}\n` : `${title}\n${body.endsWith('\n') ? body : `${body}\n`}`;
}

/** The first lines of a command's output, with a count of the rest. */
export function outputHead(output: string, lines = OUTPUT_LINES_SHOWN): string {
  const all = output.replace(/\n$/, '').split('\n');
  if (output === '') return '';
  if (all.length <= lines) return all.join('\n');
  return [...all.slice(0, lines), `… +${all.length - lines} lines`].join('\n');
}

function kindLetter(kind: PatchChangeKind): string {
  return kind.type === 'add' ? 'A' : kind.type === 'delete' ? 'D' : 'M';
}

export class ExecHumanOutput {
  private totalTokens: number | null = null;

  header(run: RunHeader, prompt: string): string {
    const lines = [
      `codex-ts exec ${run.version}`,
      '--------',
      `workdir: ${run.cwd}`,
      `model: ${run.model}`,
      `provider: ${run.modelProvider}`,
      `approval: ${typeof run.approvalPolicy === 'string' ? run.approvalPolicy : 'granular'}`,
      `sandbox: ${sandboxModeName(run.sandbox)}`,
      ...(run.reasoningEffort ? [`reasoning effort: ${run.reasoningEffort}`] : []),
      `session id: ${run.threadId}`,
      '--------',
    ];
    return `${lines.join('\n')}\n${block('user', prompt)}`;
  }

  /** The text one notification adds to stderr ('' for none). */
  map(notification: ServerNotification): string {
    switch (notification.method) {
      case 'item/started':
        return this.itemStarted(notification.params.item);
      case 'item/completed':
        return this.itemCompleted(notification.params.item);
      case 'turn/plan/updated': {
        const { explanation, plan } = notification.params;
        const steps = plan.map((step) => {
          const mark = step.status === 'completed' ? '✓' : step.status === 'inProgress' ? '→' : '□';
          return `  ${mark} ${step.step}`;
        });
        return block('plan', [...(explanation ? [explanation] : []), ...steps].join('\n'));
      }
      case 'error': {
        const { error, willRetry } = notification.params;
        return willRetry ? `warning: ${error.message}\n` : `ERROR: ${error.message}\n`;
      }
      case 'warning':
        return `warning: ${notification.params.message}\n`;
      case 'configWarning':
      case 'deprecationNotice': {
        const { summary, details } = notification.params;
        return `warning: ${summary}${details ? ` (${details})` : ''}\n`;
      }
      case 'thread/tokenUsage/updated':
        this.totalTokens = notification.params.tokenUsage.total.totalTokens;
        return '';
      case 'turn/completed': {
        const tokens = this.totalTokens === null ? '' : block('tokens used', this.totalTokens.toLocaleString('en-US'));
        if (notification.params.turn.status === 'interrupted') return `${tokens}turn interrupted\n`;
        return tokens;
      }
      default:
        return '';
    }
  }

  private itemStarted(item: ThreadItem): string {
    if (item.type === 'commandExecution') return block('exec', `${item.command} in ${item.cwd}`);
    return '';
  }

  private itemCompleted(item: ThreadItem): string {
    switch (item.type) {
      case 'agentMessage':
        return block('codex', item.text);
      case 'reasoning': {
        const text = item.summary.join('\n');
        return text.trim() === '' ? '' : block('thinking', text);
      }
      case 'commandExecution': {
        const code = item.exitCode;
        const duration = item.durationMs !== null ? ` in ${item.durationMs}ms` : '';
        const verdict = item.status === 'completed' && code === 0 ? `succeeded${duration}` : item.status === 'declined' ? 'declined' : `exited ${code ?? '?'}${duration}`;
        const output = item.aggregatedOutput ?? '';
        return `${verdict}:\n${outputHead(output)}${output ? '\n' : ''}`;
      }
      case 'fileChange': {
        const changes = item.changes.map((c) => `${kindLetter(c.kind)} ${c.path}`);
        const title = item.status === 'completed' ? 'file update' : `file update ${item.status}`;
        return block(title, changes.join('\n'));
      }
      case 'webSearch':
        return block('web search', item.query);
      case 'mcpToolCall':
        return block('tool', `${item.server}.${item.tool} ${item.status}`);
      default:
        return '';
    }
  }
}
