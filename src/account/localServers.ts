// Finds local model servers for the sign-in card: Ollama (GET /api/tags) and LM Studio (the
// OpenAI-compatible GET /v1/models) on loopback only, all at once, each with a short timeout. Their
// answers are untrusted: size-capped, validated with zod, and reduced to a list of model names.
import * as z from 'zod';
import type { AbsentReason, LocalServerKind, LocalServerProbe } from '../../bridge/signInMessages';

/** Where to look for one kind of server: its origin (`http://127.0.0.1:11434`). */
export interface LocalServerTarget {
  readonly server: LocalServerKind;
  readonly origin: string;
}

export const DEFAULT_OLLAMA_ORIGIN = 'http://127.0.0.1:11434';
export const DEFAULT_LMSTUDIO_ORIGIN = 'http://127.0.0.1:1234';

export const DEFAULT_LOCAL_TARGETS: readonly LocalServerTarget[] = [
  { server: 'ollama', origin: DEFAULT_OLLAMA_ORIGIN },
  { server: 'lmstudio', origin: DEFAULT_LMSTUDIO_ORIGIN },
];

export interface ProbeOptions {
  /** Per server (default 1500 ms): a local server answers in milliseconds or is not there. */
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

const DEFAULT_TIMEOUT_MS = 1500;
/** A model list larger than this is not a model list. */
const MAX_BODY_BYTES = 1024 * 1024;
const MAX_MODELS = 200;
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

const ModelName = z.string().trim().min(1).max(256);
/** Ollama's GET /api/tags: `{ models: [{ name: "llama3.2:latest", … }] }`. */
const OllamaTags = z.looseObject({ models: z.array(z.looseObject({ name: ModelName })).max(MAX_MODELS * 5) });
/** OpenAI's GET /v1/models (LM Studio, vLLM, llama.cpp …): `{ data: [{ id: "qwen2.5-7b", … }] }`. */
const OpenAiModels = z.looseObject({ data: z.array(z.looseObject({ id: ModelName })).max(MAX_MODELS * 5) });

/** True for an http URL on a loopback host (the only place the host probes on its own). */
export function isLoopbackUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
  } catch {
    return false;
  }
}

/** The OpenAI-compatible base URL a provider entry needs for a server at `origin`. */
export function providerBaseUrl(origin: string): string {
  return `${origin.replace(/\/+$/, '')}/v1`;
}

/** Embedding models cannot chat; the card offers only the others. */
function chatModels(names: readonly string[]): string[] {
  return [...new Set(names)].filter((name) => !/embed/i.test(name)).slice(0, MAX_MODELS);
}

class ProbeFailure extends Error {
  constructor(readonly reason: AbsentReason) {
    super(reason);
  }
}

async function readCapped(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw new ProbeFailure('invalid');
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function getJson(url: string, options: ProbeOptions): Promise<unknown> {
  const doFetch = options.fetch ?? fetch;
  const signal = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  let response: Response;
  try {
    // No redirects: a loopback probe must not be sent somewhere else.
    response = await doFetch(url, { signal, redirect: 'error', headers: { accept: 'application/json' } });
  } catch {
    throw new ProbeFailure(signal.aborted ? 'timeout' : 'unreachable');
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new ProbeFailure('httpError');
  }
  let text: string;
  try {
    text = await readCapped(response);
  } catch (error) {
    if (error instanceof ProbeFailure) throw error;
    throw new ProbeFailure(signal.aborted ? 'timeout' : 'unreachable');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ProbeFailure('invalid');
  }
}

async function listModels(target: LocalServerTarget, options: ProbeOptions): Promise<string[]> {
  const origin = target.origin.replace(/\/+$/, '');
  if (target.server === 'ollama') {
    const parsed = OllamaTags.safeParse(await getJson(`${origin}/api/tags`, options));
    if (!parsed.success) throw new ProbeFailure('invalid');
    return chatModels(parsed.data.models.map((m) => m.name));
  }
  const parsed = OpenAiModels.safeParse(await getJson(`${origin}/v1/models`, options));
  if (!parsed.success) throw new ProbeFailure('invalid');
  return chatModels(parsed.data.data.map((m) => m.id));
}

/** Probes one server; never throws. A target that is not on loopback is not contacted. */
export async function probeLocalServer(target: LocalServerTarget, options: ProbeOptions = {}): Promise<LocalServerProbe> {
  const baseUrl = providerBaseUrl(target.origin);
  if (!isLoopbackUrl(target.origin)) return { type: 'absent', server: target.server, baseUrl, reason: 'unreachable' };
  try {
    return { type: 'found', server: target.server, baseUrl, models: await listModels(target, options) };
  } catch (error) {
    const reason = error instanceof ProbeFailure ? error.reason : 'invalid';
    return { type: 'absent', server: target.server, baseUrl, reason };
  }
}

/** Probes every target in parallel; the answer keeps the targets' order. */
export function probeLocalServers(targets: readonly LocalServerTarget[], options: ProbeOptions = {}): Promise<LocalServerProbe[]> {
  return Promise.all(targets.map((target) => probeLocalServer(target, options)));
}

/**
 * The targets for this machine: the defaults, with Ollama where `OLLAMA_HOST` (Ollama's own setting
 * for where it listens: `host:port` or a URL) says, when that is loopback or all interfaces.
 */
export function localServerTargets(env: Readonly<Record<string, string | undefined>>): LocalServerTarget[] {
  const targets = DEFAULT_LOCAL_TARGETS.map((target) => ({ ...target }));
  const ollamaHost = env['OLLAMA_HOST']?.trim();
  if (!ollamaHost) return targets;
  let url: URL;
  try {
    url = new URL(/^https?:\/\//i.test(ollamaHost) ? ollamaHost : `http://${ollamaHost}`);
  } catch {
    return targets;
  }
  const hostname = url.hostname === '0.0.0.0' ? '127.0.0.1' : url.hostname;
  const origin = `http://${hostname}:${url.port || '11434'}`;
  if (isLoopbackUrl(origin)) targets[0] = { server: 'ollama', origin };
  return targets;
}
