// `codex-ts exec` pieces that need no process: its command line (through the top-level parser),
// the app-server → `codex exec --json` event mapping (ids, plans, interrupted and failed turns,
// warnings), and the human-readable blocks.
import { strict as assert } from 'node:assert';
import { parseArgs } from '../../server/cli/main';
import { overridesApprovalPolicy, parseExecArgs } from '../../server/cli/exec/execArgs';
import { ExecHumanOutput, outputHead } from '../../server/cli/exec/humanOutput';
import { ExecJsonEvents } from '../../server/cli/exec/jsonEvents';

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

describe('exec: --json events', () => {
  const command = (status: string, extra: Record<string, unknown> = {}) => ({
    type: 'commandExecution',
    id: 'call_1',
    command: 'ls',
    cwd: '/w',
    status,
    aggregatedOutput: null,
    exitCode: null,
    ...extra,
  });

  it('numbers items, keeps a started item id on completion and shows agent text only when complete', () => {
    const events = new ExecJsonEvents();
    assert.deepEqual(events.map('item/started', { item: { type: 'userMessage', id: 'u' } }), []);
    assert.deepEqual(events.map('item/started', { item: { type: 'agentMessage', id: 'm', text: '' } }), []);
    assert.deepEqual(events.map('item/started', { item: command('inProgress') }), [
      { type: 'item.started', item: { id: 'item_0', type: 'command_execution', command: 'ls', aggregated_output: '', exit_code: null, status: 'in_progress' } },
    ]);
    assert.deepEqual(events.map('item/completed', { item: { type: 'reasoning', id: 'r', summary: ['  '], content: [] } }), []);
    assert.deepEqual(events.map('item/completed', { item: command('failed', { aggregatedOutput: 'boom', exitCode: 2 }) }), [
      { type: 'item.completed', item: { id: 'item_0', type: 'command_execution', command: 'ls', aggregated_output: 'boom', exit_code: 2, status: 'failed' } },
    ]);
    assert.deepEqual(events.map('item/completed', { item: { type: 'agentMessage', id: 'm', text: 'hi' } }), [{ type: 'item.completed', item: { id: 'item_1', type: 'agent_message', text: 'hi' } }]);
    assert.equal(events.finalMessage, 'hi');
    assert.deepEqual(events.map('item/completed', { item: { type: 'fileChange', id: 'p', changes: [{ path: 'a', kind: { type: 'update', move_path: null } }], status: 'declined' } }), [
      { type: 'item.completed', item: { id: 'item_2', type: 'file_change', changes: [{ path: 'a', kind: 'update' }], status: 'failed' } },
    ]);
  });

  it('turns plan updates into one todo_list item closed at the end of the turn', () => {
    const events = new ExecJsonEvents();
    const plan = (status: string) => ({ plan: [{ step: 'read', status: 'completed' }, { step: 'write', status }] });
    assert.deepEqual(events.map('turn/plan/updated', plan('pending')), [{ type: 'item.started', item: { id: 'item_0', type: 'todo_list', items: [{ text: 'read', completed: true }, { text: 'write', completed: false }] } }]);
    assert.equal(events.map('turn/plan/updated', plan('completed'))[0]?.type, 'item.updated');
    events.map('thread/tokenUsage/updated', { tokenUsage: { total: { inputTokens: 7, cachedInputTokens: 1, outputTokens: 3, totalTokens: 10 } } });
    assert.deepEqual(events.map('turn/completed', { turn: { status: 'completed', items: [{ type: 'agentMessage', id: 'm', text: 'final' }] } }), [
      { type: 'item.completed', item: { id: 'item_0', type: 'todo_list', items: [{ text: 'read', completed: true }, { text: 'write', completed: true }] } },
      { type: 'turn.completed', usage: { input_tokens: 7, cached_input_tokens: 1, output_tokens: 3 } },
    ]);
    assert.equal(events.finalMessage, 'final');
  });

  it('closes items left open, fails with the turn error and drops the final message when interrupted', () => {
    const events = new ExecJsonEvents();
    events.map('item/started', { item: command('inProgress') });
    assert.deepEqual(events.map('error', { error: { message: 'stream lost', additionalDetails: 'eof' }, willRetry: true }), [{ type: 'error', message: 'stream lost (eof)', will_retry: true }]);
    assert.deepEqual(events.map('turn/completed', { turn: { status: 'failed', error: { message: 'gave up', additionalDetails: null }, items: [command('inProgress')] } }), [
      { type: 'item.completed', item: { id: 'item_0', type: 'command_execution', command: 'ls', aggregated_output: '', exit_code: null, status: 'in_progress' } },
      { type: 'turn.failed', error: { message: 'gave up' } },
    ]);
    events.map('item/completed', { item: { type: 'agentMessage', id: 'm', text: 'partial' } });
    assert.deepEqual(events.map('turn/completed', { turn: { status: 'interrupted', items: [] } }), []);
    assert.equal(events.finalMessage, null);
    assert.deepEqual(events.map('configWarning', { summary: 'bad key', details: 'config.toml:3' }), [{ type: 'item.completed', item: { id: 'item_2', type: 'error', message: 'bad key (config.toml:3)' } }]);
  });
  it('marks model-stream retries as non-fatal errors; a real error stays fatal and names a failed turn', () => {
    const events = new ExecJsonEvents();
    assert.deepEqual(events.map('error', { error: { message: 'stream lost (retrying 1/5 in 200 ms)' }, willRetry: true }), [
      { type: 'error', message: 'stream lost (retrying 1/5 in 200 ms)', will_retry: true },
    ]);
    // A failed turn without its own error is not explained by a retry.
    assert.deepEqual(events.map('turn/completed', { turn: { status: 'failed', error: null, items: [] } }), [{ type: 'turn.failed', error: { message: 'turn failed' } }]);
    assert.deepEqual(events.map('error', { error: { message: 'quota exceeded' }, willRetry: false }), [{ type: 'error', message: 'quota exceeded', will_retry: false }]);
    assert.deepEqual(events.map('turn/completed', { turn: { status: 'failed', error: null, items: [] } }), [{ type: 'turn.failed', error: { message: 'quota exceeded' } }]);
  });
});

