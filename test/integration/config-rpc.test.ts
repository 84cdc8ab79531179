// config/read, config/value/write, config/batchWrite and configRequirements/read against the built
// server (every message checked against the real Codex schema by the test client), plus the config
// reaching threads: edits on disk seen by the next thread/start, project layers by cwd, managed
// config and requirements winning over thread/start fields, configWarning on a broken file.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { RpcCallError, startAppServer, type AppServerClient } from '../support/app-server-client';

const FIXTURES = resolve(__dirname, '../fixtures/config');
const SAMPLE = readFileSync(join(FIXTURES, 'sample-config.toml'), 'utf8');

interface ReadResult {
  config: Record<string, unknown>;
  origins: Record<string, { name: Record<string, unknown>; version: string }>;
  layers: { name: Record<string, unknown>; version: string; config: Record<string, unknown>; disabledReason: string | null }[] | null;
}
interface WriteResult {
  status: string;
  version: string;
  filePath: string;
  overriddenMetadata: { message: string; overridingLayer: { name: Record<string, unknown> }; effectiveValue: unknown } | null;
}

describe('config RPC', function () {
  this.timeout(30000);
  let dir = '';
  let client: AppServerClient | undefined;
  let env: Record<string, string> = {};

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'codex-ts-config-rpc-'));
    env = {
      CODEX_TS_SYSTEM_CONFIG: join(dir, 'system.toml'),
      CODEX_TS_MANAGED_CONFIG: join(dir, 'managed_config.toml'),
      CODEX_TS_REQUIREMENTS: join(dir, 'requirements.toml'),
    };
  });
  afterEach(async () => {
    await client?.close();
    client = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  /** The `error.data.config_write_error_code` of the reply to the last request that failed. */
  const lastWriteErrorCode = (c: AppServerClient): unknown => {
    const reply = [...c.lines].reverse().find((line) => 'error' in line);
    return ((reply?.error as { data?: { config_write_error_code?: string } } | undefined)?.data ?? {}).config_write_error_code;
  };

  it('config/read: effective values, origins with versions, layers highest first', async () => {
    writeFileSync(env.CODEX_TS_SYSTEM_CONFIG as string, 'model_verbosity = "low"\n');
    client = await startAppServer({ extraConfig: SAMPLE, env, args: ['-c', 'model_reasoning_effort="high"'] });
    const read = await client.request<ReadResult>('config/read', { includeLayers: true });
    const userFile = join(client.codexHome, 'config.toml');
    assert.equal(read.config.model, 'gpt-5-codex');
    assert.equal(read.config.model_verbosity, 'low');
    assert.equal(read.config.model_reasoning_effort, 'high');
    assert.equal(read.config.review_model, null, 'known keys that are unset are null');
    assert.equal(read.config.project_doc_max_bytes, 32768, 'built-in defaults as the real server reports them');
    assert.deepEqual(read.config.sandbox_workspace_write, { writable_roots: [], network_access: true, exclude_tmpdir_env_var: false, exclude_slash_tmp: false });
    assert.deepEqual(read.origins.model?.name, { type: 'user', file: userFile, profile: null });
    assert.deepEqual(read.origins.model_verbosity?.name, { type: 'system', file: env.CODEX_TS_SYSTEM_CONFIG });
    assert.deepEqual(read.origins.model_reasoning_effort?.name, { type: 'sessionFlags' });
    assert.deepEqual(read.origins['mcp_servers.figma.url']?.name, { type: 'user', file: userFile, profile: null });
    assert.deepEqual(read.layers?.map((l) => l.name.type), ['sessionFlags', 'user', 'system']);
    assert.equal(read.layers?.[1]?.version, read.origins.model?.version);
    assert.match(read.origins.model?.version ?? '', /^sha256:[0-9a-f]{64}$/);
    const plain = await client.request<ReadResult>('config/read', {});
    assert.equal(plain.layers, null);
  });

  it('config/read with cwd: trusted project layers apply, untrusted ones are listed with the reason', async () => {
    const trusted = join(dir, 'trusted');
    const untrusted = join(dir, 'untrusted');
    for (const project of [trusted, untrusted]) {
      mkdirSync(join(project, '.git'), { recursive: true });
      mkdirSync(join(project, 'sub', '.codex'), { recursive: true });
      writeFileSync(join(project, 'sub', '.codex', 'config.toml'), 'model = "project-model"\n');
    }
    client = await startAppServer({ extraConfig: `model = "user-model"\n[projects."${trusted}"]\ntrust_level = "trusted"\n`, env });
    const inTrusted = await client.request<ReadResult>('config/read', { includeLayers: true, cwd: join(trusted, 'sub') });
    assert.equal(inTrusted.config.model, 'project-model');
    assert.deepEqual(inTrusted.origins.model?.name, { type: 'project', dotCodexFolder: join(trusted, 'sub', '.codex') });
    const inUntrusted = await client.request<ReadResult>('config/read', { includeLayers: true, cwd: join(untrusted, 'sub') });
    assert.equal(inUntrusted.config.model, 'user-model');
    const layer = inUntrusted.layers?.find((l) => l.name.type === 'project');
    assert.match(layer?.disabledReason ?? '', /add .*untrusted as a trusted project/);
    assert.deepEqual(layer?.config, { model: 'project-model' });
  });

  it('configRequirements/read: null without requirements, the constraints with them', async () => {
    client = await startAppServer({ env });
    assert.deepEqual(await client.request('configRequirements/read'), { requirements: null });
    writeFileSync(env.CODEX_TS_REQUIREMENTS as string, readFileSync(join(FIXTURES, 'matrix/requirements/strict.toml')));
    const { requirements } = await client.request<{ requirements: Record<string, unknown> }>('configRequirements/read');
    assert.deepEqual(requirements.allowedApprovalPolicies, ['untrusted', 'on-request']);
    assert.deepEqual(requirements.allowedSandboxModes, ['read-only', 'workspace-write']);
    assert.deepEqual(requirements.allowedWebSearchModes, ['cached', 'disabled']);
    assert.equal(requirements.enforceResidency, 'us');
    const network = requirements.network as Record<string, unknown>;
    assert.equal(network.enabled, true);
    assert.deepEqual(network.allowedDomains, ['api.openai.com']);
    assert.deepEqual(network.allowUnixSockets, ['/tmp/example.sock']);
    assert.equal(network.dangerouslyAllowAllUnixSockets, false);
    const warning = await client.waitForNotification('configWarning', (p) => String(p.summary).includes('prefix_rules.2'));
    assert.equal(warning.path, env.CODEX_TS_REQUIREMENTS);
  });

  it('config/value/write and config/batchWrite: lossless, versioned, read back', async () => {
    client = await startAppServer({ extraConfig: SAMPLE, env });
    const file = join(client.codexHome, 'config.toml');
    const before = await client.request<ReadResult>('config/read', {});
    const version = before.origins.model?.version;
    const written = await client.request<WriteResult>('config/value/write', {
      keyPath: 'apps.google_drive.tools.files/delete.approval_mode',
      value: 'approve',
      mergeStrategy: 'replace',
      expectedVersion: version,
    });
    assert.equal(written.status, 'ok');
    assert.equal(written.filePath, file);
    const batch = await client.request<WriteResult>('config/batchWrite', {
      edits: [
        { keyPath: 'apps._default.destructive_enabled', value: false, mergeStrategy: 'upsert' },
        { keyPath: 'sandbox_mode', value: 'workspace-write', mergeStrategy: 'replace' },
      ],
      expectedVersion: written.version,
    });
    const after = await client.request<ReadResult>('config/read', {});
    assert.equal(after.origins.sandbox_mode?.version, batch.version);
    assert.equal(after.config.sandbox_mode, 'workspace-write');
    assert.deepEqual((after.config.apps as Record<string, Record<string, unknown>>).google_drive?.tools, { 'files/delete': { approval_mode: 'approve' } });
    const text = readFileSync(file, 'utf8');
    for (const line of SAMPLE.split('\n').filter((l) => l.trim().startsWith('#'))) assert.ok(text.includes(line), `comment kept: ${line}`);

    await assert.rejects(client.request('config/value/write', { keyPath: 'model', value: 'x', mergeStrategy: 'replace', expectedVersion: version }), (e: unknown) => e instanceof RpcCallError && e.code === -32600);
    assert.equal(lastWriteErrorCode(client), 'configVersionConflict');
    await assert.rejects(client.request('config/value/write', { keyPath: 'model', value: 'x', mergeStrategy: 'replace', filePath: join(dir, 'other.toml') }));
    assert.equal(lastWriteErrorCode(client), 'configLayerReadonly');
    await assert.rejects(client.request('config/value/write', { keyPath: 'model_context_window', value: 'big', mergeStrategy: 'replace' }));
    assert.equal(lastWriteErrorCode(client), 'configValidationError');
  });

  it('a write that a higher layer overrides says so; a write requirements forbid is refused', async () => {
    writeFileSync(env.CODEX_TS_REQUIREMENTS as string, 'allowed_sandbox_modes = ["read-only", "workspace-write"]\n');
    client = await startAppServer({ extraConfig: 'model = "a"\n', env, args: ['-c', 'model="from-cli"'] });
    const written = await client.request<WriteResult>('config/value/write', { keyPath: 'model', value: 'b', mergeStrategy: 'replace' });
    assert.equal(written.status, 'okOverridden');
    assert.deepEqual(written.overriddenMetadata?.overridingLayer.name, { type: 'sessionFlags' });
    assert.equal(written.overriddenMetadata?.effectiveValue, 'from-cli');
    await assert.rejects(client.request('config/value/write', { keyPath: 'sandbox_mode', value: 'danger-full-access', mergeStrategy: 'replace' }));
    assert.equal(lastWriteErrorCode(client), 'configRequirementReadonly');
  });

  it('new threads see config edits on disk without a restart', async () => {
    client = await startAppServer({ extraConfig: 'model = "first-model"\n', env });
    const first = await client.request<{ model: string }>('thread/start', { cwd: dir });
    assert.equal(first.model, 'first-model');
    writeFileSync(join(client.codexHome, 'config.toml'), 'model = "second-model-after-an-edit"\n');
    assert.equal((await client.request<{ model: string }>('thread/start', { cwd: dir })).model, 'second-model-after-an-edit');
    await client.request('config/value/write', { keyPath: 'model', value: 'third-model', mergeStrategy: 'replace' });
    assert.equal((await client.request<{ model: string }>('thread/start', { cwd: dir })).model, 'third-model');
  });

  it('thread/start: project layers by cwd, managed config and requirements beat request fields', async () => {
    const project = join(dir, 'project');
    mkdirSync(join(project, '.git'), { recursive: true });
    mkdirSync(join(project, '.codex'));
    writeFileSync(join(project, '.codex', 'config.toml'), 'model = "project-model"\n');
    writeFileSync(env.CODEX_TS_MANAGED_CONFIG as string, 'sandbox_mode = "workspace-write"\n');
    writeFileSync(env.CODEX_TS_REQUIREMENTS as string, 'allowed_approval_policies = ["on-request", "untrusted"]\n');
    client = await startAppServer({ extraConfig: `[projects."${project}"]\ntrust_level = "trusted"\n`, env });
    const started = await client.request<{ model: string; approvalPolicy: unknown; sandbox: { type: string } }>('thread/start', {
      cwd: project,
      approvalPolicy: 'never',
      sandbox: 'danger-full-access',
    });
    assert.equal(started.model, 'project-model');
    assert.equal(started.approvalPolicy, 'on-request', 'requirements fall back to an allowed policy');
    assert.equal(started.sandbox.type, 'workspaceWrite', 'managed config wins over the request');
    const warning = await client.waitForNotification('configWarning', (p) => String(p.summary).includes('approval_policy'));
    assert.match(String(warning.summary), /"never" is not allowed/);
    const outside = await client.request<{ model: string; approvalPolicy: unknown }>('thread/start', { cwd: dir, approvalPolicy: 'untrusted' });
    assert.equal(outside.model, 'gpt-5.5', 'no project layer outside the project');
    assert.equal(outside.approvalPolicy, 'untrusted', 'allowed request values stand');
  });

  it('a broken config.toml is reported with path and range, and the server keeps serving', async () => {
    client = await startAppServer({ extraConfig: 'model = "ok"\nmodel_verbosity = "loud"\n[features\n', env });
    const warning = await client.waitForNotification('configWarning');
    const file = join(client.codexHome, 'config.toml');
    assert.equal(warning.path, file);
    assert.deepEqual(warning.range, { start: { line: 3, column: 10 }, end: { line: 3, column: 10 } });
    const read = await client.request<ReadResult>('config/read', { includeLayers: true });
    assert.equal(read.config.model, null, 'the broken layer is left out');
    assert.match(read.layers?.find((l) => l.name.type === 'user')?.disabledReason ?? '', /config\.toml:3:10: /);
  });
});
