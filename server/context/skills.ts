// Skills: folders holding a SKILL.md whose front matter names and describes a reusable workflow.
// Discovery follows Codex: roots are `.agents/skills` in every directory from the project root down
// to cwd (scope repo), `$CODEX_HOME/skills` and `~/.agents/skills` (user), `$CODEX_HOME/skills/.system`
// (system) and `/etc/codex/skills` (admin). Each root is walked breadth-first, skipping hidden
// entries; duplicate roots and files (same real path) count once. `[[skills.config]]` entries in
// config can disable a skill by path. Invalid SKILL.md files are reported as errors (except in the
// system root), never thrown.
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_ROOT_MARKERS, dirsFromRoot, findProjectRoot } from '../config/projectLayers';
import type { SkillErrorInfo as SkillError, SkillMetadata, SkillScope } from '../protocol/skills';
import { extractFrontMatter, FrontMatterError, parseFrontMatter, type FrontMatterValue } from './frontMatter';

export const SKILL_FILENAME = 'SKILL.md';
export const MAX_NAME_LEN = 64;
export const MAX_DESCRIPTION_LEN = 1024;
export const MAX_SHORT_DESCRIPTION_LEN = 500;
const MAX_SCAN_DEPTH = 6;
const MAX_DIRS_PER_ROOT = 2000;

export type { SkillErrorInfo as SkillError, SkillMetadata, SkillScope } from '../protocol/skills';

export interface SkillLoadOutcome {
  readonly skills: SkillMetadata[];
  readonly errors: SkillError[];
}

export interface SkillRoot {
  readonly path: string;
  readonly scope: SkillScope;
}

export interface SkillRootOptions {
  readonly cwd: string;
  readonly codexHome: string;
  /** The user's home directory (default os.homedir()). */
  readonly homeDir?: string;
  /** Admin skills (default /etc/codex/skills); null to skip. */
  readonly adminDir?: string | null;
  readonly rootMarkers?: readonly string[];
}

export interface SkillOverride {
  readonly path: string;
  readonly enabled: boolean;
}

/** Collapses all whitespace (line breaks included) to single spaces, as Codex does for name/description. */
export function singleLine(value: string): string {
  return value.split(/\s+/).filter((part) => part !== '').join(' ');
}

