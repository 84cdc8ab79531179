// Server requests (approvals, questions, elicitations) on their way to the user: each is posted to
// the webview showing its thread (else the sidebar); a hidden target is revealed without taking the
// keyboard focus and announced with a notification. It settles with that webview's `serverRequest/respond`. A request whose webview closes moves
// to another webview showing the thread, else is refused (never left hanging); the server's
// `serverRequest/resolved` or a server restart drops it.
import type { IncomingServerRequest } from '../connection';
import { unansweredRequestResult } from './declines';
import { pickRequestTarget, threadIdOf } from './routing';
import type { WebviewSession } from './webviewSession';

type RequestId = string | number;

interface Pending {
  readonly request: IncomingServerRequest;
  readonly threadId: string | null;
  session: WebviewSession | null;
  readonly resolve: (result: unknown) => void;
  readonly reject: (error: Error) => void;
}

export interface ServerRequestBrokerDeps {
  /** The open webviews, most recently active first. */
  sessions(): readonly WebviewSession[];
  /** Reveals the sidebar chat and resolves with its session once it is ready (null if it cannot). */
  revealSidebar(): Promise<WebviewSession | null>;
  /** Tells the user a request waits in a chat they cannot see. */
  announce(session: WebviewSession, method: string): void;
  log(message: string): void;
}

export class ServerRequestBroker {
  private readonly pending = new Map<RequestId, Pending>();

  constructor(private readonly deps: ServerRequestBrokerDeps) {}

  /** The connection's server request handler. */
  handle(request: IncomingServerRequest): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const entry: Pending = { request, threadId: threadIdOf(request.params), session: null, resolve, reject };
      this.pending.set(request.id, entry);
      void this.deliver(entry);
    });
  }

  /** The webview answered: settle the request if it was asked there. */
  respond(session: WebviewSession, requestId: RequestId, result: unknown): void {
    const entry = this.pending.get(requestId);
    if (!entry) {
      this.deps.log(`a webview answered server request ${String(requestId)}, which no longer waits`);
      return;
    }
    if (entry.session !== session) {
      this.deps.log(`ignoring an answer to server request ${String(requestId)} from a webview it was not sent to`);
      return;
    }
    this.pending.delete(requestId);
    entry.resolve(result);
  }

  /** The server resolved the request itself (turn interrupted, answered elsewhere). */
  resolvedByServer(requestId: RequestId): void {
    const entry = this.pending.get(requestId);
    if (!entry) return;
    this.pending.delete(requestId);
    // Nobody reads this answer any more: the server no longer waits for it.
    entry.reject(new Error(`server request ${String(requestId)} was resolved by the server`));
  }

  /**
   * After a restart, requests of the old server process cannot be answered: each is rejected, and
   * the chat that shows it hears `serverRequest/resolved` (as if the server had said it) so its card
   * and the badge go away.
   */
  dropAll(reason: string): void {
    for (const entry of this.pending.values()) {
      entry.reject(new Error(`server request dropped: ${reason}`));
      if (entry.session && entry.threadId !== null) {
        entry.session.post({
          type: 'server/notification',
          notification: { method: 'serverRequest/resolved', params: { threadId: entry.threadId, requestId: entry.request.id } },
        });
      }
    }
    this.pending.clear();
  }

  /** A webview closed: move its requests to another webview of the thread, else refuse them. */
  sessionClosed(session: WebviewSession): void {
    for (const entry of [...this.pending.values()]) {
      if (entry.session !== session) continue;
      const next = pickRequestTarget(this.deps.sessions(), entry.threadId, session.id);
      if (next && entry.threadId !== null && next.threadId === entry.threadId) {
        this.post(entry, next);
        continue;
      }
      this.refuse(entry, 'its chat was closed');
    }
  }

  /** Server requests waiting in `session`. */
  countFor(session: WebviewSession): number {
    let count = 0;
    for (const entry of this.pending.values()) if (entry.session === session) count++;
    return count;
  }

  /** Re-posts the requests waiting in a webview that (re)loaded. */
  replayTo(session: WebviewSession): void {
    for (const entry of this.pending.values()) if (entry.session === session) this.post(entry, session);
  }

  private async deliver(entry: Pending): Promise<void> {
    let target = pickRequestTarget(this.deps.sessions(), entry.threadId);
    if (target === null) target = await this.deps.revealSidebar();
    if (!this.pending.has(entry.request.id)) return; // resolved meanwhile
    if (target === null || target.isDisposed) {
      this.refuse(entry, 'no chat could be opened to ask the user');
      return;
    }
    this.post(entry, target);
    if (!target.visible) {
      // Nobody would see it: show that chat (keeping the keyboard focus where it is) and say why.
      target.surface.reveal(true);
      this.deps.announce(target, entry.request.method);
    }
  }

  private post(entry: Pending, session: WebviewSession): void {
    entry.session = session;
    session.post({
      type: 'server/request',
      requestId: entry.request.id,
      method: entry.request.method,
      params: entry.request.params,
    });
  }

  private refuse(entry: Pending, why: string): void {
    this.pending.delete(entry.request.id);
    const result = unansweredRequestResult(entry.request.method);
    this.deps.log(`refusing server request ${String(entry.request.id)} (${entry.request.method}): ${why}`);
    if (result === undefined) entry.reject(new Error(`${entry.request.method}: ${why}`));
    else entry.resolve(result);
  }
}
