// Lossless config writes on the seeds' sample config (test/fixtures/config/sample-config.toml):
// every line outside the edited key — comments, blank lines, order, formatting — survives byte for
// byte; key paths split on `.` only (quoted segments, `/` inside a segment); replace vs upsert vs
// delete; validation; atomic replace; optimistic concurrency between concurrent writers.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'smol-toml';
import { ConfigWriteError } from '../../server/config/configErrors';
import { ConfigWriter, editToOperation, type WriteEdit } from '../../server/config/configWriter';
import { parseKeyPath } from '../../server/config/keyPath';
import { tableVersion, type TomlTable } from '../../server/config/tables';
import { editTomlText } from '../../server/config/tomlEdit';

const SAMPLE = readFileSync(resolve(__dirname, '../fixtures/config/sample-config.toml'), 'utf8');

/** True when `needles` appear in `haystack` in order (not necessarily adjacent). */
function isSubsequence(needles: readonly string[], haystack: readonly string[]): boolean {
  let i = 0;
  for (const line of haystack) if (i < needles.length && line === needles[i]) i++;
  return i === needles.length;
}

function commentsOf(text: string): string[] {
  return text.split('\n').flatMap((line) => (line.includes('#') ? [line.slice(line.indexOf('#'))] : []));
}

function edit(text: string, keyPath: string, value: unknown, mergeStrategy: WriteEdit['mergeStrategy'] = 'replace'): string {
  return editTomlText(text, editToOperation({ keyPath, value, mergeStrategy }));
}

interface RoundTrip {
  keyPath: string;
  value: unknown;
  strategy?: WriteEdit['mergeStrategy'];
  /** Original lines the edit may change or remove (the edited key's own lines). */
  changes?: string[];
  expect: (table: TomlTable) => unknown;
  expected: unknown;
}

const ROUND_TRIPS: RoundTrip[] = [
  { keyPath: 'sandbox_mode', value: 'workspace-write', changes: ['sandbox_mode = "read-only"'], expect: (t) => t.sandbox_mode, expected: 'workspace-write' },
  { keyPath: 'windows.sandbox', value: 'elevated', changes: ['sandbox = "unelevated" # or "elevated"'], expect: (t) => (t.windows as TomlTable).sandbox, expected: 'elevated' },
  { keyPath: 'sandbox_workspace_write.exclude_slash_tmp', value: true, expect: (t) => (t.sandbox_workspace_write as TomlTable).exclude_slash_tmp, expected: true },
  {
    keyPath: 'apps.google_drive.tools.files/delete.approval_mode',
    value: 'approve',
    expect: (t) => ((((t.apps as TomlTable).google_drive as TomlTable).tools as TomlTable)['files/delete'] as TomlTable).approval_mode,
    expected: 'approve',
  },
  { keyPath: 'projects."/home/me/my.repo".trust_level', value: 'trusted', expect: (t) => ((t.projects as TomlTable)['/home/me/my.repo'] as TomlTable).trust_level, expected: 'trusted' },
  {
    keyPath: 'approval_policy',
    value: { granular: { sandbox_approval: true, rules: false, mcp_elicitations: true } },
    changes: ['approval_policy = "on-request"'],
    expect: (t) => t.approval_policy,
    expected: { granular: { sandbox_approval: true, rules: false, mcp_elicitations: true } },
  },
  { keyPath: 'features', value: { goals: true }, strategy: 'upsert', expect: (t) => (t.features as TomlTable).goals, expected: true },
  { keyPath: 'shell_environment_policy.set', value: { AWS_REGION: 'eu-west-1' }, changes: ['set = {}'], expect: (t) => (t.shell_environment_policy as TomlTable).set, expected: { AWS_REGION: 'eu-west-1' } },
  { keyPath: 'profiles.deep-review', value: { model: 'gpt-5-pro', approval_policy: 'never' }, strategy: 'upsert', expect: (t) => (t.profiles as TomlTable)['deep-review'], expected: { model: 'gpt-5-pro', approval_policy: 'never' } },
  { keyPath: 'model', value: null, changes: ['model = "gpt-5-codex"'], expect: (t) => t.model, expected: undefined },
  { keyPath: 'mcp_servers.figma.url', value: 'https://example.com/mcp', changes: ['url = "https://mcp.figma.com/mcp"'], expect: (t) => ((t.mcp_servers as TomlTable).figma as TomlTable).url, expected: 'https://example.com/mcp' },
];

