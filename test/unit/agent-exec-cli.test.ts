// `codex-ts exec` pieces that need no process: its command line (through the top-level parser),
// the app-server → `codex exec --json` event mapping (ids, plans, interrupted and failed turns,
// warnings), and the human-readable blocks.
import { strict as assert } from 'node:assert';
import { parseArgs } from '../../server/cli/main';
import { overridesApprovalPolicy, parseExecArgs } from '../../server/cli/exec/execArgs';
import { ExecHumanOutput, outputHead } from '../../server/cli/exec/humanOutput';
import { ExecJsonEvents } from '../../server/cli/exec/jsonEvents';
import type { ServerNotification, ThreadItem, Turn } from '../../server/protocol';

describe('exec: command line', () => {
  it('parses every option, keeping -c overrides given before exec', () => {
    const parsed = parseArgs(['-c', 'a=1', 'exec', '--json', '-m', 'o3', '-C', 'dir', '-s', 'read-only', '-c', 'b=2', '--profile=fast', '-i', 'x.png,y.png', '-o', 'out.txt', '--output-schema', 's.json', '--skip-git-repo-check', 'fix it']);
    assert.deepEqual(parsed, {
      command: 'exec',
      configOverrides: ['a=1', 'b=2', 'profile="fast"'],
      exec: {
        json: true,
        model: 'o3',
        cwd: 'dir',
        sandbox: 'read-only',
        configOverrides: ['a=1', 'b=2', 'profile="fast"'],
        images: ['x.png', 'y.png'],
        outputLastMessage: 'out.txt',
        outputSchema: 's.json',
        prompt: 'fix it',
        help: false,
      },
    });
  });

  it('maps the sandbox shortcuts, stdin prompts and -- ', () => {
    const ok = (argv: string[]) => parseExecArgs(argv) as Exclude<ReturnType<typeof parseExecArgs>, { error: string }>;
    assert.equal(ok(['--full-auto', 'x']).sandbox, 'workspace-write');
    assert.equal(ok(['--yolo', 'x']).sandbox, 'danger-full-access');
    assert.equal(ok(['--experimental-json', '-']).prompt, '-');
    assert.equal(ok(['--json']).prompt, null);
    assert.equal(ok(['--', '--not-an-option']).prompt, '--not-an-option');
    assert.equal(ok(['-h']).help, true);
  });

  it('rejects bad input with a message', () => {
    assert.deepEqual(parseExecArgs(['--sandbox', 'open']), { error: "invalid sandbox mode 'open' (expected read-only, workspace-write, danger-full-access)" });
    assert.deepEqual(parseExecArgs(['-m']), { error: '-m needs a value' });
    assert.deepEqual(parseExecArgs(['--nope']), { error: "unknown option '--nope'" });
    assert.deepEqual(parseExecArgs(['two', 'words']), { error: "unexpected argument 'words' (quote the prompt as one argument)" });
  });

  it('knows when -c sets the approval policy', () => {
    assert.equal(overridesApprovalPolicy(['model="x"']), false);
    assert.equal(overridesApprovalPolicy(['approval_policy="on-request"']), true);
    assert.equal(overridesApprovalPolicy([' approval_policy = never']), true);
  });
});

