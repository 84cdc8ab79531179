// Approval of an MCP tool call (tools annotated `destructiveHint: true`, whatever else they claim),
// the way Codex 0.169 asks for it: the server request `mcpServer/elicitation/request` in form mode
// with an empty form and `_meta.codex_approval_kind = "mcp_tool_call"`; `accept` runs the tool
// (`_meta.persist = "session"` in the answer: not asked again for this tool in this thread),
// `decline` / `cancel` do not. The approval policy decides first: `never` cannot ask, and a policy
// that auto-rejects MCP elicitations refuses without asking.
import { normalizeApprovalPolicy } from '../../sandbox/approvalPolicy';
import { askClient } from '../approvals/clientRequest';
import type { ToolContext, ToolThread } from '../types';

export const MCP_APPROVAL_NEVER = 'MCP tool call requires approval, but approval policy is never';
export const MCP_APPROVAL_REJECTED_BY_POLICY = 'MCP tool call requires approval, but the approval policy rejects MCP elicitations';
export const MCP_APPROVAL_DECLINED = 'user rejected MCP tool call';

const sessionApproved = new WeakMap<ToolThread, Set<string>>();

export interface McpApprovalQuery {
  readonly server: string;
  readonly tool: string;
  readonly callId: string;
  readonly args: Record<string, unknown> | undefined;
}

/** null when the call may run; otherwise the reason it may not. */
export async function approveMcpToolCall(ctx: ToolContext, query: McpApprovalQuery): Promise<string | null> {
  const key = `${query.server}\u0000${query.tool}`;
  if (sessionApproved.get(ctx.thread)?.has(key)) return null;
  const policy = normalizeApprovalPolicy(ctx.thread.settings.approvalPolicy);
  if (policy.mode === 'never') return MCP_APPROVAL_NEVER;
  if (!policy.mcpElicitations) return MCP_APPROVAL_REJECTED_BY_POLICY;
  const answer = await askClient(
    ctx,
    'mcpServer/elicitation/request',
    {
      threadId: ctx.thread.id,
      turnId: ctx.turn.id,
      serverName: query.server,
      mode: 'form',
      message: `Allow the ${query.server} MCP server to run tool "${query.tool}"?`,
      requestedSchema: { type: 'object', properties: {} },
      _meta: {
        codex_approval_kind: 'mcp_tool_call',
        persist: ['session'],
        tool_name: query.tool,
        tool_call_id: query.callId,
        tool_params: query.args ?? {},
        destructive: true,
      },
    },
    'waitingOnApproval',
  );
  if (!answer.ok) return answer.reason === 'aborted' ? 'the turn was interrupted' : `${MCP_APPROVAL_DECLINED}: ${answer.message}`;
  if (answer.value.action !== 'accept') return MCP_APPROVAL_DECLINED;
  const meta = answer.value._meta as { persist?: unknown } | null | undefined;
  if (meta?.persist === 'session') {
    const set = sessionApproved.get(ctx.thread) ?? new Set<string>();
    set.add(key);
    sessionApproved.set(ctx.thread, set);
  }
  return null;
}
