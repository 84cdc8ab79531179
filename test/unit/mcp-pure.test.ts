// The MCP client's pure parts: provider-safe tool names (sanitised, 64 characters, collision-free
// hash suffixes), schema cleaning, `[mcp_servers]` parsing (defaults, errors naming file and key,
// enabled_tools then disabled_tools), stdio environment and HTTP headers, and the tool output the
// model reads.
import { strict as assert } from 'node:assert';
import { readMcpServers, toolAllowed } from '../../server/mcp/config';
import { cleanInputSchema } from '../../server/mcp/schemaClean';
import { MAX_TOOL_NAME_LENGTH, qualifyToolNames } from '../../server/mcp/toolNames';
import { httpHeaders, McpConfigError, stdioEnvironment } from '../../server/mcp/transports';
import { IMAGE_OMITTED, mcpResultForModel } from '../../server/tools/mcp/mcpOutput';

describe('mcp: tool names', () => {
  it('keeps plain names and sanitises the rest', () => {
    const names = [...qualifyToolNames([{ server: 'everything', tool: 'echo' }, { server: 'my server', tool: 'do.it/now' }]).keys()];
    assert.deepEqual(names, ['mcp__everything__echo', 'mcp__my_server__do_it_now']);
  });

  it('limits names to 64 characters with a stable hash suffix', () => {
    const long = { server: 'srv', tool: 'x'.repeat(100) };
    const [name] = [...qualifyToolNames([long]).keys()];
    assert.equal(name?.length, MAX_TOOL_NAME_LENGTH);
    assert.match(name ?? '', /^mcp__srv__x+_[0-9a-f]{8}$/);
    assert.equal([...qualifyToolNames([long]).keys()][0], name, 'stable across calls');
  });

  it('never gives two tools the same name', () => {
    const tools = [
      { server: 's', tool: 'a.b' },
      { server: 's', tool: 'a_b' },
      { server: 's', tool: 'a:b' },
      { server: 's', tool: `${'y'.repeat(80)}1` },
      { server: 's', tool: `${'y'.repeat(80)}2` },
    ];
    const map = qualifyToolNames(tools);
    assert.equal(map.size, tools.length);
    assert.ok(map.has('mcp__s__a_b'), 'the exact name keeps its plain form');
    assert.deepEqual(map.get('mcp__s__a_b'), { server: 's', tool: 'a_b' });
    for (const name of map.keys()) assert.match(name, /^[A-Za-z0-9_-]{1,64}$/);
  });
});

describe('mcp: schema cleaning', () => {
  it('makes an object schema with typed children and drops $schema', () => {
    assert.deepEqual(cleanInputSchema({ $schema: 'x', type: 'object', properties: { a: { enum: ['x'] }, b: { properties: {} }, c: { items: {} }, d: true } }), {
      type: 'object',
      properties: { a: { enum: ['x'], type: 'string' }, b: { properties: {}, type: 'object' }, c: { items: { type: 'string' }, type: 'array' }, d: { type: 'string' } },
    });
  });

  it('turns a missing or odd schema into an empty object schema', () => {
    assert.deepEqual(cleanInputSchema(undefined), { type: 'object', properties: {} });
    assert.deepEqual(cleanInputSchema({ type: 'object' }), { type: 'object', properties: {} });
  });
});

