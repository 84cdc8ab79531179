// A first start without a key in a real VS Code (code-server + headless chromium): the chat shows
// the sign-in card, the card finds a fake Ollama (OLLAMA_HOST points at it; it lists one model and
// passes the OpenAI API through to the mock model), choosing its model writes config.toml and
// gives the composer, and the first message is answered by that "local" model. Run by `npm run test:e2e`.
import { strict as assert } from 'node:assert';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startMockModel, textReply, type MockModel } from '../support/mock-model';
import { webviewFrame } from '../support/vscode/actions';
import { newSessionDir } from '../support/vscode/paths';
import { openWorkbench, type WorkbenchSession } from '../support/vscode/workbench';

/** Ollama's model list on GET /api/tags; every other request goes to the mock model. */
async function fakeOllama(mock: MockModel, models: readonly string[]): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/api/tags') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ models: models.map((name) => ({ name })) }));
      return;
    }
    const upstream = request({ host: '127.0.0.1', port: mock.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, port: (server.address() as AddressInfo).port };
}

const USER_CONFIG = '# My settings: this comment stays.\n\n# History stays off.\n[history]\npersistence = "none"\n';

describe('A first start without a key (UI)', function () {
  this.timeout(150_000);
  let session: WorkbenchSession;
  let mock: MockModel;
  let ollama: { server: Server; port: number };
  let codexHome: string;

  before(async () => {
    mock = await startMockModel({ replies: [textReply('Hello from the local model')] });
    ollama = await fakeOllama(mock, ['e2e-llama:latest']);
    codexHome = newSessionDir('codex-home');
    writeFileSync(join(codexHome, 'config.toml'), USER_CONFIG);
    session = await openWorkbench({
      label: 'first-start',
      env: { CODEX_HOME: codexHome, OLLAMA_HOST: `127.0.0.1:${ollama.port}`, OPENAI_API_KEY: '' },
      settings: { 'codex.openOnStartup': true },
    });
  });

  after(async () => {
    if (process.env.E2E_DUMP_LOGS) console.log(session?.logs.dump());
    await session?.close();
    ollama?.server.closeAllConnections();
    await new Promise<void>((done) => (ollama ? ollama.server.close(() => done()) : done()));
    await mock?.close();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await session.screenshot(`first-start-failed-${this.currentTest.title.replace(/\W+/g, '-')}`).catch(() => undefined);
      console.log(session.logs.dump());
    }
  });

  it('the sign-in card offers the local Ollama model; choosing it lets the first message get a reply from it', async () => {
    const frame = webviewFrame(session.page);
    const card = frame.locator('[data-testid="signin-card"]');
    await card.waitFor({ timeout: 60_000 });
    const server = card.locator('[data-testid="local-server"][data-server="ollama"]');
    await server.waitFor({ timeout: 30_000 });
    assert.match(await server.innerText(), new RegExp(`Ollama on 127\\.0\\.0\\.1:${ollama.port}`));
    assert.equal(await card.locator('[data-testid="signin-chatgpt"]').count(), 0, 'the bundled server has no ChatGPT login');
    await session.screenshot('first-start-signin-card');
    await server.locator('[data-action="use-local"]').click();

    const input = frame.locator('[data-testid="composer-input"]');
    await input.waitFor({ timeout: 30_000 });
    const config = readFileSync(join(codexHome, 'config.toml'), 'utf8');
    assert.ok(config.startsWith('# My settings: this comment stays.\nmodel_provider = "ollama-local"\nmodel = "e2e-llama:latest"\n\n# History stays off.\n[history]\n'), config);
    assert.ok(config.includes(`base_url = "http://127.0.0.1:${ollama.port}/v1"`), config);

    await input.fill('hello');
    await input.press('Enter');
    await frame.getByText('Hello from the local model').first().waitFor({ timeout: 60_000 });
    const sent = mock.lastRequest('responses');
    assert.equal((sent.body as { model?: string }).model, 'e2e-llama:latest');
    await session.screenshot('first-start-first-reply');
  });
});
