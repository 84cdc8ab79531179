// Checks one parsed config layer against the schema. A value of the wrong type is an error: it is
// dropped (the rest of the layer still applies) and reported with file, line, column and key.
// An unknown key is a warning: it is kept and reported. Deprecated spellings are normalised to the
// form the protocol uses (`{ reject = … }` → `{ granular = … }`); `on-failure`, which the protocol
// lacks, is kept (settings.ts turns it into on-request + the on-failure flag; config/read shows on-request).
import type { z } from 'zod';
import { configSchema } from './lazySchemas';
import { deletePath, getPath, isTable, setPath, type TomlTable } from './tables';
import type { ConfigProblem } from './tomlFile';
import { locateKey, locateKeys, type KeyLocations } from './tomlLocator';
import { formatKeyPath } from './keyPath';

export interface ValidatedLayer {
  readonly table: TomlTable;
  readonly problems: readonly ConfigProblem[];
}

type IssuePath = readonly PropertyKey[];

/**
 * Config files are validated a few times per process (once per parsed file version): zod's
 * generated fast path for the ~200-key schema costs ~10 ms to build and pays off only after
 * hundreds of parses, so these parses run interpreted.
 */
export const INTERPRETED = { jitless: true } as const;

/** Array elements cannot be removed one by one (indices would shift): the whole array goes. */
function removablePath(path: IssuePath): string[] {
  const out: string[] = [];
  for (const segment of path) {
    if (typeof segment !== 'string') break;
    out.push(segment);
  }
  return out;
}

function keyText(path: IssuePath): string {
  return formatKeyPath(path.map(String));
}

class ProblemList {
  readonly items: ConfigProblem[] = [];
  private readonly seen = new Set<string>();
  private locations: KeyLocations | null = null;

  constructor(
    private readonly file: string,
    private readonly text: string | null,
  ) {}

  add(path: readonly (string | number)[], message: string, severity: 'error' | 'warning'): void {
    const key = keyText(path);
    const id = `${severity}|${key}|${message}`;
    if (this.seen.has(id)) return;
    this.seen.add(id);
    if (this.locations === null && this.text !== null) this.locations = locateKeys(this.text);
    const where = this.locations ? locateKey(this.locations, path) : null;
    this.items.push({ file: this.file, line: where?.line ?? null, column: where?.column ?? null, key, message, severity });
  }
}

/** Validates and cleans a layer; `text` (the file's source) lets problems carry line and column. */
export function validateLayer(raw: TomlTable, file: string, text: string | null, schema: z.ZodType = configSchema().ConfigLayerSchema): ValidatedLayer {
  const problems = new ProblemList(file, text);
  let table = raw;
  for (let attempt = 0; attempt < 64; attempt++) {
    const parsed = schema.safeParse(table, INTERPRETED);
    if (parsed.success) break;
    let removed = false;
    for (const issue of parsed.error.issues) {
      const path = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) problems.add([...path, key], 'unknown key: kept as it is, but not used by Codex TS', 'warning');
        continue;
      }
      const target = removablePath(path);
      if (target.length === 0 || getPath(table, target) === undefined) continue;
      problems.add(path, `${issue.message}; the value is ignored`, 'error');
      table = deletePath(table, target);
      removed = true;
    }
    if (!removed) break;
  }
  return { table: normalizeLayer(table, problems), problems: problems.items };
}

function normalizeApproval(table: TomlTable, prefix: readonly string[], problems: ProblemList): TomlTable {
  const path = [...prefix, 'approval_policy'];
  const value = getPath(table, path);
  if (value === 'on-failure') {
    // Kept as written: the protocol has no "on-failure" (clients see "on-request", see
    // configRead.ts), but its behaviour is distinct (settings.ts: approvalOnFailure).
    problems.add(path, '"on-failure" is deprecated: clients see "on-request"; commands run sandboxed and a sandbox denial asks to retry without it', 'warning');
    return table;
  }
  if (isTable(value) && isTable(value.reject)) {
    // `reject.x = true` auto-rejects a category; the protocol's granular form says which are allowed.
    const reject = value.reject;
    return setPath(table, path, {
      granular: {
        sandbox_approval: reject.sandbox_approval !== true,
        rules: reject.rules !== true,
        skill_approval: true,
        request_permissions: true,
        mcp_elicitations: reject.mcp_elicitations !== true,
      },
    });
  }
  if (isTable(value) && isTable(value.granular)) {
    const flags = value.granular;
    return setPath(table, path, {
      granular: {
        sandbox_approval: flags.sandbox_approval,
        rules: flags.rules,
        skill_approval: flags.skill_approval ?? false,
        request_permissions: flags.request_permissions ?? false,
        mcp_elicitations: flags.mcp_elicitations,
      },
    });
  }
  return table;
}

/**
 * A layer as config/read shows it: as written, except deprecated aliases the real server already
 * reads under their current name (`on-failure` is shown as `on-request`).
 */
export function displayLayer(raw: TomlTable): TomlTable {
  let out = raw;
  const rename = (path: string[]): void => {
    if (getPath(out, path) === 'on-failure') out = setPath(out, path, 'on-request');
  };
  rename(['approval_policy']);
  if (isTable(raw.profiles)) for (const name of Object.keys(raw.profiles)) rename(['profiles', name, 'approval_policy']);
  return out;
}

function normalizeLayer(table: TomlTable, problems: ProblemList): TomlTable {
  let out = normalizeApproval(table, [], problems);
  const profiles = out.profiles;
  if (isTable(profiles)) {
    for (const name of Object.keys(profiles)) out = normalizeApproval(out, ['profiles', name], problems);
  }
  return out;
}
