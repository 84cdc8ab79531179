// What choosing a model in the sign-in card writes to config.toml: `model_provider`, `model` and,
// unless a built-in provider already points at the server, a `[model_providers.<id>]` table with
// `name`, `base_url` and `wire_api`. The edits go through the server's lossless config/batchWrite.
import type { ConfigEdit } from '@protocol';
import type { LocalServerKind, ProviderChoice } from '../../bridge/signInMessages';
import { isLoopbackUrl } from './localServers';

interface LocalProviderFacts {
  /** The server's built-in provider id (Codex and codex-ts both have these). */
  readonly builtInId: LocalServerKind;
  /** Our own id when the built-in does not fit: Codex refuses tables that reuse a built-in id. */
  readonly ownId: string;
  readonly name: string;
  readonly defaultPort: string;
}

const LOCAL: Readonly<Record<LocalServerKind, LocalProviderFacts>> = {
  ollama: { builtInId: 'ollama', ownId: 'ollama-local', name: 'Ollama', defaultPort: '11434' },
  lmstudio: { builtInId: 'lmstudio', ownId: 'lmstudio-local', name: 'LM Studio', defaultPort: '1234' },
};

/** The provider id of an OpenAI-compatible server the user typed in. */
export const CUSTOM_PROVIDER_ID = 'openai-compatible';
const CUSTOM_PROVIDER_NAME = 'OpenAI-compatible server';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The built-in provider reaches `baseUrl` when that is its default loopback address (the built-ins
 * use `http://localhost:<default port>/v1`) and no `CODEX_OSS_BASE_URL`/`CODEX_OSS_PORT` moves it.
 */
export function builtInFits(server: LocalServerKind, baseUrl: string, env: Env): boolean {
  if (env['CODEX_OSS_BASE_URL']?.trim() || env['CODEX_OSS_PORT']?.trim()) return false;
  if (!isLoopbackUrl(baseUrl)) return false;
  const url = new URL(baseUrl);
  return url.port === LOCAL[server].defaultPort && url.pathname.replace(/\/+$/, '') === '/v1' && url.search === '';
}

export interface ProviderWrite {
  readonly provider: string;
  readonly model: string;
  readonly edits: ConfigEdit[];
}

function providerTable(id: string, name: string, baseUrl: string, wireApi: 'responses' | 'chat', model: string): ProviderWrite {
  return {
    provider: id,
    model,
    edits: [
      // The whole table is replaced: keys left from an earlier entry (an env_key) must not linger.
      { keyPath: `model_providers.${id}`, value: { name, base_url: baseUrl, wire_api: wireApi }, mergeStrategy: 'replace' },
      { keyPath: 'model_provider', value: id, mergeStrategy: 'replace' },
      { keyPath: 'model', value: model, mergeStrategy: 'replace' },
    ],
  };
}

/** The config edits for a choice. Ollama and LM Studio speak the Responses API (as Codex uses them). */
export function providerWrite(choice: ProviderChoice, env: Env): ProviderWrite {
  const model = choice.model.trim();
  const baseUrl = choice.baseUrl.trim().replace(/\/+$/, '');
  if (choice.type === 'custom') return providerTable(CUSTOM_PROVIDER_ID, CUSTOM_PROVIDER_NAME, baseUrl, choice.wireApi, model);
  const facts = LOCAL[choice.server];
  if (!builtInFits(choice.server, baseUrl, env)) return providerTable(facts.ownId, facts.name, baseUrl, 'responses', model);
  return {
    provider: facts.builtInId,
    model,
    edits: [
      { keyPath: 'model_provider', value: facts.builtInId, mergeStrategy: 'replace' },
      { keyPath: 'model', value: model, mergeStrategy: 'replace' },
    ],
  };
}
