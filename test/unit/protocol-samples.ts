// One sample message per method of the protocol tables (client request params and result, server
// request params and result, notification params), typed by the tables so they stay in step with
// them; protocol-table.test.ts parses each with the table's schemas and with the real Codex schema.
import type {
  ClientRequestInput,
  ClientRequestMethod,
  ClientRequestResult,
  McpServerStatus,
  ServerNotificationMethod,
  ServerNotifications,
  ServerRequestMethod,
  ServerRequests,
  ThreadSessionResult,
} from '@protocol';
import { THREAD_ID, everyItem, thread, turn } from '../webview/fixtures';

const TURN_ID = '019a0000-0000-7000-8000-0000000000b1';
const CWD = '/work/ws';
const sampleTurn = turn(TURN_ID, everyItem('s'));
const sampleThread = thread([sampleTurn]);
const goal = { threadId: THREAD_ID, objective: 'Ship it', status: 'active' as const, tokenBudget: null, tokensUsed: 10, timeUsedSeconds: 2, createdAt: 1_700_000_000, updatedAt: 1_700_000_001 };
const usage = { totalTokens: 30, inputTokens: 20, cachedInputTokens: 5, cacheWriteInputTokens: 0, outputTokens: 10, reasoningOutputTokens: 2 };
const rateLimits = {
  limitId: null,
  limitName: null,
  normalModelSlug: null,
  primary: { usedPercent: 12, windowDurationMins: 300, resetsAt: 1_700_003_600 },
  secondary: null,
  credits: null,
  individualLimit: null,
  spendControlReached: null,
  planType: null,
  rateLimitReachedType: null,
};
const fuzzyFile = { root: CWD, path: 'src/a.ts', match_type: 'file' as const, file_name: 'a.ts', score: 42, indices: [4, 5] };
const layer = { name: { type: 'user' as const, file: '/home/u/.codex/config.toml', profile: null }, version: 'sha256:ab' };

const session: ThreadSessionResult = {
  thread: sampleThread,
  model: 'gpt-5.5',
  modelProvider: 'openai',
  serviceTier: null,
  disabledPluginIds: [],
  cwd: CWD,
  instructionSources: [],
  approvalPolicy: 'on-request',
  approvalsReviewer: 'user',
  sandbox: { type: 'workspaceWrite', writableRoots: [], networkAccess: false, excludeTmpdirEnvVar: false, excludeSlashTmp: false },
  reasoningEffort: 'medium',
};

const mcpStatus: McpServerStatus = {
  name: 'everything',
  authStatus: 'unsupported',
  tools: { echo: { name: 'echo', description: 'Echoes', inputSchema: { type: 'object' } } },
  resources: [{ name: 'readme', uri: 'test://readme', mimeType: 'text/plain' }],
  resourceTemplates: [{ name: 'file', uriTemplate: 'test://files/{name}' }],
  runtimeStatus: 'connected',
  serverInfo: { name: 'everything', version: '1.0.0' },
  httpOrigin: null,
  pluginId: null,
  toolsError: null,
};

const byThread = { threadId: THREAD_ID };

