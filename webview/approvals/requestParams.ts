// The server requests the webview can answer, parsed from the `server/request` bridge message
// (whose params arrive as unknown): one tagged union by method. The field schemas (and the approval
// decisions) are the protocol's; only the fields the cards show are checked, so a request that
// does not parse is shown as unsupported and can still be declined.
import * as z from 'zod';
import {
  CommandExecutionRequestApprovalParams,
  FileChangeRequestApprovalParams,
  McpFormElicitationParams,
  McpUrlElicitationParams,
  ToolRequestUserInputParams,
  ToolRequestUserInputQuestion,
} from '@protocol';

const CommandParams = z.lazy(() =>
  CommandExecutionRequestApprovalParams.unwrap().pick({
    threadId: true,
    turnId: true,
    itemId: true,
    reason: true,
    command: true,
    cwd: true,
    proposedExecpolicyAmendment: true,
    availableDecisions: true,
    networkApprovalContext: true,
  }),
);

const FileChangeParams = z.lazy(() => FileChangeRequestApprovalParams.unwrap().pick({ threadId: true, turnId: true, itemId: true, reason: true, grantRoot: true }));

const UserInputParams = z.lazy(() =>
  ToolRequestUserInputParams.unwrap()
    .pick({ threadId: true, turnId: true, itemId: true })
    .extend({ questions: z.array(ToolRequestUserInputQuestion).min(1) }),
);

const ElicitationParams = z.lazy(() =>
  z.discriminatedUnion('mode', [
    McpFormElicitationParams.unwrap().pick({ threadId: true, turnId: true, serverName: true, mode: true, message: true, requestedSchema: true }),
    McpUrlElicitationParams.unwrap().pick({ threadId: true, turnId: true, serverName: true, mode: true, message: true, url: true, elicitationId: true }),
  ]),
);

export type CommandApprovalRequest = z.output<typeof CommandParams>;
export type FileChangeApprovalRequest = z.output<typeof FileChangeParams>;
export type UserInputQuestion = ToolRequestUserInputQuestion;
export type UserInputRequest = z.output<typeof UserInputParams>;
export type ElicitationRequest = z.output<typeof ElicitationParams>;

export type ParsedServerRequest =
  | { readonly method: 'item/commandExecution/requestApproval'; readonly params: CommandApprovalRequest }
  | { readonly method: 'item/fileChange/requestApproval'; readonly params: FileChangeApprovalRequest }
  | { readonly method: 'item/tool/requestUserInput'; readonly params: UserInputRequest }
  | { readonly method: 'mcpServer/elicitation/request'; readonly params: ElicitationRequest }
  | { readonly method: 'unsupported'; readonly originalMethod: string };

export function parseServerRequest(method: string, params: unknown): ParsedServerRequest {
  switch (method) {
    case 'item/commandExecution/requestApproval': {
      const p = CommandParams.safeParse(params);
      if (p.success) return { method, params: p.data };
      break;
    }
    case 'item/fileChange/requestApproval': {
      const p = FileChangeParams.safeParse(params);
      if (p.success) return { method, params: p.data };
      break;
    }
    case 'item/tool/requestUserInput': {
      const p = UserInputParams.safeParse(params);
      if (p.success) return { method, params: p.data };
      break;
    }
    case 'mcpServer/elicitation/request': {
      const p = ElicitationParams.safeParse(params);
      if (p.success) return { method, params: p.data };
      break;
    }
  }
  return { method: 'unsupported', originalMethod: method };
}

/** The answer that declines a request of any method (used for unsupported requests). */
export function declineResult(method: string): unknown {
  switch (method) {
    case 'item/tool/requestUserInput':
      return { answers: {} };
    case 'mcpServer/elicitation/request':
      return { action: 'decline' };
    default:
      return { decision: 'decline' };
  }
}
