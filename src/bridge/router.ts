// The host side of the chat bridge: one router for every chat webview of the window. It answers
// `ready` with hostInfo, passes `rpc/request`s to the server, forwards server notifications (thread
// traffic only to the webviews showing that thread) and server requests (serverRequests.ts), keeps
// the shown threads re-resumed across server restarts (thread/resynced), pushes the connection
// state for the banner, runs the `ui/*` editor actions (uiActions.ts) and answers the sign-in
// card (src/account/signInService.ts).
import * as vscode from 'vscode';
import type { HostToWebviewMessage, WebviewSettings, WebviewToHostMessage } from '../../bridge/messages';
import { localServerTargets } from '../account/localServers';
import { SignInService } from '../account/signInService';
import type { ServerConnection } from '../connection';
import { answerRpc, type TurnStartAugmenter } from './rpc';
import { receivesNotification, threadIdOf } from './routing';
import { ServerRequestBroker } from './serverRequests';
import { runUiAction, type UiActionDeps } from './uiActions';
import { WebviewSession, type WebviewSurface } from './webviewSession';

export interface RouterDeps extends Omit<UiActionDeps, 'connection' | 'setAutoContext'> {
  readonly connection: ServerConnection;
  readonly log: vscode.LogOutputChannel;
  /** hostInfo for a webview that said `ready`. */
  hostInfo(session: WebviewSession): Promise<HostToWebviewMessage & { type: 'hostInfo' }>;
  /** The current settings (after an auto-context toggle or a configuration change). */
  settings(): WebviewSettings;
  setAutoContext(enabled: boolean): Promise<void>;
  augmentTurnStart: TurnStartAugmenter;
  /** Starts the server if it is not running (first view, first command). */
  ensureStarted(): void;
  /** Reveals the sidebar chat; resolves with its session once ready, or null. */
  revealSidebar(): Promise<WebviewSession | null>;
}

export class BridgeRouter implements vscode.Disposable {
  /** Most recently active first. */
  private readonly sessions: WebviewSession[] = [];
  private chatFocused = false;
  private readonly tracked = new Map<WebviewSession, { threadId: string; handle: vscode.Disposable }>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly sessionEmitter = new vscode.EventEmitter<void>();
  /** Fires when a webview opens, closes, changes thread or its pending-request count. */
  readonly onDidChangeSessions = this.sessionEmitter.event;
  readonly requests: ServerRequestBroker;
  private readonly signIn: SignInService;

  constructor(private readonly deps: RouterDeps) {
    const { connection, log } = deps;
    this.signIn = new SignInService({
      request: (method, params) => connection.requestUnchecked(method, params),
      openExternal: (url) => Promise.resolve(vscode.env.openExternal(vscode.Uri.parse(url, true))),
      targets: () => localServerTargets(process.env),
      env: process.env,
      log: (message) => log.info(message),
    });
    this.requests = new ServerRequestBroker({
      sessions: () => this.sessions.filter((s) => !s.isDisposed),
      revealSidebar: () => deps.revealSidebar(),
      announce: (session, method) => this.announce(session, method),
      log: (message) => log.info(message),
    });
    connection.setServerRequestHandler((request) => {
      const result = this.requests.handle(request);
      void result.finally(() => this.refreshPending()).catch(() => undefined);
      this.refreshPendingSoon();
      return result;
    });
    this.disposables.push(
      this.sessionEmitter,
      connection.onNotification((notification) => {
        if (notification.method === 'serverRequest/resolved') {
          this.requests.resolvedByServer(notification.params.requestId);
          this.refreshPending();
        }
        const threadId = threadIdOf(notification.params);
        const message: HostToWebviewMessage = { type: 'server/notification', notification };
        for (const session of this.sessions) {
          if (receivesNotification(session, notification.method, threadId)) session.post(message);
        }
      }),
      connection.onDidChangeState((server) => {
        if (server.state === 'restarting' || server.state === 'failed' || server.state === 'stopped') {
          this.requests.dropAll(`the server is ${server.state}`);
          this.refreshPending();
        }
        this.broadcast({ type: 'server/state', server });
      }),
      connection.onDidResumeThread(({ threadId, result }) => {
        for (const session of this.sessions) {
          if (session.threadId === threadId) session.post({ type: 'thread/resynced', threadId, result });
        }
      }),
    );
  }

  /** Every open chat webview, most recently active first. */
  get openSessions(): readonly WebviewSession[] {
    return this.sessions;
  }

  /** Adds a webview (a resolved view or a created/restored panel) to the bridge. */
  attach(surface: WebviewSurface): WebviewSession {
    const session = new WebviewSession(surface, (s, message) => this.onMessage(s, message), this.deps.log);
    this.sessions.unshift(session);
    session.onDidDispose(() => this.detach(session));
    surface.onDidChangeVisibility((visible) => {
      if (!visible) return;
      this.touch(session);
    });
    if (session.threadId !== null) this.track(session, session.threadId);
    this.deps.ensureStarted();
    this.sessionEmitter.fire();
    return session;
  }