export const clientRequestSamples: { [M in ClientRequestMethod]: { params: ClientRequestInput<M>; result: ClientRequestResult<M> } } = {
  initialize: {
    params: { clientInfo: { name: 'codex-ts', title: 'Codex TS', version: '0.1.0' }, capabilities: { experimentalApi: true } },
    result: { userAgent: 'codex-ts/0.1.0 (linux 6.1; x64) codex-ts/0.1.0', codexHome: '/home/u/.codex', platformFamily: 'unix', platformOs: 'linux' },
  },
  'thread/start': { params: { cwd: CWD, approvalPolicy: 'on-request', sandbox: 'workspace-write' }, result: session },
  'thread/resume': {
    params: { threadId: THREAD_ID, excludeTurns: true },
    result: { ...session, collaborationMode: null, turnsBackwardsCursor: null, itemsBackwardsCursor: null },
  },
  'thread/fork': { params: { threadId: THREAD_ID }, result: session },
  'thread/read': { params: { threadId: THREAD_ID, includeTurns: true }, result: { thread: sampleThread } },
  'thread/list': { params: { limit: 25, sortKey: 'updated_at' }, result: { data: [sampleThread], nextCursor: '25', backwardsCursor: null } },
  'thread/loaded/list': { params: {}, result: { data: [THREAD_ID], nextCursor: null } },
  'thread/turns/list': { params: { threadId: THREAD_ID, limit: 10 }, result: { data: [sampleTurn], nextCursor: null, backwardsCursor: null } },
  'thread/archive': { params: byThread, result: {} },
  'thread/unarchive': { params: byThread, result: { thread: sampleThread } },
  'thread/unsubscribe': { params: byThread, result: { status: 'unsubscribed' } },
  'thread/name/set': { params: { threadId: THREAD_ID, name: 'Bug hunt' }, result: {} },
  'thread/rollback': { params: { threadId: THREAD_ID, numTurns: 1 }, result: { thread: sampleThread } },
  'thread/goal/set': { params: { threadId: THREAD_ID, objective: 'Ship it' }, result: { goal } },
  'thread/goal/get': { params: byThread, result: { goal: null } },
  'thread/goal/clear': { params: byThread, result: { cleared: true } },
  'turn/start': {
    params: { threadId: THREAD_ID, input: [{ type: 'text', text: 'hello' }], collaborationMode: { mode: 'plan', settings: { model: 'gpt-5.5', reasoning_effort: null, developer_instructions: null } } },
    result: { turn: { ...turn(TURN_ID, [], 'inProgress'), itemsView: 'notLoaded' } },
  },
  'turn/steer': { params: { threadId: THREAD_ID, input: [{ type: 'text', text: 'also this' }], expectedTurnId: TURN_ID }, result: { turnId: TURN_ID } },
  'turn/interrupt': { params: { threadId: THREAD_ID, turnId: TURN_ID }, result: {} },
  'thread/compact/start': { params: byThread, result: {} },
  'review/start': { params: { threadId: THREAD_ID, target: { type: 'uncommittedChanges' } }, result: { turn: turn(TURN_ID, [], 'inProgress'), reviewThreadId: THREAD_ID } },
  'model/list': {
    params: { limit: 1 },
    result: {
      data: [
        {
          id: 'gpt-5.5',
          model: 'gpt-5.5',
          upgrade: null,
          upgradeInfo: null,
          availabilityNux: null,
          displayName: 'GPT-5.5',
          description: 'The default model',
          modelSpecialty: null,
          hidden: false,
          supportedReasoningEfforts: [{ reasoningEffort: 'medium', description: 'balanced' }],
          defaultReasoningEffort: 'medium',
          inputModalities: ['text', 'image'],
          supportsPersonality: false,
          multiAgentVersion: null,
          additionalSpeedTiers: [],
          serviceTiers: [],
          defaultServiceTier: null,
          availableAccessPrograms: null,
          isDefault: true,
        },
      ],
      nextCursor: '1',
    },
  },
  'account/read': { params: {}, result: { account: { type: 'apiKey' }, userId: null, requiresOpenaiAuth: true } },
  'account/login/start': { params: { type: 'apiKey', apiKey: 'sk-test' }, result: { type: 'apiKey' } },
  'account/logout': { params: null, result: {} },
  'account/rateLimits/read': {
    params: null,
    result: { ordinaryUsageAllowed: null, rateLimits, rateLimitsByLimitId: null, rateLimitResetCredits: null, accountId: null, rateLimitUpsell: null },
  },
  'feedback/upload': { params: { classification: 'bug', reason: 'it broke', threadId: THREAD_ID }, result: { threadId: THREAD_ID, promptHash: null } },
  fuzzyFileSearch: { params: { query: 'a.ts', roots: [CWD], cancellationToken: null }, result: { files: [fuzzyFile] } },
  'fuzzyFileSearch/sessionStart': { params: { sessionId: 's1', roots: [CWD] }, result: {} },
  'fuzzyFileSearch/sessionUpdate': { params: { sessionId: 's1', query: 'a' }, result: {} },
  'fuzzyFileSearch/sessionStop': { params: { sessionId: 's1' }, result: {} },
  'config/read': {
    params: { includeLayers: true, cwd: CWD },
    result: { config: { model: 'gpt-5.5' }, origins: { model: layer }, layers: [{ ...layer, config: { model: 'gpt-5.5' }, disabledReason: null }] },
  },
  'config/value/write': {
    params: { keyPath: 'model', value: 'gpt-5.5', mergeStrategy: 'replace' },
    result: { status: 'ok', version: 'sha256:cd', filePath: '/home/u/.codex/config.toml', overriddenMetadata: null },
  },
  'config/batchWrite': {
    params: { edits: [{ keyPath: 'model', value: 'gpt-5.5', mergeStrategy: 'replace' }] },
    result: {
      status: 'okOverridden',
      version: 'sha256:ef',
      filePath: '/home/u/.codex/config.toml',
      overriddenMetadata: { message: 'model is overridden by a -c command-line override', overridingLayer: { name: { type: 'sessionFlags' }, version: 'sha256:00' }, effectiveValue: 'o3' },
    },
  },
  'configRequirements/read': {
    params: null,
    result: {
      requirements: { allowedApprovalPolicies: ['on-request', 'never'], allowedSandboxModes: ['read-only'], allowedWebSearchModes: null, enforceResidency: null, allowLoginShell: null, network: null },
    },
  },
  'skills/list': {
    params: { cwds: [CWD] },
    result: {
      data: [{ cwd: CWD, skills: [{ name: 'review', description: 'Reviews code', path: `${CWD}/.codex/skills/review/SKILL.md`, scope: 'repo', enabled: true, pluginId: null }], errors: [] }],
    },
  },
  'windowsSandbox/setupStart': { params: { mode: 'unelevated' }, result: { started: false } },
  'mcpServer/oauth/login': { params: { name: 'docs' }, result: { authorizationUrl: 'https://auth.example.com/authorize?x=1', loginId: 'l1' } },
  'mcpServerStatus/list': { params: { threadId: THREAD_ID }, result: { data: [mcpStatus], nextCursor: null } },
  'config/mcpServer/reload': { params: null, result: {} },
  'mcpServer/resource/read': { params: { server: 'everything', uri: 'test://readme', threadId: THREAD_ID }, result: { contents: [{ uri: 'test://readme', mimeType: 'text/plain', text: 'hi' }] } },
  'mcpServer/tool/call': {
    params: { server: 'everything', tool: 'echo', threadId: THREAD_ID, arguments: { message: 'hi' } },
    result: { content: [{ type: 'text', text: 'Echo: hi' }], isError: false },
  },
};