function field(value: FrontMatterValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function validate(value: string, max: number, name: string): void {
  if (value === '') throw new FrontMatterError(`missing field \`${name}\``);
  if ([...value].length > max) throw new FrontMatterError(`invalid ${name}: exceeds maximum length of ${max} characters`);
}

export interface ParsedSkill {
  readonly name: string;
  readonly description: string;
  readonly shortDescription?: string;
  /** The markdown after the front matter. */
  readonly body: string;
}

/** Parses SKILL.md contents; throws an Error whose message is the one skills/list reports. */
export function parseSkill(contents: string): ParsedSkill {
  const block = extractFrontMatter(contents);
  if (!block) throw new Error('missing YAML frontmatter delimited by ---');
  let yaml;
  try {
    yaml = parseFrontMatter(block.yaml);
  } catch (error) {
    throw new Error(`invalid YAML: ${(error as Error).message}`, { cause: error });
  }
  const name = singleLine(field(yaml.name) ?? '');
  const description = singleLine(field(yaml.description) ?? '');
  validate(name, MAX_NAME_LEN, 'name');
  validate(description, MAX_DESCRIPTION_LEN, 'description');
  const metadata = yaml.metadata;
  const rawShort = typeof metadata === 'object' ? (field(metadata['short-description']) ?? field(metadata.shortDescription) ?? field(metadata.short_description)) : undefined;
  const shortDescription = rawShort === undefined ? undefined : singleLine(rawShort);
  if (shortDescription) validate(shortDescription, MAX_SHORT_DESCRIPTION_LEN, 'metadata.short-description');
  return { name, description, ...(shortDescription ? { shortDescription } : {}), body: block.body };
}

/** The roots for a cwd, in precedence order (repo roots from the project root down to cwd first). */
export function skillRoots(options: SkillRootOptions): SkillRoot[] {
  const cwd = resolve(options.cwd);
  const projectRoot = findProjectRoot(cwd, options.rootMarkers ?? DEFAULT_ROOT_MARKERS);
  const roots: SkillRoot[] = dirsFromRoot(projectRoot, cwd).map((dir) => ({ path: join(dir, '.agents', 'skills'), scope: 'repo' as const }));
  roots.push({ path: join(options.codexHome, 'skills'), scope: 'user' });
  roots.push({ path: join(options.homeDir ?? homedir(), '.agents', 'skills'), scope: 'user' });
  roots.push({ path: join(options.codexHome, 'skills', '.system'), scope: 'system' });
  const adminDir = options.adminDir === undefined ? '/etc/codex/skills' : options.adminDir;
  if (adminDir) roots.push({ path: adminDir, scope: 'admin' });
  return roots;
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** Every SKILL.md under one root (breadth-first, hidden entries skipped, directory links followed once). */
async function skillFilesUnder(root: string, seenDirs: Set<string>): Promise<string[]> {
  const files: string[] = [];
  const queue: { dir: string; depth: number }[] = [{ dir: root, depth: 0 }];
  let visited = 0;
  while (queue.length > 0 && visited < MAX_DIRS_PER_ROOT) {
    const { dir, depth } = queue.shift() as { dir: string; depth: number };
    let real: string;
    try {
      real = await realpath(dir);
    } catch {
      continue;
    }
    if (seenDirs.has(real)) continue;
    seenDirs.add(real);
    visited++;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      const isDir = entry.isDirectory() || (entry.isSymbolicLink() && (await isDirectory(path)));
      if (isDir) {
        if (depth + 1 <= MAX_SCAN_DEPTH) queue.push({ dir: path, depth: depth + 1 });
      } else if (entry.name === SKILL_FILENAME && (entry.isFile() || entry.isSymbolicLink())) {
        files.push(path);
      }
    }
  }
  return files;
}

/** Loads every skill under the roots; `overrides` (from `[[skills.config]]`) set `enabled` by path. */
export async function loadSkills(roots: readonly SkillRoot[], overrides: readonly SkillOverride[] = []): Promise<SkillLoadOutcome> {
  const skills: SkillMetadata[] = [];
  const errors: SkillError[] = [];
  const seenDirs = new Set<string>();
  const seenFiles = new Set<string>();
  const disabled = await disabledPaths(overrides);
  for (const root of roots) {
    if (!(await isDirectory(root.path))) continue;
    for (const file of await skillFilesUnder(root.path, seenDirs)) {
      const path = await realpath(file).catch(() => file);
      if (seenFiles.has(path)) continue;
      seenFiles.add(path);
      try {
        const parsed = parseSkill(await readFile(path, 'utf8'));
        skills.push({
          name: parsed.name,
          description: parsed.description,
          ...(parsed.shortDescription ? { shortDescription: parsed.shortDescription } : {}),
          path,
          scope: root.scope,
          enabled: !disabled.has(path),
          pluginId: null,
        });
      } catch (error) {
        if (root.scope !== 'system') errors.push({ path, message: error instanceof Error ? error.message : String(error) });
      }
    }
  }
  skills.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { skills, errors };
}

/** The SKILL.md paths config disables; a path naming the skill folder means its SKILL.md. The last entry for a path wins. */
async function disabledPaths(overrides: readonly SkillOverride[]): Promise<Set<string>> {
  const state = new Map<string, boolean>();
  for (const override of overrides) {
    let path = resolve(override.path);
    if (await isDirectory(path)) path = join(path, SKILL_FILENAME);
    state.set(await realpath(path).catch(() => path), override.enabled);
  }
  return new Set([...state].filter(([, enabled]) => !enabled).map(([path]) => path));
}

/** `[[skills.config]]` entries from an effective config table (entries without a path are ignored). */
export function skillOverridesFromConfig(skills: unknown): SkillOverride[] {
  if (typeof skills !== 'object' || skills === null) return [];
  const entries = (skills as { config?: unknown }).config;
  if (!Array.isArray(entries)) return [];
  const out: SkillOverride[] = [];
  for (const entry of entries as unknown[]) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { path, enabled } = entry as { path?: unknown; enabled?: unknown };
    if (typeof path === 'string' && path !== '') out.push({ path, enabled: enabled !== false });
  }
  return out;
}
