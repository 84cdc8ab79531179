// Reads the method catalogue out of the Codex schema bundle: which methods exist in each direction
// (the `oneOf` entries of ClientRequest, ClientNotification, ServerNotification, ServerRequest), the
// JSON pointer of each entry, and which `…Response` definition answers each request. The response
// map is derived from the schema: `FooParams` → `FooResponse`, else PascalCase(method) + `Response`,
// with a small override table for the few names that follow neither rule.
import { isRecord } from './generate';

export type MessageFamily = 'clientRequest' | 'clientNotification' | 'serverNotification' | 'serverRequest';

/** The top-level unions in the bundle, one per family. */
export const FAMILY_UNION: Readonly<Record<MessageFamily, string>> = {
  clientRequest: 'ClientRequest',
  clientNotification: 'ClientNotification',
  serverNotification: 'ServerNotification',
  serverRequest: 'ServerRequest',
};

/**
 * Requests whose response type matches neither naming rule (checked against codex 0.169.0, stable and
 * experimental). An entry whose target is absent from a future schema falls back to the rules.
 */
export const RESPONSE_NAME_OVERRIDES: Readonly<Record<string, string>> = {
  'account/gatewayOAuth/cancel': 'GatewayOAuthCancelResponse',
  'account/logout': 'LogoutAccountResponse',
  'account/securitySetup/read': 'GetAccountSecuritySetupResponse',
  'account/workspaceMessages/read': 'GetWorkspaceMessagesResponse',
  'accountSession/list': 'AccountSessionsResponse',
  'config/batchWrite': 'ConfigWriteResponse',
  'config/mcpServer/reload': 'McpServerRefreshResponse',
  'config/value/write': 'ConfigWriteResponse',
  'externalAgentConfig/import/readHistories': 'ExternalAgentConfigImportHistoriesReadResponse',
};

export interface MethodEntry {
  method: string;
  family: MessageFamily;
  /** `$ref`-able pointer of the whole message schema, e.g. `#/definitions/ClientRequest/oneOf/1`. */
  pointer: string;
  /** Name of the params definition (`ThreadStartParams`), or undefined when params is null/absent. */
  paramsType?: string;
  /** Whether `params` must be present on the wire. */
  paramsRequired: boolean;
}

export interface ResponseEntry {
  /** Definition name, e.g. `ThreadStartResponse`. */
  name: string;
  /** Pointer of that definition, e.g. `#/definitions/v2/ThreadStartResponse`. */
  pointer: string;
  /** How the name was found. */
  via: 'params' | 'method' | 'override';
}

export interface Catalog {
  entries: Readonly<Record<MessageFamily, ReadonlyMap<string, MethodEntry>>>;
  /** Request method (client or server request) → response definition. */
  responses: ReadonlyMap<string, ResponseEntry>;
  /** Requests for which no response definition could be found (should be empty). */
  unmappedResponses: readonly string[];
  /** Every definition name → pointer (top level and nested namespaces such as `v2`). */
  definitions: ReadonlyMap<string, string>;
}

const SCHEMA_KEYWORDS = ['type', 'oneOf', 'anyOf', 'allOf', '$ref', 'enum', 'const', 'properties', 'items', 'not'];

/** A nested namespace (like `definitions.v2`) is a record of schemas with no schema keywords itself. */
function isNamespace(value: Record<string, unknown>): boolean {
  return !SCHEMA_KEYWORDS.some((k) => k in value) && Object.values(value).every(isRecord);
}

/** Indexes definitions; top-level names win over namespaced duplicates (e.g. `RequestId`). */
function indexDefinitions(definitions: Record<string, unknown>): Map<string, string> {
  const index = new Map<string, string>();
  const namespaced: [string, string][] = [];
  for (const [name, value] of Object.entries(definitions)) {
    if (!isRecord(value)) continue;
    if (isNamespace(value)) {
      for (const inner of Object.keys(value)) namespaced.push([inner, `#/definitions/${name}/${inner}`]);
    } else {
      index.set(name, `#/definitions/${name}`);
    }
  }
  for (const [name, pointer] of namespaced) if (!index.has(name)) index.set(name, pointer);
  return index;
}