export const serverRequestSamples: { [M in ServerRequestMethod]: ServerRequests[M] } = {
  'item/commandExecution/requestApproval': {
    params: {
      kind: 'command',
      ...byThread,
      turnId: TURN_ID,
      itemId: 'call_1',
      startedAtMs: 1_700_000_000_000,
      environmentId: 'local',
      reason: null,
      command: '/bin/bash -lc "echo hello"',
      cwd: CWD,
      commandActions: [{ type: 'unknown', command: 'echo hello' }],
      proposedExecpolicyAmendment: ['echo', 'hello'],
      availableDecisions: ['accept', { acceptWithExecpolicyAmendment: { execpolicy_amendment: ['echo', 'hello'] } }, 'cancel'],
    },
    result: { decision: { applyNetworkPolicyAmendment: { network_policy_amendment: { host: 'example.com', action: 'allow' } } } },
  },
  'item/fileChange/requestApproval': {
    params: { ...byThread, turnId: TURN_ID, itemId: 'call_2', startedAtMs: 1_700_000_000_000, reason: null, grantRoot: null },
    result: { decision: 'acceptForSession' },
  },
  'item/tool/requestUserInput': {
    params: {
      ...byThread,
      turnId: TURN_ID,
      itemId: 'call_3',
      questions: [{ id: 'db', header: 'Database', question: 'Which one?', isOther: true, isSecret: false, options: [{ label: 'Postgres', description: 'relational' }] }],
      isBlocking: true,
      autoResolutionMs: null,
    },
    result: { answers: { db: { answers: ['Postgres'] } } },
  },
  'mcpServer/elicitation/request': {
    params: { ...byThread, turnId: TURN_ID, serverName: 'everything', mode: 'form', message: 'Your name?', requestedSchema: { type: 'object', properties: { name: { type: 'string' } } }, _meta: null },
    result: { action: 'accept', content: { name: 'Ada' }, _meta: null },
  },
};

