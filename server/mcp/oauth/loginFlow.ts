// One MCP OAuth login: listen for the callback, let the SDK's auth() discover the authorization
// server (protected-resource and authorization-server metadata), register a client dynamically and
// build the PKCE authorization URL (returned at once); then, when the browser comes back with the
// code, exchange it and store the tokens. `completion` settles with the outcome, a timeout, or a
// cancellation; the listener is closed either way.
import { randomBytes } from 'node:crypto';
import { auth } from '@modelcontextprotocol/sdk/client/auth.js';
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js';
import { listenForCallback, type CallbackReply, type OAuthCallback } from './callbackServer';
import { createMcpOAuthLoginProvider } from './clientProvider';
import type { McpOAuthCredentialStore } from './credentialStore';

/** How long a login waits for its callback when the request names no timeout (Codex: 300 s). */
export const DEFAULT_LOGIN_TIMEOUT_MS = 300_000;
/** Any one discovery, registration or token request gives up after this long. */
const REQUEST_TIMEOUT_MS = 30_000;

export interface McpOAuthLoginRequest {
  readonly serverName: string;
  readonly serverUrl: string;
  readonly store: McpOAuthCredentialStore;
  readonly scopes: readonly string[];
  readonly timeoutMs: number;
  readonly callbackPort?: number;
  readonly callbackUrl?: string;
  /** Headers for the OAuth requests (the server's http_headers and env_http_headers). */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface McpOAuthLogin {
  readonly authorizationUrl: string;
  /** Resolves when tokens are stored; rejects with the reason the login failed. */
  readonly completion: Promise<void>;
  /** Ends a login still waiting (its completion rejects with `reason`). */
  cancel(reason: string): void;
}

/** A request's headers (a Headers object, pairs or a record) as a record with lower-case names. */
function headerRecord(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (Array.isArray(headers)) for (const [name, value] of headers as [string, string][]) out[name.toLowerCase()] = value;
  else if (headers && typeof (headers as { forEach?: unknown }).forEach === 'function') {
    (headers as { forEach(cb: (value: string, name: string) => void): void }).forEach((value, name) => (out[name.toLowerCase()] = value));
  } else if (headers) for (const [name, value] of Object.entries(headers as Record<string, string>)) out[name.toLowerCase()] = value;
  return out;
}

/** fetch with the extra headers (the SDK's own win) and a per-request time limit. */
export function oauthFetch(headers: Readonly<Record<string, string>> | undefined): FetchLike {
  return (url, init) => {
    const merged = headerRecord(init?.headers);
    for (const [name, value] of Object.entries(headers ?? {})) merged[name.toLowerCase()] ??= value;
    return fetch(url, { ...init, headers: merged, signal: init?.signal ?? AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function startMcpOAuthLogin(request: McpOAuthLoginRequest): Promise<McpOAuthLogin> {
  const state = randomBytes(24).toString('base64url');
  const fetchFn = oauthFetch(request.headers);
  let settle: (error: Error | null) => void = () => undefined;
  const outcome = new Promise<void>((resolve, reject) => {
    settle = (error) => {
      settle = () => undefined;
      if (error) reject(error);
      else resolve();
    };
  });
  // The login provider exists once the listener knows its port (the redirect URI); callbacks only
  // come after the authorization URL is out, i.e. after it is set.
  let exchange: ((code: string) => Promise<void>) | null = null;
  const onCallback = async (callback: OAuthCallback): Promise<CallbackReply> => {
    if (callback.type === 'error' || exchange === null) {
      const error = callback.type === 'error' ? callback.error : 'the login was not started';
      settle(new Error(error));
      return { status: 400, body: `OAuth login failed: ${error}` };
    }
    try {
      await exchange(callback.code);
      settle(null);
      return { status: 200, body: 'Authentication complete. You may close this window.' };
    } catch (error) {
      settle(new Error(`failed to complete the OAuth login: ${message(error)}`));
      return { status: 400, body: `OAuth login failed: ${message(error)}` };
    }
  };

  const listener = await listenForCallback({
    ...(request.callbackPort !== undefined ? { port: request.callbackPort } : {}),
    ...(request.callbackUrl !== undefined ? { callbackUrl: request.callbackUrl } : {}),
    expectedState: state,
    onCallback,
  });
  const provider = createMcpOAuthLoginProvider({
    serverName: request.serverName,
    serverUrl: request.serverUrl,
    store: request.store,
    fetchFn,
    redirectUrl: listener.redirectUri,
    state,
  });
  const scope = request.scopes.length > 0 ? request.scopes.join(' ') : undefined;
  try {
    const result = await auth(provider, { serverUrl: request.serverUrl, fetchFn, ...(scope !== undefined ? { scope } : {}) });
    if (result !== 'REDIRECT' || provider.authorizationUrl === null) throw new Error('the authorization server did not ask for an interactive authorization');
  } catch (error) {
    listener.close();
    throw new Error(`failed to start the OAuth login for MCP server ${request.serverName}: ${message(error)}`, { cause: error });
  }
  exchange = async (code) => {
    const result = await auth(provider, { serverUrl: request.serverUrl, fetchFn, authorizationCode: code, ...(scope !== undefined ? { scope } : {}) });
    if (result !== 'AUTHORIZED') throw new Error('the authorization code was not accepted');
  };

  const timer = setTimeout(() => settle(new Error('timed out waiting for OAuth callback')), request.timeoutMs);
  timer.unref();
  const completion = outcome.finally(() => {
    clearTimeout(timer);
    listener.close();
  });
  // The caller reports the outcome; this keeps an unobserved failure from being an unhandled rejection.
  completion.catch(() => undefined);
  return {
    authorizationUrl: provider.authorizationUrl.toString(),
    completion,
    cancel: (reason) => settle(new Error(reason)),
  };
}
