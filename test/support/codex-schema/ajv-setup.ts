// Builds the Ajv instance for the Codex schema bundle: picks the Ajv class matching the bundle's
// `$schema` draft, registers ajv-formats plus the Rust-style numeric formats the generator emits
// (`uint`, `uint16`, `uint32`, `uint64`; `int32`/`int64`/`double` come from ajv-formats; any other
// unknown format is accepted without checks), marks tagged `oneOf` unions as discriminated so a
// bad `item/completed` reports the one variant it meant instead of 19 mismatches, and adds the
// bundle once under a fixed id so every definition can be compiled lazily by `$ref`.
import Ajv, { type AnySchema, type Options, type SchemaObject } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { isRecord } from './generate';

/** The id under which the bundle is registered: validators are `${SCHEMA_ID}#/definitions/…`. */
export const SCHEMA_ID = 'codex-app-server';

export type Draft = 'draft-07' | 'draft-2019-09' | 'draft-2020-12';

export interface AjvSetup {
  ajv: Ajv;
  draft: Draft;
  /** Number of `oneOf` unions that were given an Ajv `discriminator`. */
  discriminatedUnions: number;
  /** Formats found in the schema that no validator knows; they are accepted unchecked. */
  unknownFormats: string[];
}

const UNSIGNED_MAX: Readonly<Record<string, number>> = {
  uint8: 0xff,
  uint16: 0xffff,
  uint32: 0xffffffff,
  uint: Number.MAX_VALUE,
  uint64: Number.MAX_VALUE,
  usize: Number.MAX_VALUE,
};

export function draftOf(schema: Record<string, unknown>): Draft {
  const declared = typeof schema.$schema === 'string' ? schema.$schema : '';
  if (declared === '' || /json-schema\.org\/draft-07\/schema/.test(declared)) return 'draft-07';
  if (/json-schema\.org\/draft\/2019-09\/schema/.test(declared)) return 'draft-2019-09';
  if (/json-schema\.org\/draft\/2020-12\/schema/.test(declared)) return 'draft-2020-12';
  throw new Error(`codex-schema: unsupported $schema ${declared} (supported: draft-07, 2019-09, 2020-12)`);
}

function newAjv(draft: Draft): Ajv {
  const options: Options = {
    // The generated schema mixes `$schema` into sub-definitions and uses union types; strict mode
    // would reject that although the schema is valid.
    strict: false,
    allErrors: true,
    discriminator: true,
    // Never mutate the value under test (the schema has `default`s).
    useDefaults: false,
    coerceTypes: false,
    removeAdditional: false,
  };
  if (draft === 'draft-2019-09') return new Ajv2019(options);
  if (draft === 'draft-2020-12') return new Ajv2020(options);
  return new Ajv(options);
}

function walk(node: unknown, visit: (obj: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) {
    for (const child of node) walk(child, visit);
  } else if (isRecord(node)) {
    for (const child of Object.values(node)) walk(child, visit);
    visit(node);
  }
}

/** The tag value of a union branch: `properties[tag]` with a string `const` or one-element `enum`. */
function tagValue(branch: Record<string, unknown>, tag: string): string | undefined {
  const props = branch.properties;
  const required = branch.required;
  if (!isRecord(props) || !Array.isArray(required) || !required.includes(tag)) return undefined;
  const prop = props[tag];
  if (!isRecord(prop)) return undefined;
  if (typeof prop.const === 'string') return prop.const;
  if (Array.isArray(prop.enum) && prop.enum.length === 1 && typeof prop.enum[0] === 'string') return prop.enum[0];
  return undefined;
}

/**
 * Adds `discriminator: {propertyName}` to every `oneOf` whose branches are all inline objects tagged
 * by the same required property with distinct string values. For such unions this is equivalent to
 * plain `oneOf`, but Ajv then validates only the matching branch and reports its errors alone.
 */
export function addDiscriminators(schema: Record<string, unknown>): number {
  let count = 0;
  walk(schema, (node) => {
    const branches = node.oneOf;
    if (!Array.isArray(branches) || branches.length < 2 || 'discriminator' in node) return;
    const first = branches[0];
    if (!isRecord(first) || !isRecord(first.properties)) return;
    for (const tag of Object.keys(first.properties)) {
      const seen = new Set<string>();
      const ok = branches.every((b: unknown) => {
        const value = isRecord(b) && b.$ref === undefined ? tagValue(b, tag) : undefined;
        if (value === undefined || seen.has(value)) return false;
        seen.add(value);
        return true;
      });
      if (ok) {
        node.discriminator = { propertyName: tag };
        count += 1;
        return;
      }
    }
  });
  return count;
}

function collectFormats(schema: Record<string, unknown>): Set<string> {
  const formats = new Set<string>();
  walk(schema, (node) => {
    if (typeof node.format === 'string') formats.add(node.format);
  });
  return formats;
}

/** Creates the Ajv instance and registers the bundle (mutating it: discriminators are added). */
export function setupAjv(schema: Record<string, unknown>): AjvSetup {
  const draft = draftOf(schema);
  const ajv = newAjv(draft);
  addFormats(ajv);
  const unknownFormats: string[] = [];
  for (const format of collectFormats(schema)) {
    if (ajv.formats[format] !== undefined) continue;
    const max = UNSIGNED_MAX[format];
    if (max !== undefined) {
      ajv.addFormat(format, { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= 0 && n <= max });
    } else {
      ajv.addFormat(format, true);
      unknownFormats.push(format);
    }
  }
  const discriminatedUnions = addDiscriminators(schema);
  const bundle: AnySchema = schema as SchemaObject;
  ajv.addSchema(bundle, SCHEMA_ID);
  return { ajv, draft, discriminatedUnions, unknownFormats };
}
