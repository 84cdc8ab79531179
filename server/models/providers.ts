// Model providers: the built-in ones (openai, ollama, lmstudio) and user entries from config.toml's
// [model_providers] table, validated with clear key-naming errors and resolved against the environment
// (API key, env-sourced headers) into one `ModelProviderInfo` the clients consume.

import * as z from 'zod';
import { lazy } from '../util/lazy';

export type WireApi = 'responses' | 'chat';

export interface ModelProviderInfo {
  id: string;
  name: string;
  baseUrl: string;
  wireApi: WireApi;
  /** Environment variable holding the API key. */
  envKey?: string;
  /** Shown when the key is missing (how to get one). */
  envKeyInstructions?: string;
  /** The resolved key (`experimental_bearer_token`, else `$envKey`); absent for keyless local servers. */
  apiKey?: string;
  /** Static headers sent with every request. */
  httpHeaders: Record<string, string>;
  /** Header name → environment variable; sent only when the variable is set and non-empty. */
  envHttpHeaders: Record<string, string>;
  /** `httpHeaders` plus the env-sourced headers that resolved: what is actually sent. */
  requestHeaders: Record<string, string>;
  /** Appended to every request URL (e.g. Azure's `api-version`). */
  queryParams: Record<string, string>;
  requestMaxRetries: number;
  streamMaxRetries: number;
  streamIdleTimeoutMs: number;
  /** True for OpenAI itself: the key may also come from a login instead of the environment. */
  requiresOpenaiAuth: boolean;
}

/** Codex's defaults (model_provider_info.rs). */
export const DEFAULT_REQUEST_MAX_RETRIES = 4;
export const DEFAULT_STREAM_MAX_RETRIES = 5;
export const DEFAULT_STREAM_IDLE_TIMEOUT_MS = 300_000;
/** Codex clamps user-configured retry counts to this. */
export const MAX_RETRIES = 100;
export const DEFAULT_OLLAMA_PORT = 11434;
export const DEFAULT_LMSTUDIO_PORT = 1234;

export type Env = Readonly<Record<string, string | undefined>>;

