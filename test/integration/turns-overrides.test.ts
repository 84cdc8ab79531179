// Per-thread and per-turn settings reaching the model: instructions from thread/start, and the
// turn/start overrides (model, effort) that become the thread's defaults, also after a restart,
// while an output schema applies to its own turn only.
import { strict as assert } from 'node:assert';
import { startMockModel, textReply, type MockModel } from '../support/mock-model';
import { runTurn } from '../support/app-server-client';
import { useAppServers } from '../support/server-fixture';

type Json = Record<string, unknown>;

describe('turns: settings that reach the model', function () {
  this.timeout(20000);
  let mock: MockModel;
  const servers = useAppServers(() => mock.baseUrl, () => [mock]);
  const start = servers.start;

  it('sends base and developer instructions from thread/start as the developer message', async () => {
    mock = await startMockModel({ replies: [textReply('ok')] });
    const client = await start();
    const { thread } = await client.request<{ thread: { id: string } }>('thread/start', {
      cwd: '/tmp',
      baseInstructions: 'You are a terse test agent.',
      developerInstructions: 'Always answer in French.',
    });
    await runTurn(client, thread.id, 'hello');
    const [developer] = mock.lastRequest('responses').body.input as Json[];
    assert.equal(developer?.role, 'developer');
    const texts = (developer?.content as Json[]).map((p) => p.text);
    assert.equal(texts[0], 'You are a terse test agent.');
    assert.match(String(texts[1]), /^<developer_instructions>\nAlways answer in French\.\n<\/developer_instructions>$/);
  });

  it('keeps turn overrides of model and effort for later turns and after a restart', async () => {
    mock = await startMockModel({ replies: [textReply('a'), textReply('b'), textReply('c'), textReply('d')] });
    const client = await start();
    const started = await client.request<{ thread: { id: string }; reasoningEffort: string }>('thread/start', { cwd: '/tmp' });
    assert.equal(started.reasoningEffort, 'medium');
    const threadId = started.thread.id;
    const sent = (): Json => mock.lastRequest('responses').body;

    await runTurn(client, threadId, 'default settings');
    assert.equal(sent().model, 'gpt-5.5');
    assert.equal((sent().reasoning as Json).effort, 'medium');

    await runTurn(client, threadId, 'think harder', { model: 'gpt-5.4-mini', effort: 'high' });
    assert.equal(sent().model, 'gpt-5.4-mini');
    assert.equal((sent().reasoning as Json).effort, 'high');

    const schema = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'], additionalProperties: false };
    await runTurn(client, threadId, 'structured please', { outputSchema: schema });
    assert.equal(sent().model, 'gpt-5.4-mini', 'the override stuck');
    assert.deepEqual((sent().text as Json).format, { type: 'json_schema', name: 'codex_output_schema', schema, strict: true });

    const closing = servers.untrackAll();
    for (const c of closing) assert.equal(await c.close(), 0);
    const again = await start(client.codexHome);
    const resumed = await again.request<{ model: string; reasoningEffort: string }>('thread/resume', { threadId });
    assert.equal(resumed.model, 'gpt-5.4-mini');
    assert.equal(resumed.reasoningEffort, 'high');
    await runTurn(again, threadId, 'after restart');
    assert.equal(sent().model, 'gpt-5.4-mini');
    assert.equal((sent().reasoning as Json).effort, 'high');
    assert.equal((sent().text as Json | undefined)?.format, undefined, 'the output schema was for one turn only');
  });
});
