// One chat webview as the bridge sees it (the sidebar view or an editor-tab chat): validates what
// it posts, queues host messages until it said `ready`, and tracks the thread it shows, whether it
// is visible, and how many server requests wait in it. The router (router.ts) owns the behaviour.
import * as vscode from 'vscode';
import {
  type ChatSurfaceKind,
  type HostToWebviewMessage,
  parseWebviewToHostMessage,
  type WebviewToHostMessage,
} from '../../bridge/messages';
import type { RoutableWebview } from './routing';

/** What a surface (view or panel) tells the session about its host object. */
export interface WebviewSurface {
  readonly kind: ChatSurfaceKind;
  readonly webview: vscode.Webview;
  readonly visible: boolean;
  readonly onDidChangeVisibility: vscode.Event<boolean>;
  readonly onDidDispose: vscode.Event<void>;
  /** Brings the surface into view (and focus unless preserveFocus). */
  reveal(preserveFocus: boolean): void;
  /** Shows the number of server requests waiting (a view badge, a panel title suffix). */
  showPendingCount(count: number): void;
  /** A thread to open when the webview starts (restored editor-tab chats), else null. */
  readonly initialThreadId: string | null;
}

let nextSessionId = 1;

export class WebviewSession implements RoutableWebview, vscode.Disposable {
  readonly id = nextSessionId++;
  threadId: string | null;
  ready = false;
  /** Server requests waiting for the user here (badge). */
  pendingRequests = 0;
  /** The count the webview last reported (`ui/pendingRequests`). */
  reportedPending = 0;
  /** Whether the webview page has the keyboard focus (`ui/focus`). */
  focused = false;
  /** How many times the webview page said `ready` (more than once: it was reloaded). */
  loads = 0;
  /** When the user last looked at it (for picking among several). */
  lastActiveAt = Date.now();
  private readonly queue: HostToWebviewMessage[] = [];
  private readonly readyWaiters: (() => void)[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;
  private disposed = false;

  constructor(
    readonly surface: WebviewSurface,
    onMessage: (session: WebviewSession, message: WebviewToHostMessage) => void,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.threadId = surface.initialThreadId;
    this.disposables.push(
      surface.webview.onDidReceiveMessage((raw: unknown) => {
        const message = parseWebviewToHostMessage(raw);
        if (message === null) {
          this.log.warn(`ignoring an invalid message from a ${surface.kind} webview: ${describe(raw)}`);
          return;
        }
        if (message.type === 'ready') this.onReady();
        onMessage(this, message);
      }),
      surface.onDidChangeVisibility((visible) => {
        if (visible) this.lastActiveAt = Date.now();
      }),
      surface.onDidDispose(() => this.dispose()),
    );
  }

  get kind(): ChatSurfaceKind {
    return this.surface.kind;
  }

  get visible(): boolean {
    return !this.disposed && this.surface.visible;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Posts now if the webview is ready, else after its `ready` (in order). */
  post(message: HostToWebviewMessage): void {
    if (this.disposed) return;
    if (!this.ready) {
      this.queue.push(message);
      return;
    }
    void this.surface.webview.postMessage(message).then(undefined, (error: unknown) => {
      this.log.warn(`posting ${message.type} to a ${this.kind} webview failed: ${String(error)}`);
    });
  }

  /** Resolves once the webview said `ready` and got its hostInfo (immediately if it has). */
  whenReady(): Promise<void> {
    if (this.ready) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /**
   * The webview (re)loaded and said `ready`: hold messages until the router answers with hostInfo.
   * What was posted to a previous page of this webview is gone with it.
   */
  private onReady(): void {
    this.loads++;
    if (this.ready) this.queue.length = 0;
    this.ready = false;
  }

  /** The router's answer to `ready`: hostInfo first, then what was queued meanwhile. */
  start(hostInfo: HostToWebviewMessage): void {
    if (this.disposed) return;
    this.ready = true;
    this.post(hostInfo);
    for (const message of this.queue.splice(0)) this.post(message);
    for (const resolve of this.readyWaiters.splice(0)) resolve();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.queue.length = 0;
    for (const d of this.disposables.splice(0)) d.dispose();
    this.disposeEmitter.fire();
    this.disposeEmitter.dispose();
    for (const resolve of this.readyWaiters.splice(0)) resolve();
  }
}

function describe(raw: unknown): string {
  if (typeof raw === 'object' && raw !== null && 'type' in raw) return `type ${JSON.stringify((raw as { type: unknown }).type)}`;
  return typeof raw;
}
