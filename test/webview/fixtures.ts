// Protocol values for webview tests and the webview bench: threads, turns, every kind of item,
// and notification builders, all typed by the protocol module so they stay in step with it.
import type { ServerNotification, ServerNotifications, Thread, ThreadItem, Turn } from '@protocol';

export const THREAD_ID = '019a0000-0000-7000-8000-000000000001';

type Method = ServerNotification['method'];
/** A typed server notification. */
export function note<M extends Method>(method: M, params: ServerNotifications[M]): ServerNotification {
  return { method, params } as ServerNotification;
}

export function userMessage(id: string, text: string): ThreadItem {
  return { type: 'userMessage', id, clientId: null, content: [{ type: 'text', text, text_elements: [] }] };
}

export function agentMessage(id: string, text: string, phase: 'commentary' | 'final_answer' | null = 'final_answer'): ThreadItem {
  return { type: 'agentMessage', id, text, phase, moderation: null, memoryCitation: null, delivery: null, questions: null };
}

export function reasoning(id: string, summary: string[], content: string[] = []): ThreadItem {
  return { type: 'reasoning', id, summary, content };
}

export function command(id: string, cmd: string, extra: Partial<Extract<ThreadItem, { type: 'commandExecution' }>> = {}): ThreadItem {
  return {
    type: 'commandExecution',
    id,
    pluginId: null,
    scriptPath: null,
    command: cmd,
    cwd: '/work/ws',
    processId: null,
    source: 'agent',
    status: 'completed',
    commandActions: [],
    aggregatedOutput: 'ok\n',
    exitCode: 0,
    durationMs: 1234,
    ...extra,
  };
}

export function fileChange(id: string, status: 'inProgress' | 'completed' = 'completed'): ThreadItem {
  return {
    type: 'fileChange',
    id,
    status,
    changes: [
      { path: '/work/ws/src/a.ts', kind: { type: 'update', move_path: null }, diff: '@@ -1,2 +1,2 @@\n-const a = 1;\n+const a = 2;\n keep();\n' },
      { path: '/work/ws/src/new.ts', kind: { type: 'add' }, diff: 'export const added = true;\nexport const two = 2;\n' },
    ],
  };
}

export function mcpCall(id: string, extra: Partial<Extract<ThreadItem, { type: 'mcpToolCall' }>> = {}): ThreadItem {
  return {
    type: 'mcpToolCall',
    id,
    server: 'everything',
    tool: 'echo',
    status: 'completed',
    arguments: { message: 'hi' },
    pluginId: null,
    readOnlyHint: true,
    result: { content: [{ type: 'text', text: 'Echo: hi' }] },
    error: null,
    durationMs: 42,
    ...extra,
  } as ThreadItem;
}

/** One item of every kind the transcript renders. */
export function everyItem(prefix: string): ThreadItem[] {
  return [
    userMessage(`${prefix}-user`, 'Please fix the bug'),
    reasoning(`${prefix}-reasoning`, ['**Looking** at the code']),
    agentMessage(`${prefix}-commentary`, 'Let me look at the file first.', 'commentary'),
    command(`${prefix}-cmd`, 'ls -la'),
    fileChange(`${prefix}-patch`),
    mcpCall(`${prefix}-mcp`),
    { type: 'plan', id: `${prefix}-plan`, text: '1. read\n2. fix' },
    { type: 'webSearch', id: `${prefix}-web`, query: 'vitest config', action: { type: 'search', query: 'vitest config', queries: null }, results: null },
    { type: 'contextCompaction', id: `${prefix}-compact` },
    { type: 'enteredReviewMode', id: `${prefix}-review-in`, review: 'current changes' },
    { type: 'exitedReviewMode', id: `${prefix}-review-out`, review: 'Found 1 issue:\n- [P1] Off by one in loop' },
    { type: 'imageView', id: `${prefix}-image`, path: '/work/ws/shot.png' },
    agentMessage(`${prefix}-answer`, 'Fixed it:\n\n```ts\nconst a = 2;\n```\n', 'final_answer'),
  ];
}

export function turn(id: string, items: ThreadItem[], status: Turn['status'] = 'completed'): Turn {
  return { id, rootTurnId: null, items, itemsView: 'full', status, error: null, startedAt: 1_700_000_000, completedAt: status === 'inProgress' ? null : 1_700_000_010, durationMs: status === 'inProgress' ? null : 10_000 };
}

export function thread(turns: Turn[], id = THREAD_ID): Thread {
  return {
    id,
    sessionId: id,
    forkedFromId: null,
    parentThreadId: null,
    preview: 'Please fix the bug',
    ephemeral: false,
    section: null,
    sectionEnteredAt: null,
    projectId: null,
    historyMode: 'legacy',
    modelProvider: 'openai',
    model: 'gpt-5',
    reasoningEffort: null,
    createdAt: 1_700_000_000,
    updatedAt: 1_700_000_010,
    recencyAt: null,
    status: { type: 'idle' },
    path: null,
    cwd: '/work/ws',
    cliVersion: '0.1.0',
    originator: null,
    source: 'vscode',
    threadSource: null,
    agentNickname: null,
    agentRole: null,
    gitInfo: null,
    name: null,
    turns,
  } as Thread;
}

/** A long thread: `turns` turns of (user message, agent answer, command, …) = items per turn. */
export function longThread(turnCount: number, itemsPerTurn = 4): Thread {
  const turns: Turn[] = [];
  for (let t = 0; t < turnCount; t++) {
    const items: ThreadItem[] = [userMessage(`u${t}`, `Question number ${t}: what does function f${t} do?`)];
    for (let i = 1; i < itemsPerTurn; i++) {
      items.push(
        i % 3 === 2
          ? command(`c${t}-${i}`, `grep -n f${t} src/file${t}.ts`, { aggregatedOutput: `src/file${t}.ts:${i}: function f${t}() {}\n` })
          : agentMessage(`a${t}-${i}`, `Function **f${t}** returns \`${t}\`.\n\n- point one\n- point two\n\n\`\`\`ts\nexport function f${t}() { return ${t}; }\n\`\`\`\n`),
      );
    }
    turns.push(turn(`t${t}`, items));
  }
  return thread(turns);
}
