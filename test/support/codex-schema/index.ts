// Test support: validate Codex app-server JSON-RPC messages against the real Codex schema.
//
//   const codex = await loadCodexSchema();                       // in a before() hook
//   codex.assertValidResponse('thread/start', result);           // result of a client request
//   codex.validateNotification('turn/started', params);          // → { ok } | { ok: false, errors }
//   codex.validateMessage(line, { requestMethodsById });         // any raw wire message
//   const wire = codex.createSession(); wire.assertValid(msg, 'serverToClient');
//
// The schema is generated at run time by the `@openai/codex` devDependency
// (`codex app-server generate-json-schema`), cached in memory per process and on disk under
// os.tmpdir() per codex version; it is never committed. By default the experimental variant is used
// (a superset: the real server sends experimental fields such as `availableDecisions` and
// `multiAgentMode` once a client sets `capabilities.experimentalApi`), so those fields are type-checked.
// Note: almost no object in the schema sets `additionalProperties: false`, so unknown fields (and the
// `emittedAtMs` every real notification carries) pass schema validation; misspelt optional fields are
// therefore not caught. Enum values, types, required fields and tagged unions are.
import { setupAjv } from './ajv-setup';
import { buildCatalog } from './catalog';
import { loadBundle } from './generate';
import { CodexSchema } from './validator';

export { CodexSchema, type CodexMethods, type CodexSchemaInfo } from './validator';
export { type ValidationResult } from './errors';
export { type MessageContext, type MessageDirection, type MessageKind, type MessageValidationResult, type RequestId, type WireSession } from './message';
export { type MessageFamily, RESPONSE_NAME_OVERRIDES } from './catalog';

export interface LoadCodexSchemaOptions {
  /** Use the `--experimental` schema (default true; see the module comment). */
  experimental?: boolean;
  /** A codex executable to use instead of the `@openai/codex` devDependency. */
  codexBin?: string;
  /** Use the on-disk cache under os.tmpdir() (default true; env CODEX_SCHEMA_CACHE=0 disables it). */
  diskCache?: boolean;
  /** Folder for the on-disk cache. */
  cacheDir?: string;
}

const loaded = new Map<string, Promise<CodexSchema>>();

async function build(options: LoadCodexSchemaOptions): Promise<CodexSchema> {
  const experimental = options.experimental ?? true;
  const bundle = await loadBundle({
    experimental,
    ...(options.codexBin !== undefined ? { codexBin: options.codexBin } : {}),
    ...(options.diskCache !== undefined ? { diskCache: options.diskCache } : {}),
    ...(options.cacheDir !== undefined ? { cacheDir: options.cacheDir } : {}),
  });
  const started = performance.now();
  const catalog = buildCatalog(bundle.schema);
  const setup = setupAjv(bundle.schema);
  const setupMs = performance.now() - started;
  return new CodexSchema(setup, catalog, {
    codexVersion: bundle.codexVersion,
    experimental,
    draft: setup.draft,
    source: bundle.source,
    ...(bundle.cachePath !== undefined ? { cachePath: bundle.cachePath } : {}),
    timings: { generateMs: bundle.generateMs, readMs: bundle.readMs, setupMs },
    discriminatedUnions: setup.discriminatedUnions,
    unknownFormats: Object.freeze([...setup.unknownFormats]),
  });
}

/**
 * Loads (once per process and option set) the validator for the installed Codex's app-server
 * protocol. The first call in a fresh environment runs the generator (well under a second for codex
 * 0.169.0); later calls return the same instance. Rejects with a clear message when `@openai/codex`
 * is not installed or the generator fails.
 */
export function loadCodexSchema(options: LoadCodexSchemaOptions = {}): Promise<CodexSchema> {
  const key = JSON.stringify([options.experimental ?? true, options.codexBin, options.diskCache, options.cacheDir]);
  let promise = loaded.get(key);
  if (promise === undefined) {
    promise = build(options);
    loaded.set(key, promise);
    promise.catch(() => loaded.delete(key)); // let a later call retry after a failure
  }
  return promise;
}
