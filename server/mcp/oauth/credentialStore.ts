// MCP OAuth credentials per server (name + url), stored where the Codex CLI keeps them: the OS
// keyring when there is one, else $CODEX_HOME/.credentials.json (mode 0600, replaced atomically),
// chosen by `mcp_oauth_credentials_store` (auto | file | keyring). codex-ts has no keyring backend,
// so `auto` means the file and an explicit `keyring` is refused with a clear error.
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as z from 'zod';
import { lazy } from '../../util/lazy';

export type McpOAuthStoreMode = 'auto' | 'file' | 'keyring';

/** One server's credentials, as the rest of the server sees them. */
export interface McpOAuthCredentials {
  readonly serverName: string;
  readonly serverUrl: string;
  readonly clientId: string;
  readonly clientSecret?: string;
  /** The authorization server the client and tokens belong to (the SDK's binding key). */
  readonly issuer?: string;
  readonly accessToken: string;
  readonly refreshToken?: string;
  /** Expiry of the access token, in milliseconds since the epoch. */
  readonly expiresAt?: number;
  readonly scopes: readonly string[];
}

/**
 * An entry of .credentials.json. The first seven fields are the Codex CLI's; `client_secret` and
 * `issuer` are ours (the CLI ignores fields it does not know). Unknown fields are kept on rewrite.
 * The schema is built on first use, not at server start.
 */
const fileEntrySchema = lazy(() =>
  z.looseObject({
    server_name: z.string(),
    server_url: z.string(),
    client_id: z.string(),
    access_token: z.string(),
    expires_at: z.number().nullish(),
    refresh_token: z.string().nullish(),
    scopes: z.array(z.string()).nullish(),
    client_secret: z.string().nullish(),
    issuer: z.string().nullish(),
  }),
);
type FileEntry = z.infer<ReturnType<typeof fileEntrySchema>>;

export class McpOAuthStoreError extends Error {}

/**
 * The key Codex files an entry under: `<name>|<first 16 hex of sha256 of {"headers":{},"type":"http","url":<url>}>`
 * (serde_json's default map orders keys alphabetically).
 */
export function credentialsKey(serverName: string, serverUrl: string): string {
  const payload = JSON.stringify({ headers: {}, type: 'http', url: serverUrl });
  return `${serverName}|${createHash('sha256').update(payload).digest('hex').slice(0, 16)}`;
}

function toEntry(credentials: McpOAuthCredentials, previous: Record<string, unknown> | undefined): FileEntry {
  return {
    ...previous,
    server_name: credentials.serverName,
    server_url: credentials.serverUrl,
    client_id: credentials.clientId,
    access_token: credentials.accessToken,
    expires_at: credentials.expiresAt ?? null,
    refresh_token: credentials.refreshToken ?? null,
    scopes: [...credentials.scopes],
    // undefined (not written) when absent, replacing what an earlier entry had.
    client_secret: credentials.clientSecret,
    issuer: credentials.issuer,
  };
}

function fromEntry(entry: FileEntry): McpOAuthCredentials {
  return {
    serverName: entry.server_name,
    serverUrl: entry.server_url,
    clientId: entry.client_id,
    accessToken: entry.access_token,
    scopes: entry.scopes ?? [],
    ...(typeof entry.client_secret === 'string' ? { clientSecret: entry.client_secret } : {}),
    ...(typeof entry.issuer === 'string' ? { issuer: entry.issuer } : {}),
    ...(typeof entry.refresh_token === 'string' ? { refreshToken: entry.refresh_token } : {}),
    ...(typeof entry.expires_at === 'number' ? { expiresAt: entry.expires_at } : {}),
  };
}

export interface McpOAuthCredentialStore {
  /** Where credentials go (for messages): the file path. */
  readonly location: string;
  load(serverName: string, serverUrl: string): McpOAuthCredentials | null;
  save(credentials: McpOAuthCredentials): void;
  delete(serverName: string, serverUrl: string): boolean;
}

/** $CODEX_HOME/.credentials.json: a JSON object of entries by credentialsKey. */
export class FileCredentialStore implements McpOAuthCredentialStore {
  readonly location: string;

  constructor(codexHome: string) {
    this.location = join(codexHome, '.credentials.json');
  }

  load(serverName: string, serverUrl: string): McpOAuthCredentials | null {
    const wanted = credentialsKey(serverName, serverUrl);
    for (const value of Object.values(this.readAll())) {
      const entry = fileEntrySchema().safeParse(value);
      // Entries are matched by what they hold (as Codex does), not by the key they are filed under.
      if (entry.success && credentialsKey(entry.data.server_name, entry.data.server_url) === wanted) return fromEntry(entry.data);
    }
    return null;
  }

  save(credentials: McpOAuthCredentials): void {
    const all = this.readAll();
    const key = credentialsKey(credentials.serverName, credentials.serverUrl);
    const previous = all[key];
    all[key] = toEntry(credentials, typeof previous === 'object' && previous !== null ? (previous as Record<string, unknown>) : undefined);
    this.writeAll(all);
  }

  delete(serverName: string, serverUrl: string): boolean {
    const all = this.readAll();
    const key = credentialsKey(serverName, serverUrl);
    if (!(key in all)) return false;
    delete all[key];
    this.writeAll(all);
    return true;
  }

  private readAll(): Record<string, unknown> {
    let text: string;
    try {
      text = readFileSync(this.location, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new McpOAuthStoreError(`failed to read credentials file at ${this.location}: ${(error as Error).message}`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new McpOAuthStoreError(`failed to parse credentials file at ${this.location}: ${(error as Error).message}`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new McpOAuthStoreError(`failed to parse credentials file at ${this.location}: not a JSON object`);
    }
    return { ...(parsed as Record<string, unknown>) };
  }

  /** Temp file in the same folder (mode 0600 from its creation), then rename: never a torn or readable file. */
  private writeAll(all: Record<string, unknown>): void {
    if (Object.keys(all).length === 0) {
      rmSync(this.location, { force: true });
      return;
    }
    mkdirSync(dirname(this.location), { recursive: true });
    const temp = `${this.location}.${process.pid}.${Date.now()}.tmp`;
    try {
      writeFileSync(temp, JSON.stringify(all), { mode: 0o600 });
      chmodSync(temp, 0o600); // the umask may have narrowed or the file pre-existed
      renameSync(temp, this.location);
    } catch (error) {
      rmSync(temp, { force: true });
      throw new McpOAuthStoreError(`failed to write credentials file at ${this.location}: ${(error as Error).message}`);
    }
  }
}

/**
 * The store for `mcp_oauth_credentials_store`. `auto` (the default) would prefer an OS keyring;
 * codex-ts has none, so it is the file. `keyring` asked for explicitly throws McpOAuthStoreError.
 */
export function credentialStoreFor(codexHome: string, mode: McpOAuthStoreMode | undefined): McpOAuthCredentialStore {
  if (mode === 'keyring') {
    throw new McpOAuthStoreError(
      'mcp_oauth_credentials_store = "keyring", but no OS keyring is available to codex-ts; ' +
        'set it to "file" or "auto" to store MCP OAuth credentials in $CODEX_HOME/.credentials.json (mode 0600)',
    );
  }
  return new FileCredentialStore(codexHome);
}
