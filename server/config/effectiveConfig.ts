// One effective config, layered exactly like Codex (lowest to highest): built-in defaults →
// system config.toml → user $CODEX_HOME/config.toml → the selected [profiles.<name>] → trusted
// project .codex/config.toml files from the project root down to cwd → `-c` overrides → the
// request's `config` map and typed fields → managed_config.toml; then requirements.toml constrains
// the result. Files are re-read (stat, parse on change) on every call, so new threads see edits.
import { join, resolve } from 'node:path';
import { applyRequirements, type Adjustment } from './applyRequirements';
import { originKey, formatKeyPath } from './keyPath';
import { disabledLayer, fileLayer, overridesLayer, profileLayer, type LayerEntry } from './layers';
import { findProjectRoot, projectDotCodexFolders, projectLayerSites, projectTrust, rootMarkers, untrustedReason } from './projectLayers';
import { loadRequirements, type LoadedRequirements, type Requirements } from './requirementsFile';
import { settingsFromTable, type EffectiveSettings } from './settings';
import { getPath, isTable, leafPaths, mergeTables, tableVersion, type TomlTable } from './tables';
import { parseOverride, TomlFileCache, type ConfigProblem } from './tomlFile';

export { DEFAULT_MODEL, DEFAULT_PROVIDER, settingsFromTable, type EffectiveSettings } from './settings';
export { mergeTables } from './tables';

export interface ConfigPaths {
  readonly codexHome: string;
  readonly userConfig: string;
  readonly systemConfig: string;
  readonly managedConfig: string;
  readonly requirements: string;
}

/** System file locations, overridable through the environment (tests point them at fixtures). */
export function configPaths(codexHome: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): ConfigPaths {
  const unix = platform !== 'win32';
  return {
    codexHome,
    userConfig: join(codexHome, 'config.toml'),
    systemConfig: env.CODEX_TS_SYSTEM_CONFIG || '/etc/codex/config.toml',
    managedConfig: env.CODEX_TS_MANAGED_CONFIG || (unix ? '/etc/codex/managed_config.toml' : join(codexHome, 'managed_config.toml')),
    requirements: env.CODEX_TS_REQUIREMENTS || '/etc/codex/requirements.toml',
  };
}

export interface EffectiveConfigRequest {
  /** Working directory whose project layers apply (none when absent). */
  readonly cwd?: string | null;
  /** Profile to use instead of the configured `profile`. */
  readonly profile?: string | null;
  /** A request's `config` map (dotted keys; `profile` in it selects a profile). */
  readonly requestOverrides?: Record<string, unknown> | null;
  /** Typed request fields (thread/start `model`, `approvalPolicy`, …) as config keys, above the map. */
  readonly requestFields?: TomlTable | null;
}

export interface Origin {
  readonly path: readonly string[];
  readonly layer: LayerEntry;
}

export interface EffectiveConfig {
  readonly table: TomlTable;
  /** Every layer considered, lowest precedence first (disabled ones included, with their reason). */
  readonly layers: readonly LayerEntry[];
  /** Dotted leaf key → the layer its value comes from. */
  readonly origins: ReadonlyMap<string, Origin>;
  readonly settings: EffectiveSettings;
  readonly problems: readonly ConfigProblem[];
  readonly adjustments: readonly Adjustment[];
  readonly requirements: Requirements | null;
  readonly profile: string | null;
  /** The trusted project's `.codex` folders from its root to cwd (config.toml or not); [] otherwise. */
  readonly projectFolders: readonly string[];
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * The leaves a layer sets, named as written in its file (like the real server: `approval_policy.
 * granular.rules`, not the defaults normalisation adds); values that failed validation are not
 * the layer's, and a key whose spelling normalisation changed (`reject` → `granular`) is named in
 * its normalised form.
 */
function originPaths(layer: LayerEntry): string[][] {
  let paths = originPathsOf.get(layer);
  if (!paths) originPathsOf.set(layer, (paths = computeOriginPaths(layer)));
  return paths;
}

const originPathsOf = new WeakMap<LayerEntry, string[][]>();

function computeOriginPaths(layer: LayerEntry): string[][] {
  const out = leafPaths(layer.rawTable).filter((path) => getPath(layer.table, path) !== undefined);
  for (const [key, value] of Object.entries(layer.table)) {
    if (!out.some((path) => path[0] === key)) out.push(...leafPaths(value, [key]));
  }
  return out;
}

export class ConfigLoader {
  private readonly cache = new TomlFileCache();
  private cliLayerEntry: LayerEntry | null = null;
  private readonly merged = new Map<string, MergedLayers>();

