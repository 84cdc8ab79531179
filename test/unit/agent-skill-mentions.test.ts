// `$skill` mentions and what a turn inlines: mention syntax (names, links, env vars), selection
// (structured items first, links by path, plain names only when unambiguous, disabled skills never),
// the `<skill>` message shape, and the opening context an AgentContext builds for a thread.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { AgentContext, agentConfigFromTable, DEFAULT_AGENT_CONFIG } from '../../server/context/agentContext';
import { buildSkillInjections, extractSkillMentions, selectMentionedSkills, skillMessage } from '../../server/context/skillsContext';
import type { SkillMetadata } from '../../server/context/skills';

const skill = (name: string, path: string, enabled = true): SkillMetadata => ({ name, description: `${name} skill`, path, scope: 'user', enabled, pluginId: null });
const text = (value: string) => ({ type: 'text', text: value });

describe('agent: $skill mentions', () => {
  it('extracts $names and [$name](path) links, skipping common environment variables', () => {
    const m = extractSkillMentions('use $alpha, ($beta-2) and $gamma_x. [$delta](/s/delta/SKILL.md) [$eps] ( skill:///s/eps/SKILL.md ) $PATH $home $ $');
    assert.deepEqual([...m.names].sort(), ['alpha', 'beta-2', 'gamma_x']);
    assert.deepEqual([...m.paths].sort(), ['/s/delta/SKILL.md', '/s/eps/SKILL.md']);
    assert.deepEqual([...extractSkillMentions('[$beta] /tmp/beta [$x]()').names].sort(), ['beta', 'x']);
    assert.equal(extractSkillMentions('$'.repeat(200)).names.size, 0);
  });

  it('selects skills in list order: structured items, links, then unambiguous names', () => {
    const alpha = skill('alpha', '/s/alpha/SKILL.md');
    const beta = skill('beta', '/s/beta/SKILL.md');
    const dupA = skill('dup', '/s/dup-a/SKILL.md');
    const dupB = skill('dup', '/s/dup-b/SKILL.md');
    const off = skill('off', '/s/off/SKILL.md', false);
    const skills = [alpha, beta, dupA, dupB, off];
    assert.deepEqual(selectMentionedSkills([text('run $beta then $alpha')], skills), [alpha, beta]);
    assert.deepEqual(selectMentionedSkills([text('$dup twice $dup')], skills), [], 'ambiguous names select nothing');
    assert.deepEqual(selectMentionedSkills([text('$dup and [$dup](/s/dup-b/SKILL.md)')], skills), [dupB]);
    assert.deepEqual(selectMentionedSkills([text('$off $alphabet $alpha-x')], skills), []);
    assert.deepEqual(selectMentionedSkills([text('$alpha'), { type: 'skill', name: 'beta', path: '/s/beta/SKILL.md' }], skills), [beta, alpha]);
    assert.deepEqual(selectMentionedSkills([text('$alpha'), { type: 'skill', name: 'alpha', path: '/elsewhere/SKILL.md' }], skills), [], 'a structured item blocks its plain name');
    assert.deepEqual(selectMentionedSkills([text('$alpha $alpha [$alpha](/s/alpha/SKILL.md)')], skills), [alpha]);
  });

  it('inlines the whole SKILL.md in a <skill> user message and warns about unreadable ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'codex-ts-mention-'));
    try {
      const path = join(dir, 'SKILL.md');
      writeFileSync(path, '---\nname: alpha\ndescription: a\n---\nDo A.\n');
      const result = await buildSkillInjections([text('please $alpha and $gone')], [skill('alpha', path), skill('gone', join(dir, 'missing.md'))]);
      assert.deepEqual(result.items, [skillMessage('alpha', path, '---\nname: alpha\ndescription: a\n---\nDo A.\n')]);
      assert.deepEqual(result.items[0]?.content[0]?.text, `<skill>\n<name>alpha</name>\n<path>${path}</path>\n---\nname: alpha\ndescription: a\n---\nDo A.\n\n</skill>`);
      assert.equal(result.items[0]?.role, 'user');
      assert.equal(result.warnings.length, 1);
      assert.match(result.warnings[0] as string, /^Failed to load skill gone at .*missing\.md: ENOENT/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('agent: the opening context', () => {
  let root: string;
  let repo: string;
  let codexHome: string;

  beforeEach(() => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'codex-ts-opening-')));
    repo = join(root, 'repo');
    codexHome = join(root, 'home');
    mkdirSync(join(repo, 'src'), { recursive: true });
    mkdirSync(codexHome);
    execFileSync('git', ['init', '-q', repo]);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const settings = (cwd: string) => ({
    cwd,
    baseInstructions: 'BASE',
    developerInstructions: 'DEV',
    approvalPolicy: 'never' as const,
    sandbox: { type: 'dangerFullAccess' as const },
  });
  const context = (table: Record<string, unknown> = {}) =>
    new AgentContext({ codexHome, homeDir: join(root, 'nohome'), adminSkillsDir: null, configFor: () => agentConfigFromTable(table), now: () => new Date(2026, 0, 2) });
  const writeSkill = (path: string, name: string): void => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `---\nname: ${name}\ndescription: ${name} things\n---\nbody\n`);
  };

  it('is a developer message (base, developer, skills) and a user message (AGENTS.md, environment)', async () => {
    writeFileSync(join(codexHome, 'AGENTS.md'), 'global');
    writeFileSync(join(repo, 'AGENTS.md'), 'repo rules');
    writeSkill(join(repo, '.agents/skills/lint/SKILL.md'), 'lint');
    const cwd = join(repo, 'src');
    const [developer, user, ...rest] = await context().openingContext(settings(cwd));
    assert.equal(rest.length, 0);
    assert.equal(developer?.role, 'developer');
    const devTexts = developer?.content.map((p) => p.text) ?? [];
    assert.deepEqual(devTexts.slice(0, 2), ['BASE', '<developer_instructions>\nDEV\n</developer_instructions>']);
    assert.match(devTexts[2] as string, new RegExp(`^<skills_instructions>[^]*- lint: lint things \\(file: ${join(repo, '.agents/skills/lint/SKILL.md')}\\)`));
    assert.equal(user?.role, 'user');
    const userTexts = user?.content.map((p) => p.text) ?? [];
    assert.equal(userTexts[0], `# AGENTS.md instructions for ${cwd}\n\n<INSTRUCTIONS>\nglobal\n\n--- project-doc ---\n\nrepo rules\n</INSTRUCTIONS>`);
    assert.match(userTexts[1] as string, new RegExp(`^<environment_context>\\n  <cwd>${cwd}</cwd>[^]*<current_date>2026-01-02</current_date>`));
  });

  it('has no AGENTS.md or skills part when there is nothing to say, and honours the config', async () => {
    const [developer, user] = await context().openingContext(settings(repo));
    assert.equal(developer?.content.length, 2);
    assert.equal(user?.content.length, 1);
    writeFileSync(join(repo, 'AGENTS.md'), 'repo rules');
    const [, disabled] = await context({ project_doc_max_bytes: 0 }).openingContext(settings(repo));
    assert.equal(disabled?.content.length, 1, 'project_doc_max_bytes = 0 turns project docs off');
    const src = join(repo, 'src');
    writeFileSync(join(src, 'NOTES.md'), 'fallback notes');
    mkdirSync(join(src, '.git')); // a nested repo: src is its own project root
    const [, plain] = await context().openingContext(settings(src));
    assert.equal(plain?.content.length, 1, 'the repo above src is not read, NOTES.md is not a doc name');
    const [, fallback] = await context({ project_doc_fallback_filenames: ['NOTES.md'] }).openingContext(settings(src));
    assert.match(fallback?.content[0]?.text as string, /<INSTRUCTIONS>\nfallback notes\n<\/INSTRUCTIONS>$/);
    assert.deepEqual(agentConfigFromTable({ project_doc_max_bytes: -1, project_doc_fallback_filenames: [1] }), DEFAULT_AGENT_CONFIG);
  });

  it('injects only the skills a turn names, read fresh from disk', async () => {
    const ctx = context();
    assert.deepEqual(await ctx.skillInjections(repo, [text('no mentions here')]), { items: [], warnings: [] });
    writeSkill(join(repo, '.agents/skills/lint/SKILL.md'), 'lint');
    const { items } = await ctx.skillInjections(repo, [text('run $lint now')]);
    assert.equal(items.length, 1);
    assert.match(items[0]?.content[0]?.text as string, /^<skill>\n<name>lint<\/name>\n<path>.*lint\/SKILL\.md<\/path>\n---\nname: lint/);
  });
});
