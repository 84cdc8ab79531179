// Project docs (AGENTS.md) the agent starts with, discovered the way Codex does:
// - global: `$CODEX_HOME/AGENTS.override.md`, else `$CODEX_HOME/AGENTS.md` (first non-blank one);
// - project: every directory from the project root (nearest ancestor holding a root marker, `.git`
//   by default; cwd alone when there is none) down to cwd, closest last; in each directory the first
//   of `AGENTS.override.md`, `AGENTS.md`, then `project_doc_fallback_filenames` that exists;
// - project docs share one budget of `project_doc_max_bytes` (default 32 KiB; 0 disables them),
//   blank files are skipped, the rest are joined with a blank line;
// - the global text and the project docs are joined with `--- project-doc ---` and sent as one user
//   message `# AGENTS.md instructions for <cwd>\n\n<INSTRUCTIONS>\n…\n</INSTRUCTIONS>`.
import { lstat, readFile } from 'node:fs/promises';
import { realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_ROOT_MARKERS, dirsFromRoot, findProjectRoot } from '../config/projectLayers';

export const DEFAULT_PROJECT_DOC_FILENAME = 'AGENTS.md';
export const LOCAL_PROJECT_DOC_FILENAME = 'AGENTS.override.md';
export const DEFAULT_PROJECT_DOC_MAX_BYTES = 32 * 1024;
export const PROJECT_DOC_SEPARATOR = '\n\n--- project-doc ---\n\n';
export const USER_INSTRUCTIONS_PREFIX = '# AGENTS.md instructions for ';

export interface ProjectDocOptions {
  readonly cwd: string;
  /** Bytes of project docs to include in total; 0 disables project docs (default 32 KiB). */
  readonly maxBytes?: number;
  /** Extra file names tried after AGENTS.override.md and AGENTS.md in each directory. */
  readonly fallbackFilenames?: readonly string[];
  /** Files or directories that mark the project root (default `.git`). */
  readonly rootMarkers?: readonly string[];
}

export interface ProjectDoc {
  readonly path: string;
  readonly text: string;
  /** The file was cut to fit the remaining budget. */
  readonly truncated: boolean;
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** The candidate names for one directory, in order, without duplicates or empty names. */
export function candidateFilenames(fallbacks: readonly string[] = []): string[] {
  const names = [LOCAL_PROJECT_DOC_FILENAME, DEFAULT_PROJECT_DOC_FILENAME];
  for (const name of fallbacks) if (name !== '' && !names.includes(name)) names.push(name);
  return names;
}

async function isFileOrLink(path: string): Promise<boolean> {
  try {
    const stat = await lstat(path);
    return stat.isFile() || stat.isSymbolicLink();
  } catch {
    return false;
  }
}

/** The doc paths that apply to cwd, project root first, cwd last (empty when maxBytes is 0). */
export async function discoverProjectDocPaths(options: ProjectDocOptions): Promise<string[]> {
  if ((options.maxBytes ?? DEFAULT_PROJECT_DOC_MAX_BYTES) === 0) return [];
  const cwd = realOrSelf(options.cwd);
  const root = findProjectRoot(cwd, options.rootMarkers ?? DEFAULT_ROOT_MARKERS);
  const names = candidateFilenames(options.fallbackFilenames);
  const found: string[] = [];
  for (const dir of dirsFromRoot(root, cwd)) {
    for (const name of names) {
      const candidate = join(dir, name);
      if (await isFileOrLink(candidate)) {
        found.push(candidate);
        break;
      }
    }
  }
  return found;
}

/** The longest prefix of `data` that is at most `limit` bytes and does not split a UTF-8 character. */
export function utf8Prefix(data: Buffer, limit: number): Buffer {
  if (data.length <= limit) return data;
  let end = limit;
  // Back up over continuation bytes (10xxxxxx) so the cut lands on a character boundary.
  while (end > 0 && ((data[end] ?? 0) & 0xc0) === 0x80) end--;
  return data.subarray(0, end);
}

/** Reads the project docs within the byte budget (blank files skipped, unreadable ones ignored). */
export async function readProjectDocs(options: ProjectDocOptions): Promise<ProjectDoc[]> {
  let remaining = options.maxBytes ?? DEFAULT_PROJECT_DOC_MAX_BYTES;
  const docs: ProjectDoc[] = [];
  for (const path of await discoverProjectDocPaths(options)) {
    if (remaining <= 0) break;
    let data: Buffer;
    try {
      data = await readFile(path);
    } catch {
      continue; // a dangling link or a file removed meanwhile: nothing to include
    }
    const kept = utf8Prefix(data, remaining);
    const text = kept.toString('utf8');
    if (text.trim() === '') continue;
    docs.push({ path, text, truncated: kept.length < data.length });
    remaining -= kept.length;
  }
  return docs;
}

/** `$CODEX_HOME/AGENTS.override.md`, else `$CODEX_HOME/AGENTS.md`: the first non-blank one, trimmed. */
export async function readGlobalInstructions(codexHome: string): Promise<{ path: string; text: string } | null> {
  for (const name of [LOCAL_PROJECT_DOC_FILENAME, DEFAULT_PROJECT_DOC_FILENAME]) {
    const path = join(codexHome, name);
    try {
      const text = (await readFile(path, 'utf8')).trim();
      if (text !== '') return { path, text };
    } catch {
      // missing or unreadable: try the next name
    }
  }
  return null;
}

/** Global instructions, then the project docs (separated as Codex does); null when both are empty. */
export function combineUserInstructions(global: string | null, projectDocs: readonly ProjectDoc[]): string | null {
  let out = global ?? '';
  if (projectDocs.length > 0) {
    if (out !== '') out += PROJECT_DOC_SEPARATOR;
    out += projectDocs.map((doc) => doc.text).join('\n\n');
  }
  return out === '' ? null : out;
}

/** The text of the AGENTS.md part of the opening user message. */
export function userInstructionsText(directory: string, instructions: string): string {
  return `${USER_INSTRUCTIONS_PREFIX}${directory}\n\n<INSTRUCTIONS>\n${instructions}\n</INSTRUCTIONS>`;
}

export interface LoadedUserInstructions {
  /** The combined text (global + project docs), or null when there is none. */
  readonly text: string | null;
  /** Every file that contributed, global first. */
  readonly sources: readonly string[];
}

/** Everything the AGENTS.md part is built from, for a thread's cwd. */
export async function loadUserInstructions(codexHome: string, options: ProjectDocOptions): Promise<LoadedUserInstructions> {
  const [global, docs] = await Promise.all([readGlobalInstructions(codexHome), readProjectDocs(options)]);
  return {
    text: combineUserInstructions(global?.text ?? null, docs),
    sources: [...(global ? [global.path] : []), ...docs.map((doc) => doc.path)],
  };
}
