// The MCP tool adapter: every tool of the thread's ready MCP servers is offered to the model as
// `mcp__<server>__<tool>` (provider-safe, see mcp/toolNames.ts) with its cleaned input schema. A
// call runs as an `mcpToolCall` item — item/started, item/mcpToolCall/progress for each progress
// notification of the server, item/completed with the result or the error and durationMs — under
// the server's tool_timeout_sec. Tools annotated `destructiveHint: true` always need the user's
// approval first (asked with mcpServer/elicitation/request, as Codex does); a decline ends the item
// with an error and the tool does not run.
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import type { ToolOutput } from '../../models';
import type { McpToolCallItem } from '../../protocol/mcp';
import type { McpManager, McpServerEntry } from '../../mcp/manager';
import { cleanInputSchema } from '../../mcp/schemaClean';
import { qualifyToolNames } from '../../mcp/toolNames';
import { mcpResultForModel } from './mcpOutput';
import { approveMcpToolCall } from './mcpApproval';
import { functionArguments, type ToolCall, type ToolContext, type ToolHandler } from '../types';

interface Offered {
  readonly entry: McpServerEntry;
  readonly tool: Tool;
}

function parseArguments(call: ToolCall): { ok: true; args: Record<string, unknown> | undefined } | { ok: false; error: string } {
  const raw = functionArguments(call);
  if (!raw.ok) return raw;
  if (raw.arguments.trim() === '') return { ok: true, args: undefined };
  try {
    const value: unknown = JSON.parse(raw.arguments);
    if (value === null) return { ok: true, args: undefined };
    if (typeof value !== 'object' || Array.isArray(value)) return { ok: false, error: 'err: tool arguments must be a JSON object' };
    return { ok: true, args: value as Record<string, unknown> };
  } catch (error) {
    return { ok: false, error: `err: failed to parse tool call arguments: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function progressText(update: { progress: number; total?: number | undefined; message?: string | undefined }): string {
  if (update.message) return update.message;
  return update.total !== undefined ? `${update.progress}/${update.total}` : String(update.progress);
}

async function runMcpCall(manager: McpManager, offered: Offered, call: ToolCall, ctx: ToolContext): Promise<ToolOutput> {
  const { entry, tool } = offered;
  const server = entry.config.name;
  const parsed = parseArguments(call);
  const annotations = tool.annotations ?? {};
  const item: McpToolCallItem = {
    type: 'mcpToolCall',
    id: call.callId,
    server,
    tool: tool.name,
    status: 'inProgress',
    arguments: parsed.ok ? (parsed.args ?? null) : null,
    pluginId: null,
    readOnlyHint: typeof annotations.readOnlyHint === 'boolean' ? annotations.readOnlyHint : null,
    result: null,
    error: null,
    durationMs: null,
  };
  const started = Date.now();
  ctx.itemStarted(item);
  const fail = (message: string): ToolOutput => {
    ctx.itemCompleted({ ...item, status: 'failed', error: { message }, durationMs: Date.now() - started });
    return message.startsWith('err: ') ? message : `err: ${message}`;
  };
  if (!parsed.ok) return fail(parsed.error.replace(/^err: /, ''));
  if (annotations.destructiveHint === true) {
    const refusal = await approveMcpToolCall(ctx, { server, tool: tool.name, callId: call.callId, args: parsed.args });
    if (refusal !== null) return fail(refusal);
  }
  const release = manager.trackCall(entry, { threadId: ctx.thread.id, turnId: ctx.turn.id });
  let result: CallToolResult;
  try {
    const connection = entry.connection;
    if (!connection) return fail(`MCP server "${server}" is not running`);
    result = await connection.callTool(tool.name, parsed.args, {
      timeoutMs: entry.config.toolTimeoutMs,
      signal: ctx.signal,
      onProgress: (update) => ctx.notify('item/mcpToolCall/progress', { threadId: ctx.thread.id, turnId: ctx.turn.id, itemId: call.callId, message: progressText(update) }),
    });
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  } finally {
    release();
  }
  const wireResult = { content: result.content, ...(result.structuredContent !== undefined ? { structuredContent: result.structuredContent } : {}), ...(result._meta !== undefined ? { _meta: result._meta } : {}) };
  ctx.itemCompleted({ ...item, status: result.isError === true ? 'failed' : 'completed', result: wireResult, durationMs: Date.now() - started });
  return mcpResultForModel(result, ctx.modelInfo.inputModalities.includes('image'));
}

/** The handlers for the MCP tools a thread offers now (ready servers, filtered tools). */
export function mcpToolHandlers(manager: McpManager, threadId: string, cwd: string): ToolHandler[] {
  const offered: { server: string; tool: string; value: Offered }[] = [];
  for (const entry of manager.serversOf(threadId, cwd)) {
    for (const tool of entry.tools) offered.push({ server: entry.config.name, tool: tool.name, value: { entry, tool } });
  }
  const names = qualifyToolNames(offered);
  const handlers: ToolHandler[] = [];
  for (const [name, qualified] of names) {
    const value = offered.find((o) => o.server === qualified.server && o.tool === qualified.tool)?.value;
    if (!value) continue;
    handlers.push({
      name,
      spec: { type: 'function', name, description: value.tool.description ?? value.tool.title ?? '', strict: false, parameters: cleanInputSchema(value.tool.inputSchema) },
      handle: (call, ctx) => runMcpCall(manager, value, call, ctx),
    });
  }
  return handlers;
}
