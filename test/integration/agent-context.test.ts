// The context a thread's agent starts with, end to end over stdio against the mock model: the first
// request carries the base instructions + <skills_instructions> developer message, then the
// AGENTS.md instructions and the environment in one user message, then the user's text, then the
// inlined SKILL.md of a `$skill` mention; later turns do not repeat any of it. skills/list answers
// in the Codex schema (validated by the test client) with scopes, errors and config-disabled skills.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { BASE_INSTRUCTIONS } from '../../server/context/baseInstructions';
import { startMockModel, textReply, type MockModel } from '../support/mock-model';
import { makeCodexHome, runTurn, startAppServer, type AppServerClient } from '../support/app-server-client';

type Json = Record<string, unknown>;
type Message = { type: string; role: string; content: { type: string; text: string }[] };

describe('agent: AGENTS.md, skills and $skill mentions reaching the model', function () {
  this.timeout(20000);
  let mock: MockModel;
  let root: string;
  let repo: string;
  let cwd: string;
  let home: string;
  const clients: AppServerClient[] = [];

  beforeEach(() => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'codex-ts-agent-ctx-')));
    repo = join(root, 'repo');
    cwd = join(repo, 'service');
    home = join(root, 'home');
    mkdirSync(cwd, { recursive: true });
    mkdirSync(home);
    execFileSync('git', ['init', '-q', repo]);
  });

  afterEach(async () => {
    const results = await Promise.allSettled(clients.splice(0).map((c) => c.close()));
    await mock.close();
    rmSync(root, { recursive: true, force: true });
    for (const r of results) if (r.status === 'rejected') throw r.reason;
  });

  function write(path: string, text: string): string {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    return path;
  }

  async function start(extraConfig = '', args: string[] = []): Promise<AppServerClient> {
    const codexHome = makeCodexHome();
    write(join(codexHome, 'AGENTS.md'), 'Global: answer tersely.\n');
    // HOME points at an empty dir so the machine's own ~/.agents/skills stays out of the test.
    const client = await startAppServer({ codexHome, mockBaseUrl: mock.baseUrl, extraConfig, args, env: { HOME: home } });
    clients.push(client);
    return client;
  }

  it('sends the AGENTS.md instructions and skills in the opening context and inlines a mentioned skill', async () => {
    mock = await startMockModel({ replies: [textReply('first'), textReply('second')] });
    write(join(repo, 'AGENTS.md'), 'Repo: run npm test before answering.\n');
    write(join(cwd, 'AGENTS.override.md'), 'Service: never touch migrations.\n');
    write(join(cwd, 'AGENTS.md'), 'shadowed by the override\n');
    const lintSkill = write(join(repo, '.agents/skills/lint/SKILL.md'), '---\nname: lint\ndescription: Lint the workspace\n---\nRun `npm run lint`.\n');
    const client = await start();
    const { thread } = await client.request<{ thread: { id: string } }>('thread/start', { cwd });

    await runTurn(client, thread.id, 'please $lint the code');
    const first = mock.lastRequest('responses').body.input as Message[];
    assert.deepEqual(
      first.map((m) => [m.type, m.role, m.content.length]),
      [
        ['message', 'developer', 2],
        ['message', 'user', 2],
        ['message', 'user', 1],
        ['message', 'user', 1],
      ],
    );
    const [developer, context, user, skill] = first as [Message, Message, Message, Message];
    assert.equal(developer.content[0]?.text, BASE_INSTRUCTIONS);
    assert.match(developer.content[1]?.text as string, /^<skills_instructions>\n## Skills\n/);
    assert.ok(developer.content[1]?.text.includes(`\n- lint: Lint the workspace (file: ${lintSkill})\n`));
    assert.equal(
      context.content[0]?.text,
      `# AGENTS.md instructions for ${cwd}\n\n<INSTRUCTIONS>\nGlobal: answer tersely.\n\n--- project-doc ---\n\nRepo: run npm test before answering.\n\n\nService: never touch migrations.\n\n</INSTRUCTIONS>`,
    );
    assert.match(context.content[1]?.text as string, new RegExp(`^<environment_context>\\n  <cwd>${cwd}</cwd>`));
    assert.equal(user.content[0]?.text, 'please $lint the code');
    assert.equal(skill.content[0]?.text, `<skill>\n<name>lint</name>\n<path>${lintSkill}</path>\n${readFileSync(lintSkill, 'utf8')}\n</skill>`);

    await runTurn(client, thread.id, 'and now something else');
    const second = mock.lastRequest('responses').body.input as Message[];
    assert.equal(second.filter((m) => m.role === 'developer').length, 1, 'the opening context is sent once');
    assert.equal(second.filter((m) => m.content[0]?.text.startsWith('<skill>')).length, 1, 'the skill is not injected again');
    assert.deepEqual(second.slice(0, first.length), first, 'history is replayed as the model saw it');
  });

  it('caps project docs at project_doc_max_bytes and honours project_doc_fallback_filenames', async () => {
    mock = await startMockModel({ replies: [textReply('ok')] });
    write(join(repo, 'AGENTS.md'), 'R'.repeat(30));
    write(join(cwd, 'TEAM.md'), 'team notes');
    // Top-level keys as -c overrides (the generated config.toml ends inside a provider table).
    const client = await start('', ['-c', 'project_doc_max_bytes=34', '-c', 'project_doc_fallback_filenames=["TEAM.md"]']);
    const { thread } = await client.request<{ thread: { id: string } }>('thread/start', { cwd });
    await runTurn(client, thread.id, 'hi');
    const context = (mock.lastRequest('responses').body.input as Message[])[1] as Message;
    assert.equal(context.content[0]?.text, `# AGENTS.md instructions for ${cwd}\n\n<INSTRUCTIONS>\nGlobal: answer tersely.\n\n--- project-doc ---\n\n${'R'.repeat(30)}\n\nteam\n</INSTRUCTIONS>`);
  });

  it('lists skills per cwd with scope, errors and [[skills.config]] disabling', async () => {
    mock = await startMockModel({ replies: [textReply('ok')] });
    const repoSkill = write(join(repo, '.agents/skills/lint/SKILL.md'), '---\nname: lint\ndescription: Lint the workspace\nmetadata:\n  short-description: Lint\n---\nbody\n');
    const userSkill = write(join(home, '.agents/skills/notes/SKILL.md'), '---\nname: notes\ndescription: "Keep notes"\n---\nbody\n');
    const broken = write(join(cwd, '.agents/skills/broken/SKILL.md'), 'no front matter\n');
    const client = await start(`[[skills.config]]\npath = "${dirname(userSkill)}"\nenabled = false\n`);

    const listed = await client.request<{ data: Json[] }>('skills/list', { cwds: [cwd, root] });
    assert.deepEqual(listed.data[0], {
      cwd,
      skills: [
        { name: 'lint', description: 'Lint the workspace', shortDescription: 'Lint', path: repoSkill, scope: 'repo', enabled: true, pluginId: null },
        { name: 'notes', description: 'Keep notes', path: userSkill, scope: 'user', enabled: false, pluginId: null },
      ],
      errors: [{ path: broken, message: 'missing YAML frontmatter delimited by ---' }],
    });
    assert.deepEqual(
      (listed.data[1]?.skills as Json[]).map((s) => s.name),
      ['notes'],
      'outside the repo only the user skills are visible',
    );
    const fallback = await client.request<{ data: { cwd: string }[] }>('skills/list', {});
    assert.equal(fallback.data.length, 1, 'no cwds: the server working directory');

    const { thread } = await client.request<{ thread: { id: string } }>('thread/start', { cwd });
    await runTurn(client, thread.id, 'use $notes');
    const input = mock.lastRequest('responses').body.input as Message[];
    const skillsPart = (input[0] as Message).content[1]?.text as string;
    assert.ok(skillsPart.includes('- lint:') && !skillsPart.includes('- notes:'), 'a disabled skill is not listed');
    assert.equal(input.length, 3, 'nor inlined when mentioned');
  });
});
