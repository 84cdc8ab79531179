// A first start without a key, through the real servers: the host's sign-in service on a
// connection core with no OpenAI key. On our server: ChatGPT is not offered, the mock model stands
// in for a local LM Studio (it answers GET /v1/models), choosing its model rewrites config.toml
// keeping its comments, account/read stops asking for a sign-in, model/list offers that model
// instead of the OpenAI catalog and the next turn goes to that base URL. On the real `codex` binary: ChatGPT is offered, its login opens an https auth URL and
// can be cancelled, and the same local choice is accepted and used.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConnectionCore } from '../../src/connection/connectionCore';
import { SignInService } from '../../src/account/signInService';
import { startMockModel, textReply, type MockModel } from '../support/mock-model';
import { makeTempSetup, nextEvent, REPO, releaseCore, startCore, type TempSetup } from '../support/connection-harness';
import { skipBecause } from '../support/system-tools';

const CODEX = join(REPO, 'node_modules/.bin/codex');

const USER_CONFIG = [
  '# My Codex settings: keep this comment.',
  'approval_policy = "never" # no prompts in this test',
  'sandbox_mode = "danger-full-access"',
  '',
  '# History stays off.',
  '[history]',
  'persistence = "none" # trailing comment',
  '',
].join('\n');

/** What the real Codex needs to stay offline (as in connection-codex-binary.test.ts). */
const CODEX_OFFLINE = '\n[features]\nplugins = false\nremote_plugin = false\napps = false\n';