describe('config writes: lossless round trips on the sample config', () => {
  for (const trip of ROUND_TRIPS) {
    it(`${trip.strategy ?? 'replace'} ${trip.keyPath} keeps every other line byte-identical`, () => {
      const out = edit(SAMPLE, trip.keyPath, trip.value, trip.strategy);
      const allowed = new Set(trip.changes ?? []);
      const kept = SAMPLE.split('\n').filter((line) => !allowed.has(line));
      assert.ok(isSubsequence(kept, out.split('\n')), `lines outside ${trip.keyPath} changed:\n${out}`);
      assert.ok(isSubsequence(commentsOf(SAMPLE), commentsOf(out)), 'every comment survives, in order');
      assert.deepEqual(JSON.parse(JSON.stringify(trip.expect(parse(out) as TomlTable) ?? null)), trip.expected ?? null);
    });
  }

  it('all edits at once (one batch) still keep every comment', () => {
    let out = SAMPLE;
    for (const trip of ROUND_TRIPS) out = edit(out, trip.keyPath, trip.value, trip.strategy);
    assert.ok(isSubsequence(commentsOf(SAMPLE), commentsOf(out)));
    const table = parse(out) as TomlTable;
    for (const trip of ROUND_TRIPS) assert.deepEqual(JSON.parse(JSON.stringify(trip.expect(table) ?? null)), trip.expected ?? null, trip.keyPath);
  });

  it('replace swaps a whole table, upsert merges into it', () => {
    const replaced = parse(edit(SAMPLE, 'sandbox_workspace_write', { writable_roots: ['/w'] })) as TomlTable;
    assert.deepEqual({ ...(replaced.sandbox_workspace_write as TomlTable) }, { writable_roots: ['/w'] });
    const upserted = parse(edit(SAMPLE, 'sandbox_workspace_write', { writable_roots: ['/w'] }, 'upsert')) as TomlTable;
    assert.deepEqual({ ...(upserted.sandbox_workspace_write as TomlTable) }, { network_access: true, writable_roots: ['/w'] });
  });

  it('a new key goes above the comments that introduce the next table, not between them and it (as Codex writes it)', () => {
    const text = '# Codex settings\napproval_policy = "never"\n\n# History stays off.\n[history]\npersistence = "none"\n';
    assert.equal(
      edit(text, 'model_provider', 'ollama'),
      '# Codex settings\napproval_policy = "never"\nmodel_provider = "ollama"\n\n# History stays off.\n[history]\npersistence = "none"\n',
    );
    // The comments opening the file stay first; a table's own comment stays on it.
    assert.equal(edit('# My config\n\n# MCP\n[mcp_servers.a]\ncommand = "x"\n', 'model', 'm'), '# My config\nmodel = "m"\n\n# MCP\n[mcp_servers.a]\ncommand = "x"\n');
    assert.equal(
      edit('[a]\nx = 1\n\n# about b\n[b]\ny = 2\n', 'a.z', 3),
      '[a]\nx = 1\nz = 3\n\n# about b\n[b]\ny = 2\n',
    );
  });

  it('CRLF files stay CRLF; values written as hex, dates and literal strings elsewhere are untouched', () => {
    const text = "# top\r\nn = 0x10\r\nd = 1979-05-27\r\ns = 'C:\\path'\r\n[t]\r\nb = 2\r\n";
    const out = edit(text, 't.c', 3);
    assert.equal(out, "# top\r\nn = 0x10\r\nd = 1979-05-27\r\ns = 'C:\\path'\r\n[t]\r\nb = 2\r\nc = 3\r\n");
  });

  it('an empty or missing file gets a plain document', () => {
    assert.equal(edit('', 'profiles.fast.model', 'gpt-5'), '[profiles.fast]\nmodel = "gpt-5"\n');
  });
});

describe('config writes: key paths', () => {
  it('split on dots only, with quoted segments', () => {
    assert.deepEqual(parseKeyPath('apps.google_drive.tools.files/delete.approval_mode'), ['apps', 'google_drive', 'tools', 'files/delete', 'approval_mode']);
    assert.deepEqual(parseKeyPath('projects."/a/b.c".trust_level'), ['projects', '/a/b.c', 'trust_level']);
    assert.deepEqual(parseKeyPath("projects.'C:\\x.y'.trust_level"), ['projects', 'C:\\x.y', 'trust_level']);
    assert.deepEqual(parseKeyPath('a."b\\"c"'), ['a', 'b"c']);
    for (const bad of ['', 'a..b', 'a.', '"open', 'a."b"c']) assert.throws(() => parseKeyPath(bad), /keyPath/, bad);
  });
});