  /** The chat to send editor content to: the visible one used last (null when none is visible). */
  activeSession(): WebviewSession | null {
    return this.sessions.find((s) => s.visible) ?? null;
  }

  broadcast(message: HostToWebviewMessage): void {
    for (const session of this.sessions) session.post(message);
  }

  private touch(session: WebviewSession): void {
    const index = this.sessions.indexOf(session);
    if (index > 0) {
      this.sessions.splice(index, 1);
      this.sessions.unshift(session);
    }
    session.lastActiveAt = Date.now();
  }

  private detach(session: WebviewSession): void {
    const index = this.sessions.indexOf(session);
    if (index >= 0) this.sessions.splice(index, 1);
    this.untrack(session);
    this.updateFocusContext();
    this.requests.sessionClosed(session);
    this.refreshPending();
    this.sessionEmitter.fire();
  }

  private track(session: WebviewSession, threadId: string | null): void {
    const current = this.tracked.get(session);
    if (current?.threadId === threadId) return;
    this.untrack(session);
    if (threadId !== null) this.tracked.set(session, { threadId, handle: this.deps.connection.trackThread(threadId) });
  }

  private untrack(session: WebviewSession): void {
    this.tracked.get(session)?.handle.dispose();
    this.tracked.delete(session);
  }

  private onMessage(session: WebviewSession, message: WebviewToHostMessage): void {
    switch (message.type) {
      case 'ready':
        this.deps.ensureStarted();
        void this.deps.hostInfo(session).then((info) => {
          session.start(info);
          if (session.loads > 1) this.requests.replayTo(session); // the reloaded page lost them
          this.deps.log.info(`${session.kind} webview ready; sent hostInfo`);
        });
        return;
      case 'rpc/request':
        if (message.method === 'turn/start') this.setThread(session, threadIdOf(message.params));
        void answerRpc(this.deps.connection, message, this.deps.augmentTurnStart).then((response) => {
          if (!response.ok) this.deps.log.warn(`${message.method} failed: ${response.error.message}`);
          session.post(response);
        });
        return;
      case 'serverRequest/respond':
        this.requests.respond(session, message.requestId, message.result);
        this.refreshPending();
        return;
      case 'thread/active':
        this.setThread(session, message.threadId);
        return;
      case 'ui/pendingRequests':
        this.setPending(session, message.count);
        return;
      case 'signIn/request':
        void this.signIn.handle(message.request).then((result) =>
          session.post({ type: 'signIn/response', requestId: message.requestId, result }),
        );
        return;
      case 'ui/focus':
        session.focused = message.focused;
        if (message.focused) this.touch(session);
        this.updateFocusContext();
        return;
      case 'ui/setAutoContext':
        void this.deps.setAutoContext(message.enabled).then(() =>
          this.broadcast({ type: 'settings/changed', settings: this.deps.settings() }),
        );
        return;
      default:
        void runUiAction(message, session, { ...this.deps, setAutoContext: this.deps.setAutoContext }).catch(
          (error: unknown) => {
            const text = error instanceof Error ? error.message : String(error);
            this.deps.log.error(`${message.type} failed: ${text}`);
            void vscode.window.showErrorMessage(text);
          },
        );
    }
  }

  /** `codex.chatFocused`: a chat webview has the keyboard focus (the when-clause of Ctrl/Cmd+N). */
  private updateFocusContext(): void {
    const focused = this.sessions.some((s) => s.focused && !s.isDisposed);
    if (focused === this.chatFocused) return;
    this.chatFocused = focused;
    void vscode.commands.executeCommand('setContext', 'codex.chatFocused', focused);
  }

  private setThread(session: WebviewSession, threadId: string | null): void {
    if (threadId === null && session.threadId === null) return;
    session.threadId = threadId;
    this.track(session, threadId);
    this.sessionEmitter.fire();
  }

  /** What the webview says waits in it, with the broker's own count as the floor. */
  private setPending(session: WebviewSession, reported: number): void {
    session.reportedPending = reported;
    this.refreshPending();
  }

  private refreshPending(): void {
    let changed = false;
    for (const session of this.sessions) {
      const count = Math.max(session.reportedPending, this.requests.countFor(session));
      if (count === session.pendingRequests) continue;
      session.pendingRequests = count;
      session.surface.showPendingCount(count);
      this.deps.log.info(`${count} request(s) waiting in the ${session.kind} chat`);
      changed = true;
    }
    if (changed) this.sessionEmitter.fire();
  }

  private refreshPendingSoon(): void {
    setTimeout(() => this.refreshPending(), 0);
  }

  private announce(session: WebviewSession, method: string): void {
    const what = method.includes('Approval')
      ? vscode.l10n.t('Codex needs your approval to continue.')
      : vscode.l10n.t('Codex is waiting for your answer.');
    const show = vscode.l10n.t('Show');
    void vscode.window.showInformationMessage(what, show).then((choice) => {
      if (choice === show && !session.isDisposed) session.surface.reveal(false);
    });
  }

  dispose(): void {
    this.requests.dropAll('the extension is shutting down');
    for (const session of [...this.sessions]) session.dispose();
    for (const { handle } of this.tracked.values()) handle.dispose();
    this.tracked.clear();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
