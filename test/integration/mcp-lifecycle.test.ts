// MCP server lifecycle: a server that never starts does not hold up the others or the turn (not
// required) or fails thread/start with a clear error (required); tool_timeout_sec; a server that
// exits mid-call fails that call with a clear error, the turn goes on, and the next use restarts
// it; a thread's servers stop when it unloads, and every child is killed when the app server exits
// (stdin EOF or SIGTERM), so no orphans.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { functionCall, respond, textReply } from '../support/mock-model';
import { runTurn } from '../support/app-server-client';
import { processGone, waitFor } from '../support/process-state';
import { completedItem, startThread, toolOutputs } from '../support/tool-turns';
import { EVERYTHING, FIXTURE, startMcpServer, startupTrace, stdioServer, threadWithServers, waitForStartup, type McpSetup } from '../support/mcp-helpers';

type Json = Record<string, unknown>;

const pidOf = (file: string): number => Number(readFileSync(file, 'utf8'));

describe('mcp: server lifecycle', function () {
  this.timeout(90_000);
  let setup: McpSetup | undefined;
  afterEach(async () => {
    await setup?.close();
    setup = undefined;
  });

  it('a server that never starts fails on its own; the others and the turn go on', async () => {
    setup = await startMcpServer(stdioServer('stuck', FIXTURE, ['--mode=hang'], ['startup_timeout_sec = 8']) + stdioServer('fx', FIXTURE), [textReply('hello')]);
    const { client, ws } = setup;
    const threadId = await startThread(client, ws.dir);
    assert.ok(!startupTrace(client).includes('stuck failed'), 'thread/start does not wait for a server that is not required');
    await waitForStartup(client, threadId, 'fx');
    const { completed } = await runTurn(client, threadId, 'hi', {}, 30_000);
    assert.equal(completed.status, 'completed');
    assert.ok(!startupTrace(client).includes('stuck failed'), 'the turn ran while the stuck server was still starting');
    const failed = await waitForStartup(client, threadId, 'stuck', 'failed');
    assert.equal(failed.error, 'MCP server "stuck" did not start within 8s (startup_timeout_sec)');
    assert.deepEqual(startupTrace(client), ['stuck starting', 'fx starting', 'fx ready', 'stuck failed']);
  });

  it('a required server that cannot start fails thread/start with a clear error', async () => {
    setup = await startMcpServer(stdioServer('broken', FIXTURE, ['--mode=exit'], ['required = true']));
    const { client, ws } = setup;
    await assert.rejects(startThread(client, ws.dir), (error: Error) => {
      assert.match(error.message, /^required MCP server "broken" failed to start: MCP server "broken" closed the connection/);
      return true;
    });
  });

  it('a misconfigured entry names the file and key', async () => {
    setup = await startMcpServer('[mcp_servers.nothing]\nargs = ["x"]\nrequired = true\n');
    const { client, ws } = setup;
    await assert.rejects(startThread(client, ws.dir), (error: Error) => {
      assert.equal(error.message, `required MCP server "nothing" is misconfigured: ${join(client.codexHome, 'config.toml')}: mcp_servers.nothing: missing \`command\` (stdio) or \`url\` (streamable HTTP)`);
      return true;
    });
  });

  it('enforces tool_timeout_sec', async () => {
    setup = await startMcpServer(stdioServer('fx', FIXTURE, [], ['tool_timeout_sec = 0.5']), [respond([functionCall('mcp__fx__slow', { ms: 10_000 }, { callId: 'call_slow' })]), textReply('too slow')]);
    const { client, ws, mock } = setup;
    const threadId = await threadWithServers(client, ws.dir, ['fx']);
    const { completed, from } = await runTurn(client, threadId, 'be slow', {}, 30_000);
    assert.equal(completed.status, 'completed');
    const item = completedItem(client, 'call_slow', from);
    assert.equal(item.status, 'failed');
    assert.deepEqual(item.error, { message: 'tool call to "fx/slow" timed out after 0.5s (tool_timeout_sec)' });
    assert.equal(toolOutputs(mock.lastRequest('responses')).get('call_slow'), 'err: tool call to "fx/slow" timed out after 0.5s (tool_timeout_sec)');
  });

  it('interrupting the turn cancels a running MCP call', async () => {
    setup = await startMcpServer(stdioServer('fx', FIXTURE), [respond([functionCall('mcp__fx__slow', { ms: 60_000 }, { callId: 'call_long' })])]);
    const { client, ws } = setup;
    const threadId = await threadWithServers(client, ws.dir, ['fx']);
    const fromLine = client.lines.length;
    const { turn } = await client.request<{ turn: { id: string } }>('turn/start', { threadId, input: [{ type: 'text', text: 'wait', text_elements: [] }] });
    await client.waitForNotification('item/started', (p) => (p.item as Json).id === 'call_long', 20_000, fromLine);
    const started = Date.now();
    assert.deepEqual(await client.request('turn/interrupt', { threadId, turnId: turn.id }), {});
    const done = await client.waitForNotification('turn/completed', (p) => (p.turn as Json).id === turn.id, 20_000, fromLine);
    assert.equal((done.turn as Json).status, 'interrupted');
    assert.ok(Date.now() - started < 10_000);
    const item = await client.waitForNotification('item/completed', (p) => (p.item as Json).id === 'call_long', 5_000, fromLine);
    assert.deepEqual((item.item as Json).error, { message: 'the tool call was cancelled' });
  });

  it('a server that exits mid-call: the call fails clearly, the turn goes on, the next use restarts it', async () => {
    setup = await startMcpServer(stdioServer('fx', FIXTURE), [
      respond([functionCall('mcp__fx__crash', {}, { callId: 'call_crash' })]),
      textReply('it crashed'),
      respond([functionCall('mcp__fx__slow', { ms: 1 }, { callId: 'call_after' })]),
      textReply('works again'),
    ]);
    const { client, ws } = setup;
    const threadId = await threadWithServers(client, ws.dir, ['fx']);
    const first = await runTurn(client, threadId, 'crash it', {}, 30_000);
    assert.equal(first.completed.status, 'completed');
    const crashed = completedItem(client, 'call_crash', first.from);
    assert.equal(crashed.status, 'failed');
    assert.match((crashed.error as Json).message as string, /^MCP server "fx" exited unexpectedly: fixture: crashing on purpose/);
    await waitForStartup(client, threadId, 'fx', 'failed');
    // The next use (a status read, or a turn) starts it again once its backoff passed.
    const fromLine = client.lines.length;
    const list = await client.request<{ data: Json[] }>('mcpServerStatus/list', { threadId });
    assert.equal(list.data[0]?.runtimeStatus, 'connected');
    await waitForStartup(client, threadId, 'fx', 'ready', fromLine);
    const second = await runTurn(client, threadId, 'again', {}, 30_000);
    assert.equal(completedItem(client, 'call_after', second.from).status, 'completed');
  });

  it('stops the servers of a thread when it unloads', async () => {
    setup = await startMcpServer((ws) => stdioServer('fx', FIXTURE, [`--pid-file=${join(ws.home, 'fx.pid')}`]), [], { CODEX_TS_UNLOAD_GRACE_MS: '50' });
    const { client, ws } = setup;
    const threadId = await threadWithServers(client, ws.dir, ['fx']);
    const pid = pidOf(join(ws.home, 'fx.pid'));
    assert.deepEqual(await client.request('thread/unsubscribe', { threadId }), { status: 'unsubscribed' });
    await client.waitForNotification('thread/closed', (p) => p.threadId === threadId);
    await waitFor(() => processGone(pid), 10_000);
  });

  for (const how of ['stdin EOF', 'SIGTERM'] as const) {
    it(`kills its MCP servers when it exits (${how})`, async () => {
      setup = await startMcpServer((ws) => stdioServer('fx', FIXTURE, [`--pid-file=${join(ws.home, 'fx.pid')}`]) + stdioServer('everything', EVERYTHING, ['stdio']));
      const { client, ws } = setup;
      await threadWithServers(client, ws.dir, ['fx', 'everything']);
      const fxPid = pidOf(join(ws.home, 'fx.pid'));
      const children = readFileSync(`/proc/${client.child.pid}/task/${client.child.pid}/children`, 'utf8').trim().split(/\s+/).map(Number);
      assert.ok(children.includes(fxPid));
      assert.equal(children.length, 2, `two MCP children: ${children.join(' ')}`);
      if (how === 'SIGTERM') await client.kill('SIGTERM');
      else await client.close();
      await waitFor(() => children.every(processGone), 10_000);
      assert.ok(existsSync(join(ws.home, 'fx.pid')));
    });
  }
});
