// Server-initiated MCP elicitations (`elicitation/create`) become the client request
// `mcpServer/elicitation/request` for the thread (and turn) the server is working for; the client's
// answer (accept + content, decline, cancel) goes back to the server. Under an approval policy that
// rejects MCP elicitations (`never`, or `reject.mcp_elicitations` / granular `mcp_elicitations =
// false`) the server gets `decline` at once and the client is not asked.
import type { ElicitRequest, ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import { McpServerElicitationResult, type McpServerElicitationRequestParams } from '../protocol/mcp';
import { normalizeApprovalPolicy } from '../sandbox/approvalPolicy';
import type { Notify, ServerRequester } from '../protocol/senders';
import type { Logger } from '../util/log';
import type { CallOwner } from './manager';
import type { McpThreadLookup } from './mcpThread';

export interface ElicitationDeps {
  readonly request: ServerRequester;
  readonly notify: Notify;
  readonly thread: McpThreadLookup;
  readonly log: Logger;
}

/** The wire params for an MCP elicitation. */
export function elicitationParams(server: string, owner: CallOwner, params: ElicitRequest['params']): McpServerElicitationRequestParams {
  const base = { threadId: owner.threadId, turnId: owner.turnId, serverName: server };
  const meta = params._meta !== undefined ? { _meta: params._meta } : {};
  if (params.mode === 'url') return { ...base, mode: 'url', message: params.message, url: params.url, elicitationId: params.elicitationId, ...meta };
  return { ...base, mode: 'form', message: params.message, requestedSchema: params.requestedSchema, ...meta };
}

export function createElicitationBroker(deps: ElicitationDeps) {
  return async (server: string, owner: CallOwner, params: ElicitRequest['params'], signal: AbortSignal): Promise<ElicitResult> => {
    const thread = deps.thread(owner.threadId);
    if (!thread) {
      deps.log.warn(`mcp ${server}: elicitation declined: no loaded thread to ask`);
      return { action: 'decline' };
    }
    if (!normalizeApprovalPolicy(thread.settings.approvalPolicy).mcpElicitations) {
      deps.log.info(`mcp ${server}: elicitation auto-declined by the approval policy`);
      return { action: 'decline' };
    }
    thread.setWaiting('waitingOnUserInput', 1);
    const { id, response } = deps.request('mcpServer/elicitation/request', elicitationParams(server, owner, params));
    const cancelled = new Promise<null>((resolve) => signal.addEventListener('abort', () => resolve(null), { once: true }));
    try {
      const answer = await Promise.race([response, cancelled]);
      if (answer === null) return { action: 'cancel' };
      const parsed = McpServerElicitationResult.safeParse(answer);
      if (!parsed.success) {
        deps.log.warn(`mcp ${server}: unusable elicitation answer ${JSON.stringify(answer)?.slice(0, 200)}`);
        return { action: 'cancel' };
      }
      const { action, content } = parsed.data;
      return action === 'accept' && content !== null && typeof content === 'object' ? { action, content: content as Record<string, string | number | boolean | string[]> } : { action };
    } catch (error) {
      deps.log.warn(`mcp ${server}: elicitation request failed: ${error instanceof Error ? error.message : String(error)}`);
      return { action: 'cancel' };
    } finally {
      deps.notify('serverRequest/resolved', { threadId: owner.threadId, requestId: id });
      thread.setWaiting('waitingOnUserInput', -1);
    }
  };
}