describe('sign-in: a first start without a key (real servers)', function () {
  this.timeout(90_000);
  let mock: MockModel | undefined;
  let setup: TempSetup | undefined;
  let core: ConnectionCore | undefined;

  afterEach(async () => {
    await releaseCore(core, mock, setup);
    core = mock = setup = undefined;
  });

  async function start(config: string, cliExecutable: string | null, opened: string[] = []): Promise<{ core: ConnectionCore; signIn: SignInService }> {
    mock = await startMockModel({ models: ['local-coder', 'text-embedding-small'], replies: [textReply('Hello from the local model')] });
    setup = makeTempSetup();
    writeFileSync(join(setup.codexHome, 'config.toml'), config);
    const env = { OPENAI_API_KEY: '', RUST_LOG: 'error', HOME: setup.root };
    core = startCore(setup, { settings: { cliExecutable }, env }).core;
    await core.start();
    const connection = core;
    const origin = mock.baseUrl.replace(/\/v1$/, '');
    const signIn = new SignInService({
      request: (method, params) => connection.requestUnchecked(method, params),
      openExternal: async (url) => {
        opened.push(url);
        return true;
      },
      targets: () => [{ server: 'lmstudio', origin }],
      env: {},
    });
    return { core: connection, signIn };
  }

  /** Detects the mock as LM Studio, picks its chat model and checks that a turn goes there. */
  async function chooseLocalAndRunATurn(conn: ConnectionCore, signIn: SignInService): Promise<void> {
    const before = (await conn.requestUnchecked('account/read', {})) as { account: unknown; requiresOpenaiAuth: boolean };
    assert.deepEqual([before.account, before.requiresOpenaiAuth], [null, true], 'without a key the chat shows the sign-in card');

    const detected = await signIn.handle({ type: 'detect' });
    assert.ok(detected.type === 'detected', JSON.stringify(detected));
    const [lmstudio] = detected.local;
    assert.ok(lmstudio?.type === 'found', JSON.stringify(detected.local));
    assert.deepEqual(lmstudio.models, ['local-coder']);

    const saved = await signIn.handle({ type: 'useProvider', choice: { type: 'local', server: 'lmstudio', baseUrl: lmstudio.baseUrl, model: 'local-coder' } });
    assert.deepEqual(saved, { type: 'providerSaved', provider: 'lmstudio-local', model: 'local-coder' });

    const after = (await conn.requestUnchecked('account/read', {})) as { requiresOpenaiAuth: boolean };
    assert.equal(after.requiresOpenaiAuth, false, 'a local provider needs no OpenAI sign-in');

    const { thread, modelProvider, model } = await conn.request('thread/start', { cwd: setup!.workspace });
    assert.deepEqual([modelProvider, model], ['lmstudio-local', 'local-coder']);
    const message = nextEvent(conn.onNotification, (n) => n.method === 'item/completed' && n.params.item.type === 'agentMessage', 30_000);
    const completed = nextEvent(conn.onNotification, (n) => n.method === 'turn/completed', 30_000);
    await conn.request('turn/start', { threadId: thread.id, input: [{ type: 'text', text: 'hi', text_elements: [] }] });
    const item = await message;
    assert.ok(item.method === 'item/completed' && item.params.item.type === 'agentMessage');
    assert.equal(item.params.item.text, 'Hello from the local model');
    const done = await completed;
    assert.ok(done.method === 'turn/completed' && done.params.turn.status === 'completed', JSON.stringify(done.params));
    const request = mock!.lastRequest('responses');
    assert.equal(request.path, '/v1/responses');
    assert.equal((request.body as { model?: string }).model, 'local-coder');
  }

  it('our server: no ChatGPT button; a local model is written losslessly and the next turn goes to its base URL', async () => {
    const { core: conn, signIn } = await start(USER_CONFIG, null);
    const detected = await signIn.handle({ type: 'detect' });
    assert.ok(detected.type === 'detected' && detected.chatgpt === false, JSON.stringify(detected));
    const listed = async (): Promise<[string, boolean][]> =>
      ((await conn.request('model/list', {})) as { data: { model: string; isDefault: boolean }[] }).data.map((m) => [m.model, m.isDefault]);
    assert.ok((await listed()).some(([m]) => m === 'gpt-5.5'), 'OpenAI, before the choice: the catalog');

    await chooseLocalAndRunATurn(conn, signIn);

    assert.deepEqual(await listed(), [['local-coder', true]], 'the local server\'s chat model, config.toml\'s choice as default');

    const written = readFileSync(join(setup!.codexHome, 'config.toml'), 'utf8');
    assert.equal(
      written,
      [
        '# My Codex settings: keep this comment.',
        'approval_policy = "never" # no prompts in this test',
        'sandbox_mode = "danger-full-access"',
        'model_provider = "lmstudio-local"',
        'model = "local-coder"',
        '',
        '# History stays off.',
        '[history]',
        'persistence = "none" # trailing comment',
        '',
        '[model_providers.lmstudio-local]',
        'name = "LM Studio"',
        `base_url = "${mock!.baseUrl}"`,
        'wire_api = "responses"',
        '',
      ].join('\n'),
    );
  });

  it('the real codex: ChatGPT is offered, its login opens an https URL and can be cancelled; the local choice works there too', async function () {
    if (process.platform !== 'linux' || process.arch !== 'x64') skipBecause(this, `the real codex binary is wired up for linux-x64 only, this is ${process.platform}-${process.arch}`);
    if (!existsSync(CODEX)) throw new Error(`${CODEX} is missing: run \`npm ci\` (the @openai/codex dev dependency ships it)`);
    const opened: string[] = [];
    const { core: conn, signIn } = await start(USER_CONFIG + CODEX_OFFLINE, CODEX, opened);
    const detected = await signIn.handle({ type: 'detect' });
    assert.ok(detected.type === 'detected' && detected.chatgpt === true, JSON.stringify(detected));

    const started = await signIn.handle({ type: 'chatgpt/start' });
    assert.ok(started.type === 'chatgptStarted', JSON.stringify(started));
    assert.equal(opened.length, 1);
    assert.match(opened[0]!, /^https:\/\/auth\.openai\.com\//);
    assert.deepEqual(await signIn.handle({ type: 'chatgpt/cancel', loginId: started.loginId }), { type: 'chatgptCanceled' });

    await chooseLocalAndRunATurn(conn, signIn);
  });
});
