// Unit tests for the chat view's pure rules: Enter behaviour, follow-up routing, modes under
// requirements, approval buttons and shortcuts, MCP elicitation forms, user-input answers, the
// @mention and /command tokens and the UserInput built from the composer.
import { strict as assert } from 'node:assert';
import { enterAction, type EnterKey } from '../../webview/composer/enterBehavior';
import { sendRoute } from '../../webview/composer/followUp';
import { allowedModes, configuredMode, describePolicy, effectiveMode, overridesConfig, sandboxPolicyFor, unpickedMode } from '../../webview/composer/modes';
import { buttonForKey, decisionButtons } from '../../webview/approvals/decisions';
import { buildContent, initialValues, parseRequestedSchema } from '../../webview/approvals/schemaForm';
import { OTHER, buildAnswers } from '../../webview/approvals/userInputAnswers';
import { parseServerRequest } from '../../webview/approvals/requestParams';
import { insertMention, mentionAtCaret, slashAtCaret } from '../../webview/composer/mentions';
import { buildUserInput, liveMentions } from '../../webview/composer/buildInput';
import { availableCommands, filterCommands, parseSlashMessage } from '../../webview/composer/slash/commands';
import type { ConfigRequirements } from '../../server/protocol';

const key = (k: Partial<EnterKey>): EnterKey => ({
  key: 'Enter',
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  isComposing: false,
  ...k,
});