function methodOf(entry: Record<string, unknown>): string | undefined {
  const props = entry.properties;
  if (!isRecord(props) || !isRecord(props.method)) return undefined;
  const m = props.method;
  if (typeof m.const === 'string') return m.const;
  if (Array.isArray(m.enum) && m.enum.length === 1 && typeof m.enum[0] === 'string') return m.enum[0];
  return undefined;
}

/** The params definition name: a direct `$ref`, or the `$ref` inside `anyOf [ref, null]`. */
function paramsTypeOf(entry: Record<string, unknown>): string | undefined {
  const props = entry.properties;
  const params = isRecord(props) ? props.params : undefined;
  if (!isRecord(params)) return undefined;
  const refs: unknown[] = [params.$ref, ...(Array.isArray(params.anyOf) ? params.anyOf.map((a) => (isRecord(a) ? a.$ref : undefined)) : [])];
  const ref = refs.find((r): r is string => typeof r === 'string');
  return ref?.slice(ref.lastIndexOf('/') + 1);
}

/** `thread/start` → `ThreadStart`; `thread/inject_items` → `ThreadInjectItems`. */
export function pascalCase(method: string): string {
  return method
    .split(/[/_]/)
    .filter((s) => s.length > 0)
    .map((s) => s[0]!.toUpperCase() + s.slice(1))
    .join('');
}

function findResponse(entry: MethodEntry, definitions: ReadonlyMap<string, string>): ResponseEntry | undefined {
  const attempt = (name: string | undefined, via: ResponseEntry['via']): ResponseEntry | undefined => {
    const pointer = name === undefined ? undefined : definitions.get(name);
    return name !== undefined && pointer !== undefined ? { name, pointer, via } : undefined;
  };
  const fromParams = entry.paramsType?.endsWith('Params') ? `${entry.paramsType.slice(0, -'Params'.length)}Response` : undefined;
  return (
    attempt(RESPONSE_NAME_OVERRIDES[entry.method], 'override') ??
    attempt(fromParams, 'params') ??
    attempt(`${pascalCase(entry.method)}Response`, 'method')
  );
}

/** Builds the catalogue; throws if the bundle lacks the four message unions. */
export function buildCatalog(schema: Record<string, unknown>): Catalog {
  const definitions = schema.definitions;
  if (!isRecord(definitions)) throw new Error('codex-schema: bundle has no definitions');
  const defIndex = indexDefinitions(definitions);
  const entries = {} as Record<MessageFamily, Map<string, MethodEntry>>;
  for (const [family, union] of Object.entries(FAMILY_UNION) as [MessageFamily, string][]) {
    const unionSchema = definitions[union];
    if (!isRecord(unionSchema) || !Array.isArray(unionSchema.oneOf)) {
      throw new Error(`codex-schema: definitions.${union} is not a oneOf union; the schema layout changed`);
    }
    const map = new Map<string, MethodEntry>();
    unionSchema.oneOf.forEach((raw: unknown, i: number) => {
      if (!isRecord(raw)) return;
      const method = methodOf(raw);
      if (method === undefined || map.has(method)) return;
      const paramsType = paramsTypeOf(raw);
      const required = Array.isArray(raw.required) ? raw.required : [];
      map.set(method, {
        method,
        family,
        pointer: `#/definitions/${union}/oneOf/${i}`,
        ...(paramsType !== undefined ? { paramsType } : {}),
        paramsRequired: required.includes('params'),
      });
    });
    entries[family] = map;
  }
  const responses = new Map<string, ResponseEntry>();
  const unmapped: string[] = [];
  for (const family of ['clientRequest', 'serverRequest'] as const) {
    for (const entry of entries[family].values()) {
      const found = findResponse(entry, defIndex);
      if (found) responses.set(entry.method, found);
      else unmapped.push(entry.method);
    }
  }
  return { entries, responses, unmappedResponses: unmapped, definitions: defIndex };
}