describe('mcp: config', () => {
  it('reads stdio and HTTP entries with defaults', () => {
    const { servers, invalid } = readMcpServers({
      mcp_servers: {
        local: { command: 'node', args: ['s.js'], env: { A: '1' }, env_vars: ['B'], tool_timeout_sec: 5 },
        remote: { url: 'https://example.com/mcp', bearer_token_env_var: 'TOKEN', enabled: false, required: true, startup_timeout_sec: 2 },
      },
    });
    assert.deepEqual(invalid, []);
    const [local, remote] = servers;
    assert.deepEqual(local?.transport, { type: 'stdio', command: 'node', args: ['s.js'], env: { A: '1' }, envVars: ['B'], cwd: null });
    assert.equal(local?.startupTimeoutMs, 10_000);
    assert.equal(local?.toolTimeoutMs, 5_000);
    assert.equal(local?.enabled, true);
    assert.equal(remote?.transport.type, 'streamableHttp');
    assert.equal(remote?.enabled, false);
    assert.equal(remote?.required, true);
    assert.equal(remote?.startupTimeoutMs, 2_000);
    assert.equal(remote?.toolTimeoutMs, 60_000);
  });

  it('names the file and key of a broken entry', () => {
    const { servers, invalid } = readMcpServers(
      { mcp_servers: { a: { command: 'x', url: 'https://e.com' }, b: { command: 'x', args: 'nope' }, c: {} } },
      (name) => `/home/u/.codex/config.toml (${name})`,
    );
    assert.deepEqual(servers, []);
    assert.deepEqual(
      invalid.map((i) => i.error),
      [
        '/home/u/.codex/config.toml (a): mcp_servers.a: set either `command` (stdio) or `url` (streamable HTTP), not both',
        '/home/u/.codex/config.toml (b): mcp_servers.b.args: Invalid input: expected array, received string',
        '/home/u/.codex/config.toml (c): mcp_servers.c: missing `command` (stdio) or `url` (streamable HTTP)',
      ],
    );
  });

  it('applies enabled_tools, then disabled_tools', () => {
    assert.ok(toolAllowed({ enabledTools: null, disabledTools: [] }, 'any'));
    assert.ok(!toolAllowed({ enabledTools: ['a', 'b'], disabledTools: ['b'] }, 'b'));
    assert.ok(toolAllowed({ enabledTools: ['a', 'b'], disabledTools: ['b'] }, 'a'));
    assert.ok(!toolAllowed({ enabledTools: ['a'], disabledTools: [] }, 'c'));
  });

  it('builds the stdio environment and the HTTP headers', () => {
    const env = stdioEnvironment({ type: 'stdio', command: 'x', args: [], env: { SET: 'yes', PASS: 'overridden' }, envVars: ['PASS', 'MISSING'], cwd: null }, { PASS: 'through', SECRET: 'no', PATH: '/bin' });
    assert.equal(env.SET, 'yes');
    assert.equal(env.PASS, 'overridden');
    assert.equal(env.SECRET, undefined);
    assert.ok(!('MISSING' in env));
    const http = { type: 'streamableHttp' as const, url: 'https://e.com', bearerTokenEnvVar: 'TOK', httpHeaders: { 'X-A': 'a' }, envHttpHeaders: { 'X-B': 'B_VAR' } };
    assert.deepEqual(httpHeaders('remote', http, { TOK: 't', B_VAR: 'b' }), { 'X-A': 'a', 'X-B': 'b', Authorization: 'Bearer t' });
    assert.throws(() => httpHeaders('remote', http, {}), (e: Error) => e instanceof McpConfigError && e.message === 'mcp_servers.remote.bearer_token_env_var: environment variable TOK is not set');
  });
});

describe('mcp: tool output for the model', () => {
  const image = { type: 'image' as const, data: 'AAAA', mimeType: 'image/png' };
  it('serialises text content as JSON, structured content first', () => {
    assert.equal(mcpResultForModel({ content: [{ type: 'text', text: 'hi' }] }, true), '[{"type":"text","text":"hi"}]');
    assert.equal(mcpResultForModel({ content: [{ type: 'text', text: 'hi' }], structuredContent: { ok: 1 } }, true), '{"ok":1}');
  });

  it('passes images (and image blobs, and embedded text resources) as parts', () => {
    assert.deepEqual(
      mcpResultForModel(
        {
          content: [
            { type: 'text', text: 'look' },
            image,
            { type: 'resource', resource: { uri: 'file:///a.txt', text: 'file text' } },
            { type: 'resource', resource: { uri: 'file:///b.png', mimeType: 'image/png', blob: 'BBBB' } },
          ],
        },
        true,
      ),
      [
        { type: 'input_text', text: 'look' },
        { type: 'input_image', image_url: 'data:image/png;base64,AAAA' },
        { type: 'input_text', text: 'file text' },
        { type: 'input_image', image_url: 'data:image/png;base64,BBBB' },
      ],
    );
    assert.deepEqual(mcpResultForModel({ content: [image] }, false), [{ type: 'input_text', text: IMAGE_OMITTED }]);
  });
});