/** Complete protocol objects for the mapping tests (the mappers take the typed union). */
type Item = ThreadItem;
const ofTurn = { threadId: 'th', turnId: 't' };
const command = (status: 'inProgress' | 'completed' | 'failed' | 'declined', extra: Partial<Extract<Item, { type: 'commandExecution' }>> = {}): Item => ({
  type: 'commandExecution',
  id: 'call_1',
  pluginId: null,
  scriptPath: null,
  command: 'ls',
  cwd: '/w',
  processId: null,
  source: 'agent',
  status,
  commandActions: [],
  aggregatedOutput: null,
  exitCode: null,
  durationMs: null,
  ...extra,
});
const agentMessage = (id: string, text: string): Item => ({ type: 'agentMessage', id, text, phase: null, moderation: null, memoryCitation: null, delivery: null, questions: null });
const reasoning = (summary: string[]): Item => ({ type: 'reasoning', id: 'r', summary, content: [] });
const userMessage: Item = { type: 'userMessage', id: 'u', clientId: null, content: [] };
const fileChange = (status: 'completed' | 'declined', changes: { path: string; kind: 'add' | 'update' }[]): Item => ({
  type: 'fileChange',
  id: 'p',
  status,
  changes: changes.map(({ path, kind }) => ({ path, diff: '', kind: kind === 'add' ? { type: 'add' } : { type: 'update', move_path: null } })),
});
const itemStarted = (item: Item): ServerNotification => ({ method: 'item/started', params: { ...ofTurn, item, startedAtMs: 0 } });
const itemCompleted = (item: Item): ServerNotification => ({ method: 'item/completed', params: { ...ofTurn, item, completedAtMs: 0 } });
const turnCompleted = (status: Turn['status'], items: Item[], error: { message: string; additionalDetails: string | null } | null = null): ServerNotification => ({
  method: 'turn/completed',
  params: {
    threadId: 'th',
    turn: { id: 't', rootTurnId: null, items, itemsView: 'full', status, startedAt: null, completedAt: null, durationMs: null, error: error && { ...error, codexErrorInfo: null, misalignment: null } },
  },
});
const turnError = (message: string, willRetry: boolean, additionalDetails: string | null = null): ServerNotification => ({
  method: 'error',
  params: { ...ofTurn, willRetry, error: { message, additionalDetails, codexErrorInfo: null, misalignment: null } },
});
const planUpdated = (explanation: string | null, plan: { step: string; status: 'pending' | 'inProgress' | 'completed' }[]): ServerNotification => ({
  method: 'turn/plan/updated',
  params: { ...ofTurn, explanation, plan },
});
const tokens = { totalTokens: 10, inputTokens: 7, cachedInputTokens: 1, cacheWriteInputTokens: 0, outputTokens: 3, reasoningOutputTokens: 0 };

