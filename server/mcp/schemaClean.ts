// Cleans an MCP tool's inputSchema into a JSON schema the model providers accept as function
// parameters: the top level is always `{type: "object", properties: {…}}`; every nested schema has
// a `type` (inferred from its keywords, else string — as Codex does); `$schema`, `$id` and other
// annotations providers reject are dropped; boolean schemas become `{}`-like string schemas.
type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

const DROPPED = new Set(['$schema', '$id', '$comment', 'examples', 'deprecated', 'readOnly', 'writeOnly', 'contentMediaType', 'contentEncoding']);
const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'definitions'];
const SCHEMA_LISTS = ['anyOf', 'oneOf', 'allOf', 'prefixItems'];
const SCHEMA_SINGLES = ['items', 'not', 'additionalProperties', 'contains'];

function inferType(schema: Json): unknown {
  if ('type' in schema) return schema.type;
  if ('$ref' in schema || 'anyOf' in schema || 'oneOf' in schema || 'allOf' in schema) return undefined;
  if ('properties' in schema || 'additionalProperties' in schema || 'required' in schema) return 'object';
  if ('items' in schema || 'prefixItems' in schema) return 'array';
  if ('enum' in schema || 'const' in schema || 'format' in schema) return 'string';
  if ('minimum' in schema || 'maximum' in schema || 'multipleOf' in schema) return 'number';
  return 'string';
}

function cleanSchema(value: unknown): Json {
  if (typeof value === 'boolean' || !isObject(value)) return { type: 'string' };
  const out: Json = {};
  for (const [key, child] of Object.entries(value)) {
    if (DROPPED.has(key)) continue;
    if (SCHEMA_MAPS.includes(key) && isObject(child)) {
      out[key] = Object.fromEntries(Object.entries(child).map(([k, v]) => [k, cleanSchema(v)]));
    } else if (SCHEMA_LISTS.includes(key) && Array.isArray(child)) {
      out[key] = child.map(cleanSchema);
    } else if (SCHEMA_SINGLES.includes(key) && (isObject(child) || typeof child === 'boolean')) {
      out[key] = key === 'additionalProperties' && typeof child === 'boolean' ? child : cleanSchema(child);
    } else {
      out[key] = child;
    }
  }
  const type = inferType(out);
  if (type !== undefined) out.type = type;
  if (out.type === 'object' && !isObject(out.properties)) out.properties = {};
  if (out.type === 'array' && !('items' in out) && !('prefixItems' in out)) out.items = { type: 'string' };
  return out;
}

/** An MCP inputSchema as function `parameters`. */
export function cleanInputSchema(inputSchema: unknown): Json {
  const cleaned = cleanSchema(isObject(inputSchema) ? inputSchema : {});
  return { ...cleaned, type: 'object', properties: isObject(cleaned.properties) ? cleaned.properties : {} };
}
