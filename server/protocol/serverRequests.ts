// Server → client requests: one entry per method with its params and the result the client answers
// with. The server sends these while a turn waits on the user (approvals, questions); ids count
// from 0 per connection. Results are validated on arrival (a client may answer anything).
import * as z from 'zod';
import { CommandAction } from './items';
import { McpServerElicitationRequestParams, McpServerElicitationResult } from './mcp';
import { wireObject } from './wire';

export const ExecPolicyAmendment = z.array(z.string());
export type ExecPolicyAmendment = z.output<typeof ExecPolicyAmendment>;

export const NetworkApprovalProtocol = z.enum(['http', 'https', 'socks5Tcp', 'socks5Udp']);
export type NetworkApprovalProtocol = z.output<typeof NetworkApprovalProtocol>;

/** The destination a managed-network approval prompt is about. */
export const NetworkApprovalContext = z.lazy(() => wireObject({ host: z.string(), protocol: NetworkApprovalProtocol }));
export type NetworkApprovalContext = z.output<typeof NetworkApprovalContext>;

export const NetworkPolicyAmendment = z.lazy(() => wireObject({ host: z.string(), action: z.enum(['allow', 'deny']) }));
export type NetworkPolicyAmendment = z.output<typeof NetworkPolicyAmendment>;

/** The one definition of the answers to an approval (the server, the extension and the webview use it). */
export const FileChangeApprovalDecision = z.enum(['accept', 'acceptForSession', 'decline', 'cancel']);
export type FileChangeApprovalDecision = z.output<typeof FileChangeApprovalDecision>;
export const CommandExecutionApprovalDecision = z.lazy(() => z.union([
  FileChangeApprovalDecision,
  wireObject({ acceptWithExecpolicyAmendment: wireObject({ execpolicy_amendment: ExecPolicyAmendment }) }),
  wireObject({ applyNetworkPolicyAmendment: wireObject({ network_policy_amendment: NetworkPolicyAmendment }) }),
]));
export type CommandExecutionApprovalDecision = z.output<typeof CommandExecutionApprovalDecision>;

/** Codex leaves out the optional fields it has no value for; codex-ts always sends them. */
export const CommandExecutionRequestApprovalParams = z.lazy(() => wireObject({
  /** codex-ts asks about commands only; Codex also about its human-typed commands and stdin writes. */
  kind: z.enum(['command', 'humanCommand', 'writeStdin']),
  threadId: z.string(),
  turnId: z.string(),
  itemId: z.string(),
  startedAtMs: z.number(),
  environmentId: z.string().nullable(),
  reason: z.string().nullish(),
  command: z.string().nullish(),
  cwd: z.string().nullish(),
  commandActions: z.array(CommandAction).nullish(),
  proposedExecpolicyAmendment: ExecPolicyAmendment.nullish(),
  availableDecisions: z.array(CommandExecutionApprovalDecision).nullish(),
  /** Present when the prompt is for managed network access to one destination. */
  networkApprovalContext: NetworkApprovalContext.nullish(),
  proposedNetworkPolicyAmendments: z.array(NetworkPolicyAmendment).nullish(),
}));
export type CommandExecutionRequestApprovalParams = z.output<typeof CommandExecutionRequestApprovalParams>;
export const CommandExecutionApprovalResult = z.lazy(() => wireObject({ decision: CommandExecutionApprovalDecision }));

export const FileChangeRequestApprovalParams = z.lazy(() => wireObject({
  threadId: z.string(),
  turnId: z.string(),
  itemId: z.string(),
  startedAtMs: z.number(),
  reason: z.string().nullish(),
  grantRoot: z.string().nullish(),
}));
export type FileChangeRequestApprovalParams = z.output<typeof FileChangeRequestApprovalParams>;
export const FileChangeApprovalResult = z.lazy(() => wireObject({ decision: FileChangeApprovalDecision }));

export const ToolRequestUserInputQuestion = z.lazy(() => wireObject({
  id: z.string(),
  header: z.string(),
  question: z.string(),
  isOther: z.boolean().default(false),
  isSecret: z.boolean().default(false),
  options: z.array(wireObject({ label: z.string(), description: z.string() })).nullish(),
}));
export type ToolRequestUserInputQuestion = z.output<typeof ToolRequestUserInputQuestion>;
export const ToolRequestUserInputParams = z.lazy(() => wireObject({
  threadId: z.string(),
  turnId: z.string(),
  itemId: z.string(),
  questions: z.array(ToolRequestUserInputQuestion),
  isBlocking: z.boolean(),
  autoResolutionMs: z.number().nullable(),
}));
export type ToolRequestUserInputParams = z.output<typeof ToolRequestUserInputParams>;
export const ToolRequestUserInputResult = z.lazy(() => wireObject({ answers: z.record(z.string(), wireObject({ answers: z.array(z.string()) })) }));

/** What one server request carries and what the client must answer. */
export interface ServerRequestEntry {
  readonly params: z.ZodType;
  readonly result: z.ZodType;
}

export const serverRequests = {
  /** Asks whether a command may run (or reach a network host); the answer is a decision. */
  'item/commandExecution/requestApproval': { params: CommandExecutionRequestApprovalParams, result: CommandExecutionApprovalResult },
  /** Asks whether a patch may be applied. */
  'item/fileChange/requestApproval': { params: FileChangeRequestApprovalParams, result: FileChangeApprovalResult },
  /** Asks the user the model's questions (request_user_input, plan mode); answers by question id. */
  'item/tool/requestUserInput': { params: ToolRequestUserInputParams, result: ToolRequestUserInputResult },
  /** An MCP server's elicitation (a form or a link), also used for MCP tool-call approvals. */
  'mcpServer/elicitation/request': { params: McpServerElicitationRequestParams, result: McpServerElicitationResult },
} as const satisfies Record<string, ServerRequestEntry>;

export type ServerRequestMethod = keyof typeof serverRequests;
export type ServerRequestParams<M extends ServerRequestMethod> = z.output<(typeof serverRequests)[M]['params']>;
export type ServerRequestResult<M extends ServerRequestMethod> = z.output<(typeof serverRequests)[M]['result']>;
/** Method → params and result, as one map. */
export type ServerRequests = { [M in ServerRequestMethod]: { params: ServerRequestParams<M>; result: ServerRequestResult<M> } };

export function isServerRequestMethod(method: string): method is ServerRequestMethod {
  return Object.prototype.hasOwnProperty.call(serverRequests, method);
}
