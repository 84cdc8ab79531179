// Project config discovery: the project root (the nearest ancestor of cwd holding one of
// `project_root_markers`, default `.git`; cwd itself when there is none), the `.codex/config.toml`
// folders from that root down to cwd (closest last, so it wins), and whether the project is
// trusted (`[projects."<abs path>"] trust_level`, the entry closest to cwd deciding). Untrusted
// projects keep their layers listed, disabled with the reason the real Codex gives.
import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { isTable, type TomlTable } from './tables';

export const DEFAULT_ROOT_MARKERS: readonly string[] = ['.git'];

export function findProjectRoot(cwd: string, markers: readonly string[]): string {
  let dir = resolve(cwd);
  for (;;) {
    if (markers.some((marker) => existsSync(join(dir, marker)))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(cwd);
    dir = parent;
  }
}

/** Directories from `root` down to `cwd`, both included (just cwd when it is not under root). */
export function dirsFromRoot(root: string, cwd: string): string[] {
  const target = resolve(cwd);
  const top = resolve(root);
  if (target !== top && !target.startsWith(top.endsWith(sep) ? top : top + sep)) return [target];
  const out = [target];
  let dir = target;
  while (dir !== top) {
    dir = dirname(dir);
    out.unshift(dir);
  }
  return out;
}

export type TrustLevel = 'trusted' | 'untrusted';

export interface ProjectTrust {
  readonly level: TrustLevel | null;
  /** The projects entry that decided, or the project root when none did. */
  readonly path: string;
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** Looks cwd up, then each ancestor up to the project root, in the `projects` table. */
export function projectTrust(projects: unknown, root: string, cwd: string): ProjectTrust {
  if (!isTable(projects)) return { level: null, path: root };
  const entries = new Map<string, TrustLevel>();
  for (const [path, entry] of Object.entries(projects)) {
    const level = isTable(entry) ? entry.trust_level : undefined;
    if (level === 'trusted' || level === 'untrusted') {
      entries.set(resolve(path), level);
      entries.set(realOrSelf(resolve(path)), level);
    }
  }
  const dirs = dirsFromRoot(root, cwd).reverse();
  for (const dir of dirs) {
    const level = entries.get(dir) ?? entries.get(realOrSelf(dir));
    if (level) return { level, path: dir };
  }
  return { level: null, path: root };
}

export interface ProjectLayerSite {
  /** The `.codex` folder (the layer's name on the wire). */
  readonly dotCodexFolder: string;
  readonly file: string;
}

/** Every `.codex/config.toml` from root to cwd that exists, skipping CODEX_HOME itself. */
export function projectLayerSites(root: string, cwd: string, codexHome: string): ProjectLayerSite[] {
  const home = realOrSelf(resolve(codexHome));
  const out: ProjectLayerSite[] = [];
  for (const dir of dirsFromRoot(root, cwd)) {
    const dotCodexFolder = join(dir, '.codex');
    const file = join(dotCodexFolder, 'config.toml');
    if (realOrSelf(dotCodexFolder) === home) continue;
    if (existsSync(file)) out.push({ dotCodexFolder, file });
  }
  return out;
}

/**
 * Every `.codex` folder from root to cwd that exists, with or without a config.toml, skipping
 * CODEX_HOME itself: where a trusted project's exec-policy rules (`.codex/rules/`) are read.
 */
export function projectDotCodexFolders(root: string, cwd: string, codexHome: string): string[] {
  const home = realOrSelf(resolve(codexHome));
  return dirsFromRoot(root, cwd)
    .map((dir) => join(dir, '.codex'))
    .filter((folder) => realOrSelf(folder) !== home && isDirectory(folder));
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The reason shown for project layers that are not loaded (wording of the real Codex). */
export function untrustedReason(trust: ProjectTrust, userConfigFile: string): string {
  if (trust.level === 'untrusted') {
    return `${trust.path} is marked as untrusted in the effective configuration. To load project-local config, hooks, and exec policies, update its trust setting. If that setting is managed by your organization, contact your administrator.`;
  }
  return `To load project-local config, hooks, and exec policies, add ${trust.path} as a trusted project in ${userConfigFile}.`;
}

export function rootMarkers(table: TomlTable): readonly string[] {
  const markers = table.project_root_markers;
  return Array.isArray(markers) && markers.every((m) => typeof m === 'string') ? (markers as string[]) : DEFAULT_ROOT_MARKERS;
}
