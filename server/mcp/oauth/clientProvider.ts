// The MCP SDK's OAuthClientProvider for one server (name + url), backed by the credential store:
// in `login` mode it runs a fresh authorization (dynamic client registration, PKCE, state) and
// persists the result; in `session` mode it hands a streamable HTTP transport the stored tokens,
// refreshes them with the refresh token (before expiry, or when the server answers 401) and stores
// what the SDK obtained. mcpOAuthProviderFor() is what the MCP client's HTTP transport uses.
import { randomBytes } from 'node:crypto';
import { auth, type OAuthClientProvider, type OAuthDiscoveryState } from '@modelcontextprotocol/sdk/client/auth.js';
import type { OAuthClientInformationMixed, OAuthClientMetadata, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js';
import { credentialStoreFor, type McpOAuthCredentialStore, type McpOAuthCredentials, type McpOAuthStoreMode } from './credentialStore';

/** Refresh this long before the stored expiry (as Codex does), so a request never races it. */
export const REFRESH_SKEW_MS = 30_000;
/** Stands in for the redirect URI outside a login: only used if a refresh fails and the SDK would redirect. */
const SESSION_REDIRECT_URL = 'http://127.0.0.1/callback';

export interface McpOAuthProviderOptions {
  readonly serverName: string;
  readonly serverUrl: string;
  readonly store: McpOAuthCredentialStore;
  /** fetch for discovery, registration and token requests (e.g. with the server's http_headers). */
  readonly fetchFn?: FetchLike;
  readonly now?: () => number;
}

export interface McpOAuthLoginOptions extends McpOAuthProviderOptions {
  readonly redirectUrl: string;
  /** The OAuth `state` sent with the authorization request (the callback must carry it back). */
  readonly state: string;
}

export class McpOAuthClientProvider implements OAuthClientProvider {
  /** Set once the SDK wanted a new authorization: the stored credentials no longer work. */
  loginRequired = false;
  /** The authorization URL of a login, once the SDK built it. */
  authorizationUrl: URL | null = null;
  private readonly oauthState: string;
  private client: OAuthClientInformationMixed | undefined;
  private current: OAuthTokens | undefined;
  private expiresAt: number | undefined;
  private verifier: string | undefined;
  private discovery: OAuthDiscoveryState | undefined;
  private refreshing = false;
  private readonly now: () => number;

  constructor(
    private readonly options: McpOAuthProviderOptions,
    private readonly mode: 'login' | 'session',
    private readonly redirect: string,
  ) {
    this.now = options.now ?? Date.now;
    this.oauthState = 'state' in options && typeof options.state === 'string' ? options.state : randomBytes(24).toString('base64url');
    if (mode === 'session') this.adopt(options.store.load(options.serverName, options.serverUrl));
  }

  get redirectUrl(): string {
    return this.redirect;
  }

  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: 'Codex',
      redirect_uris: [this.redirect],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    };
  }

  state(): string {
    return this.oauthState;
  }

  clientInformation(): OAuthClientInformationMixed | undefined {
    return this.client;
  }

  saveClientInformation(information: OAuthClientInformationMixed): void {
    this.client = information;
  }

  /** The tokens to send; in a session, refreshed first when they expire within REFRESH_SKEW_MS. */
  async tokens(): Promise<OAuthTokens | undefined> {
    if (this.mode === 'session' && !this.refreshing && this.current?.refresh_token && this.expiresAt !== undefined && this.now() + REFRESH_SKEW_MS >= this.expiresAt) {
      await this.refresh();
    }
    return this.current;
  }

  /** Runs the SDK's auth() (which refreshes with the refresh token); false when that did not work. */
  async refresh(): Promise<boolean> {
    this.refreshing = true;
    try {
      return (await auth(this, { serverUrl: this.options.serverUrl, ...(this.options.fetchFn ? { fetchFn: this.options.fetchFn } : {}) })) === 'AUTHORIZED';
    } catch {
      return false;
    } finally {
      this.refreshing = false;
    }
  }

  saveTokens(tokens: OAuthTokens): void {
    const client = this.client;
    if (!client) throw new Error(`no OAuth client information for MCP server ${this.options.serverName}`);
    this.current = tokens;
    this.expiresAt = tokens.expires_in !== undefined ? this.now() + tokens.expires_in * 1000 : undefined;
    this.loginRequired = false;
    const issuer = tokens.issuer ?? client.issuer;
    this.options.store.save({
      serverName: this.options.serverName,
      serverUrl: this.options.serverUrl,
      clientId: client.client_id,
      ...(client.client_secret !== undefined ? { clientSecret: client.client_secret } : {}),
      ...(issuer !== undefined ? { issuer } : {}),
      accessToken: tokens.access_token,
      ...(tokens.refresh_token !== undefined ? { refreshToken: tokens.refresh_token } : {}),
      ...(this.expiresAt !== undefined ? { expiresAt: this.expiresAt } : {}),
      scopes: tokens.scope ? tokens.scope.split(' ').filter((s) => s.length > 0) : [],
    });
  }

  redirectToAuthorization(authorizationUrl: URL): void {
    if (this.mode === 'login') this.authorizationUrl = authorizationUrl;
    else this.loginRequired = true;
  }

  saveCodeVerifier(codeVerifier: string): void {
    this.verifier = codeVerifier;
  }

  codeVerifier(): string {
    if (this.verifier === undefined) throw new Error('no PKCE code verifier: the authorization was not started');
    return this.verifier;
  }

  saveDiscoveryState(state: OAuthDiscoveryState): void {
    this.discovery = state;
  }

  discoveryState(): OAuthDiscoveryState | undefined {
    return this.discovery;
  }

  /** What the server rejected is forgotten for this process (the stored entry stays until a new login). */
  invalidateCredentials(scope: 'all' | 'client' | 'tokens' | 'verifier' | 'discovery'): void {
    if (scope === 'all' || scope === 'client') this.client = undefined;
    if (scope === 'all' || scope === 'tokens') {
      this.current = undefined;
      this.expiresAt = undefined;
    }
    if (scope === 'all' || scope === 'verifier') this.verifier = undefined;
    if (scope === 'all' || scope === 'discovery') this.discovery = undefined;
  }

  private adopt(stored: McpOAuthCredentials | null): void {
    if (!stored) return;
    this.client = {
      client_id: stored.clientId,
      ...(stored.clientSecret !== undefined ? { client_secret: stored.clientSecret } : {}),
      ...(stored.issuer !== undefined ? { issuer: stored.issuer } : {}),
    };
    const expiresIn = stored.expiresAt !== undefined ? Math.max(0, Math.floor((stored.expiresAt - this.now()) / 1000)) : undefined;
    this.current = {
      access_token: stored.accessToken,
      token_type: 'Bearer',
      ...(expiresIn !== undefined ? { expires_in: expiresIn } : {}),
      ...(stored.refreshToken !== undefined ? { refresh_token: stored.refreshToken } : {}),
      ...(stored.scopes.length > 0 ? { scope: stored.scopes.join(' ') } : {}),
      ...(stored.issuer !== undefined ? { issuer: stored.issuer } : {}),
    };
    this.expiresAt = stored.expiresAt;
  }
}

