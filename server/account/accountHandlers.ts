// account/* methods for API-key accounts: read, login with a key (stored in auth.json, 0600),
// logout, and rate limits (an API key has none to report, so every window is null).
import type { HandlerMap } from '../rpc/methodRouter';
import type { Notify } from '../protocol/senders';
import type { AuthStore } from './authStore';
import { EMPTY_RATE_LIMITS } from './rateLimits';

export interface AccountDeps {
  readonly auth: AuthStore;
  readonly notify: Notify;
  /** Whether the configured provider authenticates with an OpenAI key (vs. a local model). */
  readonly requiresOpenaiAuth: () => boolean;
  readonly env: NodeJS.ProcessEnv;
}

export function accountHandlers(deps: AccountDeps) {
  return {
    'account/read': () => {
      const hasKey = deps.auth.apiKey() !== null || Boolean(deps.env.OPENAI_API_KEY);
      return { account: hasKey ? { type: 'apiKey' } : null, userId: null, requiresOpenaiAuth: deps.requiresOpenaiAuth() };
    },
    'account/login/start': (params) => {
      deps.auth.saveApiKey(params.apiKey);
      // Completion is announced after the response, as for the interactive login kinds.
      setImmediate(() => {
        deps.notify('account/login/completed', { loginId: null, success: true, error: null, onboardingEntrypoint: null });
        deps.notify('account/updated', { authMode: 'apikey', planType: null });
      });
      return { type: 'apiKey' };
    },
    'account/logout': () => {
      deps.auth.clear();
      setImmediate(() => deps.notify('account/updated', { authMode: null, planType: null }));
      return {};
    },
    'account/rateLimits/read': () => ({
      ordinaryUsageAllowed: null,
      rateLimits: EMPTY_RATE_LIMITS,
      rateLimitsByLimitId: null,
      rateLimitResetCredits: null,
      accountId: null,
      rateLimitUpsell: null,
    }),
  } satisfies Partial<HandlerMap>;
}
