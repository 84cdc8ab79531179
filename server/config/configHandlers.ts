// config/read, config/value/write, config/batchWrite and configRequirements/read. Writes go to the
// user config.toml only (like the real server), are refused when requirements would not allow the
// new value, and say when a higher layer still overrides what was written (`okOverridden`).
import { resolve } from 'node:path';
import type { ConfigWriteResult } from '../protocol/config';
import type { HandlerMap } from '../rpc/methodRouter';
import { applyRequirements } from './applyRequirements';
import { ConfigWriteError } from './configErrors';
import { configReadResult } from './configRead';
import type { ConfigService } from './configService';
import type { WriteEdit } from './configWriter';
import { formatKeyPath } from './keyPath';
import { layerMetadata, type LayerEntry } from './layers';
import { requirementsForWire } from './requirementsFile';
import { getPath, toJsonValue, type TomlTable } from './tables';

export interface ConfigHandlerDeps {
  readonly config: ConfigService;
}

function describeLayer(layer: LayerEntry): string {
  const name = layer.name;
  switch (name.type) {
    case 'project':
      return `the project config in ${name.dotCodexFolder}`;
    case 'user':
      return name.profile ? `profile \`${name.profile}\` in ${name.file}` : name.file;
    case 'sessionFlags':
      return 'a -c command-line override';
    case 'system':
    case 'legacyManagedConfigTomlFromFile':
    case 'packagedDefaults':
      return name.file;
    // Layers only Codex reads (macOS MDM, enterprise management): codex-ts never builds them.
    case 'mdm':
    case 'enterpriseManaged':
    case 'legacyManagedConfigTomlFromMdm':
      return 'a managed config layer';
  }
}

function isUnder(path: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => path[i] === segment);
}

async function write(deps: ConfigHandlerDeps, edits: readonly WriteEdit[], filePath: string | null | undefined, expectedVersion: string | null | undefined): Promise<ConfigWriteResult> {
  const service = deps.config;
  const file = service.userConfigFile;
  if (filePath && resolve(filePath) !== resolve(file)) {
    throw new ConfigWriteError('configLayerReadonly', 'Only writes to the user config are allowed');
  }
  const requirements = service.loader.requirements().requirements;
  const check = (table: TomlTable, paths: readonly (readonly string[])[]): void => {
    for (const adjustment of applyRequirements(table, requirements).adjustments) {
      if (adjustment.from !== undefined && paths.some((p) => isUnder(adjustment.path, p) || isUnder(p, adjustment.path))) {
        throw new ConfigWriteError('configRequirementReadonly', adjustment.message);
      }
    }
  };
  const outcome = await service.writer.write({ file, edits, expectedVersion: expectedVersion ?? null, check });
  service.loader.invalidate(file);

  const effective = service.effective();
  let overridden: ConfigWriteResult['overriddenMetadata'] = null;
  for (const path of outcome.paths) {
    for (const origin of effective.origins.values()) {
      const relevant = isUnder(origin.path, path) || isUnder(path, origin.path);
      if (!relevant || origin.layer.kind === 'user') continue;
      overridden = {
        message: `${formatKeyPath(path)} is overridden by ${describeLayer(origin.layer)}`,
        overridingLayer: layerMetadata(origin.layer),
        effectiveValue: toJsonValue(getPath(effective.table, origin.path)) ?? null,
      };
      break;
    }
    if (overridden) break;
  }
  return { status: overridden ? 'okOverridden' : 'ok', version: outcome.version, filePath: file, overriddenMetadata: overridden };
}

export function configHandlers(deps: ConfigHandlerDeps) {
  return {
    'config/read': (params) => {
      const cwd = params?.cwd ? resolve(params.cwd) : null;
      return configReadResult(deps.config.effective({ cwd }), params?.includeLayers ?? false);
    },

    'config/value/write': (params) =>
      write(deps, [{ keyPath: params.keyPath, value: params.value, mergeStrategy: params.mergeStrategy }], params.filePath, params.expectedVersion),

    'config/batchWrite': (params) => write(deps, params.edits, params.filePath, params.expectedVersion),

    'configRequirements/read': () => {
      // Reading the effective config also reports requirements.toml problems to the client.
      deps.config.effective();
      const loaded = deps.config.loader.requirements();
      return { requirements: requirementsForWire(loaded.requirements) };
    },
  } satisfies Partial<HandlerMap>;
}