describe('exec: human output', () => {
  it('formats blocks for commands, changes, plans and errors', () => {
    const human = new ExecHumanOutput();
    assert.equal(human.map('item/started', { item: { type: 'commandExecution', command: 'ls', cwd: '/w' } }), 'exec\nls in /w\n');
    assert.equal(human.map('item/completed', { item: { type: 'commandExecution', status: 'completed', exitCode: 0, durationMs: 5, aggregatedOutput: 'a\nb\n' } }), 'succeeded in 5ms:\na\nb\n');
    assert.equal(human.map('item/completed', { item: { type: 'commandExecution', status: 'failed', exitCode: 1, durationMs: 7, aggregatedOutput: '' } }), 'exited 1 in 7ms:\n');
    assert.equal(human.map('item/completed', { item: { type: 'fileChange', status: 'completed', changes: [{ path: 'a', kind: { type: 'add' } }, { path: 'b', kind: { type: 'update' } }] } }), 'file update\nA a\nM b\n');
    assert.equal(human.map('turn/plan/updated', { explanation: null, plan: [{ step: 'one', status: 'completed' }, { step: 'two', status: 'inProgress' }] }), 'plan\n  ✓ one\n  → two\n');
    assert.equal(human.map('error', { error: { message: 'slow' }, willRetry: true }), 'warning: slow\n');
    assert.equal(human.map('error', { error: { message: 'dead' }, willRetry: false }), 'ERROR: dead\n');
    assert.equal(human.map('item/completed', { item: { type: 'userMessage' } }), '');
    assert.equal(outputHead(Array.from({ length: 12 }, (_, i) => String(i)).join('\n')), '0\n1\n2\n3\n4\n5\n6\n7\n8\n9\n… +2 lines');
  });
});
