// `codex-ts exec` end to end: the built CLI run as a process against the mock model. Plain mode
// prints progress on stderr and exactly the final message on stdout; --json prints exactly the
// `codex exec --json` events (a model-stream retry is an `error` marked will_retry); a failed
// turn (HTTP 500, retries off) exits 1; the prompt can come
// from stdin; -C / -m / --sandbox / -c reach the model; approval is `never` unless -c overrides it.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { drop, httpError, message, reasoning, respond, startMockModel, textReply, type MockModel } from '../support/mock-model';
import { makeCodexHome, mockConfigToml } from '../support/app-server-client';
import { HIGH_DEMAND_MESSAGE } from '../../server/models/errors';

const CLI = resolve(__dirname, '../../dist/server/cli.js');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

type Message = { role: string; content: { text: string }[] };

describe('exec: codex-ts exec', function () {
  this.timeout(20000);
  let mock: MockModel;
  let codexHome: string;
  let work: string;

  beforeEach(() => {
    codexHome = makeCodexHome();
    work = realpathSync(mkdtempSync(join(tmpdir(), 'codex-ts-exec-')));
  });
  afterEach(async () => {
    await mock.close();
    rmSync(work, { recursive: true, force: true });
    rmSync(codexHome, { recursive: true, force: true });
  });

  function configure(): void {
    writeFileSync(join(codexHome, 'config.toml'), mockConfigToml(mock.baseUrl));
  }

  function exec(args: string[], stdin = ''): Promise<Run> {
    return new Promise((resolveRun, reject) => {
      const child = spawn(process.execPath, [CLI, 'exec', ...args], {
        cwd: work,
        env: { ...process.env, CODEX_HOME: codexHome, HOME: work, MOCK_API_KEY: 'test-key', CODEX_TS_RETRY_BASE_MS: '5', CODEX_TS_LOG: '' },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.on('error', reject);
      child.on('exit', (code) => resolveRun({ code, stdout, stderr }));
      child.stdin.end(stdin);
    });
  }

  const firstInput = (): Message[] => mock.requestsTo('responses')[0]?.body.input as Message[];
  const environment = (): string => (firstInput()[1] as Message).content.at(-1)?.text ?? '';

  it('prints progress on stderr and only the final message on stdout', async () => {
    mock = await startMockModel({ replies: [respond([reasoning('Looking around'), message('All done.')], { usage: { inputTokens: 1200, outputTokens: 34 } })] });
    configure();
    const run = await exec(['say hi']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, 'All done.\n');
    const threadId = /^session id: (\S+)$/m.exec(run.stderr)?.[1] as string;
    assert.equal(
      run.stderr,
      [
        /^codex-ts exec \S+\n/.exec(run.stderr)?.[0] ?? 'codex-ts exec <version>\n',
        '--------\n',
        `workdir: ${work}\n`,
        'model: gpt-5.5\n',
        'provider: mock\n',
        'approval: never\n',
        'sandbox: danger-full-access\n',
        'reasoning effort: medium\n',
        `session id: ${threadId}\n`,
        '--------\n',
        'user\nsay hi\n',
        'thinking\nLooking around\n',
        'codex\nAll done.\n',
        'tokens used\n1,234\n',
      ].join(''),
    );
    const user = firstInput().find((m) => m.role === 'user' && m.content[0]?.text === 'say hi');
    assert.ok(user, 'the prompt reached the model as the user message');
    const rollouts = readdirSync(join(codexHome, 'sessions'), { recursive: true }).filter((name) => String(name).endsWith(`${threadId}.jsonl`));
    assert.equal(rollouts.length, 1, 'the run is recorded like any thread');
  });

  it('--json prints exactly the codex exec JSONL events', async () => {
    mock = await startMockModel({
      replies: [respond([reasoning('Thinking'), message('Done')], { usage: { inputTokens: 10, cachedTokens: 2, outputTokens: 5 } })],
    });
    configure();
    const run = await exec(['--json', 'do it']);
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.trimEnd().split('\n');
    const threadId = (JSON.parse(lines[0] as string) as { thread_id: string }).thread_id;
    assert.match(threadId, /^[0-9a-f-]{36}$/);
    assert.deepEqual(lines, [
      `{"type":"thread.started","thread_id":"${threadId}"}`,
      '{"type":"turn.started"}',
      '{"type":"item.completed","item":{"id":"item_0","type":"reasoning","text":"Thinking"}}',
      '{"type":"item.completed","item":{"id":"item_1","type":"agent_message","text":"Done"}}',
      '{"type":"turn.completed","usage":{"input_tokens":10,"cached_input_tokens":2,"output_tokens":5}}',
    ]);
    assert.equal(run.stderr, '', 'nothing but JSON is printed');
  });

  it('exits 1 on a failed turn (HTTP 500, retries off), in both modes', async () => {
    mock = await startMockModel({ replies: [httpError(500), httpError(500)] });
    configure();
    const json = await exec(['--json', 'fail please']);
    assert.equal(json.code, 1);
    const lines = json.stdout.trimEnd().split('\n');
    const threadId = (JSON.parse(lines[0] as string) as { thread_id: string }).thread_id;
    const failure = JSON.stringify(HIGH_DEMAND_MESSAGE);
    assert.deepEqual(lines, [
      `{"type":"thread.started","thread_id":"${threadId}"}`,
      '{"type":"turn.started"}',
      `{"type":"error","message":${failure},"will_retry":false}`,
      `{"type":"turn.failed","error":{"message":${failure}}}`,
    ]);

    const plain = await exec(['fail please']);
    assert.equal(plain.code, 1);
    assert.equal(plain.stdout, '');
    assert.ok(plain.stderr.endsWith(`\nERROR: ${HIGH_DEMAND_MESSAGE}\n`), plain.stderr);
  });

  it('--json: a model-stream retry is an error event marked will_retry, and the run still succeeds', async () => {
    mock = await startMockModel({ replies: [drop(), textReply('after the retry')] });
    writeFileSync(join(codexHome, 'config.toml'), mockConfigToml(mock.baseUrl).replace('stream_max_retries = 0', 'stream_max_retries = 1'));
    const run = await exec(['--json', 'retry please']);
    assert.equal(run.code, 0, run.stderr);
    const events = run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as { type: string; message?: string; will_retry?: boolean });
    assert.deepEqual(
      events.map((e) => e.type),
      ['thread.started', 'turn.started', 'error', 'item.completed', 'turn.completed'],
    );
    assert.equal(events[2]?.will_retry, true);
    assert.match(events[2]?.message ?? '', /retrying 1\/1/);
  });

  it('reads the prompt from stdin and passes -C, -m, --sandbox and -o on', async () => {
    mock = await startMockModel({ replies: [textReply('from the model'), textReply('piped')] });
    configure();
    const dir = join(work, 'project');
    mkdirSync(dir);
    const out = join(work, 'last.txt');
    const run = await exec(['-C', 'project', '-m', 'gpt-5.4-mini', '--sandbox', 'read-only', '-o', out, '-'], 'prompt from stdin\n');
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, 'from the model\n');
    assert.equal(readFileSync(out, 'utf8'), 'from the model');
    const body = mock.requestsTo('responses')[0]?.body;
    assert.equal(body?.model, 'gpt-5.4-mini');
    assert.ok(firstInput().some((m) => m.role === 'user' && m.content[0]?.text === 'prompt from stdin\n'));
    assert.match(environment(), new RegExp(`<cwd>${dir}</cwd>`));
    assert.match(environment(), /<sandbox_mode>read-only<\/sandbox_mode>/);

    const piped = await exec([], 'no argument at all');
    assert.equal(piped.code, 0, piped.stderr);
    assert.equal(piped.stdout, 'piped\n');
  });

  it('forces approval never unless -c approval_policy says otherwise', async () => {
    mock = await startMockModel({ replies: [textReply('one'), textReply('two')] });
    writeFileSync(join(codexHome, 'config.toml'), mockConfigToml(mock.baseUrl).replace('approval_policy = "never"', 'approval_policy = "on-request"'));
    assert.equal((await exec(['first'])).code, 0);
    assert.match(environment(), /<approval_policy>never<\/approval_policy>/);
    const second = await exec(['-c', 'approval_policy="untrusted"', 'second']);
    assert.equal(second.code, 0, second.stderr);
    const input = mock.requestsTo('responses')[1]?.body.input as Message[];
    assert.match((input[1] as Message).content.at(-1)?.text ?? '', /<approval_policy>untrusted<\/approval_policy>/);
  });

  it('reports usage errors without contacting the model', async () => {
    mock = await startMockModel({ replies: [] });
    configure();
    const empty = await exec([], '   \n');
    assert.equal(empty.code, 1);
    assert.equal(empty.stderr, 'ERROR: No prompt provided. Either specify one as an argument or pipe the prompt into stdin.\n');
    const badDir = await exec(['-C', 'missing', 'x']);
    assert.equal(badDir.code, 1);
    assert.match(badDir.stderr, /cannot use -C missing: not a directory/);
    const badSandbox = await exec(['--sandbox', 'wide-open', 'x']);
    assert.equal(badSandbox.code, 2);
    assert.match(badSandbox.stderr, /invalid sandbox mode 'wide-open'/);
    assert.equal(mock.requestsTo('responses').length, 0);
    assert.ok(!existsSync(join(codexHome, 'sessions')), 'no thread was started');
  });
});
