// Pure routing decisions of the host bridge: which thread a notification or server request is
// about, which webviews receive a notification, and which webview is asked a server request.
// Kept free of `vscode` so the rules are unit-tested.

/** The thread a protocol payload is about (`threadId`, or `thread.id` for thread/started), else null. */
export function threadIdOf(params: unknown): string | null {
  if (typeof params !== 'object' || params === null) return null;
  const record = params as { threadId?: unknown; thread?: unknown };
  if (typeof record.threadId === 'string') return record.threadId;
  if (typeof record.thread === 'object' && record.thread !== null) {
    const id = (record.thread as { id?: unknown }).id;
    if (typeof id === 'string') return id;
  }
  return null;
}

/**
 * Streaming traffic of one thread (turn and item events, token usage) goes only to the webviews
 * showing that thread, and to those showing no thread yet (a new chat whose thread id the webview
 * is about to learn); everything else (thread list changes, account, MCP status) goes to all.
 */
export function isThreadScoped(method: string): boolean {
  return (
    method.startsWith('item/') ||
    method.startsWith('turn/') ||
    method === 'error' ||
    method === 'serverRequest/resolved' ||
    method === 'thread/tokenUsage/updated' ||
    method === 'thread/compacted' ||
    method === 'thread/goal/updated' ||
    method === 'thread/goal/cleared'
  );
}

export interface RoutableWebview {
  readonly id: number;
  readonly kind: 'sidebar' | 'panel';
  readonly threadId: string | null;
  readonly ready: boolean;
  readonly visible: boolean;
}

export function receivesNotification(webview: RoutableWebview, method: string, threadId: string | null): boolean {
  if (!webview.ready) return false;
  if (threadId === null || !isThreadScoped(method)) return true;
  return webview.threadId === threadId || webview.threadId === null;
}

/**
 * The webview to ask a server request about `threadId`: one showing that thread (visible first,
 * then the most recently focused); else the sidebar (visible first). Null when there is no
 * webview at all — the host then reveals the sidebar and asks again once it is ready.
 */
export function pickRequestTarget<W extends RoutableWebview>(
  webviews: readonly W[],
  threadId: string | null,
  exclude?: number,
): W | null {
  const candidates = webviews.filter((w) => w.id !== exclude);
  const rank = (w: W): number => (w.visible ? 0 : 1) * 2 + (w.ready ? 0 : 1);
  const best = (list: W[]): W | null => [...list].sort((a, b) => rank(a) - rank(b))[0] ?? null;
  if (threadId !== null) {
    const showing = best(candidates.filter((w) => w.threadId === threadId));
    if (showing) return showing;
  }
  return best(candidates.filter((w) => w.kind === 'sidebar'));
}
