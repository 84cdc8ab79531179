// Differential test: for the same config files, our config/read must report the same effective
// values and origins as the real `codex app-server` (the @openai/codex dev dependency, run offline
// with plugins/remote_plugin/apps off) for every key both support. Top-level values are compared
// whole; tables the real server fills with its own internal defaults (mcp_servers, model_providers,
// apps, agents, features, windows) are compared leaf by leaf for the leaves the files set. The few
// known, deliberate differences are listed in KNOWN_DIFFERENCES and asserted to be the only ones.
import { strict as assert } from 'node:assert';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { connectAppServer, stdioTransport } from '../../jsonrpc';
import { startAppServer } from '../support/app-server-client';
import { skipBecause } from '../support/system-tools';

const OPENAI = resolve(__dirname, '../../node_modules/@openai');
const REAL_BIN = join(OPENAI, 'codex-linux-x64/vendor/x86_64-unknown-linux-musl/bin/codex');
const OFFLINE = '\n[features]\nplugins = false\nremote_plugin = false\napps = false\n';

type Json = Record<string, unknown>;
interface ReadResult {
  config: Json;
  origins: Record<string, { name: Json; version: string }>;
  layers: { name: Json; config: unknown; disabledReason: string | null }[] | null;
}

/** Runs the real server on a CODEX_HOME and returns its answers to config/read requests. */
async function realConfigReads(home: string, args: string[], reads: Json[]): Promise<ReadResult[]> {
  const child = spawn(REAL_BIN, ['app-server', ...args], {
    cwd: home,
    env: { ...process.env, CODEX_HOME: home, CODEX_MANAGED_BY_NPM: '1', CODEX_MANAGED_PACKAGE_ROOT: join(OPENAI, 'codex'), RUST_LOG: 'error' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  // What this test compares is config/read; a result our table does not describe rejects it anyway.
  const client = connectAppServer(stdioTransport(child), { onProblem: () => undefined });
  try {
    await client.request('initialize', { clientInfo: { name: 'codex-ts-differential', title: null, version: '0' }, capabilities: { experimentalApi: true } });
    void client.notify('initialized');
    const out: ReadResult[] = [];
    for (const params of reads) {
      // The real server's answer, as our protocol table describes it (a mismatch rejects).
      out.push((await client.requestUnchecked('config/read', params)) as ReadResult);
    }
    return out;
  } finally {
    client.end();
    setTimeout(() => child.kill('SIGKILL'), 2000).unref();
  }
}

async function ourConfigReads(home: string, args: string[], reads: Json[]): Promise<ReadResult[]> {
  const client = await startAppServer({ codexHome: home, args });
  try {
    const out: ReadResult[] = [];
    for (const params of reads) out.push(await client.request<ReadResult>('config/read', params));
    return out;
  } finally {
    await client.close();
  }
}

/** Tables the real server fills with its own defaults: compared only at the leaves the files set. */
const LEAF_ONLY = new Set(['mcp_servers', 'model_providers', 'apps', 'agents', 'features', 'windows']);

/** Deliberate differences: keys we keep as documented that Codex 0.169 renames or drops. */
const KNOWN_DIFFERENCES: Record<string, string> = {
  'agents.max_threads': 'Codex 0.169 reads the documented key as agents.max_concurrent_threads_per_session',
  'agents.max_concurrent_threads_per_session': 'the same rename, seen from the real side',
  unknown_top_level: 'unknown keys: we keep them (and warn); Codex drops them from config/read (and warns)',
};

function valueAt(root: unknown, path: readonly string[]): unknown {
  let node = root;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

/** JSON with sorted keys: map order is not part of the contract (Codex's own maps are unordered). */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

interface Comparison {
  compared: string[];
  differences: string[];
}

function compareReads(real: ReadResult, ours: ReadResult, homes: [string, string]): Comparison {
  const normalise = (value: unknown, home: string): unknown => JSON.parse(JSON.stringify(value ?? null).replaceAll(home, '$CODEX_HOME')) as unknown;
  const compared: string[] = [];
  const differences: string[] = [];
  const differ = (key: string, a: unknown, b: unknown): void => {
    compared.push(key);
    if (stable(a) !== stable(b) && !(key.replace(/^origin /, '') in KNOWN_DIFFERENCES)) differences.push(`${key}: real ${stable(a)} ≠ ours ${stable(b)}`);
  };
  for (const key of Object.keys(real.config)) {
    if (!(key in ours.config) || LEAF_ONLY.has(key)) continue;
    differ(key, normalise(real.config[key], homes[0]), normalise(ours.config[key], homes[1]));
  }
  for (const key of Object.keys(ours.origins)) {
    const path = key.split('.');
    if (LEAF_ONLY.has(path[0] ?? '')) differ(key, valueAt(real.config, path), valueAt(ours.config, path));
  }
  for (const key of new Set([...Object.keys(real.origins), ...Object.keys(ours.origins)])) {
    const a = real.origins[key];
    const b = ours.origins[key];
    differ(`origin ${key}`, a ? normalise(a.name, homes[0]) : null, b ? normalise(b.name, homes[1]) : null);
    if (!a || !b) {
      const bare = key.replace(/^origin /, '');
      if (!(bare in KNOWN_DIFFERENCES)) differences.push(`origin ${key}: only in ${a ? 'real' : 'ours'}`);
    }
  }
  if (real.layers && ours.layers) {
    const shape = (layers: ReadResult['layers'], home: string): unknown =>
      normalise((layers ?? []).map((l) => ({ name: l.name, disabledReason: l.disabledReason ?? null, config: l.config })), home);
    differ('layers', shape(real.layers, homes[0]), shape(ours.layers, homes[1]));
  }
  return { compared, differences };
}

describe('config/read: differential against the real codex app-server', function () {
  this.timeout(60000);
  let dir = '';
  before(function () {
    if (process.platform !== 'linux' || process.arch !== 'x64') skipBecause(this, `the real codex binary is wired up for linux-x64 only, this is ${process.platform}-${process.arch}`);
    if (!existsSync(REAL_BIN)) throw new Error(`${REAL_BIN} is missing: run \`npm ci\` (the @openai/codex dev dependency ships it)`);
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'codex-ts-config-diff-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Same files in two CODEX_HOMEs (the real server keeps state there), same args, same reads. */
  async function both(configToml: string, args: string[], reads: Json[]): Promise<Comparison[]> {
    const homes: [string, string] = [join(dir, 'real-home'), join(dir, 'our-home')];
    for (const home of homes) {
      mkdirSync(home, { recursive: true });
      writeFileSync(join(home, 'config.toml'), configToml);
    }
    const real = await realConfigReads(homes[0], args, reads);
    const ours = await ourConfigReads(homes[1], args, reads);
    return real.map((r, i) => compareReads(r, ours[i] as ReadResult, homes));
  }

  function expectSame(results: Comparison[], minCompared: number): void {
    for (const result of results) {
      assert.deepEqual(result.differences, [], result.differences.join('\n'));
      assert.ok(result.compared.length >= minCompared, `compared only ${result.compared.length} keys`);
    }
  }

  it('defaults only: every built-in default and null matches', async () => {
    expectSame(await both(OFFLINE.trimStart(), [], [{ includeLayers: true }]), 60);
  });

  it('a wide user config plus -c overrides', async () => {
    const toml = `model = "gpt-5.5"
review_model = "gpt-5.5"
model_provider = "mock"
model_context_window = 200000
model_auto_compact_token_limit = 150000
approval_policy = "on-failure"
sandbox_mode = "workspace-write"
web_search = "live"
developer_instructions = "Be brief."
model_reasoning_effort = "high"
model_reasoning_summary = "concise"
model_verbosity = "medium"
personality = "pragmatic"
project_doc_max_bytes = 4096
project_doc_fallback_filenames = ["CLAUDE.md"]
notify = ["notify-send", "codex"]
allow_login_shell = false
background_terminal_max_timeout = 120000
hide_agent_reasoning = true
file_opener = "cursor"
unknown_top_level = "kept by us"

[model_providers.mock]
name = "Mock"
base_url = "http://127.0.0.1:9/v1"
wire_api = "responses"
env_key = "MOCK_API_KEY"
request_max_retries = 0
stream_max_retries = 0

[sandbox_workspace_write]
network_access = true
writable_roots = ["/tmp/extra"]

[shell_environment_policy]
inherit = "core"
exclude = ["AWS_*"]
set = { FOO = "bar" }

[history]
persistence = "none"

[mcp_servers.docs]
command = "docs-mcp"
args = ["--stdio"]
startup_timeout_sec = 20

[mcp_servers.remote]
url = "https://example.com/mcp"
bearer_token_env_var = "TOKEN"

[agents]
max_threads = 4
max_depth = 2

[agents.reviewer]
description = "Find risks."

[windows]
sandbox = "elevated"

[apps._default]
enabled = true
destructive_enabled = false

[apps.google_drive]
enabled = false
default_tools_approval_mode = "prompt"

[apps.google_drive.tools."files/delete"]
enabled = false
approval_mode = "approve"
${OFFLINE}shell_snapshot = true
`;
    expectSame(await both(toml, ['-c', 'model_verbosity="low"', '-c', 'sandbox_mode=read-only', '-c', 'features.goals=true'], [{ includeLayers: true }, {}]), 100);
  });

  it('the granular approval form', async () => {
    const toml = `approval_policy = { granular = { sandbox_approval = true, rules = false, mcp_elicitations = true } }\n${OFFLINE}`;
    expectSame(await both(toml, [], [{ includeLayers: true }]), 60);
  });

  it('project layers from the git root down to cwd: trusted, untrusted and unlisted projects', async () => {
    const projects = ['trusted', 'untrusted', 'unlisted'].map((name) => join(dir, name));
    for (const project of projects) {
      // A real repository: Codex does not take an empty `.git` folder for a project root.
      mkdirSync(project, { recursive: true });
      execFileSync('git', ['init', '-q'], { cwd: project });
      mkdirSync(join(project, '.codex'));
      mkdirSync(join(project, 'sub', 'deeper', '.codex'), { recursive: true });
      writeFileSync(join(project, '.codex', 'config.toml'), 'model = "root-model"\nmodel_verbosity = "high"\n');
      writeFileSync(join(project, 'sub', 'deeper', '.codex', 'config.toml'), 'model = "deep-model"\nmodel_reasoning_effort = "low"\n');
    }
    const toml = `model = "user-model"\n[projects."${projects[0]}"]\ntrust_level = "trusted"\n[projects."${projects[1]}"]\ntrust_level = "untrusted"\n${OFFLINE}`;
    const reads = projects.flatMap((project) => [{ includeLayers: true, cwd: join(project, 'sub', 'deeper') }, { cwd: join(project, 'sub') }]);
    expectSame(await both(toml, ['-c', 'model_context_window=1000'], reads), 60);
  });
});
