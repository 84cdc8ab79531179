// Server → client requests: method → params and the result the client answers with. The server
// sends these while a turn waits on the user (approvals, questions); ids count from 0 per
// connection. Results are validated on arrival (a client may answer anything).
import * as z from 'zod';
import type { CommandAction } from './items';
import type { McpServerElicitationRequestParams, McpServerElicitationResult } from './mcp';

export type ExecPolicyAmendment = string[];

export type NetworkApprovalProtocol = 'http' | 'https' | 'socks5Tcp' | 'socks5Udp';

/** The destination a managed-network approval prompt is about. */
export interface NetworkApprovalContext {
  host: string;
  protocol: NetworkApprovalProtocol;
}

export interface NetworkPolicyAmendment {
  host: string;
  action: 'allow' | 'deny';
}

export type CommandExecutionApprovalDecision =
  | 'accept'
  | 'acceptForSession'
  | { acceptWithExecpolicyAmendment: { execpolicy_amendment: ExecPolicyAmendment } }
  | { applyNetworkPolicyAmendment: { network_policy_amendment: NetworkPolicyAmendment } }
  | 'decline'
  | 'cancel';

export type FileChangeApprovalDecision = 'accept' | 'acceptForSession' | 'decline' | 'cancel';

export interface CommandExecutionRequestApprovalParams {
  kind: 'command';
  threadId: string;
  turnId: string;
  itemId: string;
  startedAtMs: number;
  environmentId: string | null;
  reason: string | null;
  command: string;
  cwd: string;
  commandActions: CommandAction[];
  proposedExecpolicyAmendment: ExecPolicyAmendment | null;
  availableDecisions: CommandExecutionApprovalDecision[];
  /** Present when the prompt is for managed network access to one destination. */
  networkApprovalContext?: NetworkApprovalContext | null;
  proposedNetworkPolicyAmendments?: NetworkPolicyAmendment[] | null;
}

export interface FileChangeRequestApprovalParams {
  threadId: string;
  turnId: string;
  itemId: string;
  startedAtMs: number;
  reason: string | null;
  grantRoot: string | null;
}

export interface ToolRequestUserInputQuestion {
  id: string;
  header: string;
  question: string;
  isOther: boolean;
  isSecret: boolean;
  options: { label: string; description: string }[] | null;
}

export interface ToolRequestUserInputParams {
  threadId: string;
  turnId: string;
  itemId: string;
  questions: ToolRequestUserInputQuestion[];
  isBlocking: boolean;
  autoResolutionMs: number | null;
}

export interface ServerRequests {
  'item/commandExecution/requestApproval': { params: CommandExecutionRequestApprovalParams; result: { decision: CommandExecutionApprovalDecision } };
  'item/fileChange/requestApproval': { params: FileChangeRequestApprovalParams; result: { decision: FileChangeApprovalDecision } };
  'item/tool/requestUserInput': { params: ToolRequestUserInputParams; result: { answers: Record<string, { answers: string[] }> } };
  'mcpServer/elicitation/request': { params: McpServerElicitationRequestParams; result: McpServerElicitationResult };
}
export type ServerRequestMethod = keyof ServerRequests;

export const CommandExecutionApprovalResult = z.object({
  decision: z.union([
    z.enum(['accept', 'acceptForSession', 'decline', 'cancel']),
    z.object({ acceptWithExecpolicyAmendment: z.object({ execpolicy_amendment: z.array(z.string()) }) }),
    z.object({ applyNetworkPolicyAmendment: z.object({ network_policy_amendment: z.object({ host: z.string(), action: z.enum(['allow', 'deny']) }) }) }),
  ]),
});

export const FileChangeApprovalResult = z.object({ decision: z.enum(['accept', 'acceptForSession', 'decline', 'cancel']) });

export const ToolRequestUserInputResult = z.object({
  answers: z.record(z.string(), z.object({ answers: z.array(z.string()) })),
});
