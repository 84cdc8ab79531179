// The webview's typed client of the extension host: protocol requests over the bridge (`rpc`,
// answered by `rpc/response`, matched through a pending map), answers to forwarded server requests,
// `ui/*` editor actions, and a subscription to validated host messages. `createHostClient` takes
// any transport (tests use a fake); `hostClient()` is the page's instance over acquireVsCodeApi().
import type {
  BridgeRequestMethod,
  BridgeRequestParams,
  BridgeRequestResult,
  HostToWebviewMessage,
  WebviewToHostMessage,
} from '../../bridge/messages';
import { onHostMessage as listenToWindow, postToHost } from './vscodeApi';

/** Webview → host messages that are editor actions or view facts (everything but rpc and answers). */
export type UiMessage = Exclude<WebviewToHostMessage, { type: 'rpc/request' | 'serverRequest/respond' }>;

/** A failed protocol request: the server's (or the host's) JSON-RPC error. */
export class RpcError extends Error {
  constructor(
    readonly method: string,
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'RpcError';
  }
}

/** Code of the error a request gets when its answer does not come in time. */
export const RPC_TIMEOUT_CODE = -32001;

export interface HostTransport {
  post(message: WebviewToHostMessage): void;
  /** Subscribes to validated host messages; returns the unsubscribe function. */
  subscribe(handler: (message: HostToWebviewMessage) => void): () => void;
}

export interface RpcOptions {
  /** Rejects with an RpcError (code RPC_TIMEOUT_CODE) after this long; default: no timeout. */
  readonly timeoutMs?: number;
}

export interface HostClient {
  rpc<M extends BridgeRequestMethod>(
    method: M,
    params: BridgeRequestParams<M>,
    options?: RpcOptions,
  ): Promise<BridgeRequestResult<M>>;
  respondToServerRequest(requestId: string | number, result: unknown): void;
  postUi(message: UiMessage): void;
  onHostMessage(handler: (message: HostToWebviewMessage) => void): () => void;
  /** Requests still waiting for their answer. */
  readonly pendingCount: number;
  /** Rejects every pending request (the page goes away or the host was replaced). */
  dispose(): void;
}

interface Pending {
  readonly method: string;
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout> | undefined;
}

export function createHostClient(transport: HostTransport): HostClient {
  const pending = new Map<number, Pending>();
  const handlers = new Set<(message: HostToWebviewMessage) => void>();
  let nextId = 1;

  const unsubscribe = transport.subscribe((message) => {
    if (message.type === 'rpc/response') {
      const entry = pending.get(message.requestId);
      if (!entry) return;
      pending.delete(message.requestId);
      if (entry.timer !== undefined) clearTimeout(entry.timer);
      if (message.ok) entry.resolve(message.result);
      else entry.reject(new RpcError(entry.method, message.error.code, message.error.message));
      return;
    }
    for (const handler of [...handlers]) {
      try {
        handler(message);
      } catch (error) {
        console.error('[codex-ts] a host message handler failed', error);
      }
    }
  });

  return {
    rpc(method, params, options) {
      const requestId = nextId++;
      return new Promise((resolve, reject) => {
        const entry: Pending = { method, resolve: resolve as (value: unknown) => void, reject, timer: undefined };
        if (options?.timeoutMs !== undefined) {
          entry.timer = setTimeout(() => {
            pending.delete(requestId);
            reject(new RpcError(method, RPC_TIMEOUT_CODE, `${method} timed out after ${options.timeoutMs} ms`));
          }, options.timeoutMs);
        }
        pending.set(requestId, entry);
        transport.post({ type: 'rpc/request', requestId, method, params });
      });
    },
    respondToServerRequest(requestId, result) {
      transport.post({ type: 'serverRequest/respond', requestId, result });
    },
    postUi(message) {
      transport.post(message);
    },
    onHostMessage(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    get pendingCount() {
      return pending.size;
    },
    dispose() {
      unsubscribe();
      for (const [id, entry] of pending) {
        if (entry.timer !== undefined) clearTimeout(entry.timer);
        entry.reject(new RpcError(entry.method, -32603, 'the webview client was disposed'));
        pending.delete(id);
      }
      handlers.clear();
    },
  };
}

let pageClient: HostClient | undefined;

/** The page's client over VS Code's webview API (created on first use). */
export function hostClient(): HostClient {
  pageClient ??= createHostClient({ post: postToHost, subscribe: listenToWindow });
  return pageClient;
}

export function rpc<M extends BridgeRequestMethod>(
  method: M,
  params: BridgeRequestParams<M>,
  options?: RpcOptions,
): Promise<BridgeRequestResult<M>> {
  return hostClient().rpc(method, params, options);
}

export function respondToServerRequest(requestId: string | number, result: unknown): void {
  hostClient().respondToServerRequest(requestId, result);
}

export function postUi(message: UiMessage): void {
  hostClient().postUi(message);
}

export function onHostMessage(handler: (message: HostToWebviewMessage) => void): () => void {
  return hostClient().onHostMessage(handler);
}