describe('webview UI rules', () => {
  describe('composer Enter behaviour', () => {
    it('enter: Enter sends, Shift+Enter is a newline, IME composition is left alone', () => {
      assert.deepEqual(enterAction('enter', key({}), 'hi'), { kind: 'send', reverseFollowUp: false });
      assert.deepEqual(enterAction('enter', key({ shiftKey: true }), 'hi'), { kind: 'default' });
      assert.deepEqual(enterAction('enter', key({ isComposing: true }), 'hi'), { kind: 'default' });
      assert.deepEqual(enterAction('enter', key({ key: 'a' }), 'hi'), { kind: 'default' });
    });
    it('cmdIfMultiline: Enter sends one line, a multi-line prompt needs Ctrl/Cmd+Enter', () => {
      assert.equal(enterAction('cmdIfMultiline', key({}), 'one line').kind, 'send');
      assert.equal(enterAction('cmdIfMultiline', key({}), 'two\nlines').kind, 'default');
      assert.equal(enterAction('cmdIfMultiline', key({ ctrlKey: true }), 'two\nlines').kind, 'send');
      assert.equal(enterAction('cmdIfMultiline', key({ metaKey: true }), 'two\nlines').kind, 'send');
    });
    it('cmdAlways: only Ctrl/Cmd+Enter sends', () => {
      assert.equal(enterAction('cmdAlways', key({}), 'x').kind, 'default');
      assert.equal(enterAction('cmdAlways', key({ ctrlKey: true }), 'x').kind, 'send');
    });
    it('Ctrl/Cmd+Shift+Enter sends with the follow-up mode reversed', () => {
      assert.deepEqual(enterAction('cmdAlways', key({ ctrlKey: true, shiftKey: true }), 'x'), { kind: 'send', reverseFollowUp: true });
    });
  });

  it('routes follow-ups: start when idle, queue/steer per mode, reversed on request', () => {
    assert.equal(sendRoute('queue', false, true), 'start');
    assert.equal(sendRoute('queue', true, false), 'queue');
    assert.equal(sendRoute('queue', true, true), 'steer');
    assert.equal(sendRoute('steer', true, false), 'steer');
    assert.equal(sendRoute('steer', true, true), 'queue');
  });

  describe('modes', () => {
    const req = (r: Partial<ConfigRequirements>): ConfigRequirements => ({
      allowedApprovalPolicies: null,
      allowedSandboxModes: null,
      allowedWebSearchModes: null,
      enforceResidency: null,
      allowLoginShell: null,
      network: null,
      ...r,
    });
    it('allows every mode without requirements', () => {
      assert.deepEqual(allowedModes(null), { chat: true, agent: true, agentFull: true });
    });
    it('forbids modes whose sandbox or approval policy the requirements exclude', () => {
      const allowed = allowedModes(req({ allowedSandboxModes: ['read-only', 'workspace-write'], allowedApprovalPolicies: ['on-request', 'untrusted'] }));
      assert.deepEqual(allowed, { chat: true, agent: true, agentFull: false });
      const onlyNever = allowedModes(req({ allowedApprovalPolicies: ['never'] }));
      assert.deepEqual(onlyNever, { chat: false, agent: false, agentFull: true });
      assert.equal(effectiveMode('agent', onlyNever), 'agentFull');
      assert.equal(effectiveMode('chat', allowed), 'chat');
      assert.equal(effectiveMode('agent', { chat: false, agent: false, agentFull: false }), null);
    });
    it('reads the mode config.toml amounts to (unset keys at Codex\'s defaults) and what a picked mode overrides', () => {
      assert.equal(configuredMode({ approvalPolicy: 'never', sandboxMode: 'danger-full-access' }), 'agentFull');
      assert.equal(configuredMode({ approvalPolicy: null, sandboxMode: 'workspace-write' }), 'agent');
      assert.equal(configuredMode({ approvalPolicy: null, sandboxMode: null }), 'chat');
      assert.equal(configuredMode({ approvalPolicy: 'untrusted', sandboxMode: null }), null);
      const never = { approvalPolicy: 'never', sandboxMode: null };
      assert.equal(overridesConfig(null, never), false, 'no mode picked, nothing sent');
      assert.equal(overridesConfig('agentFull', never), false, 'the same approval policy; the sandbox is not set');
      assert.equal(overridesConfig('agent', never), true);
      assert.equal(overridesConfig('agent', { approvalPolicy: null, sandboxMode: null }), false);
      assert.equal(overridesConfig('agent', null), false, 'config.toml unknown');
      assert.equal(describePolicy({ approvalPolicy: 'never', sandboxMode: 'read-only' }), 'approval_policy = "never", sandbox_mode = "read-only"');
      assert.equal(describePolicy({ approvalPolicy: '{"granular":{}}', sandboxMode: null }), 'approval_policy = {"granular":{}}');
    });
    it('starts a chat in Agent (sent) when config.toml sets neither key, else in config.toml\'s mode (not sent)', () => {
      const all = allowedModes(null);
      assert.deepEqual(unpickedMode({ approvalPolicy: null, sandboxMode: null }, all), { type: 'default', mode: 'agent' });
      assert.deepEqual(unpickedMode({ approvalPolicy: null, sandboxMode: 'read-only' }, all), { type: 'config', mode: 'chat' });
      assert.deepEqual(unpickedMode({ approvalPolicy: 'never', sandboxMode: null }, all), { type: 'config', mode: null });
      assert.deepEqual(unpickedMode(null, all), { type: 'config', mode: null }, 'config.toml not known yet: nothing is sent');
      const readOnly = allowedModes(req({ allowedSandboxModes: ['read-only'] }));
      assert.deepEqual(unpickedMode({ approvalPolicy: null, sandboxMode: null }, readOnly), { type: 'default', mode: 'chat' }, 'requirements still decide');
      assert.deepEqual(unpickedMode({ approvalPolicy: null, sandboxMode: null }, { chat: false, agent: false, agentFull: false }), { type: 'config', mode: null });
    });
    it('maps modes to sandbox policies', () => {
      assert.equal(sandboxPolicyFor('chat').type, 'readOnly');
      assert.equal(sandboxPolicyFor('agent').type, 'workspaceWrite');
      assert.equal(sandboxPolicyFor('agentFull').type, 'dangerFullAccess');
    });
  });

  describe('approval buttons', () => {
    it('come from availableDecisions in order, with the execpolicy rule and shortcuts', () => {
      const buttons = decisionButtons([
        'accept',
        { acceptWithExecpolicyAmendment: { execpolicy_amendment: ['npm', 'test'] } },
        'decline',
      ]);
      assert.deepEqual(buttons.map((b) => b.kind), ['accept', 'acceptWithExecpolicyAmendment', 'decline']);
      assert.deepEqual(buttons[1]?.rule, ['npm', 'test']);
      const k = (k: string, mods: Partial<{ ctrlKey: boolean }> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods });
      assert.equal(buttonForKey(buttons, k('Enter'))?.kind, 'accept');
      assert.equal(buttonForKey(buttons, k('Y'))?.kind, 'accept');
      assert.equal(buttonForKey(buttons, k('Escape'))?.kind, 'decline');
      assert.equal(buttonForKey(buttons, k('a')), undefined, 'no session button offered');
      assert.equal(buttonForKey(buttons, k('y', { ctrlKey: true })), undefined);
    });
    it('fall back to the standard four when the request lists none', () => {
      assert.deepEqual(decisionButtons(null).map((b) => b.kind), ['accept', 'acceptForSession', 'decline', 'cancel']);
    });
  });

  describe('server request params', () => {
    it('parse a command approval with a network context and reject malformed ones', () => {
      const parsed = parseServerRequest('item/commandExecution/requestApproval', {
        threadId: 't', turnId: 'u', itemId: 'i', command: 'curl x', cwd: '/w', reason: null,
        networkApprovalContext: { host: 'example.com', protocol: 'https' },
        availableDecisions: ['accept', 'decline'],
      });
      assert.equal(parsed.method, 'item/commandExecution/requestApproval');
      if (parsed.method === 'item/commandExecution/requestApproval') assert.equal(parsed.params.networkApprovalContext?.host, 'example.com');
      assert.equal(parseServerRequest('item/commandExecution/requestApproval', { command: 1 }).method, 'unsupported');
      assert.equal(parseServerRequest('item/tool/call', {}).method, 'unsupported');
    });
  });

  describe('MCP elicitation forms', () => {
    const schema = {
      type: 'object',
      properties: {
        name: { type: 'string', title: 'Name', minLength: 2 },
        email: { type: 'string', format: 'email' },
        age: { type: 'integer', minimum: 0, maximum: 150 },
        subscribe: { type: 'boolean', default: true },
        color: { type: 'string', enum: ['r', 'g'], enumNames: ['Red', 'Green'] },
        size: { type: 'string', oneOf: [{ const: 's', title: 'Small' }, { const: 'l', title: 'Large' }] },
      },
      required: ['name', 'color'],
    };
    it('turns the schema into fields', () => {
      const parsed = parseRequestedSchema(schema);
      assert.ok(parsed.ok);
      if (!parsed.ok) return;
      assert.deepEqual(parsed.fields.map((f) => [f.name, f.kind, f.required]), [
        ['name', 'string', true], ['email', 'string', false], ['age', 'number', false],
        ['subscribe', 'boolean', false], ['color', 'enum', true], ['size', 'enum', false],
      ]);
      const color = parsed.fields[4];
      assert.ok(color?.kind === 'enum');
      assert.deepEqual(color.options, [{ value: 'r', label: 'Red' }, { value: 'g', label: 'Green' }]);
      assert.equal(color.defaultValue, 'r', 'a required enum starts on its first option');
    });
    it('validates and coerces values into content', () => {
      const parsed = parseRequestedSchema(schema);
      assert.ok(parsed.ok);
      if (!parsed.ok) return;
      const values = { ...initialValues(parsed.fields), name: 'A', email: 'nope', age: '3.5' };
      const bad = buildContent(parsed.fields, values);
      assert.ok(!bad.ok);
      if (!bad.ok) assert.deepEqual(Object.keys(bad.errors).sort(), ['age', 'email', 'name']);
      const good = buildContent(parsed.fields, { ...values, name: 'Ann', email: 'a@b.co', age: '42', size: 'l' });
      assert.deepEqual(good, { ok: true, content: { name: 'Ann', email: 'a@b.co', age: 42, subscribe: true, color: 'r', size: 'l' } });
    });
    it('reports properties it cannot render (arrays, objects)', () => {
      const parsed = parseRequestedSchema({ type: 'object', properties: { tags: { type: 'array' }, ok: { type: 'boolean' } } });
      assert.deepEqual(parsed, { ok: false, unsupported: ['tags'] });
    });
  });

  it('builds user-input answers from options and free text', () => {
    const questions = [
      { id: 'q1', header: 'H', question: 'Pick', isOther: true, isSecret: false, options: [{ label: 'A', description: '' }] },
      { id: 'q2', header: 'H', question: 'Token?', isOther: false, isSecret: true, options: null },
    ];
    assert.deepEqual(buildAnswers(questions, {}), { ok: false, unanswered: ['q1', 'q2'] });
    assert.deepEqual(
      buildAnswers(questions, { q1: { choice: OTHER, text: ' mine ' }, q2: { choice: OTHER, text: 's3cret' } }),
      { ok: true, result: { answers: { q1: { answers: ['mine'] }, q2: { answers: ['s3cret'] } } } },
    );
    assert.deepEqual(
      buildAnswers(questions, { q1: { choice: 'A', text: '' }, q2: { choice: OTHER, text: 'x' } }),
      { ok: true, result: { answers: { q1: { answers: ['A'] }, q2: { answers: ['x'] } } } },
    );
  });

  describe('composer tokens and input', () => {
    it('finds the @mention and /command being typed', () => {
      assert.deepEqual(mentionAtCaret('look at @src/ma', 15), { start: 8, query: 'src/ma' });
      assert.equal(mentionAtCaret('mail me@x', 9), null, 'an @ inside a word is not a mention');
      assert.equal(mentionAtCaret('@a b', 4), null);
      assert.deepEqual(slashAtCaret('/rev', 4), { start: 0, query: 'rev' });
      assert.equal(slashAtCaret('/review now', 11), null);
      assert.equal(slashAtCaret('a /b', 4), null);
    });
    it('inserts a mention in place of the query', () => {
      const text = 'see @ma and more';
      const token = mentionAtCaret(text, 7);
      assert.ok(token);
      assert.deepEqual(insertMention(text, token, 7, 'main.ts'), { text: 'see @main.ts and more', caret: 13 });
    });
    it('builds text, image and mention inputs; mentions whose @name was deleted are dropped', () => {
      const mentions = [{ name: 'a.ts', path: '/w/a.ts' }, { name: 'b.ts', path: '/w/b.ts' }];
      assert.deepEqual(liveMentions('fix @a.ts, please', mentions), [mentions[0]]);
      assert.deepEqual(
        buildUserInput({ text: ' fix @a.ts ', mentions, images: [{ id: '1', name: 'x.png', dataUrl: 'data:image/png;base64,AA' }] }),
        [
          { type: 'text', text: 'fix @a.ts', text_elements: [] },
          { type: 'image', url: 'data:image/png;base64,AA' },
          { type: 'mention', name: 'a.ts', path: '/w/a.ts' },
        ],
      );
    });
  });
});

