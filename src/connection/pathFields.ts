// Translates the file paths inside protocol messages between host and server paths (WSL): only
// the values of fields that hold paths (cwd, file-change paths, image/mention paths, writable
// roots…) are touched, never free text; the message is copied, not changed in place.

/** Fields whose string (or string array) values are file paths, anywhere in a message. */
export const PATH_FIELDS: ReadonlySet<string> = new Set([
  'cwd',
  'cwds',
  'path',
  'paths',
  'move_path',
  'movePath',
  'grantRoot',
  'writableRoots',
  'root',
  'roots',
  'scriptPath',
  'savedPath',
  'codexHome',
  'file',
  'filePath',
]);

const MAX_DEPTH = 64;

/** A copy of `value` with every path field passed through `map`. */
export function translatePathFields<T>(value: T, map: (path: string) => string): T {
  return walk(value, map, 0) as T;
}

function walk(value: unknown, map: (path: string) => string, depth: number): unknown {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((entry) => walk(entry, map, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    if (PATH_FIELDS.has(key)) out[key] = mapPathValue(entry, map, depth);
    else out[key] = walk(entry, map, depth + 1);
  }
  return out;
}

function mapPathValue(entry: unknown, map: (path: string) => string, depth: number): unknown {
  if (typeof entry === 'string') return map(entry);
  if (Array.isArray(entry)) return entry.map((e) => (typeof e === 'string' ? map(e) : walk(e, map, depth + 1)));
  return walk(entry, map, depth + 1);
}