describe('config writes: the file on disk', () => {
  let dir = '';
  let file = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'codex-ts-config-write-'));
    file = join(dir, 'config.toml');
    writeFileSync(file, SAMPLE);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const versionOf = (): string => tableVersion(parse(readFileSync(file, 'utf8')) as TomlTable);

  it('writes atomically, returns the new version and keeps the file mode', async () => {
    chmodSync(file, 0o600);
    const writer = new ConfigWriter();
    const outcome = await writer.write({ file, edits: [{ keyPath: 'model', value: 'gpt-5.5', mergeStrategy: 'replace' }], expectedVersion: versionOf() });
    assert.equal(outcome.version, versionOf());
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.deepEqual(readdirSync(dir), ['config.toml'], 'no temp file left behind');
  });

  it('a stale expectedVersion is a version conflict and leaves the file alone', async () => {
    const writer = new ConfigWriter();
    const stale = versionOf();
    await writer.write({ file, edits: [{ keyPath: 'model', value: 'other', mergeStrategy: 'replace' }] });
    const before = readFileSync(file, 'utf8');
    await assert.rejects(
      writer.write({ file, edits: [{ keyPath: 'model', value: 'mine', mergeStrategy: 'replace' }], expectedVersion: stale }),
      (error: unknown) => error instanceof ConfigWriteError && error.writeCode === 'configVersionConflict' && /modified since last read/.test(error.message),
    );
    assert.equal(readFileSync(file, 'utf8'), before);
  });

  it('concurrent writers in one process never lose an edit', async () => {
    const writer = new ConfigWriter();
    const writes = Array.from({ length: 20 }, (_, i) => writer.write({ file, edits: [{ keyPath: `features.flag_${i}`, value: true, mergeStrategy: 'replace' }] }));
    const outcomes = await Promise.all(writes);
    const features = (parse(readFileSync(file, 'utf8')) as TomlTable).features as TomlTable;
    for (let i = 0; i < 20; i++) assert.equal(features[`flag_${i}`], true);
    assert.equal(new Set(outcomes.map((o) => o.version)).size, 20);
    assert.ok(isSubsequence(commentsOf(SAMPLE), commentsOf(readFileSync(file, 'utf8'))));
  });

  it('two writers holding the same version: the second one gets a conflict', async () => {
    const writer = new ConfigWriter();
    const version = versionOf();
    const results = await Promise.allSettled([
      writer.write({ file, edits: [{ keyPath: 'model', value: 'a', mergeStrategy: 'replace' }], expectedVersion: version }),
      writer.write({ file, edits: [{ keyPath: 'model', value: 'b', mergeStrategy: 'replace' }], expectedVersion: version }),
    ]);
    assert.equal(results[0]?.status, 'fulfilled');
    assert.equal(results[1]?.status, 'rejected');
    assert.equal((parse(readFileSync(file, 'utf8')) as TomlTable).model, 'a');
  });

  it('another process writing between our read and our rename: conflict with a version, retry without', async () => {
    const writer = new ConfigWriter();
    let sneaked = false;
    const sneakIn = (): void => {
      if (sneaked) return;
      sneaked = true;
      writeFileSync(file, readFileSync(file, 'utf8').replace('model = "gpt-5-codex"', 'model = "from-elsewhere"'));
    };
    await assert.rejects(writer.write({ file, edits: [{ keyPath: 'model_verbosity', value: 'low', mergeStrategy: 'replace' }], expectedVersion: versionOf(), check: sneakIn }), ConfigWriteError);
    sneaked = false;
    writeFileSync(file, SAMPLE);
    await writer.write({ file, edits: [{ keyPath: 'model_verbosity', value: 'low', mergeStrategy: 'replace' }], check: sneakIn });
    const table = parse(readFileSync(file, 'utf8')) as TomlTable;
    assert.equal(table.model, 'from-elsewhere', 'the other writer’s edit is kept');
    assert.equal(table.model_verbosity, 'low', 'and ours is applied on top');
  });

  it('rejects values of the wrong type for the edited key, bad key paths, and broken files', async () => {
    const writer = new ConfigWriter();
    const codeOf = async (edits: WriteEdit[]): Promise<string> => {
      try {
        await writer.write({ file, edits });
        return 'ok';
      } catch (error) {
        return error instanceof ConfigWriteError ? error.writeCode : String(error);
      }
    };
    assert.equal(await codeOf([{ keyPath: 'model_context_window', value: 'abc', mergeStrategy: 'replace' }]), 'configValidationError');
    assert.equal(await codeOf([{ keyPath: 'sandbox_mode', value: 'sometimes', mergeStrategy: 'replace' }]), 'configValidationError');
    assert.equal(await codeOf([{ keyPath: 'a..b', value: 1, mergeStrategy: 'replace' }]), 'configPathNotFound');
    assert.equal(readFileSync(file, 'utf8'), SAMPLE, 'nothing was written');
    assert.equal(await codeOf([{ keyPath: 'unknown_key_is_fine', value: 1, mergeStrategy: 'replace' }]), 'ok');
    writeFileSync(file, 'model = \n');
    assert.equal(await codeOf([{ keyPath: 'model', value: 'x', mergeStrategy: 'replace' }]), 'configValidationError');
    assert.equal(readFileSync(file, 'utf8'), 'model = \n');
  });

  it('creates a missing config file (and its folder)', async () => {
    const fresh = join(dir, 'new-home', 'config.toml');
    await new ConfigWriter().write({ file: fresh, edits: [{ keyPath: 'model', value: 'gpt-5.5', mergeStrategy: 'replace' }] });
    assert.equal(readFileSync(fresh, 'utf8'), 'model = "gpt-5.5"\n');
  });
});
