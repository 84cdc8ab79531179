// What `npm start` says about the model: the provider and model the chat will use, read from
// $CODEX_HOME/config.toml (its active profile) or the server's defaults, and whether the key that
// provider needs is there — or that nothing usable is configured yet, and how to choose.
// The defaults mirror server/config/settings.ts and the built-ins of server/models/providers.ts.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'smol-toml';

const DEFAULT_MODEL = 'gpt-5.5';
const DEFAULT_PROVIDER = 'openai';

/** The built-in providers: name, where they listen, and the key variable they need (if any). */
function builtIns(env) {
  const oss = (port) => env.CODEX_OSS_BASE_URL?.trim() || `http://localhost:${env.CODEX_OSS_PORT?.trim() || port}/v1`;
  return {
    openai: { name: 'OpenAI', baseUrl: env.OPENAI_BASE_URL?.trim() || 'https://api.openai.com/v1', envKey: 'OPENAI_API_KEY', openaiAuth: true },
    ollama: { name: 'Ollama', baseUrl: oss(11434), envKey: null, openaiAuth: false },
    'ollama-chat': { name: 'Ollama (Chat Completions)', baseUrl: oss(11434), envKey: null, openaiAuth: false },
    lmstudio: { name: 'LM Studio', baseUrl: oss(1234), envKey: null, openaiAuth: false },
  };
}

const isTable = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

function readConfig(file) {
  let source;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    return { table: {}, problem: null };
  }
  try {
    return { table: parse(source), problem: null };
  } catch (error) {
    return { table: {}, problem: `${file} is not valid TOML (${String(error.message).split('\n')[0]}); the server leaves it out` };
  }
}

function storedApiKey(codexHome) {
  try {
    const auth = JSON.parse(readFileSync(join(codexHome, 'auth.json'), 'utf8'));
    return { apiKey: text(auth?.OPENAI_API_KEY), chatgpt: isTable(auth?.tokens) };
  } catch {
    return { apiKey: null, chatgpt: false };
  }
}

/**
 * The lines to print. `ready` says whether a turn can run as configured (false: the chat will
 * show its sign-in card).
 */
export function describeStartModel({ env = process.env, home = homedir() } = {}) {
  const codexHome = text(env.CODEX_HOME) ?? join(home, '.codex');
  const configFile = join(codexHome, 'config.toml');
  const { table, problem } = readConfig(configFile);
  const profileName = text(table.profile);
  const profile = profileName && isTable(table.profiles?.[profileName]) ? table.profiles[profileName] : {};
  const providerId = text(profile.model_provider) ?? text(table.model_provider) ?? DEFAULT_PROVIDER;
  const model = text(profile.model) ?? text(table.model) ?? DEFAULT_MODEL;
  const entry = isTable(table.model_providers?.[providerId]) ? table.model_providers[providerId] : null;
  const builtIn = builtIns(env)[providerId] ?? null;
  const lines = problem ? [`[start] note: ${problem}`] : [];

  if (!entry && !builtIn) {
    lines.push(`[start] model: none usable: ${configFile} picks model_provider "${providerId}", which has no [model_providers.${providerId}] table.`);
    return { ready: false, lines: [...lines, ...howToChoose(configFile)] };
  }
  const name = text(entry?.name) ?? builtIn?.name ?? providerId;
  const baseUrl = text(entry?.base_url) ?? builtIn?.baseUrl ?? '?';
  const envKey = text(entry?.env_key) ?? builtIn?.envKey ?? null;
  const openaiAuth = typeof entry?.requires_openai_auth === 'boolean' ? entry.requires_openai_auth : (builtIn?.openaiAuth ?? false);
  const what = `${model} from ${name} (model_provider "${providerId}", ${baseUrl})${profileName ? `, profile "${profileName}"` : ''}`;
  const stored = storedApiKey(codexHome);

  let key;
  if (text(entry?.experimental_bearer_token)) key = { ok: true, text: 'a bearer token in config.toml' };
  else if (envKey && text(env[envKey])) key = { ok: true, text: `$${envKey} is set` };
  else if (openaiAuth && stored.apiKey) key = { ok: true, text: `stored in ${join(codexHome, 'auth.json')}` };
  else if (envKey || openaiAuth) key = { ok: false, text: envKey ? `$${envKey} is not set` : 'no key' };
  else key = { ok: true, text: 'none needed' };

  if (key.ok) {
    lines.push(`[start] model: ${what}; API key: ${key.text}.`);
    return { ready: true, lines };
  }
  lines.push(`[start] model: not ready yet. ${what} needs an API key, and ${key.text}${openaiAuth ? ' and none is stored in auth.json' : ''}.`);
  if (stored.chatgpt) lines.push(`[start]   (${join(codexHome, 'auth.json')} holds a ChatGPT sign-in: only the real codex uses it, with codex.cliExecutable)`);
  return { ready: false, lines: [...lines, ...howToChoose(configFile)] };
}

function howToChoose(configFile) {
  return [
    '[start]   Choose one in the chat: its sign-in card takes an OpenAI API key, finds a local Ollama or LM Studio',
    '[start]   model, or takes any OpenAI-compatible URL (and offers ChatGPT when codex.cliExecutable is the real codex).',
    '[start]   Or set OPENAI_API_KEY, or write, e.g., to',
    `[start]   ${configFile}:`,
    '[start]       model_provider = "ollama"',
    '[start]       model = "llama3.2"',
  ];
}

/** Prints the lines (what scripts/start.mjs calls). */
export function printStartModel(options) {
  for (const line of describeStartModel(options).lines) console.log(line);
}