  constructor(
    readonly paths: ConfigPaths,
    private readonly cliOverrides: readonly string[],
  ) {}

  /**
   * The `-c` layer, built on first use: validating it is the first use of the config schema, which
   * costs ~10 ms at start-up, and nothing needs it before the first config read (after initialize).
   */
  private get cliLayer(): LayerEntry {
    if (this.cliLayerEntry === null) {
      const entries: { key: string; value: unknown }[] = [];
      const problems: ConfigProblem[] = [];
      for (const spec of this.cliOverrides) {
        const parsed = parseOverride(spec);
        if ('error' in parsed) problems.push({ file: '-c', line: null, column: null, key: null, message: parsed.error, severity: 'error' });
        else entries.push(parsed);
      }
      const layer = overridesLayer('cliOverrides', { type: 'sessionFlags' }, '-c', entries);
      this.cliLayerEntry = { ...layer, problems: [...problems, ...layer.problems] };
    }
    return this.cliLayerEntry;
  }

  /** Forget a file's cached parse (after writing it ourselves, in case mtime and size both match). */
  invalidate(file: string): void {
    this.cache.forget(file);
  }

  private managedLayer(): LayerEntry {
    const file = this.paths.managedConfig;
    return fileLayer('managed', { type: 'legacyManagedConfigTomlFromFile', file }, file, this.cache.read(file));
  }

  requirements(managed: LayerEntry = this.managedLayer()): LoadedRequirements {
    const file = this.paths.requirements;
    return loadRequirements(file, this.cache.read(file), managed.disabledReason === null ? managed.table : null);
  }

