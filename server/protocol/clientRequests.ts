// Client → server requests: one entry per method with its params schema (validated at the stdio
// boundary), its result schema (so a client can validate what a server answers) and whether it is
// experimental (refused unless the client set `capabilities.experimentalApi` in initialize, as
// Codex does). Adding a method = one entry here + one handler.
import * as z from 'zod';
import { ConfigBatchWriteParams, ConfigReadParams, ConfigReadResult, ConfigRequirementsReadResult, ConfigValueWriteParams, ConfigWriteResult } from './config';
import { McpServerOauthLoginParams, McpServerOauthLoginResult } from './mcpOauth';
import {
  ListMcpServerStatusParams,
  ListMcpServerStatusResult,
  McpResourceReadParams,
  McpResourceReadResult,
  McpServerToolCallParams,
  McpServerToolCallResult,
} from './mcp';
import { FuzzyFileSearchParams, FuzzyFileSearchResponse, FuzzySessionStartParams, FuzzySessionStopParams, FuzzySessionUpdateParams } from './searchMethods';
import {
  AccountLoginStartParams,
  AccountLoginStartResult,
  AccountRateLimitsReadResult,
  AccountReadParams,
  AccountReadResult,
  FeedbackUploadParams,
  FeedbackUploadResult,
  InitializeParams,
  InitializeResult,
  ModelListParams,
  ModelListResult,
  WindowsSandboxSetupStartParams,
  WindowsSandboxSetupStartResult,
} from './sessionMethods';
import { SkillsListParams, SkillsListResult } from './skills';
import {
  ThreadForkParams,
  ThreadGoalClearResult,
  ThreadGoalGetResult,
  ThreadGoalResult,
  ThreadGoalSetParams,
  ThreadIdParams,
  ThreadListParams,
  ThreadListResult,
  ThreadLoadedListParams,
  ThreadLoadedListResult,
  ThreadReadParams,
  ThreadResult,
  ThreadResumeParams,
  ThreadResumeResult,
  ThreadRollbackParams,
  ThreadSessionResult,
  ThreadSetNameParams,
  ThreadStartParams,
  ThreadTurnsListParams,
  ThreadTurnsListResult,
  ThreadUnsubscribeResult,
} from './threadMethods';
import { ReviewStartParams, ReviewStartResult, TurnInterruptParams, TurnStartParams, TurnStartResult, TurnSteerParams, TurnSteerResult } from './turnMethods';
import { EmptyResult } from './wire';

/** What one client request carries, answers and needs. */
export interface ClientRequestEntry {
  readonly params: z.ZodType;
  readonly result: z.ZodType;
  /** Served only to a client that opted in with `capabilities.experimentalApi`. */
  readonly experimental: boolean;
}

const NoParams = z.object({}).nullish();

function stable<P extends z.ZodType, R extends z.ZodType>(params: P, result: R): { params: P; result: R; experimental: false } {
  return { params, result, experimental: false };
}
function experimental<P extends z.ZodType, R extends z.ZodType>(params: P, result: R): { params: P; result: R; experimental: true } {
  return { params, result, experimental: true };
}

