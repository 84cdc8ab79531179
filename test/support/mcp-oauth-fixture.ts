// Test fixture: an OAuth-protected streamable-HTTP MCP server on loopback, built from the MCP SDK's
// own server pieces: mcpAuthRouter (protected-resource + authorization-server metadata, dynamic
// client registration, /authorize, /token with PKCE) over an in-memory provider that approves
// every authorization at once (redirecting to the client's callback), and an McpServer behind
// requireBearerAuth with one tool, `whoami`. Tests can expire or revoke tokens and deny the next
// authorization, and read what was registered, issued and refreshed.
import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Response } from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { getOAuthProtectedResourceMetadataUrl, mcpAuthRouter } from '@modelcontextprotocol/sdk/server/auth/router.js';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import { InvalidGrantError, InvalidTokenError } from '@modelcontextprotocol/sdk/server/auth/errors.js';
import type { AuthorizationParams, OAuthServerProvider } from '@modelcontextprotocol/sdk/server/auth/provider.js';
import type { OAuthRegisteredClientsStore } from '@modelcontextprotocol/sdk/server/auth/clients.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { OAuthClientInformationFull, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';

interface IssuedToken {
  clientId: string;
  scopes: string[];
  /** Seconds since the epoch, as AuthInfo wants it. */
  expiresAt: number;
}

const SCOPES = ['mcp:tools'];

function token(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('hex')}`;
}

class InMemoryAuthProvider implements OAuthServerProvider {
  readonly clients = new Map<string, OAuthClientInformationFull>();
  readonly codes = new Map<string, { clientId: string; params: AuthorizationParams }>();
  readonly accessTokens = new Map<string, IssuedToken>();
  readonly refreshTokens = new Map<string, { clientId: string; scopes: string[] }>();
  readonly authorizations: AuthorizationParams[] = [];
  refreshCount = 0;
  denyNext = false;
  tokenTtlSec = 3600;

  readonly clientsStore: OAuthRegisteredClientsStore = {
    getClient: (id) => this.clients.get(id),
    registerClient: (client) => {
      const full = { ...client, client_id: token('client'), client_id_issued_at: Math.floor(Date.now() / 1000) };
      this.clients.set(full.client_id, full);
      return full;
    },
  };

  async authorize(client: OAuthClientInformationFull, params: AuthorizationParams, res: Response): Promise<void> {
    this.authorizations.push(params);
    const target = new URL(params.redirectUri);
    if (this.denyNext) {
      this.denyNext = false;
      target.searchParams.set('error', 'access_denied');
      target.searchParams.set('error_description', 'the user said no');
    } else {
      const code = token('code');
      this.codes.set(code, { clientId: client.client_id, params });
      target.searchParams.set('code', code);
    }
    if (params.state !== undefined) target.searchParams.set('state', params.state);
    res.redirect(302, target.toString());
  }

  async challengeForAuthorizationCode(_client: OAuthClientInformationFull, code: string): Promise<string> {
    const entry = this.codes.get(code);
    if (!entry) throw new InvalidGrantError('unknown authorization code');
    return entry.params.codeChallenge;
  }

  async exchangeAuthorizationCode(client: OAuthClientInformationFull, code: string): Promise<OAuthTokens> {
    const entry = this.codes.get(code);
    if (!entry || entry.clientId !== client.client_id) throw new InvalidGrantError('unknown authorization code');
    this.codes.delete(code);
    return this.issue(client.client_id, entry.params.scopes ?? SCOPES);
  }

  async exchangeRefreshToken(client: OAuthClientInformationFull, refreshToken: string): Promise<OAuthTokens> {
    const entry = this.refreshTokens.get(refreshToken);
    if (!entry || entry.clientId !== client.client_id) throw new InvalidGrantError('unknown refresh token');
    this.refreshTokens.delete(refreshToken);
    this.refreshCount += 1;
    return this.issue(client.client_id, entry.scopes);
  }

  async verifyAccessToken(accessToken: string): Promise<AuthInfo> {
    const entry = this.accessTokens.get(accessToken);
    if (!entry) throw new InvalidTokenError('unknown access token');
    return { token: accessToken, clientId: entry.clientId, scopes: entry.scopes, expiresAt: entry.expiresAt };
  }

  private issue(clientId: string, scopes: string[]): OAuthTokens {
    const access = token('access');
    const refresh = token('refresh');
    this.accessTokens.set(access, { clientId, scopes, expiresAt: Math.floor(Date.now() / 1000) + this.tokenTtlSec });
    this.refreshTokens.set(refresh, { clientId, scopes });
    return { access_token: access, token_type: 'bearer', expires_in: this.tokenTtlSec, refresh_token: refresh, scope: scopes.join(' ') };
  }
}

export class OAuthMcpFixture {
  /** Bearer tokens the MCP endpoint accepted, in order. */
  readonly acceptedTokens: string[] = [];
  /** Every request's path and headers, in order. */
  readonly requests: { path: string; headers: IncomingHttpHeaders }[] = [];

  private constructor(
    private readonly server: Server,
    readonly provider: InMemoryAuthProvider,
    readonly baseUrl: string,
  ) {}

  /** The MCP endpoint (what `[mcp_servers.<name>] url` points at). */
  get url(): string {
    return `${this.baseUrl}/mcp`;
  }

  static async start(): Promise<OAuthMcpFixture> {
    const app = express();
    const provider = new InMemoryAuthProvider();
    const server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const fixture = new OAuthMcpFixture(server, provider, baseUrl);
    const mcpUrl = new URL(`${baseUrl}/mcp`);
    const noRateLimit = { rateLimit: false as const };
    app.use((req, _res, next) => {
      fixture.requests.push({ path: req.path, headers: req.headers });
      next();
    });
    app.use(
      mcpAuthRouter({
        provider,
        issuerUrl: new URL(baseUrl),
        resourceServerUrl: mcpUrl,
        scopesSupported: SCOPES,
        authorizationOptions: noRateLimit,
        tokenOptions: noRateLimit,
        clientRegistrationOptions: noRateLimit,
        revocationOptions: noRateLimit,
      }),
    );
    const bearer = requireBearerAuth({ verifier: provider, resourceMetadataUrl: getOAuthProtectedResourceMetadataUrl(mcpUrl) });
    app.post('/mcp', express.json(), bearer, async (req, res) => {
      const auth = req.auth;
      if (auth) fixture.acceptedTokens.push(auth.token);
      const mcp = new McpServer({ name: 'oauth-fixture', version: '1.0.0' });
      mcp.registerTool('whoami', { description: 'Says which OAuth client is calling.' }, () => ({
        content: [{ type: 'text', text: `client ${auth?.clientId ?? 'anonymous'}` }],
      }));
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
      res.on('close', () => {
        void transport.close();
        void mcp.close();
      });
      await mcp.connect(transport);
      await transport.handleRequest(req, res, req.body);
    });
    app.all('/mcp', (_req, res) => {
      res.status(405).set('allow', 'POST').end();
    });
    return fixture;
  }

  /** Makes an issued access token expired (the MCP endpoint then answers 401 invalid_token). */
  expire(accessToken: string): void {
    const entry = this.provider.accessTokens.get(accessToken);
    if (entry) entry.expiresAt = Math.floor(Date.now() / 1000) - 60;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
