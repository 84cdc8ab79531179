// `codex-ts exec` with tools: a turn that runs a command and applies a patch shows them as
// `command_execution` (started, then completed with the same exec id) and `file_change` events
// with --json, and as exec / file update blocks on stderr in plain mode; the file is on disk.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { customToolCall, functionCall, respond, startMockModel, textReply, type MockModel } from '../support/mock-model';
import { makeCodexHome, mockConfigToml } from '../support/app-server-client';

const CLI = resolve(__dirname, '../../dist/server/cli.js');
const PATCH = '*** Begin Patch\n*** Add File: notes.txt\n+written by the agent\n*** End Patch';

describe('exec: codex-ts exec with tools', function () {
  this.timeout(20000);
  let mock: MockModel;
  let root: string;
  let work: string;
  let codexHome: string;

  beforeEach(() => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'codex-ts-exec-tools-')));
    work = join(root, 'ws');
    mkdirSync(work);
    mkdirSync(join(root, 'home'));
    codexHome = makeCodexHome();
  });
  afterEach(async () => {
    await mock.close();
    rmSync(root, { recursive: true, force: true });
    rmSync(codexHome, { recursive: true, force: true });
  });

  function exec(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    writeFileSync(join(codexHome, 'config.toml'), mockConfigToml(mock.baseUrl));
    return new Promise((resolveRun, reject) => {
      const child = spawn(process.execPath, [CLI, 'exec', ...args], {
        cwd: work,
        env: { ...process.env, CODEX_HOME: codexHome, HOME: join(root, 'home'), SHELL: '/bin/bash', MOCK_API_KEY: 'test-key', CODEX_TS_LOG: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.on('error', reject);
      child.on('exit', (code) => resolveRun({ code, stdout, stderr }));
    });
  }

  const script = (): void => {
    mock.enqueue(
      respond([functionCall('exec_command', { cmd: 'echo hello from the shell', yield_time_ms: 10000 }, { callId: 'call_echo' })]),
      respond([customToolCall('apply_patch', PATCH, { callId: 'call_patch' })]),
      textReply('Wrote notes.txt.'),
    );
  };

  it('--json shows the command and the file change as items', async () => {
    mock = await startMockModel();
    script();
    const run = await exec(['--json', 'write some notes']);
    assert.equal(run.code, 0, run.stderr);
    const events = run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as { type: string; item?: Record<string, unknown> });
    assert.deepEqual(
      events.map((e) => [e.type, e.item?.id ?? null, e.item?.type ?? null]),
      [
        ['thread.started', null, null],
        ['turn.started', null, null],
        ['item.started', 'item_0', 'command_execution'],
        ['item.completed', 'item_0', 'command_execution'],
        ['item.started', 'item_1', 'file_change'],
        ['item.completed', 'item_1', 'file_change'],
        ['item.completed', 'item_2', 'agent_message'],
        ['turn.completed', null, null],
      ],
    );
    assert.deepEqual(events[2]?.item, { id: 'item_0', type: 'command_execution', command: '/bin/bash -lc \'echo hello from the shell\'', aggregated_output: '', exit_code: null, status: 'in_progress' });
    assert.deepEqual(events[3]?.item, { id: 'item_0', type: 'command_execution', command: '/bin/bash -lc \'echo hello from the shell\'', aggregated_output: 'hello from the shell\n', exit_code: 0, status: 'completed' });
    assert.deepEqual(events[5]?.item, { id: 'item_1', type: 'file_change', changes: [{ path: join(work, 'notes.txt'), kind: 'add' }], status: 'completed' });
    assert.equal(readFileSync(join(work, 'notes.txt'), 'utf8'), 'written by the agent\n');
  });

  it('plain mode shows the command, its output and the file update on stderr', async () => {
    mock = await startMockModel();
    script();
    const run = await exec(['write some notes']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, 'Wrote notes.txt.\n');
    assert.match(run.stderr, new RegExp(`\\nexec\\n/bin/bash -lc 'echo hello from the shell' in ${work}\\nsucceeded in \\d+ms:\\nhello from the shell\\n`));
    assert.ok(run.stderr.includes(`\nfile update\nA ${join(work, 'notes.txt')}\n`), run.stderr);
    assert.ok(run.stderr.includes('\ncodex\nWrote notes.txt.\n'));
  });
});
