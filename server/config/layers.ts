// One config layer as the loader works with it: where it comes from (its wire name), its version,
// its validated content, why it is disabled (broken file, untrusted project) and its problems.
// Builders for file layers (validated once per parsed file version), override layers (`-c`,
// request maps) and the profile layer carved out of the user config. Layers are immutable values,
// and the builders give back the same object for the same inputs (the same parsed file, the same
// override entries): the effective config is built several times per turn, and effectiveConfig.ts
// reuses its result while every layer is the same object.
import type { ConfigLayer, ConfigLayerMetadata, ConfigLayerSource } from '../protocol/config';
import { KeyPathError, parseKeyPath } from './keyPath';
import { isTable, setPath, tableVersion, toJsonValue, type TomlTable } from './tables';
import type { ConfigProblem, TomlFileResult } from './tomlFile';
import { displayLayer, validateLayer, type ValidatedLayer } from './validateLayer';

/** Lowest to highest precedence. */
export const LAYER_ORDER = ['system', 'user', 'profile', 'project', 'cliOverrides', 'request', 'managed'] as const;
export type LayerKind = (typeof LAYER_ORDER)[number];

export interface LayerEntry {
  readonly kind: LayerKind;
  readonly name: ConfigLayerSource;
  readonly version: string;
  /** Validated, normalised content; empty when the layer is disabled. */
  readonly table: TomlTable;
  /** The content as written, before validation (what config/read lists for the layer). */
  readonly rawTable: TomlTable;
  readonly disabledReason: string | null;
  readonly problems: readonly ConfigProblem[];
  readonly file: string | null;
  /** False for a file layer whose file does not exist (listed only for system and user). */
  readonly exists: boolean;
}

export function layerMetadata(layer: LayerEntry): ConfigLayerMetadata {
  return { name: layer.name, version: layer.version };
}

export function layerForWire(layer: LayerEntry): ConfigLayer {
  // Like Codex, a layer shows its content as written (before validation and normalisation).
  return { name: layer.name, version: layer.version, config: toJsonValue(layer.rawTable), disabledReason: layer.disabledReason };
}

export function describeProblem(problem: ConfigProblem): string {
  const where = problem.line !== null ? `${problem.file}:${problem.line}:${problem.column ?? 1}` : problem.file;
  return `${where}: ${problem.key !== null ? `${problem.key}: ` : ''}${problem.message}`;
}

const validated = new WeakMap<object, ValidatedLayer>();

/** Validation of a parsed file is cached with the parse result itself (same object until it changes). */
function validatedFile(result: Extract<TomlFileResult, { kind: 'loaded' }>, file: string): ValidatedLayer {
  let entry = validated.get(result);
  if (!entry) {
    entry = validateLayer(result.table, file, result.text);
    validated.set(result, entry);
  }
  return entry;
}

const fileLayers = new WeakMap<TomlFileResult, Map<string, LayerEntry>>();

export function fileLayer(kind: LayerKind, name: ConfigLayerSource, file: string, result: TomlFileResult): LayerEntry {
  let built = fileLayers.get(result);
  if (!built) fileLayers.set(result, (built = new Map()));
  const key = `${kind}\n${file}\n${JSON.stringify(name)}`;
  let layer = built.get(key);
  if (!layer) built.set(key, (layer = buildFileLayer(kind, name, file, result)));
  return layer;
}

function buildFileLayer(kind: LayerKind, name: ConfigLayerSource, file: string, result: TomlFileResult): LayerEntry {
  if (result.kind === 'missing') {
    return { kind, name, version: tableVersion({}), table: {}, rawTable: {}, disabledReason: null, problems: [], file, exists: false };
  }
  if (result.kind === 'broken') {
    // The layer is left out; the server keeps running on the others and says why.
    const reason = describeProblem(result.problem);
    return { kind, name, version: tableVersion({}), table: {}, rawTable: {}, disabledReason: reason, problems: [{ ...result.problem, severity: 'error' }], file, exists: true };
  }
  const checked = validatedFile(result, file);
  return { kind, name, version: tableVersion(result.table), table: checked.table, rawTable: displayLayer(result.table), disabledReason: null, problems: checked.problems, file, exists: true };
}