/** A provider for a fresh interactive login whose callback arrives at `redirectUrl`. */
export function createMcpOAuthLoginProvider(options: McpOAuthLoginOptions): McpOAuthClientProvider {
  return new McpOAuthClientProvider(options, 'login', options.redirectUrl);
}

/**
 * The provider a streamable HTTP transport passes as `authProvider`, or undefined when nothing is
 * stored for this server (it then connects without OAuth; `mcpServer/oauth/login` stores some).
 */
export function mcpOAuthProviderFor(options: McpOAuthProviderOptions): McpOAuthClientProvider | undefined {
  if (!options.store.load(options.serverName, options.serverUrl)) return undefined;
  return new McpOAuthClientProvider(options, 'session', SESSION_REDIRECT_URL);
}

/**
 * The `authProviderFor` hook of the MCP transports: the stored-credentials provider of a server,
 * from the store `mcp_oauth_credentials_store` names (none when that store is unavailable).
 */
export function createAuthProviderFor(codexHome: string, storeMode: () => McpOAuthStoreMode | undefined): (serverName: string, url: string) => McpOAuthClientProvider | undefined {
  return (serverName, url) => {
    let store: McpOAuthCredentialStore;
    try {
      store = credentialStoreFor(codexHome, storeMode());
    } catch {
      return undefined;
    }
    return mcpOAuthProviderFor({ serverName, serverUrl: url, store });
  };
}
