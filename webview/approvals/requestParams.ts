// The server requests the webview can answer, parsed from the `server/request` bridge message
// (whose params arrive as unknown): one tagged union by method. Only the fields the cards show are
// checked; a request that does not parse is shown as unsupported and can still be declined.
import * as z from 'zod';
import type { ApprovalDecision } from './decisions';

const Decision: z.ZodType<ApprovalDecision> = z.union([
  z.enum(['accept', 'acceptForSession', 'decline', 'cancel']),
  z.object({ acceptWithExecpolicyAmendment: z.object({ execpolicy_amendment: z.array(z.string()) }) }),
  z.object({
    applyNetworkPolicyAmendment: z.object({
      network_policy_amendment: z.object({ host: z.string(), action: z.enum(['allow', 'deny']) }),
    }),
  }),
]);

const CommandParams = z.object({
  threadId: z.string(),
  turnId: z.string(),
  itemId: z.string(),
  reason: z.string().nullish(),
  command: z.string().nullish(),
  cwd: z.string().nullish(),
  proposedExecpolicyAmendment: z.array(z.string()).nullish(),
  availableDecisions: z.array(Decision).nullish(),
  /** Managed network access: the prompt is about a host, not the command line. */
  networkApprovalContext: z.object({ host: z.string(), protocol: z.string() }).nullish(),
});

const FileChangeParams = z.object({
  threadId: z.string(),
  turnId: z.string(),
  itemId: z.string(),
  reason: z.string().nullish(),
  grantRoot: z.string().nullish(),
});

const Question = z.object({
  id: z.string(),
  header: z.string().default(''),
  question: z.string(),
  isOther: z.boolean().default(false),
  isSecret: z.boolean().default(false),
  options: z.array(z.object({ label: z.string(), description: z.string().default('') })).nullish(),
});
const UserInputParams = z.object({
  threadId: z.string(),
  turnId: z.string(),
  itemId: z.string(),
  questions: z.array(Question).min(1),
});

const ElicitationParams = z.union([
  z.object({
    threadId: z.string(),
    turnId: z.string().nullish(),
    serverName: z.string(),
    mode: z.literal('form'),
    message: z.string(),
    requestedSchema: z.unknown(),
  }),
  z.object({
    threadId: z.string(),
    turnId: z.string().nullish(),
    serverName: z.string(),
    mode: z.literal('url'),
    message: z.string(),
    url: z.string(),
    elicitationId: z.string(),
  }),
]);

export type CommandApprovalRequest = z.infer<typeof CommandParams>;
export type FileChangeApprovalRequest = z.infer<typeof FileChangeParams>;
export type UserInputQuestion = z.infer<typeof Question>;
export type UserInputRequest = z.infer<typeof UserInputParams>;
export type ElicitationRequest = z.infer<typeof ElicitationParams>;

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