const disabledLayers = new WeakMap<LayerEntry, Map<string, LayerEntry>>();

/** A disabled copy of a layer (untrusted project): listed with its reason, but contributes nothing. */
export function disabledLayer(layer: LayerEntry, reason: string): LayerEntry {
  let built = disabledLayers.get(layer);
  if (!built) disabledLayers.set(layer, (built = new Map()));
  let disabled = built.get(reason);
  if (!disabled) built.set(reason, (disabled = { ...layer, table: {}, disabledReason: reason, problems: [] }));
  return disabled;
}

/** JSON text of plain JSON data; null for anything JSON.stringify would not keep exactly. */
function jsonKey(value: unknown): string | null {
  const plain = (v: unknown): boolean => {
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
    if (typeof v === 'number') return Number.isFinite(v);
    if (Array.isArray(v)) return v.every(plain);
    if (typeof v !== 'object') return false;
    const proto = Object.getPrototypeOf(v) as unknown;
    return (proto === Object.prototype || proto === null) && Object.values(v).every(plain);
  };
  return plain(value) ? JSON.stringify(value) : null;
}

const OVERRIDES_MEMO_SIZE = 64;
const overridesLayers = new Map<string, LayerEntry>();

/** Dotted-key overrides (`-c key=value`, a request's `config` map) as one validated layer. */
export function overridesLayer(kind: LayerKind, name: ConfigLayerSource, source: string, entries: readonly { key: string; value: unknown }[]): LayerEntry {
  const data = jsonKey(entries.map(({ key, value }) => [key, value]));
  if (data === null) return buildOverridesLayer(kind, name, source, entries);
  const key = `${kind}\n${source}\n${JSON.stringify(name)}\n${data}`;
  let layer = overridesLayers.get(key);
  if (!layer) {
    layer = buildOverridesLayer(kind, name, source, entries);
    if (overridesLayers.size >= OVERRIDES_MEMO_SIZE) overridesLayers.delete(overridesLayers.keys().next().value!);
    overridesLayers.set(key, layer);
  }
  return layer;
}

function buildOverridesLayer(kind: LayerKind, name: ConfigLayerSource, source: string, entries: readonly { key: string; value: unknown }[]): LayerEntry {
  const problems: ConfigProblem[] = [];
  let table: TomlTable = {};
  for (const { key, value } of entries) {
    try {
      table = setPath(table, parseKeyPath(key), value);
    } catch (error) {
      if (!(error instanceof KeyPathError)) throw error;
      problems.push({ file: source, line: null, column: null, key, message: error.message, severity: 'error' });
    }
  }
  const checked = validateLayer(table, source, null);
  return { kind, name, version: tableVersion(table), table: checked.table, rawTable: table, disabledReason: null, problems: [...problems, ...checked.problems], file: null, exists: entries.length > 0 };
}

const profileLayers = new WeakMap<TomlTable, Map<string, LayerEntry>>();

/** The selected `[profiles.<name>]` table, as a layer right above the user config. */
export function profileLayer(profile: string, profiles: unknown, file: string): LayerEntry | null {
  const table = isTable(profiles) ? profiles[profile] : undefined;
  if (!isTable(table)) return null;
  let built = profileLayers.get(table);
  if (!built) profileLayers.set(table, (built = new Map()));
  const key = `${profile}\n${file}`;
  let layer = built.get(key);
  if (!layer) {
    layer = { kind: 'profile', name: { type: 'user', file, profile }, version: tableVersion(table), table, rawTable: table, disabledReason: null, problems: [], file, exists: true };
    built.set(key, layer);
  }
  return layer;
}
