// Asks a model provider on this machine (Ollama, LM Studio, an OpenAI-compatible server on a
// loopback address) which models it serves: GET {base_url}/models, the OpenAI list shape all of
// them answer. Only loopback providers are asked: that is cheap (a server that is not running
// refuses at once) and sends nothing off the machine. The answer is untrusted: size-capped,
// validated, reduced to names; any failure gives null.
import * as z from 'zod';
import { httpFetch, type Fetch } from './httpFetch';
import type { ModelProviderInfo } from './providers';

export interface LocalModelsOptions {
  /** A local server answers in milliseconds or is not there (default 1500 ms). */
  readonly timeoutMs?: number;
  readonly fetch?: Fetch;
}

const DEFAULT_TIMEOUT_MS = 1500;
/** A model list larger than this is not a model list. */
const MAX_BODY_BYTES = 1024 * 1024;
const MAX_MODELS = 200;
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

const ModelList = z.looseObject({ data: z.array(z.looseObject({ id: z.string().trim().min(1).max(256) })).max(MAX_MODELS * 5) });

/** True when the provider's base URL is an http(s) URL on a loopback host. */
function isLoopbackProvider(provider: ModelProviderInfo): boolean {
  try {
    const url = new URL(provider.baseUrl);
    return (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTS.has(url.hostname);
  } catch {
    return false;
  }
}

function modelsUrl(provider: ModelProviderInfo): string {
  const url = new URL(`${provider.baseUrl.replace(/\/+$/, '')}/models`);
  for (const [name, value] of Object.entries(provider.queryParams)) url.searchParams.set(name, value);
  return url.href;
}

/** The body as text, or null once it grows past the cap. */
async function cappedText(response: Response): Promise<string | null> {
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  // The global fetch's web stream and http-fetch.ts's Node stream are both async-iterable.
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The chat models a loopback provider lists (embedding models left out, at most 200), or null when
 * it is not on a loopback address, is not running, or gives no usable answer.
 */
export async function fetchLocalModels(provider: ModelProviderInfo, options: LocalModelsOptions = {}): Promise<string[] | null> {
  if (!isLoopbackProvider(provider)) return null;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  try {
    const headers: Record<string, string> = { ...provider.requestHeaders, accept: 'application/json' };
    if (provider.apiKey) headers['authorization'] = `Bearer ${provider.apiKey}`;
    // No redirects: the key and the question stay with the server config.toml names.
    const response = await (options.fetch ?? httpFetch)(modelsUrl(provider), { signal: controller.signal, redirect: 'error', headers });
    if (!response.ok) return null;
    const text = await cappedText(response);
    if (text === null) return null;
    const parsed = ModelList.safeParse(JSON.parse(text));
    if (!parsed.success) return null;
    const names = parsed.data.data.map((m) => m.id).filter((name) => !/embed/i.test(name));
    return [...new Set(names)].slice(0, MAX_MODELS);
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
    // Stops reading a body left unread (an error status, an oversized answer).
    controller.abort();
  }
}