describe('exec: --json events', () => {
  it('numbers items, keeps a started item id on completion and shows agent text only when complete', () => {
    const events = new ExecJsonEvents();
    assert.deepEqual(events.map(itemStarted(userMessage)), []);
    assert.deepEqual(events.map(itemStarted(agentMessage('m', ''))), []);
    assert.deepEqual(events.map(itemStarted(command('inProgress'))), [
      { type: 'item.started', item: { id: 'item_0', type: 'command_execution', command: 'ls', aggregated_output: '', exit_code: null, status: 'in_progress' } },
    ]);
    assert.deepEqual(events.map(itemCompleted(reasoning(['  ']))), []);
    assert.deepEqual(events.map(itemCompleted(command('failed', { aggregatedOutput: 'boom', exitCode: 2 }))), [
      { type: 'item.completed', item: { id: 'item_0', type: 'command_execution', command: 'ls', aggregated_output: 'boom', exit_code: 2, status: 'failed' } },
    ]);
    assert.deepEqual(events.map(itemCompleted(agentMessage('m', 'hi'))), [{ type: 'item.completed', item: { id: 'item_1', type: 'agent_message', text: 'hi' } }]);
    assert.equal(events.finalMessage, 'hi');
    assert.deepEqual(events.map(itemCompleted(fileChange('declined', [{ path: 'a', kind: 'update' }]))), [
      { type: 'item.completed', item: { id: 'item_2', type: 'file_change', changes: [{ path: 'a', kind: 'update' }], status: 'failed' } },
    ]);
  });

  it('turns plan updates into one todo_list item closed at the end of the turn', () => {
    const events = new ExecJsonEvents();
    const plan = (status: 'pending' | 'completed') => planUpdated(null, [{ step: 'read', status: 'completed' }, { step: 'write', status }]);
    assert.deepEqual(events.map(plan('pending')), [{ type: 'item.started', item: { id: 'item_0', type: 'todo_list', items: [{ text: 'read', completed: true }, { text: 'write', completed: false }] } }]);
    assert.equal(events.map(plan('completed'))[0]?.type, 'item.updated');
    events.map({ method: 'thread/tokenUsage/updated', params: { ...ofTurn, tokenUsage: { total: tokens, last: tokens, modelContextWindow: null } } });
    assert.deepEqual(events.map(turnCompleted('completed', [agentMessage('m', 'final')])), [
      { type: 'item.completed', item: { id: 'item_0', type: 'todo_list', items: [{ text: 'read', completed: true }, { text: 'write', completed: true }] } },
      { type: 'turn.completed', usage: { input_tokens: 7, cached_input_tokens: 1, output_tokens: 3 } },
    ]);
    assert.equal(events.finalMessage, 'final');
  });

  it('closes items left open, fails with the turn error and drops the final message when interrupted', () => {
    const events = new ExecJsonEvents();
    events.map(itemStarted(command('inProgress')));
    assert.deepEqual(events.map(turnError('stream lost', true, 'eof')), [{ type: 'error', message: 'stream lost (eof)', will_retry: true }]);
    assert.deepEqual(events.map(turnCompleted('failed', [command('inProgress')], { message: 'gave up', additionalDetails: null })), [
      { type: 'item.completed', item: { id: 'item_0', type: 'command_execution', command: 'ls', aggregated_output: '', exit_code: null, status: 'in_progress' } },
      { type: 'turn.failed', error: { message: 'gave up' } },
    ]);
    events.map(itemCompleted(agentMessage('m', 'partial')));
    assert.deepEqual(events.map(turnCompleted('interrupted', [])), []);
    assert.equal(events.finalMessage, null);
    assert.deepEqual(events.map({ method: 'configWarning', params: { summary: 'bad key', details: 'config.toml:3' } }), [
      { type: 'item.completed', item: { id: 'item_2', type: 'error', message: 'bad key (config.toml:3)' } },
    ]);
  });
  it('marks model-stream retries as non-fatal errors; a real error stays fatal and names a failed turn', () => {
    const events = new ExecJsonEvents();
    assert.deepEqual(events.map(turnError('stream lost (retrying 1/5 in 200 ms)', true)), [
      { type: 'error', message: 'stream lost (retrying 1/5 in 200 ms)', will_retry: true },
    ]);
    // A failed turn without its own error is not explained by a retry.
    assert.deepEqual(events.map(turnCompleted('failed', [])), [{ type: 'turn.failed', error: { message: 'turn failed' } }]);
    assert.deepEqual(events.map(turnError('quota exceeded', false)), [{ type: 'error', message: 'quota exceeded', will_retry: false }]);
    assert.deepEqual(events.map(turnCompleted('failed', [])), [{ type: 'turn.failed', error: { message: 'quota exceeded' } }]);
  });
});

describe('exec: human output', () => {
  it('formats blocks for commands, changes, plans and errors', () => {
    const human = new ExecHumanOutput();
    assert.equal(human.map(itemStarted(command('inProgress'))), 'exec\nls in /w\n');
    assert.equal(human.map(itemCompleted(command('completed', { exitCode: 0, durationMs: 5, aggregatedOutput: 'a\nb\n' }))), 'succeeded in 5ms:\na\nb\n');
    assert.equal(human.map(itemCompleted(command('failed', { exitCode: 1, durationMs: 7, aggregatedOutput: '' }))), 'exited 1 in 7ms:\n');
    assert.equal(human.map(itemCompleted(fileChange('completed', [{ path: 'a', kind: 'add' }, { path: 'b', kind: 'update' }]))), 'file update\nA a\nM b\n');
    assert.equal(human.map(planUpdated(null, [{ step: 'one', status: 'completed' }, { step: 'two', status: 'inProgress' }])), 'plan\n  ✓ one\n  → two\n');
    assert.equal(human.map(turnError('slow', true)), 'warning: slow\n');
    assert.equal(human.map(turnError('dead', false)), 'ERROR: dead\n');
    assert.equal(human.map(itemCompleted(userMessage)), '');
    assert.equal(outputHead(Array.from({ length: 12 }, (_, i) => String(i)).join('\n')), '0\n1\n2\n3\n4\n5\n6\n7\n8\n9\n… +2 lines');
  });
});
