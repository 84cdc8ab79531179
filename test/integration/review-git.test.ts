// review/start on a real temporary git repository against the mock model: uncommitted changes
// (tracked edits and untracked files, `git diff HEAD`), a commit (`git show`), a base branch (the
// merge-base diff) and custom instructions. Asserts the diff text the reviewer received, the
// enteredReviewMode / exitedReviewMode items (findings rendered with priority and file:line, plain
// text tolerated), what later turns remember, and the errors for targets git cannot resolve.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hang, startMockModel, textReply, type MockModel, type RecordedRequest } from '../support/mock-model';
import { RpcCallError, runTurn, textInput, type AppServerClient } from '../support/app-server-client';
import { inputOf, itemEvents, makeWorkspace, startThread, startToolServer, type Workspace } from '../support/tool-turns';

type Json = Record<string, unknown>;

const APP = 'function add(a, b) {\n  return a + b;\n}\n';

function texts(request: RecordedRequest): string[] {
  return inputOf(request)
    .filter((item) => item.type === 'message')
    .map((item) => `${String(item.role)}: ${(item.content as Json[]).map((part) => String(part.text ?? '')).join('')}`);
}

describe('review/start on a git repository', function () {
  this.timeout(60_000);
  let mock: MockModel;
  let ws: Workspace;
  let client: AppServerClient;

  afterEach(async () => {
    const code = await client.close();
    await mock.close();
    ws.remove();
    assert.equal(code, 0);
  });

  const git = (...args: string[]): string =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: ws.dir, env: { ...process.env, HOME: ws.home }, encoding: 'utf8' });

  /** Starts a review and waits for its turn to complete; returns the result, the items and the model request. */
  async function review(threadId: string, target: Json): Promise<{ result: Json; items: Json[]; request: RecordedRequest; turn: Json }> {
    const from = client.notifications.length;
    const fromLine = client.lines.length;
    const result = await client.request<Json & { turn: { id: string } }>('review/start', { threadId, target });
    const done = await client.waitForNotification('turn/completed', (p) => (p.turn as Json).id === result.turn.id, 10_000, fromLine);
    const items = itemEvents(client, from).filter((e) => e.method === 'item/completed').map((e) => e.item);
    const started = itemEvents(client, from).filter((e) => e.method === 'item/started').map((e) => String(e.item.type));
    assert.deepEqual(started, items.map((i) => String(i.type)), 'every item is started, then completed');
    return { result, items, request: mock.lastRequest('responses'), turn: done.turn as Json };
  }

  it('reviews uncommitted changes: git diff HEAD plus untracked files; findings with priority and file:line', async () => {
    ws = makeWorkspace({ 'src/app.js': APP, 'README.md': 'demo\n' }, { git: true });
    const findings = {
      findings: [
        {
          title: 'add() now subtracts',
          body: '`add` returns `a - b`, so every caller gets the wrong sum.',
          confidence_score: 0.9,
          priority: 1,
          code_location: { absolute_file_path: join(ws.dir, 'src/app.js'), line_range: { start: 2, end: 2 } },
        },
        {
          title: '[P3] Notes file has no newline at the end',
          body: 'Minor.',
          confidence_score: 0.4,
          priority: 3,
          code_location: { absolute_file_path: join(ws.dir, 'notes.txt'), line_range: { start: 1, end: 3 } },
        },
      ],
      overall_correctness: 'patch is incorrect',
      overall_explanation: 'The edit breaks add().',
      overall_confidence_score: 0.8,
    };
    mock = await startMockModel({ replies: [textReply(`\`\`\`json\n${JSON.stringify(findings, null, 2)}\n\`\`\``), textReply('I will fix add().')] });
    client = await startToolServer(mock.baseUrl, ws);
    const threadId = await startThread(client, ws.dir);
    writeFileSync(join(ws.dir, 'src/app.js'), APP.replace('a + b', 'a - b'));
    writeFileSync(join(ws.dir, 'notes.txt'), 'one\ntwo\nthree');

    const { result, items, request, turn } = await review(threadId, { type: 'uncommittedChanges' });
    assert.equal(result.reviewThreadId, threadId);
    assert.equal(turn.status, 'completed');
    assert.deepEqual(items.map((i) => i.type), ['enteredReviewMode', 'exitedReviewMode']);
    assert.equal(items[0]?.review, 'current changes');
    assert.equal(
      items[1]?.review,
      [
        'The edit breaks add().',
        '',
        'Verdict: patch is incorrect.',
        '',
        'Findings (2):',
        '- [P1] add() now subtracts — src/app.js:2',
        '  `add` returns `a - b`, so every caller gets the wrong sum.',
        '- [P3] Notes file has no newline at the end — notes.txt:1-3',
        '  Minor.',
      ].join('\n'),
    );

    // The reviewer got our instructions and the diff, not the thread's history; no tools.
    const sent = texts(request);
    assert.equal(sent.length, 2);
    assert.match(sent[0] ?? '', /^developer: You are reviewing a code change/);
    const prompt = sent[1] ?? '';
    assert.match(prompt, /^user: Review the current changes in the working tree/);
    assert.ok(prompt.includes('diff --git a/src/app.js b/src/app.js'));
    assert.ok(prompt.includes('-  return a + b;\n+  return a - b;'));
    assert.ok(prompt.includes('diff --git a/notes.txt b/notes.txt\nnew file mode 100644'));
    assert.ok(prompt.includes('+one\n+two\n+three\n\\ No newline at end of file'));
    assert.ok(!prompt.includes('README.md'), 'unchanged files are not part of the diff');
    assert.deepEqual(request.body.tools ?? [], []);
    assert.equal(request.body.model, 'gpt-5.5', 'without review_model the thread\'s model reviews');

    // The next turn remembers the review.
    await runTurn(client, threadId, 'fix the first finding');
    const next = texts(mock.lastRequest('responses'));
    assert.ok(next.some((t) => t.startsWith('user: <user_action>') && t.includes('code review of current changes')));
    assert.ok(next.includes(`assistant: ${String(items[1]?.review)}`));
    assert.equal(next.at(-1), 'user: fix the first finding');
  });

  it('reviews a commit with git show (with review_model), and tolerates a plain-text answer', async () => {
    ws = makeWorkspace({ 'src/app.js': APP }, { git: true });
    writeFileSync(join(ws.dir, 'src/app.js'), `${APP}\nfunction mul(a, b) {\n  return a * b;\n}\n`);
    git('commit', '-q', '-am', 'Add mul');
    const sha = git('rev-parse', 'HEAD').trim();
    writeFileSync(join(ws.dir, 'src/app.js'), 'uncommitted edit, not part of the commit\n');
    mock = await startMockModel({ replies: [textReply('Looks fine to me: mul is correct.')] });
    client = await startToolServer(mock.baseUrl, ws, { args: ['-c', 'review_model="gpt-review-test"'] });
    const threadId = await startThread(client, ws.dir);

    const { items, request } = await review(threadId, { type: 'commit', sha: sha.slice(0, 10), title: null });
    assert.equal(items[0]?.review, `commit ${sha.slice(0, 7)}: Add mul`);
    assert.equal(items[1]?.review, 'Looks fine to me: mul is correct.');
    assert.equal(request.body.model, 'gpt-review-test', 'review_model picks the reviewer');
    const prompt = texts(request)[1] ?? '';
    assert.ok(prompt.startsWith(`user: Review the changes introduced by commit ${sha} ("Add mul")`));
    assert.ok(prompt.includes(`commit ${sha}\nAuthor: t <t@example.com>\n\nAdd mul`));
    assert.ok(prompt.includes('+function mul(a, b) {\n+  return a * b;\n+}'));
    assert.ok(!prompt.includes('uncommitted edit'));
  });

  it('reviews a branch against its base with the merge-base diff; custom instructions go as they are', async () => {
    ws = makeWorkspace({ 'src/app.js': APP }, { git: true });
    git('checkout', '-q', '-b', 'feature');
    writeFileSync(join(ws.dir, 'src/app.js'), APP.replace('return a + b;', 'return a + b + 0;'));
    git('commit', '-q', '-am', 'Feature work');
    git('checkout', '-q', 'main');
    writeFileSync(join(ws.dir, 'other.txt'), 'main moved on\n');
    git('add', 'other.txt');
    git('commit', '-q', '-m', 'Main work');
    git('checkout', '-q', 'feature');
    mock = await startMockModel({ replies: [textReply('{"findings": [], "overall_correctness": "patch is correct", "overall_explanation": "Harmless."}'), textReply('ok')] });
    client = await startToolServer(mock.baseUrl, ws);
    const threadId = await startThread(client, ws.dir);

    const base = git('merge-base', 'HEAD', 'main').trim();
    const { items, request } = await review(threadId, { type: 'baseBranch', branch: 'main' });
    assert.equal(items[0]?.review, "changes against 'main'");
    assert.equal(items[1]?.review, 'Harmless.\n\nVerdict: patch is correct.\n\nNo findings.');
    const prompt = texts(request)[1] ?? '';
    assert.ok(prompt.includes(`base branch 'main' (merge base ${base})`));
    assert.ok(prompt.includes('+  return a + b + 0;'));
    assert.ok(!prompt.includes('other.txt'), 'what main did since the merge base is not part of the review');

    const custom = await review(threadId, { type: 'custom', instructions: 'Check src/app.js for overflow handling.' });
    assert.equal(custom.items[0]?.review, 'Check src/app.js for overflow handling.');
    assert.equal(texts(custom.request)[1], 'user: Check src/app.js for overflow handling.');
    assert.equal(custom.items[1]?.review, 'ok');

    // A thread whose first turns were reviews still starts its history with the opening context.
    mock.enqueue(textReply('done'));
    await runTurn(client, threadId, 'thanks');
    const history = texts(mock.lastRequest('responses'));
    assert.match(history[0] ?? '', /^developer: /);
    assert.ok(history[1]?.startsWith('user: <environment_context>'));
    assert.ok(history[2]?.startsWith("user: <user_action>\nThe user asked for a code review of changes against 'main'."));
    assert.equal(history.at(-1), 'user: thanks');
  });

  it('delivery detached (an extension beyond the schema) reviews on a new thread announced with thread/started', async () => {
    ws = makeWorkspace({ 'a.txt': 'x\n' }, { git: true });
    mock = await startMockModel({ replies: [textReply('Nothing to report.')] });
    client = await startToolServer(mock.baseUrl, ws);
    const threadId = await startThread(client, ws.dir);
    const fromLine = client.lines.length;
    client.sendRaw(JSON.stringify({ id: 'detached-1', method: 'review/start', params: { threadId, target: { type: 'custom', instructions: 'Look at a.txt.' }, delivery: 'detached' } }));
    const reply = await client.waitForLine((msg) => msg.id === 'detached-1', 10_000, fromLine);
    const result = reply.result as { turn: { id: string }; reviewThreadId: string };
    assert.notEqual(result.reviewThreadId, threadId);
    const started = await client.waitForNotification('thread/started', (p) => (p.thread as Json).id === result.reviewThreadId, 10_000, fromLine);
    assert.equal((started.thread as Json).cwd, ws.dir);
    const done = await client.waitForNotification('turn/completed', (p) => p.threadId === result.reviewThreadId, 10_000, fromLine);
    assert.equal((done.turn as Json).id, result.turn.id);
    const read = await client.request<{ thread: { turns: { items: Json[] }[] } }>('thread/read', { threadId: result.reviewThreadId, includeTurns: true });
    assert.deepEqual(read.thread.turns[0]?.items.map((i) => `${String(i.type)}: ${String(i.review)}`), ['enteredReviewMode: Look at a.txt.', 'exitedReviewMode: Nothing to report.']);
    const parent = await client.request<{ thread: { turns: unknown[] } }>('thread/read', { threadId, includeTurns: true });
    assert.deepEqual(parent.thread.turns, [], 'the parent thread is untouched');
  });

  it('a running review refuses turn/steer and another turn, and ends as interrupted on turn/interrupt', async () => {
    ws = makeWorkspace({ 'a.txt': 'x\n' }, { git: true });
    mock = await startMockModel({ replies: [hang()] });
    client = await startToolServer(mock.baseUrl, ws);
    const threadId = await startThread(client, ws.dir);
    writeFileSync(join(ws.dir, 'a.txt'), 'y\n');
    const fromLine = client.lines.length;
    const { turn } = await client.request<{ turn: { id: string } }>('review/start', { threadId, target: { type: 'uncommittedChanges' } });
    await mock.waitForRequests(1);
    await assert.rejects(client.request('turn/steer', { threadId, expectedTurnId: turn.id, input: [textInput('also this')] }), /review turn .* cannot be steered/);
    await assert.rejects(client.request('turn/start', { threadId, input: [textInput('hi')] }), /already running/);
    await client.request('turn/interrupt', { threadId, turnId: turn.id });
    const done = await client.waitForNotification('turn/completed', (p) => (p.turn as Json).id === turn.id, 10_000, fromLine);
    assert.equal((done.turn as Json).status, 'interrupted');
  });

  it('fails the request for targets git cannot resolve', async () => {
    ws = makeWorkspace({ 'a.txt': 'x\n' }, { git: true });
    mock = await startMockModel({ replies: [] });
    client = await startToolServer(mock.baseUrl, ws);
    const threadId = await startThread(client, ws.dir);
    await assert.rejects(client.request('review/start', { threadId, target: { type: 'baseBranch', branch: 'nope' } }), (error: unknown) => {
      assert.ok(error instanceof RpcCallError);
      assert.equal(error.code, -32600);
      assert.match(error.message, /finding the merge base with nope failed/);
      return true;
    });
    await assert.rejects(client.request('review/start', { threadId, target: { type: 'commit', sha: 'deadbeef', title: null } }), /resolving commit deadbeef failed/);
    assert.equal(mock.requestsTo('responses').length, 0);
  });
});