describe('webview slash commands', () => {
  it('hides thread commands in a new chat', () => {
    const ids = availableCommands({ hasThread: false }).map((c) => c.id);
    assert.ok(!ids.includes('compact') && !ids.includes('fork') && !ids.includes('goal'));
    assert.ok(ids.includes('review') && ids.includes('status') && ids.includes('mcp'));
    assert.ok(availableCommands({ hasThread: true }).some((c) => c.id === 'fork'));
  });
  it('filters by name prefix first, then aliases and descriptions', () => {
    const all = availableCommands({ hasThread: true });
    assert.deepEqual(filterCommands(all, 'co').map((c) => c.id), ['compact', 'auto-context']);
    assert.equal(filterCommands(all, 'ide')[0]?.id, 'auto-context');
    assert.ok(filterCommands(all, 'rate').some((c) => c.id === 'status'), 'description match');
    assert.equal(filterCommands(all, '').length, all.length);
  });
  it('parses a whole-message command with its argument', () => {
    const all = availableCommands({ hasThread: true });
    assert.deepEqual(
      (({ command, args }) => [command.id, args])(parseSlashMessage('/goal  make tests pass ', all)!),
      ['goal', 'make tests pass'],
    );
    assert.equal(parseSlashMessage('/nope', all), null);
    assert.equal(parseSlashMessage('not /goal', all), null);
  });
});
