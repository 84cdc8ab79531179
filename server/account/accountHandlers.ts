// account/* methods for API-key accounts: read, login with a key (stored in auth.json, 0600),
// logout, and rate limits (an API key has none to report, so every window is null).
import type { MethodRouter } from '../rpc/methodRouter';
import type { ClientConnection } from '../rpc/clientConnection';
import type { AuthStore } from './authStore';
import { EMPTY_RATE_LIMITS } from './rateLimits';

export interface AccountDeps {
  readonly auth: AuthStore;
  readonly connection: ClientConnection;
  /** Whether the configured provider authenticates with an OpenAI key (vs. a local model). */
  readonly requiresOpenaiAuth: () => boolean;
  readonly env: NodeJS.ProcessEnv;
}

export function registerAccountHandlers(router: MethodRouter, deps: AccountDeps): void {
  router.on('account/read', () => {
    const hasKey = deps.auth.apiKey() !== null || Boolean(deps.env.OPENAI_API_KEY);
    return { account: hasKey ? { type: 'apiKey' } : null, userId: null, requiresOpenaiAuth: deps.requiresOpenaiAuth() };
  });
  router.on('account/login/start', (params) => {
    deps.auth.saveApiKey(params.apiKey);
    // Completion is announced after the response, as for the interactive login kinds.
    setImmediate(() => {
      deps.connection.notify('account/login/completed', { loginId: null, success: true, error: null, onboardingEntrypoint: null });
      deps.connection.notify('account/updated', { authMode: 'apikey', planType: null });
    });
    return { type: 'apiKey' };
  });
  router.on('account/logout', () => {
    deps.auth.clear();
    setImmediate(() => deps.connection.notify('account/updated', { authMode: null, planType: null }));
    return {};
  });
  router.on('account/rateLimits/read', () => ({
    ordinaryUsageAllowed: null,
    rateLimits: EMPTY_RATE_LIMITS,
    rateLimitsByLimitId: null,
    rateLimitResetCredits: null,
    accountId: null,
    rateLimitUpsell: null,
  }));
}
