// The MCP OAuth credential store: $CODEX_HOME/.credentials.json in the Codex CLI's layout (entries
// keyed `<name>|<sha256 prefix>`), mode 0600, atomic replacement, other entries and unknown fields
// kept, corrupt files reported; `auto` and `file` use the file, `keyring` is refused clearly.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  credentialsKey,
  credentialStoreFor,
  FileCredentialStore,
  McpOAuthStoreError,
  type McpOAuthCredentials,
} from '../../server/mcp/oauth/credentialStore';
import { resolveOAuthTarget } from '../../server/mcp/oauth/mcpOAuthHandlers';

const URL_A = 'https://mcp.example.com/mcp';

function sample(overrides: Partial<McpOAuthCredentials> = {}): McpOAuthCredentials {
  return {
    serverName: 'docs',
    serverUrl: URL_A,
    clientId: 'client-1',
    accessToken: 'access-1',
    refreshToken: 'refresh-1',
    expiresAt: 1_900_000_000_000,
    scopes: ['read', 'write'],
    issuer: 'https://auth.example.com/',
    ...overrides,
  };
}

describe('MCP OAuth credential store', () => {
  let home: string;
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'codex-ts-mcp-oauth-'));
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it('keys entries like the Codex CLI: name, a bar, 16 hex digits of the url hash', () => {
    // sha256('{"headers":{},"type":"http","url":"https://mcp.example.com/mcp"}'), first 16 hex digits.
    assert.equal(credentialsKey('docs', URL_A), 'docs|a61b5eaf39b93a51');
    assert.notEqual(credentialsKey('docs', URL_A), credentialsKey('docs', 'https://other.example.com/mcp'));
  });

  it('saves to .credentials.json with mode 0600 in the CLI field names and loads it back', () => {
    const store = new FileCredentialStore(home);
    assert.equal(store.location, join(home, '.credentials.json'));
    assert.equal(store.load('docs', URL_A), null, 'nothing stored yet');
    store.save(sample());
    assert.equal(statSync(store.location).mode & 0o777, 0o600);
    const file = JSON.parse(readFileSync(store.location, 'utf8')) as Record<string, Record<string, unknown>>;
    assert.deepEqual(Object.keys(file), [credentialsKey('docs', URL_A)]);
    assert.deepEqual(file[credentialsKey('docs', URL_A)], {
      server_name: 'docs',
      server_url: URL_A,
      client_id: 'client-1',
      access_token: 'access-1',
      expires_at: 1_900_000_000_000,
      refresh_token: 'refresh-1',
      scopes: ['read', 'write'],
      issuer: 'https://auth.example.com/',
    });
    assert.deepEqual(store.load('docs', URL_A), sample());
    assert.equal(store.load('docs', 'https://other.example.com/mcp'), null, 'another url is another entry');
    assert.deepEqual(readdirSync(home), ['.credentials.json'], 'no temp file is left behind');
  });

  it('keeps other servers and fields it does not know; a rewrite replaces the entry', () => {
    const store = new FileCredentialStore(home);
    const foreign = { server_name: 'other', server_url: 'https://o/mcp', client_id: 'c', access_token: 'a', scopes: [], extra_field: 1 };
    writeFileSync(store.location, JSON.stringify({ 'other|0000000000000000': foreign }), { mode: 0o644 });
    store.save(sample({ refreshToken: undefined, expiresAt: undefined, issuer: undefined }));
    store.save(sample({ accessToken: 'access-2' }));
    assert.equal(statSync(store.location).mode & 0o777, 0o600, 'the mode is tightened on rewrite');
    const file = JSON.parse(readFileSync(store.location, 'utf8')) as Record<string, unknown>;
    assert.deepEqual(file['other|0000000000000000'], foreign);
    assert.equal(store.load('docs', URL_A)?.accessToken, 'access-2');
    assert.equal(store.load('other', 'https://o/mcp')?.clientId, 'c', 'entries are found by their content');
  });

  it('deletes an entry, and the file with the last one', () => {
    const store = new FileCredentialStore(home);
    store.save(sample());
    store.save(sample({ serverName: 'two' }));
    assert.equal(store.delete('docs', URL_A), true);
    assert.equal(store.delete('docs', URL_A), false);
    assert.equal(store.load('two', URL_A)?.serverName, 'two');
    assert.equal(store.delete('two', URL_A), true);
    assert.deepEqual(readdirSync(home), []);
  });

  it('reports a corrupt file instead of overwriting it', () => {
    const store = new FileCredentialStore(home);
    writeFileSync(store.location, '{not json');
    assert.throws(() => store.load('docs', URL_A), (err: Error) => err instanceof McpOAuthStoreError && err.message.includes('failed to parse credentials file'));
    assert.throws(() => store.save(sample()), McpOAuthStoreError);
    assert.equal(readFileSync(store.location, 'utf8'), '{not json');
  });

  it('auto and file use the file; keyring is refused with a clear error', () => {
    assert.ok(credentialStoreFor(home, 'auto') instanceof FileCredentialStore);
    assert.ok(credentialStoreFor(home, undefined) instanceof FileCredentialStore);
    assert.ok(credentialStoreFor(home, 'file') instanceof FileCredentialStore);
    assert.throws(() => credentialStoreFor(home, 'keyring'), /mcp_oauth_credentials_store = "keyring", but no OS keyring is available/);
  });
});

describe('MCP OAuth login target from the config', () => {
  const table = {
    mcp_oauth_callback_port: 4321,
    mcp_oauth_callback_url: 'https://devbox.example.com/oauth/callback',
    mcp_servers: {
      docs: { url: 'https://mcp.example.com/mcp', scopes: ['a', 'b'], http_headers: { 'X-Team': 'core' }, env_http_headers: { 'X-Key': 'DOCS_KEY' } },
      local: { command: 'node', args: ['server.js'] },
      off: { url: 'https://off.example.com/mcp', enabled: false },
    },
  };

  it('reads url, scopes (the request wins), headers and the callback settings', () => {
    const target = resolveOAuthTarget(table, 'docs', '/tmp/home', { DOCS_KEY: 'k1' });
    assert.equal(target.url, 'https://mcp.example.com/mcp');
    assert.deepEqual(target.scopes, ['a', 'b']);
    assert.deepEqual(target.headers, { 'X-Team': 'core', 'X-Key': 'k1' });
    assert.equal(target.callbackPort, 4321);
    assert.equal(target.callbackUrl, 'https://devbox.example.com/oauth/callback');
    assert.deepEqual(resolveOAuthTarget(table, 'docs', '/tmp/home', {}, ['only']).scopes, ['only']);
  });

  it('refuses unknown, stdio and disabled servers, and the keyring store', () => {
    assert.throws(() => resolveOAuthTarget(table, 'nope', '/tmp/home', {}), /No MCP server named 'nope' found\./);
    assert.throws(() => resolveOAuthTarget(table, 'local', '/tmp/home', {}), /only supported for streamable HTTP servers/);
    assert.throws(() => resolveOAuthTarget(table, 'off', '/tmp/home', {}), /MCP server 'off' is disabled/);
    assert.throws(() => resolveOAuthTarget({ ...table, mcp_oauth_credentials_store: 'keyring' }, 'docs', '/tmp/home', {}), /no OS keyring/);
  });
});
