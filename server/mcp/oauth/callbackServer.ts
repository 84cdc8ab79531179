// The loopback HTTP listener an MCP OAuth login's browser redirect comes back to: it binds
// 127.0.0.1 on `mcp_oauth_callback_port` (or an ephemeral port), or all interfaces when
// `mcp_oauth_callback_url` names a non-local host (a devbox ingress forwards to it), and hands the
// first well-formed callback on its path (code + the expected state, or an error) to the login.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type OAuthCallback = { readonly type: 'code'; readonly code: string } | { readonly type: 'error'; readonly error: string };

/** What the browser is shown for a callback the login handled. */
export interface CallbackReply {
  readonly status: number;
  readonly body: string;
}

export interface CallbackListenerOptions {
  /** Fixed port (mcp_oauth_callback_port); ephemeral when undefined. */
  readonly port?: number;
  /** mcp_oauth_callback_url: the redirect URI as given (its path is the one listened on). */
  readonly callbackUrl?: string;
  /** The `state` the authorization request carried; callbacks without it are refused. */
  readonly expectedState: string;
  /** Handles the first valid callback (exchanges the code); its reply goes to the browser. */
  readonly onCallback: (callback: OAuthCallback) => Promise<CallbackReply>;
}

export interface CallbackListener {
  /** The redirect_uri to register and send: the callback URL, or http://127.0.0.1:<port>/callback. */
  readonly redirectUri: string;
  close(): void;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** The host to bind: loopback unless the configured callback URL points elsewhere. */
export function callbackBindHost(callbackUrl: string | undefined): string {
  if (callbackUrl === undefined) return '127.0.0.1';
  try {
    return LOCAL_HOSTS.has(new URL(callbackUrl).hostname) ? '127.0.0.1' : '0.0.0.0';
  } catch {
    return '127.0.0.1';
  }
}

/** Explains a failure given back by the authorization server (`error`, `error_description`). */
export function describeProviderError(error: string | null, description: string | null): string {
  if (error !== null && description !== null) return `OAuth provider returned \`${error}\`: ${description}`;
  if (error !== null) return `OAuth provider returned \`${error}\``;
  return `OAuth error: ${description ?? 'unknown'}`;
}

function reply(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(body);
}

export async function listenForCallback(options: CallbackListenerOptions): Promise<CallbackListener> {
  let configured: URL | undefined;
  if (options.callbackUrl !== undefined) {
    try {
      configured = new URL(options.callbackUrl);
    } catch {
      throw new Error(`invalid MCP OAuth callback URL \`${options.callbackUrl}\``);
    }
  }
  const path = configured?.pathname ?? '/callback';
  let handled = false;

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://callback.invalid');
    if (req.method !== 'GET' || url.pathname !== path || handled) {
      reply(res, 400, 'Invalid OAuth callback');
      return;
    }
    const params = url.searchParams;
    const code = params.get('code');
    const error = params.get('error');
    const description = params.get('error_description');
    let callback: OAuthCallback;
    if (code !== null && params.get('state') === options.expectedState) callback = { type: 'code', code };
    else if (code === null && (error !== null || description !== null)) callback = { type: 'error', error: describeProviderError(error, description) };
    else {
      // A missing or foreign state may be a forged request: refused, and the login keeps waiting.
      reply(res, 400, 'Invalid OAuth callback');
      return;
    }
    handled = true;
    void options.onCallback(callback).then(
      (answer) => reply(res, answer.status, answer.body),
      (err: unknown) => reply(res, 500, `OAuth login failed: ${err instanceof Error ? err.message : String(err)}`),
    );
  });
  const host = callbackBindHost(options.callbackUrl);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(new Error(`could not listen for the MCP OAuth callback on ${host}:${options.port ?? 0}: ${err.code ?? err.message}`)),
    );
    server.listen(options.port ?? 0, host, () => resolve());
  });
  // A pending login must never keep the server process alive on its own.
  server.unref();
  const port = (server.address() as AddressInfo).port;
  return {
    redirectUri: configured ? options.callbackUrl! : `http://127.0.0.1:${port}${path}`,
    // Stops listening; a reply still being written is finished first, idle keep-alives are dropped.
    close: () => {
      server.close();
      server.closeIdleConnections();
    },
  };
}
