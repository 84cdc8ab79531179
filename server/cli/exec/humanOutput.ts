// Human-readable progress of `codex-ts exec` (written to stderr): a header with the run's settings,
// then one block per event — the prompt, reasoning summaries, commands with their exit status and
// the head of their output, file changes, plan updates, agent messages, warnings and errors — and
// the tokens used. Pure formatting: notifications in, text out.
import type { JsonObject } from './jsonEvents';
import { sandboxModeName, type SandboxPolicy } from '../../protocol/common';

const OUTPUT_LINES_SHOWN = 10;

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

export interface RunHeader {
  readonly version: string;
  readonly threadId: string;
  readonly cwd: string;
  readonly model: string;
  readonly modelProvider: string;
  readonly approvalPolicy: unknown;
  readonly sandbox: unknown;
  readonly reasoningEffort: string | null;
}

function sandboxName(sandbox: unknown): string {
  const type = typeof sandbox === 'object' && sandbox !== null ? str((sandbox as JsonObject).type) : str(sandbox);
  const known = ['dangerFullAccess', 'readOnly', 'workspaceWrite', 'externalSandbox'] as const;
  const match = known.find((k) => k === type);
  return match ? sandboxModeName({ type: match } as SandboxPolicy) : type || 'unknown';
}

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

function kindLetter(kind: unknown): string {
  const type = typeof kind === 'object' && kind !== null ? str((kind as JsonObject).type) : str(kind);
  return type === 'add' ? 'A' : type === 'delete' ? 'D' : 'M';
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
      `sandbox: ${sandboxName(run.sandbox)}`,
      ...(run.reasoningEffort ? [`reasoning effort: ${run.reasoningEffort}`] : []),
      `session id: ${run.threadId}`,
      '--------',
    ];
    return `${lines.join('\n')}\n${block('user', prompt)}`;
  }

  /** The text one notification adds to stderr ('' for none). */
  map(method: string, params: JsonObject): string {
    switch (method) {
      case 'item/started':
        return this.itemStarted((params.item ?? {}) as JsonObject);
      case 'item/completed':
        return this.itemCompleted((params.item ?? {}) as JsonObject);
      case 'turn/plan/updated': {
        const steps = (Array.isArray(params.plan) ? (params.plan as JsonObject[]) : []).map((step) => {
          const mark = step.status === 'completed' ? '✓' : step.status === 'inProgress' ? '→' : '□';
          return `  ${mark} ${str(step.step)}`;
        });
        const explanation = str(params.explanation);
        return block('plan', [...(explanation ? [explanation] : []), ...steps].join('\n'));
      }
      case 'error': {
        const error = (params.error ?? {}) as JsonObject;
        return params.willRetry === true ? `warning: ${str(error.message)}\n` : `ERROR: ${str(error.message)}\n`;
      }
      case 'warning':
        return `warning: ${str(params.message)}\n`;
      case 'configWarning':
      case 'deprecationNotice': {
        const details = str(params.details);
        return `warning: ${str(params.summary)}${details ? ` (${details})` : ''}\n`;
      }
      case 'thread/tokenUsage/updated': {
        const total = ((params.tokenUsage ?? {}) as JsonObject).total as JsonObject | undefined;
        if (total && typeof total.totalTokens === 'number') this.totalTokens = total.totalTokens;
        return '';
      }
      case 'turn/completed': {
        const turn = (params.turn ?? {}) as JsonObject;
        const tokens = this.totalTokens === null ? '' : block('tokens used', this.totalTokens.toLocaleString('en-US'));
        if (turn.status === 'interrupted') return `${tokens}turn interrupted\n`;
        return tokens;
      }
      default:
        return '';
    }
  }

  private itemStarted(item: JsonObject): string {
    if (item.type === 'commandExecution') return block('exec', `${str(item.command)} in ${str(item.cwd)}`);
    return '';
  }

  private itemCompleted(item: JsonObject): string {
    switch (item.type) {
      case 'agentMessage':
        return block('codex', str(item.text));
      case 'reasoning': {
        const text = (Array.isArray(item.summary) ? item.summary : []).map(str).join('\n');
        return text.trim() === '' ? '' : block('thinking', text);
      }
      case 'commandExecution': {
        const status = str(item.status);
        const code = typeof item.exitCode === 'number' ? item.exitCode : null;
        const duration = typeof item.durationMs === 'number' ? ` in ${item.durationMs}ms` : '';
        const verdict = status === 'completed' && code === 0 ? `succeeded${duration}` : status === 'declined' ? 'declined' : `exited ${code ?? '?'}${duration}`;
        return `${verdict}:\n${outputHead(str(item.aggregatedOutput))}${item.aggregatedOutput ? '\n' : ''}`;
      }
      case 'fileChange': {
        const changes = (Array.isArray(item.changes) ? (item.changes as JsonObject[]) : []).map((c) => `${kindLetter(c.kind)} ${str(c.path)}`);
        const title = item.status === 'completed' ? 'file update' : `file update ${str(item.status)}`;
        return block(title, changes.join('\n'));
      }
      case 'webSearch':
        return block('web search', str(item.query));
      case 'mcpToolCall':
        return block('tool', `${str(item.server)}.${str(item.tool)} ${str(item.status)}`);
      default:
        return '';
    }
  }
}
