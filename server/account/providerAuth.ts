// How model providers get their credentials: the API key stored by account/login/start stands in
// for an unset or empty OPENAI_API_KEY, and whether the configured provider needs OpenAI auth at
// all (a local model does not).
import type { EffectiveSettings } from '../config/effectiveConfig';
import { resolveProvider } from '../models';
import type { AuthStore } from './authStore';

/** The environment a provider sees: an empty OPENAI_API_KEY must not hide the stored key. */
export function providerEnv(auth: AuthStore, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...env, OPENAI_API_KEY: env.OPENAI_API_KEY || auth.apiKey() || undefined };
}

/** Whether the configured provider authenticates with an OpenAI key; a broken provider config counts as yes. */
export function requiresOpenaiAuth(settings: EffectiveSettings, env: NodeJS.ProcessEnv = process.env): boolean {
  try {
    return resolveProvider(settings.model_provider, settings.model_providers, env).requiresOpenaiAuth;
  } catch {
    return true;
  }
}