export class ProviderConfigError extends Error {
  override readonly name = 'ProviderConfigError';
  /** The dotted config key at fault, when there is one (`model_providers.mock.wire_api`). */
  readonly key?: string;
  constructor(message: string, key?: string) {
    super(message);
    if (key !== undefined) this.key = key;
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

type ProviderDefaults = Omit<ModelProviderInfo, 'apiKey' | 'requestHeaders'>;

function baseDefaults(id: string, name: string, baseUrl: string, wireApi: WireApi): ProviderDefaults {
  return {
    id,
    name,
    baseUrl,
    wireApi,
    httpHeaders: {},
    envHttpHeaders: {},
    queryParams: {},
    requestMaxRetries: DEFAULT_REQUEST_MAX_RETRIES,
    streamMaxRetries: DEFAULT_STREAM_MAX_RETRIES,
    streamIdleTimeoutMs: DEFAULT_STREAM_IDLE_TIMEOUT_MS,
    requiresOpenaiAuth: false,
  };
}

/** Local servers: `CODEX_OSS_BASE_URL`, else `http://localhost:$CODEX_OSS_PORT/v1` (both as in Codex). */
function ossBaseUrl(env: Env, defaultPort: number): string {
  const explicit = nonEmpty(env['CODEX_OSS_BASE_URL']);
  if (explicit) return explicit;
  const port = Number(nonEmpty(env['CODEX_OSS_PORT']) ?? defaultPort);
  return `http://localhost:${Number.isInteger(port) && port > 0 ? port : defaultPort}/v1`;
}

/**
 * The built-in providers. Codex 0.169 talks to Ollama and LM Studio over the Responses API (its chat wire API
 * is gone); `ollama-chat` is kept here for Ollama versions without `/v1/responses`.
 */
export function builtInProviders(env: Env): Record<string, ProviderDefaults> {
  return {
    openai: {
      ...baseDefaults('openai', 'OpenAI', nonEmpty(env['OPENAI_BASE_URL']) ?? 'https://api.openai.com/v1', 'responses'),
      envKey: 'OPENAI_API_KEY',
      envKeyInstructions: 'Create an API key at https://platform.openai.com/api-keys and export it as OPENAI_API_KEY.',
      envHttpHeaders: { 'OpenAI-Organization': 'OPENAI_ORGANIZATION', 'OpenAI-Project': 'OPENAI_PROJECT' },
      requiresOpenaiAuth: true,
    },
    ollama: baseDefaults('ollama', 'Ollama', ossBaseUrl(env, DEFAULT_OLLAMA_PORT), 'responses'),
    'ollama-chat': baseDefaults('ollama-chat', 'Ollama (Chat Completions)', ossBaseUrl(env, DEFAULT_OLLAMA_PORT), 'chat'),
    lmstudio: baseDefaults('lmstudio', 'LM Studio', ossBaseUrl(env, DEFAULT_LMSTUDIO_PORT), 'responses'),
  };
}

// ---- user entries ----

/** TOML integers may arrive as bigint (smol-toml's integersAsBigInt); counts are clamped like Codex does. */
function intField(min: number, message: string): z.ZodType<number> {
  return z.preprocess(
    (value) => (typeof value === 'bigint' ? Number(value) : value),
    z.number({ error: message }).int({ error: message }).min(min, { error: message }),
  );
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The `[model_providers.<id>]` validator, built on first use (lazy.ts). */
const providerEntrySchema = lazy(() => {
  const stringMap = z.record(z.string(), z.string({ error: 'expected a string value' }), { error: 'expected a table of strings' });
  return z.object({
    name: z.string({ error: 'expected a string' }).optional(),
    base_url: z.string({ error: 'expected a URL string' }).refine(isHttpUrl, { error: 'expected an http(s) URL' }).optional(),
    wire_api: z.enum(['responses', 'chat'], { error: 'expected "responses" or "chat"' }).optional(),
    env_key: z.string({ error: 'expected a string' }).min(1, { error: 'expected a non-empty variable name' }).optional(),
    env_key_instructions: z.string({ error: 'expected a string' }).optional(),
    experimental_bearer_token: z.string({ error: 'expected a string' }).optional(),
    http_headers: stringMap.optional(),
    env_http_headers: stringMap.optional(),
    query_params: stringMap.optional(),
    request_max_retries: intField(0, 'expected a non-negative integer').optional(),
    stream_max_retries: intField(0, 'expected a non-negative integer').optional(),
    stream_idle_timeout_ms: intField(1, 'expected a positive integer (milliseconds)').optional(),
    requires_openai_auth: z.boolean({ error: 'expected true or false' }).optional(),
  });
});

export type ProviderEntry = z.infer<ReturnType<typeof providerEntrySchema>>;

function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Validates one `[model_providers.<id>]` table; errors name the full key. */
export function parseProviderEntry(id: string, raw: unknown): ProviderEntry {
  const prefix = `model_providers.${id}`;
  if (!isTable(raw)) throw new ProviderConfigError(`${prefix}: expected a table`, prefix);
  const parsed = providerEntrySchema().safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = [prefix, ...(issue?.path.map(String) ?? [])].join('.');
    throw new ProviderConfigError(`${key}: ${issue?.message ?? 'invalid value'}`, key);
  }
  return parsed.data;
}

function applyEntry(defaults: ProviderDefaults | undefined, id: string, entry: ProviderEntry): ProviderDefaults {
  const baseUrl = entry.base_url ?? defaults?.baseUrl;
  if (!baseUrl) {
    const key = `model_providers.${id}.base_url`;
    throw new ProviderConfigError(`${key}: required for a custom provider (e.g. "http://localhost:8000/v1")`, key);
  }
  const base = defaults ?? baseDefaults(id, entry.name ?? id, baseUrl, 'responses');
  const merged: ProviderDefaults = {
    ...base,
    name: entry.name ?? base.name,
    baseUrl,
    wireApi: entry.wire_api ?? base.wireApi,
    httpHeaders: { ...base.httpHeaders, ...entry.http_headers },
    envHttpHeaders: { ...base.envHttpHeaders, ...entry.env_http_headers },
    queryParams: { ...base.queryParams, ...entry.query_params },
    requestMaxRetries: Math.min(entry.request_max_retries ?? base.requestMaxRetries, MAX_RETRIES),
    streamMaxRetries: Math.min(entry.stream_max_retries ?? base.streamMaxRetries, MAX_RETRIES),
    streamIdleTimeoutMs: entry.stream_idle_timeout_ms ?? base.streamIdleTimeoutMs,
    requiresOpenaiAuth: entry.requires_openai_auth ?? base.requiresOpenaiAuth,
  };
  if (entry.env_key !== undefined) merged.envKey = entry.env_key;
  if (entry.env_key_instructions !== undefined) merged.envKeyInstructions = entry.env_key_instructions;
  return merged;
}

function finish(info: ProviderDefaults, bearerToken: string | undefined, env: Env): ModelProviderInfo {
  const requestHeaders = { ...info.httpHeaders };
  for (const [header, variable] of Object.entries(info.envHttpHeaders)) {
    const value = nonEmpty(env[variable]);
    if (value) requestHeaders[header] = value;
  }
  const apiKey = nonEmpty(bearerToken) ?? (info.envKey ? nonEmpty(env[info.envKey]) : undefined);
  return { ...info, requestHeaders, ...(apiKey ? { apiKey } : {}) };
}

/**
 * Resolves provider `id` from the built-ins and the parsed `[model_providers]` table (`unknown`: it comes
 * straight from TOML). A user entry with a built-in id overrides the fields it sets. A missing API key is
 * not an error here (the provider can still be listed); `createModelClient` reports it.
 */
export function resolveProvider(id: string, modelProvidersTable: unknown, env: Env): ModelProviderInfo {
  if (modelProvidersTable !== undefined && modelProvidersTable !== null && !isTable(modelProvidersTable)) {
    throw new ProviderConfigError('model_providers: expected a table of provider tables', 'model_providers');
  }
  const table = isTable(modelProvidersTable) ? modelProvidersTable : {};
  const builtIns = builtInProviders(env);
  const raw = table[id];
  const defaults = builtIns[id];
  if (raw === undefined) {
    if (!defaults) {
      const known = [...Object.keys(builtIns), ...Object.keys(table)].join(', ');
      throw new ProviderConfigError(
        `Model provider "${id}" is not defined: add a [model_providers.${id}] table to config.toml (known providers: ${known}).`,
        'model_provider',
      );
    }
    return finish(defaults, undefined, env);
  }
  const entry = parseProviderEntry(id, raw);
  return finish(applyEntry(defaults, id, entry), entry.experimental_bearer_token, env);
}

/** Every provider id available: built-ins first, then user-defined ones (for `modelProvider/list`). */
export function providerIds(modelProvidersTable: unknown, env: Env): string[] {
  const ids = Object.keys(builtInProviders(env));
  if (isTable(modelProvidersTable)) for (const id of Object.keys(modelProvidersTable)) if (!ids.includes(id)) ids.push(id);
  return ids;
}

/** The error for a provider that needs a key from the environment and has none. */
export function missingApiKeyError(provider: ModelProviderInfo): ProviderConfigError {
  const variable = provider.envKey ?? 'the API key variable';
  const hint = provider.envKeyInstructions ? ` ${provider.envKeyInstructions}` : '';
  return new ProviderConfigError(
    `Missing environment variable: \`${variable}\` (the API key for model provider "${provider.id}").${hint}`,
    `model_providers.${provider.id}.env_key`,
  );
}