const ofTurn = { ...byThread, turnId: TURN_ID };
const ofItem = { ...ofTurn, itemId: 's-answer' };

export const notificationSamples: { [M in ServerNotificationMethod]: ServerNotifications[M] } = {
  error: { error: { message: 'overloaded', codexErrorInfo: 'serverOverloaded', additionalDetails: null, misalignment: null }, willRetry: true, ...ofTurn },
  warning: { threadId: null, message: 'Model metadata not found' },
  deprecationNotice: { summary: 'Use excludeTurns', details: null },
  configWarning: { summary: 'unknown key', details: 'foo is not a setting', path: '/home/u/.codex/config.toml', range: { start: { line: 3, column: 1 }, end: { line: 3, column: 4 } } },
  'thread/started': { thread: sampleThread },
  'thread/status/changed': { ...byThread, status: { type: 'active', activeFlags: ['waitingOnApproval'] } },
  'thread/readState/changed': { ...byThread, readState: { firstUnread: { type: 'turn', turnId: TURN_ID }, revision: '3' } },
  'thread/archived': byThread,
  'thread/unarchived': byThread,
  'thread/closed': byThread,
  'thread/name/updated': { ...byThread, threadName: 'Bug hunt' },
  'thread/goal/updated': { ...byThread, turnId: null, goal },
  'thread/goal/cleared': byThread,
  'thread/compacted': ofTurn,
  'thread/tokenUsage/updated': { ...ofTurn, tokenUsage: { total: usage, last: usage, modelContextWindow: 258_400 } },
  'turn/started': { ...byThread, turn: turn(TURN_ID, [], 'inProgress') },
  'turn/completed': { ...byThread, turn: sampleTurn },
  'turn/diff/updated': { ...ofTurn, diff: 'diff --git a/a b/a\n' },
  'turn/plan/updated': { ...ofTurn, explanation: null, plan: [{ step: 'Read', status: 'completed' }, { step: 'Fix', status: 'inProgress' }] },
  'item/started': { item: everyItem('started')[3]!, ...ofTurn, startedAtMs: 1_700_000_000_000 },
  'item/completed': { item: everyItem('done')[5]!, ...ofTurn, completedAtMs: 1_700_000_000_500 },
  'item/agentMessage/delta': { ...ofItem, delta: 'Hel' },
  'item/reasoning/summaryTextDelta': { ...ofItem, delta: 'Think', summaryIndex: 0 },
  'item/reasoning/summaryPartAdded': { ...ofItem, summaryIndex: 1 },
  'item/reasoning/textDelta': { ...ofItem, delta: 'raw', contentIndex: 0 },
  'item/commandExecution/outputDelta': { ...ofItem, delta: 'tick 2\n' },
  'item/commandExecution/terminalInteraction': { ...ofItem, processId: '42', stdin: 'y\n' },
  'serverRequest/resolved': { ...byThread, requestId: 0 },
  'account/rateLimits/updated': { rateLimits },
  'account/updated': { authMode: 'apikey', planType: null },
  'account/login/completed': { loginId: null, success: true, error: null, onboardingEntrypoint: null },
  'fuzzyFileSearch/sessionUpdated': { sessionId: 's1', query: 'a', files: [fuzzyFile] },
  'fuzzyFileSearch/sessionCompleted': { sessionId: 's1' },
  'windowsSandbox/setupCompleted': { mode: 'unelevated', success: false, error: 'not Windows' },
  'mcpServer/oauthLogin/completed': { name: 'docs', success: true, error: null, loginId: 'l1', threadId: null },
  'mcpServer/startupStatus/updated': { name: 'everything', status: 'ready', error: null, threadId: THREAD_ID },
  'item/mcpToolCall/progress': { ...ofItem, message: '50%' },
};
