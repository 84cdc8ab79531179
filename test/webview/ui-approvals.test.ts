// Component tests of the approval, question and elicitation cards in the real app bundle: buttons
// from availableDecisions (with the execpolicy rule), keyboard shortcuts, the answer sent back,
// the card gone on answer or on serverRequest/resolved, the network prompt, the file change's
// diff, user-input questions with "other" and masked secrets, MCP elicitation forms, and the
// waiting strip with the pending count the host hears.
import { strict as assert } from 'node:assert';
import type { ThreadItem } from '@protocol';
import { type WebviewHarness, startWebviewHarness } from './harness';
import { THREAD_ID, makeThread, makeTurn, openApp, type AppView } from './ui-helpers';
import { command, fileChange, note, userMessage } from './fixtures';

const runningThread = (items: ThreadItem[]) => ({ ...makeThread([makeTurn('t1', [userMessage('u1', 'do it'), ...items], 'inProgress')]), name: 'Approvals' });

function responses(app: AppView): { requestId: string | number; result: unknown }[] {
  return app.posted('serverRequest/respond').map((m) => ({ requestId: m.requestId, result: m.result }));
}

describe('webview UI: approval cards', function () {
  this.timeout(60_000);
  let harness: WebviewHarness;
  before(async () => {
    harness = await startWebviewHarness();
  });
  after(async () => harness?.close());

  it('command approval: buttons from availableDecisions with the rule, Enter accepts, the card goes, the host hears the pending count', async () => {
    const app = await openApp(harness, { thread: runningThread([command('c1', 'npm test', { status: 'inProgress', aggregatedOutput: null, exitCode: null })]) });
    try {
      const page = app.view.page;
      await app.view.push({
        type: 'server/request',
        requestId: 7,
        method: 'item/commandExecution/requestApproval',
        params: {
          kind: 'command', threadId: THREAD_ID, turnId: 't1', itemId: 'c1', startedAtMs: 0, environmentId: null,
          reason: 'Needs to run the tests', command: 'npm test', cwd: '/work/ws', commandActions: [],
          proposedExecpolicyAmendment: ['npm', 'test'],
          availableDecisions: ['accept', { acceptWithExecpolicyAmendment: { execpolicy_amendment: ['npm', 'test'] } }, 'decline', 'cancel'],
        },
      });
      const card = page.getByTestId('approval-card');
      await card.waitFor();
      assert.equal(await card.getByTestId('approval-command').innerText(), 'npm test');
      assert.match(await card.innerText(), /Needs to run the tests/);
      assert.match(await card.innerText(), /\/work\/ws/);
      const kinds = await card.locator('[data-decision]').evaluateAll((els) => els.map((e) => e.getAttribute('data-decision')));
      assert.deepEqual(kinds, ['accept', 'acceptWithExecpolicyAmendment', 'decline', 'cancel']);
      assert.match(await card.getByTestId('approval-rule').innerText(), /commands starting with npm test/);
      await page.getByTestId('waiting-bar').waitFor();
      await app.view.waitForPosted((m) => m.type === 'ui/pendingRequests' && m.count === 1);
      await app.view.screenshot('ui-approval-command');
      // Letter keys go to the oldest card when nothing else has focus, Enter only inside the card:
      // 'a' is not offered here (no session decision), a stray Enter does nothing.
      await page.evaluate('document.activeElement && document.activeElement.blur()');
      await page.keyboard.press('a');
      await page.keyboard.press('Enter');
      await page.waitForTimeout(200);
      assert.equal(responses(app).length, 0);
      await card.focus();
      await page.keyboard.press('Enter');
      await card.waitFor({ state: 'detached' });
      assert.deepEqual(responses(app), [{ requestId: 7, result: { decision: 'accept' } }]);
      await app.view.waitForPosted((m) => m.type === 'ui/pendingRequests' && m.count === 0);
      assert.equal(await page.getByTestId('waiting-bar').count(), 0);
    } finally {
      await app.view.close();
    }
  });

  it('shortcuts: p takes the rule, Escape declines; a network prompt shows its host; serverRequest/resolved removes an unanswered card', async () => {
    const app = await openApp(harness, { thread: runningThread([command('c1', 'curl example.com', { status: 'inProgress' }), command('c2', 'ls', { status: 'inProgress' })]) });
    try {
      const page = app.view.page;
      const base = { kind: 'command', threadId: THREAD_ID, turnId: 't1', startedAtMs: 0, environmentId: null, reason: null, cwd: '/work/ws', commandActions: [], proposedExecpolicyAmendment: null };
      await app.view.push({
        type: 'server/request', requestId: 'net', method: 'item/commandExecution/requestApproval',
        params: { ...base, itemId: 'c1', command: 'curl example.com', networkApprovalContext: { host: 'example.com', protocol: 'https' }, availableDecisions: ['accept', 'acceptForSession', 'decline'] },
      });
      const card = page.locator('[data-testid="approval-card"][data-kind="network"]');
      await card.waitFor();
      assert.equal(await card.getByTestId('approval-host').innerText(), 'example.com');
      assert.equal(await card.getByTestId('approval-command').count(), 0, 'no shell preview for a network prompt');
      await card.focus();
      await page.keyboard.press('Escape');
      await card.waitFor({ state: 'detached' });
      assert.deepEqual(responses(app).at(-1), { requestId: 'net', result: { decision: 'decline' } });

      await app.view.push({
        type: 'server/request', requestId: 9, method: 'item/commandExecution/requestApproval',
        params: { ...base, itemId: 'c2', command: 'ls', availableDecisions: ['accept', { acceptWithExecpolicyAmendment: { execpolicy_amendment: ['ls'] } }, 'decline'] },
      });
      await page.getByTestId('approval-card').waitFor();
      await page.getByTestId('approval-card').focus();
      await page.keyboard.press('p');
      await page.getByTestId('approval-card').waitFor({ state: 'detached' });
      assert.deepEqual(responses(app).at(-1), { requestId: 9, result: { decision: { acceptWithExecpolicyAmendment: { execpolicy_amendment: ['ls'] } } } });

      await app.view.push({ type: 'server/request', requestId: 10, method: 'item/commandExecution/requestApproval', params: { ...base, itemId: 'c2', command: 'ls', availableDecisions: ['accept', 'decline'] } });
      await page.getByTestId('approval-card').waitFor();
      await app.view.notify(note('serverRequest/resolved', { threadId: THREAD_ID, requestId: 10 }));
      await page.getByTestId('approval-card').waitFor({ state: 'detached' });
      assert.equal(responses(app).length, 2, 'resolved elsewhere: nothing sent');
    } finally {
      await app.view.close();
    }
  });

  it('file change approval shows the diff from the item; n declines', async () => {
    const app = await openApp(harness, { thread: runningThread([fileChange('p1', 'inProgress')]) });
    try {
      const page = app.view.page;
      await app.view.push({
        type: 'server/request', requestId: 3, method: 'item/fileChange/requestApproval',
        params: { threadId: THREAD_ID, turnId: 't1', itemId: 'p1', startedAtMs: 0, reason: 'Write outside the sandbox', grantRoot: null },
      });
      const card = page.locator('[data-testid="approval-card"][data-kind="fileChange"]');
      await card.waitFor();
      const diffs = card.getByTestId('approval-diff');
      assert.equal(await diffs.count(), 2);
      assert.equal(await diffs.first().getAttribute('data-path'), '/work/ws/src/a.ts');
      assert.equal(await diffs.first().locator('.codex-diff-add').innerText(), '+const a = 2;');
      assert.equal(await diffs.first().locator('.codex-diff-del').innerText(), '-const a = 1;');
      await app.view.screenshot('ui-approval-file-change');
      // From the page body: the oldest card takes the letter shortcuts.
      await page.evaluate('document.activeElement && document.activeElement.blur()');
      await page.keyboard.press('n');
      await card.waitFor({ state: 'detached' });
      assert.deepEqual(responses(app), [{ requestId: 3, result: { decision: 'decline' } }]);
    } finally {
      await app.view.close();
    }
  });

  it('user-input questions: options, free-form "other", a masked secret; all must be answered', async () => {
    const app = await openApp(harness, { thread: runningThread([]) });
    try {
      const page = app.view.page;
      await app.view.push({
        type: 'server/request', requestId: 4, method: 'item/tool/requestUserInput',
        params: {
          threadId: THREAD_ID, turnId: 't1', itemId: 'q', isBlocking: true, autoResolutionMs: null,
          questions: [
            { id: 'db', header: 'Database', question: 'Which database?', isOther: true, isSecret: false, options: [{ label: 'Postgres', description: 'relational' }, { label: 'SQLite', description: '' }] },
            { id: 'token', header: 'Token', question: 'API token?', isOther: false, isSecret: true, options: null },
          ],
        },
      });
      const card = page.getByTestId('question-card');
      await card.waitFor();
      assert.equal(await card.getByTestId('answer-token').getAttribute('type'), 'password');
      await card.locator('[data-action="submit"]').click();
      assert.equal(await card.locator('.codex-error').count(), 2);
      await card.getByLabel('Other').check();
      await card.getByTestId('answer-db').fill('DuckDB');
      await card.getByTestId('answer-token').fill('s3cret');
      await app.view.screenshot('ui-question-card');
      await card.getByTestId('answer-token').press('Control+Enter');
      await card.waitFor({ state: 'detached' });
      assert.deepEqual(responses(app), [{ requestId: 4, result: { answers: { db: { answers: ['DuckDB'] }, token: { answers: ['s3cret'] } } } }]);
    } finally {
      await app.view.close();
    }
  });

  it('MCP elicitation: a form from the requested schema, checked before it is sent; Decline', async () => {
    const app = await openApp(harness, { thread: runningThread([]) });
    try {
      const page = app.view.page;
      await app.view.push({
        type: 'server/request', requestId: 5, method: 'mcpServer/elicitation/request',
        params: {
          threadId: THREAD_ID, turnId: 't1', serverName: 'everything', mode: 'form', message: 'Tell me about you',
          requestedSchema: {
            type: 'object',
            properties: {
              name: { type: 'string', title: 'Name' },
              age: { type: 'integer', title: 'Age', minimum: 0 },
              newsletter: { type: 'boolean', title: 'Newsletter', default: false },
              color: { type: 'string', title: 'Colour', enum: ['red', 'green'], enumNames: ['Red', 'Green'] },
            },
            required: ['name', 'color'],
          },
        },
      });
      const card = page.getByTestId('elicitation-card');
      await card.waitFor();
      assert.match(await card.innerText(), /everything asks/);
      await card.getByLabel('Age').fill('-3');
      await card.locator('[data-action="accept"]').click();
      assert.equal(await card.locator('.codex-error').count(), 2, 'name missing, age below minimum');
      await card.getByLabel('Name').fill('Ada');
      await card.getByLabel('Age').fill('36');
      await card.getByLabel('Newsletter').check();
      await card.getByLabel('Colour *').selectOption('green');
      await app.view.screenshot('ui-elicitation-card');
      await card.locator('[data-action="accept"]').click();
      await card.waitFor({ state: 'detached' });
      assert.deepEqual(responses(app), [{ requestId: 5, result: { action: 'accept', content: { name: 'Ada', age: 36, newsletter: true, color: 'green' } } }]);

      await app.view.push({
        type: 'server/request', requestId: 6, method: 'mcpServer/elicitation/request',
        params: { threadId: THREAD_ID, turnId: 't1', serverName: 'fs', mode: 'form', message: 'Allow the tool call?', requestedSchema: { type: 'object', properties: {} } },
      });
      await page.getByTestId('elicitation-card').locator('[data-action="decline"]').click();
      await page.getByTestId('elicitation-card').waitFor({ state: 'detached' });
      assert.deepEqual(responses(app).at(-1), { requestId: 6, result: { action: 'decline' } });

      // URL mode: a link to open, then Done; an unrenderable schema can only be declined or cancelled.
      await app.view.push({
        type: 'server/request', requestId: 11, method: 'mcpServer/elicitation/request',
        params: { threadId: THREAD_ID, turnId: 't1', serverName: 'gh', mode: 'url', message: 'Authorize GitHub', url: 'https://example.com/auth', elicitationId: 'e1' },
      });
      await page.getByTestId('elicitation-url').getByText('https://example.com/auth').waitFor();
      await page.getByTestId('elicitation-card').locator('[data-action="accept"]').click();
      await page.getByTestId('elicitation-card').waitFor({ state: 'detached' });
      assert.deepEqual(responses(app).at(-1), { requestId: 11, result: { action: 'accept' } });
      await app.view.push({
        type: 'server/request', requestId: 12, method: 'mcpServer/elicitation/request',
        params: { threadId: THREAD_ID, turnId: 't1', serverName: 'x', mode: 'form', message: 'Tags?', requestedSchema: { type: 'object', properties: { tags: { type: 'array' } } } },
      });
      await page.getByTestId('elicitation-card').getByText(/cannot show \(tags\)/).waitFor();
      assert.equal(await page.getByTestId('elicitation-card').locator('[data-action="accept"]').count(), 0);
      await page.getByTestId('elicitation-card').locator('[data-action="cancel"]').click();
      assert.deepEqual(responses(app).at(-1), { requestId: 12, result: { action: 'cancel' } });
    } finally {
      await app.view.close();
    }
  });
});