export const clientRequests = {
  /** The handshake: who the client is and what it opts into; first, and only once. */
  initialize: stable(InitializeParams, InitializeResult),
  /** Starts a thread with these settings (over the config's); thread/started follows. */
  'thread/start': stable(ThreadStartParams.nullish(), ThreadSessionResult),
  /** Loads a stored thread (from its rollout) and subscribes to it. */
  'thread/resume': stable(ThreadResumeParams, ThreadResumeResult),
  /** Copies a thread into a new one; thread/started follows. */
  'thread/fork': stable(ThreadForkParams, ThreadSessionResult),
  /** A thread as stored or loaded, with its turns when asked for. */
  'thread/read': stable(ThreadReadParams, ThreadResult),
  /** One page of stored threads (filtered, sorted, searched). */
  'thread/list': stable(ThreadListParams.nullish(), ThreadListResult),
  /** Ids of the threads loaded in this server. */
  'thread/loaded/list': stable(ThreadLoadedListParams.nullish(), ThreadLoadedListResult),
  /** One page of a thread's turns. */
  'thread/turns/list': stable(ThreadTurnsListParams, ThreadTurnsListResult),
  /** Moves a thread's rollout to the archive. */
  'thread/archive': stable(ThreadIdParams, EmptyResult),
  /** Brings a thread's rollout back from the archive. */
  'thread/unarchive': stable(ThreadIdParams, ThreadResult),
  /** Stops this client's subscription (the thread unloads after a grace period). */
  'thread/unsubscribe': stable(ThreadIdParams, ThreadUnsubscribeResult),
  /** Renames a thread (an empty name clears it). */
  'thread/name/set': stable(ThreadSetNameParams, EmptyResult),
  /** Drops a thread's last turns (a codex-ts extension kept from older Codex). */
  'thread/rollback': stable(ThreadRollbackParams, ThreadResult),
  /** Sets or changes a thread's goal. */
  'thread/goal/set': stable(ThreadGoalSetParams, ThreadGoalResult),
  /** A thread's goal, if it has one. */
  'thread/goal/get': stable(ThreadIdParams, ThreadGoalGetResult),
  /** Clears a thread's goal. */
  'thread/goal/clear': stable(ThreadIdParams, ThreadGoalClearResult),
  /** Starts a turn on a loaded thread; its items stream as item/* notifications. */
  'turn/start': stable(TurnStartParams, TurnStartResult),
  /** More input for the running turn. */
  'turn/steer': stable(TurnSteerParams, TurnSteerResult),
  /** Stops the running turn (turn/completed follows, interrupted). */
  'turn/interrupt': stable(TurnInterruptParams, EmptyResult),
  /** Compacts a thread's history as a turn of its own. */
  'thread/compact/start': stable(ThreadIdParams, EmptyResult),
  /** A code review as a turn (inline, or on a new thread). */
  'review/start': stable(ReviewStartParams, ReviewStartResult),
  /** The model catalogue, paged. */
  'model/list': stable(ModelListParams.nullish(), ModelListResult),
  /** The signed-in account, and whether the provider needs OpenAI credentials. */
  'account/read': stable(AccountReadParams.nullish(), AccountReadResult),
  /** Signs in (with an API key here); account/login/completed follows. */
  'account/login/start': stable(AccountLoginStartParams, AccountLoginStartResult),
  /** Forgets the stored credentials; account/updated follows. */
  'account/logout': stable(NoParams, EmptyResult),
  /** The account's rate limits. */
  'account/rateLimits/read': stable(NoParams, AccountRateLimitsReadResult),
  /** Writes a feedback bundle (logs, the thread's rollout) to disk. */
  'feedback/upload': stable(FeedbackUploadParams, FeedbackUploadResult),
  /** Fuzzy file search over some roots, once (a newer search with the same token cancels it). */
  fuzzyFileSearch: stable(FuzzyFileSearchParams, FuzzyFileSearchResponse),
  /** Starts a typing-as-you-search session over some roots. */
  'fuzzyFileSearch/sessionStart': experimental(FuzzySessionStartParams, EmptyResult),
  /** A session's new query; results come as fuzzyFileSearch/sessionUpdated. */
  'fuzzyFileSearch/sessionUpdate': experimental(FuzzySessionUpdateParams, EmptyResult),
  /** Ends a fuzzy search session. */
  'fuzzyFileSearch/sessionStop': experimental(FuzzySessionStopParams, EmptyResult),
  /** The effective config (for a cwd), with origins and optionally the layers. */
  'config/read': stable(ConfigReadParams.nullish(), ConfigReadResult),
  /** Writes one value to the user config.toml. */
  'config/value/write': stable(ConfigValueWriteParams, ConfigWriteResult),
  /** Writes several values to the user config.toml at once. */
  'config/batchWrite': stable(ConfigBatchWriteParams, ConfigWriteResult),
  /** The requirements (requirements.toml, managed config) in force. */
  'configRequirements/read': stable(NoParams, ConfigRequirementsReadResult),
  /** The skills visible from some cwds. */
  'skills/list': stable(SkillsListParams.nullish(), SkillsListResult),
  /** Sets up the Windows sandbox; windowsSandbox/setupCompleted follows. */
  'windowsSandbox/setupStart': stable(WindowsSandboxSetupStartParams, WindowsSandboxSetupStartResult),
  /** Starts an OAuth login for a streamable-HTTP MCP server; mcpServer/oauthLogin/completed follows. */
  'mcpServer/oauth/login': stable(McpServerOauthLoginParams, McpServerOauthLoginResult),
  /** The MCP servers of a thread (or of the server's cwd), their tools, resources and auth. */
  'mcpServerStatus/list': stable(ListMcpServerStatusParams.nullish(), ListMcpServerStatusResult),
  /** Re-reads the MCP servers of the config (loaded threads pick them up on their next turn). */
  'config/mcpServer/reload': stable(NoParams, EmptyResult),
  /** Reads a resource of an MCP server. */
  'mcpServer/resource/read': stable(McpResourceReadParams, McpResourceReadResult),
  /** Calls an MCP tool directly, outside a turn. */
  'mcpServer/tool/call': stable(McpServerToolCallParams, McpServerToolCallResult),
} as const satisfies Record<string, ClientRequestEntry>;

export type ClientRequestMethod = keyof typeof clientRequests;
export type ClientRequestParams<M extends ClientRequestMethod> = z.output<(typeof clientRequests)[M]['params']>;
/** What a client may send (before defaults are applied). */
export type ClientRequestInput<M extends ClientRequestMethod> = z.input<(typeof clientRequests)[M]['params']>;
export type ClientRequestResult<M extends ClientRequestMethod> = z.output<(typeof clientRequests)[M]['result']>;
/** Method → result, as one map. */
export type ClientRequestResults = { [M in ClientRequestMethod]: ClientRequestResult<M> };

/** The methods a client must opt in to with `capabilities.experimentalApi`. */
export type ExperimentalClientRequestMethod = {
  [M in ClientRequestMethod]: (typeof clientRequests)[M]['experimental'] extends true ? M : never;
}[ClientRequestMethod];

export function isClientRequestMethod(method: string): method is ClientRequestMethod {
  return Object.prototype.hasOwnProperty.call(clientRequests, method);
}
