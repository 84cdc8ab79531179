// Shared protocol vocabulary: approval policies, sandbox modes/policies, reasoning options,
// git info and session sources. Zod schemas double as the TypeScript types (z.infer), so the
// wire validation and the compile-time types can never drift apart.
import * as z from 'zod';
import { wireObject } from './wire';

export const GranularApproval = z.object({
  sandbox_approval: z.boolean(),
  rules: z.boolean(),
  skill_approval: z.boolean(),
  request_permissions: z.boolean(),
  mcp_elicitations: z.boolean(),
});
export const AskForApproval = z.union([
  z.enum(['untrusted', 'on-request', 'never']),
  z.object({ granular: GranularApproval }),
]);
export type AskForApproval = z.infer<typeof AskForApproval>;

export const ApprovalsReviewer = z.enum(['user', 'auto_review', 'guardian_subagent']);
export type ApprovalsReviewer = z.infer<typeof ApprovalsReviewer>;

export const SandboxMode = z.enum(['read-only', 'workspace-write', 'danger-full-access']);
export type SandboxMode = z.infer<typeof SandboxMode>;

export const NetworkAccess = z.enum(['restricted', 'enabled']);
export const SandboxPolicy = z.discriminatedUnion('type', [
  z.object({ type: z.literal('dangerFullAccess') }),
  z.object({ type: z.literal('readOnly'), networkAccess: z.boolean().default(false) }),
  z.object({ type: z.literal('externalSandbox'), networkAccess: NetworkAccess.default('restricted') }),
  z.object({
    type: z.literal('workspaceWrite'),
    writableRoots: z.array(z.string()).default([]),
    networkAccess: z.boolean().default(false),
    excludeTmpdirEnvVar: z.boolean().default(false),
    excludeSlashTmp: z.boolean().default(false),
  }),
]);
export type SandboxPolicy = z.infer<typeof SandboxPolicy>;

/** Reasoning effort is an open string on the wire ("low", "medium", "high", "xhigh", …). */
export const ReasoningEffort = z.string();
export type ReasoningEffort = string;
export const ReasoningSummary = z.enum(['auto', 'concise', 'detailed', 'none']);
export type ReasoningSummary = z.infer<typeof ReasoningSummary>;
export const Personality = z.enum(['none', 'friendly', 'pragmatic']);
export type Personality = z.infer<typeof Personality>;

export const SortDirection = z.enum(['asc', 'desc']);
export type SortDirection = z.infer<typeof SortDirection>;

export const GitInfo = z.lazy(() => wireObject({ sha: z.string().nullable(), branch: z.string().nullable(), originUrl: z.string().nullable() }));
export type GitInfo = z.output<typeof GitInfo>;

/** Who started a thread; `subAgent` (threads a Codex agent spawned) is never produced here. */
export const SessionSource = z.lazy(() => z.union([
  z.enum(['cli', 'vscode', 'exec', 'appServer', 'unknown']),
  wireObject({ custom: z.string() }),
  wireObject({ subAgent: z.union([z.string(), z.record(z.string(), z.unknown())]) }),
]));
export type SessionSource = z.output<typeof SessionSource>;

export const ThreadSourceKind = z.enum([
  'cli',
  'vscode',
  'exec',
  'appServer',
  'subAgent',
  'subAgentReview',
  'subAgentCompact',
  'subAgentThreadSpawn',
  'subAgentOther',
  'unknown',
]);
export type ThreadSourceKind = z.infer<typeof ThreadSourceKind>;

/** The config-file name of a sandbox policy (`workspace-write`, …), as users and models know it. */
export function sandboxModeName(sandbox: SandboxPolicy): string {
  switch (sandbox.type) {
    case 'dangerFullAccess':
      return 'danger-full-access';
    case 'readOnly':
      return 'read-only';
    case 'workspaceWrite':
      return 'workspace-write';
    case 'externalSandbox':
      return 'external-sandbox';
  }
}