  effectiveConfig(request: EffectiveConfigRequest = {}): EffectiveConfig {
    const { paths } = this;
    const problems: ConfigProblem[] = [];
    const system = fileLayer('system', { type: 'system', file: paths.systemConfig }, paths.systemConfig, this.cache.read(paths.systemConfig));
    const user = fileLayer('user', { type: 'user', file: paths.userConfig, profile: null }, paths.userConfig, this.cache.read(paths.userConfig));
    const managed = this.managedLayer();
    const mapEntries = Object.entries(request.requestOverrides ?? {}).map(([key, value]) => ({ key, value }));
    const requestMap = overridesLayer('request', { type: 'sessionFlags' }, 'request config', mapEntries);
    const fieldEntries = Object.entries(request.requestFields ?? {}).map(([key, value]) => ({ key: formatKeyPath([key]), value }));
    const requestFields = overridesLayer('request', { type: 'sessionFlags' }, 'request', fieldEntries);

    const profileName =
      stringOrNull(request.profile) ??
      stringOrNull(requestMap.table.profile) ??
      stringOrNull(this.cliLayer.table.profile) ??
      stringOrNull(user.table.profile) ??
      stringOrNull(system.table.profile);
    let profile: LayerEntry | null = null;
    if (profileName !== null) {
      const profiles = mergeTables(isTable(system.table.profiles) ? system.table.profiles : {}, isTable(user.table.profiles) ? user.table.profiles : {});
      profile = profileLayer(profileName, profiles, paths.userConfig);
      if (profile === null) problems.push({ file: paths.userConfig, line: null, column: null, key: 'profile', message: `config profile \`${profileName}\` not found; no profile applied`, severity: 'warning' });
    }

    // Trust and root markers come from the layers a project cannot influence.
    const trustBase = [system, user, profile, this.cliLayer, managed].reduce<TomlTable>((acc, layer) => (layer ? mergeTables(acc, layer.table) : acc), {});
    const projects: LayerEntry[] = [];
    let projectFolders: string[] = [];
    if (request.cwd) {
      const cwd = resolve(request.cwd);
      const root = findProjectRoot(cwd, rootMarkers(trustBase));
      const trust = projectTrust(trustBase.projects, root, cwd);
      if (trust.level === 'trusted') projectFolders = projectDotCodexFolders(root, cwd, paths.codexHome);
      for (const site of projectLayerSites(root, cwd, paths.codexHome)) {
        const layer = fileLayer('project', { type: 'project', dotCodexFolder: site.dotCodexFolder }, site.file, this.cache.read(site.file));
        projects.push(trust.level === 'trusted' ? layer : disabledLayer(layer, untrustedReason(trust, paths.userConfig)));
      }
    }

    const layers = [system, user, ...(profile ? [profile] : []), ...projects, this.cliLayer, requestMap, requestFields, managed];
    const requirementsFile = this.cache.read(paths.requirements);
    // Every layer the same object as last time (same files, same overrides): so is the result.
    const key = [...layers, requirementsFile].map((input) => identity(input)).join(',');
    let merged = this.merged.get(key);
    if (merged) {
      this.merged.delete(key); // most recently used last
    } else {
      merged = mergeLayers(layers, loadRequirements(paths.requirements, requirementsFile, managed.disabledReason === null ? managed.table : null), paths.requirements);
      if (this.merged.size >= MERGED_MEMO_SIZE) this.merged.delete(this.merged.keys().next().value!);
    }
    this.merged.set(key, merged);
    // Fresh containers for every caller, as before the memo; the values inside are shared (and
    // were already: a merged table holds the layers' own sub-tables).
    return {
      table: { ...merged.table },
      layers: [...layers],
      origins: new Map(merged.origins),
      settings: { ...merged.settings },
      problems: [...problems, ...merged.problems],
      adjustments: [...merged.adjustments],
      requirements: merged.requirements,
      profile: profile ? profileName : null,
      projectFolders,
    };
  }
}

const MERGED_MEMO_SIZE = 32;

/** The part of an effective config that follows from its layers and requirements alone. */
interface MergedLayers {
  readonly table: TomlTable;
  readonly origins: ReadonlyMap<string, Origin>;
  readonly settings: EffectiveSettings;
  readonly problems: readonly ConfigProblem[];
  readonly adjustments: readonly Adjustment[];
  readonly requirements: Requirements | null;
}

const identities = new WeakMap<object, number>();
let nextIdentity = 0;

/** A number per object, for memo keys made of object identities. */
function identity(value: object): number {
  let id = identities.get(value);
  if (id === undefined) identities.set(value, (id = ++nextIdentity));
  return id;
}

function mergeLayers(layers: readonly LayerEntry[], loadedRequirements: LoadedRequirements, requirementsPath: string): MergedLayers {
  const merged = layers.reduce<TomlTable>((acc, layer) => mergeTables(acc, layer.table), {});
  const { table, adjustments } = applyRequirements(merged, loadedRequirements.requirements);

  const origins = new Map<string, Origin>();
  for (const layer of layers) {
    for (const path of originPaths(layer)) origins.set(originKey(path), { path, layer });
  }
  const requirements = loadedRequirements.requirements;
  if (requirements) {
    // Values forced by requirements are attributed to the requirements file (a system-level file).
    const requirementsLayer: LayerEntry = {
      kind: 'managed',
      name: { type: 'system', file: requirements.file },
      version: requirements.version,
      table: {},
      rawTable: {},
      disabledReason: null,
      problems: [],
      file: requirements.file,
      exists: true,
    };
    for (const adjustment of adjustments) origins.set(originKey(adjustment.path), { path: adjustment.path, layer: requirementsLayer });
  }
  for (const [key, origin] of origins) if (getPath(table, origin.path) === undefined) origins.delete(key);

  const enforced = new Set<string>(adjustments.map((a) => a.path[0] ?? ''));
  for (const origin of origins.values()) if (origin.layer.kind === 'managed' && origin.path[0]) enforced.add(origin.path[0]);

  const problems: ConfigProblem[] = [];
  for (const layer of layers) problems.push(...layer.problems);
  problems.push(...loadedRequirements.problems);
  for (const adjustment of adjustments) {
    // A quiet default that requirements replace is not the user's doing: only explicit values warn.
    const explicit = adjustment.from !== undefined || !['approval_policy', 'sandbox_mode', 'web_search'].includes(adjustment.path[0] ?? '');
    if (explicit) problems.push({ file: requirements?.file ?? requirementsPath, line: null, column: null, key: formatKeyPath(adjustment.path), message: adjustment.message, severity: 'warning' });
  }
  return { table, origins, settings: settingsFromTable(table, enforced), problems, adjustments, requirements };
}

/** Version of the user layer as config/read reports it (for `expectedVersion` checks). */
export function userLayerVersion(config: EffectiveConfig): string {
  return config.layers.find((layer) => layer.kind === 'user')?.version ?? tableVersion({});
}
