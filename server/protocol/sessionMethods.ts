// Params and results of the methods about the session rather than a thread: initialize,
// model/list, account/*, feedback/upload and windowsSandbox/setupStart, with the account and
// sandbox-setup notification payloads.
import * as z from 'zod';
import { Opaque, wireObject } from './wire';

export const InitializeParams = z.object({
  clientInfo: z.object({ name: z.string(), title: z.string().nullish(), version: z.string() }),
  capabilities: z
    .object({
      /** Opts in to the methods the table marks experimental. */
      experimentalApi: z.boolean().optional(),
      optOutNotificationMethods: z.array(z.string()).nullish(),
    })
    .nullish(),
});
export const InitializeResult = z.lazy(() => wireObject({ userAgent: z.string(), codexHome: z.string(), platformFamily: z.string(), platformOs: z.string() }));

export const ModelListParams = z.object({
  modelProvider: z.string().nullish(),
  cursor: z.string().nullish(),
  limit: z.number().int().min(1).nullish(),
  includeHidden: z.boolean().nullish(),
});
export const ModelInfo = z.lazy(() => wireObject({
  id: z.string(),
  model: z.string(),
  upgrade: z.string().nullable(),
  upgradeInfo: Opaque,
  availabilityNux: Opaque,
  displayName: z.string(),
  description: z.string(),
  modelSpecialty: z.string().nullable(),
  hidden: z.boolean(),
  supportedReasoningEfforts: z.array(wireObject({ reasoningEffort: z.string(), description: z.string() })),
  defaultReasoningEffort: z.string(),
  inputModalities: z.array(z.enum(['text', 'image', 'audio'])),
  supportsPersonality: z.boolean(),
  multiAgentVersion: Opaque,
  additionalSpeedTiers: z.array(z.string()),
  serviceTiers: z.array(Opaque),
  defaultServiceTier: z.string().nullable(),
  availableAccessPrograms: Opaque,
  isDefault: z.boolean(),
}));
export type ModelInfo = z.output<typeof ModelInfo>;
export const ModelListResult = z.lazy(() => wireObject({ data: z.array(ModelInfo), nextCursor: z.string().nullable() }));

export const AccountReadParams = z.object({ refreshToken: z.boolean().optional() });
/** The signed-in account: codex-ts only knows API keys; Codex also reports ChatGPT and cloud accounts. */
export const Account = z.lazy(() => z.discriminatedUnion('type', [
  wireObject({ type: z.literal('apiKey') }),
  wireObject({ type: z.literal('chatgpt'), email: z.string().nullable(), planType: z.string(), workspaceName: z.string().nullable() }),
  wireObject({ type: z.literal('amazonBedrock'), usesCodexManagedCredentials: z.boolean() }),
  wireObject({ type: z.literal('gcp') }),
]));
export const AccountReadResult = z.lazy(() => wireObject({ account: Account.nullable(), userId: z.string().nullable(), requiresOpenaiAuth: z.boolean() }));

export const AccountLoginStartParams = z.discriminatedUnion('type', [z.object({ type: z.literal('apiKey'), apiKey: z.string().min(1) })]);
/** How the login proceeds: at once for a key; the browser and device-code kinds are Codex's. */
export const AccountLoginStartResult = z.lazy(() => z.discriminatedUnion('type', [
  wireObject({ type: z.literal('apiKey') }),
  wireObject({ type: z.literal('chatgpt'), loginId: z.string(), authUrl: z.string() }),
  wireObject({ type: z.literal('chatgptDeviceCode'), loginId: z.string(), verificationUrl: z.string(), userCode: z.string() }),
  wireObject({ type: z.literal('chatgptAuthTokens') }),
  wireObject({ type: z.literal('amazonBedrock') }),
]));

const RateLimitWindow = wireObject({ usedPercent: z.number(), windowDurationMins: z.number().nullable(), resetsAt: z.number().nullable() });
export const RateLimitSnapshot = z.lazy(() => wireObject({
  limitId: z.string().nullable(),
  limitName: z.string().nullable(),
  normalModelSlug: z.string().nullable(),
  primary: RateLimitWindow.nullable(),
  secondary: RateLimitWindow.nullable(),
  credits: Opaque,
  individualLimit: Opaque,
  spendControlReached: z.boolean().nullable(),
  planType: Opaque,
  rateLimitReachedType: Opaque,
}));
export type RateLimitSnapshot = z.output<typeof RateLimitSnapshot>;
export const AccountRateLimitsReadResult = z.lazy(() => wireObject({
  ordinaryUsageAllowed: z.boolean().nullable(),
  rateLimits: RateLimitSnapshot,
  rateLimitsByLimitId: z.record(z.string(), RateLimitSnapshot).nullable(),
  rateLimitResetCredits: Opaque,
  accountId: z.string().nullable(),
  rateLimitUpsell: Opaque,
}));

export const AccountRateLimitsUpdated = z.lazy(() => wireObject({ rateLimits: RateLimitSnapshot }));
/** codex-ts signs in with API keys only (`apikey`); the other modes are Codex's. */
const AuthMode = z.enum(['apikey', 'chatgpt', 'chatgptAuthTokens', 'headers', 'agentIdentity', 'personalAccessToken', 'bedrockApiKey', 'bedrockAccessKeys']);
export const AccountUpdated = z.lazy(() => wireObject({ authMode: AuthMode.nullable(), planType: Opaque }));
export const AccountLoginCompleted = z.lazy(() => wireObject({
  loginId: z.string().nullable(),
  success: z.boolean(),
  error: z.string().nullable(),
  onboardingEntrypoint: Opaque,
}));

export const FeedbackUploadParams = z.object({
  classification: z.string(),
  reason: z.string().nullish(),
  threadId: z.string().nullish(),
  includeLogs: z.boolean().optional(),
  extraLogFiles: z.array(z.string()).nullish(),
  tags: z.record(z.string(), z.string()).nullish(),
});
export const FeedbackUploadResult = z.lazy(() => wireObject({ threadId: z.string(), promptHash: z.string().nullable() }));

const WindowsSandboxSetupMode = z.enum(['elevated', 'unelevated']);
export const WindowsSandboxSetupStartParams = z.object({ mode: WindowsSandboxSetupMode, cwd: z.string().nullish() });
export const WindowsSandboxSetupStartResult = z.lazy(() => wireObject({ started: z.boolean() }));
export const WindowsSandboxSetupCompleted = z.lazy(() => wireObject({ mode: WindowsSandboxSetupMode, success: z.boolean(), error: z.string().nullable() }));
