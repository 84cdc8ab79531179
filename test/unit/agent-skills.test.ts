// Skills: the SKILL.md front-matter subset, validation errors (Codex's messages), discovery across
// repo / user / system / admin roots (hidden entries skipped, duplicates by real path once, system
// errors silent), `[[skills.config]]` disabling by path, and the `<skills_instructions>` part.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { extractFrontMatter, parseFrontMatter } from '../../server/context/frontMatter';
import { loadSkills, parseSkill, skillOverridesFromConfig, skillRoots, type SkillMetadata } from '../../server/context/skills';
import { skillsInstructionsText } from '../../server/context/skillsContext';

function skillFile(path: string, name: string, description: string, extra = ''): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `---\nname: ${name}\ndescription: ${description}\n${extra}---\n\n# ${name}\nSteps.\n`);
  return realpathSync(path);
}

describe('agent: SKILL.md front matter', () => {
  it('parses plain, quoted, folded, literal and multi-line plain values and one nested map', () => {
    const yaml = [
      'name: "pdf-tools"',
      "title: 'it''s here' # comment",
      'description: >-',
      '  Fill and merge',
      '  PDF forms.',
      'notes: |',
      '  line one',
      '',
      '  line two',
      'summary: plain text',
      '  continued here',
      '# a comment line',
      'metadata:',
      '  short-description: "Short \\u00e9"',
      '  tags: pdf',
    ].join('\n');
    assert.deepEqual(parseFrontMatter(yaml), {
      name: 'pdf-tools',
      title: "it's here",
      description: 'Fill and merge PDF forms.',
      notes: 'line one\n\nline two\n',
      summary: 'plain text continued here',
      metadata: { 'short-description': 'Short é', tags: 'pdf' },
    });
  });

  it('rejects what the subset does not support, with a line number', () => {
    assert.throws(() => parseFrontMatter('name: [a, b]'), /line 1: unsupported YAML value for 'name'/);
    assert.throws(() => parseFrontMatter('name: a\nname: b'), /line 2: duplicate key 'name'/);
    assert.throws(() => parseFrontMatter('just words'), /line 1: expected 'key: value'/);
    assert.throws(() => parseFrontMatter('name: "open'), /unterminated double-quoted string/);
  });

  it('needs a leading --- block that is closed and not empty', () => {
    assert.equal(extractFrontMatter('name: x\n'), null);
    assert.equal(extractFrontMatter('---\nname: x\n'), null);
    assert.equal(extractFrontMatter('---\n---\nbody'), null);
    assert.deepEqual(extractFrontMatter('\uFEFF---\r\nname: x\r\n---\r\nbody'), { yaml: 'name: x', body: 'body' });
  });

  it('validates name and description like Codex (single line, lengths, messages)', () => {
    const skill = parseSkill('---\nname: demo\ndescription: |\n  does things\n  carefully\nmetadata:\n  short-description: quick\n---\nBody\n');
    assert.deepEqual(skill, { name: 'demo', description: 'does things carefully', shortDescription: 'quick', body: 'Body\n' });
    assert.throws(() => parseSkill('no front matter'), { message: 'missing YAML frontmatter delimited by ---' });
    assert.throws(() => parseSkill('---\nname: demo\n---\n'), { message: 'missing field `description`' });
    assert.throws(() => parseSkill(`---\nname: ${'n'.repeat(65)}\ndescription: d\n---\n`), { message: 'invalid name: exceeds maximum length of 64 characters' });
    assert.ok(parseSkill(`---\nname: n\ndescription: ${'💡'.repeat(1024)}\n---\n`));
    assert.throws(() => parseSkill(`---\nname: n\ndescription: ${'💡'.repeat(1025)}\n---\n`), /invalid description/);
    assert.throws(() => parseSkill('---\nname: [x]\ndescription: d\n---\n'), /^Error: invalid YAML: line 1/);
  });
});

describe('agent: skills discovery', () => {
  let root: string;
  let repo: string;
  let cwd: string;
  let codexHome: string;
  let home: string;
  let admin: string;

  beforeEach(() => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'codex-ts-skills-')));
    repo = join(root, 'repo');
    cwd = join(repo, 'pkg');
    codexHome = join(root, 'codex-home');
    home = join(root, 'home');
    admin = join(root, 'etc-codex-skills');
    mkdirSync(cwd, { recursive: true });
    execFileSync('git', ['init', '-q', repo]);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const roots = () => skillRoots({ cwd, codexHome, homeDir: home, adminDir: admin });

  it('lists the roots from the repo root down to cwd, then user, system and admin', () => {
    assert.deepEqual(roots(), [
      { path: join(repo, '.agents/skills'), scope: 'repo' },
      { path: join(cwd, '.agents/skills'), scope: 'repo' },
      { path: join(codexHome, 'skills'), scope: 'user' },
      { path: join(home, '.agents/skills'), scope: 'user' },
      { path: join(codexHome, 'skills/.system'), scope: 'system' },
      { path: admin, scope: 'admin' },
    ]);
  });

  it('finds SKILL.md files in every root with their scope, sorted by name, errors reported', async () => {
    const repoSkill = skillFile(join(repo, '.agents/skills/commit/SKILL.md'), 'commit', 'Stage and commit changes');
    const nestedSkill = skillFile(join(cwd, '.agents/skills/group/deploy/SKILL.md'), 'deploy', 'Ship it');
    const userSkill = skillFile(join(home, '.agents/skills/pdf/SKILL.md'), 'pdf', 'Work with PDFs', 'metadata:\n  short-description: PDFs\n');
    const legacyUser = skillFile(join(codexHome, 'skills/notes/SKILL.md'), 'notes', 'Take notes');
    const systemSkill = skillFile(join(codexHome, 'skills/.system/creator/SKILL.md'), 'creator', 'Create skills');
    const adminSkill = skillFile(join(admin, 'audit/SKILL.md'), 'audit', 'Audit the repo');
    skillFile(join(home, '.agents/skills/.hidden/SKILL.md'), 'hidden', 'never listed');
    mkdirSync(join(home, '.agents/skills/broken'), { recursive: true });
    writeFileSync(join(home, '.agents/skills/broken/SKILL.md'), '---\nname: broken');
    mkdirSync(join(codexHome, 'skills/.system/bad'), { recursive: true });
    writeFileSync(join(codexHome, 'skills/.system/bad/SKILL.md'), 'no front matter');

    const outcome = await loadSkills(roots());
    const summary = (skill: SkillMetadata): string[] => [skill.name, skill.scope, skill.path];
    assert.deepEqual(outcome.skills.map(summary), [
      ['audit', 'admin', adminSkill],
      ['commit', 'repo', repoSkill],
      ['creator', 'system', systemSkill],
      ['deploy', 'repo', nestedSkill],
      ['notes', 'user', legacyUser],
      ['pdf', 'user', userSkill],
    ]);
    assert.deepEqual(outcome.skills.find((s) => s.name === 'pdf'), {
      name: 'pdf',
      description: 'Work with PDFs',
      shortDescription: 'PDFs',
      path: userSkill,
      scope: 'user',
      enabled: true,
      pluginId: null,
    });
    assert.deepEqual(outcome.errors, [{ path: join(home, '.agents/skills/broken/SKILL.md'), message: 'missing YAML frontmatter delimited by ---' }]);
  });

  it('counts a skill reachable twice (linked root) once and keeps same-named skills apart', async () => {
    const a = skillFile(join(repo, '.agents/skills/a/SKILL.md'), 'same', 'from the repo');
    const b = skillFile(join(home, '.agents/skills/b/SKILL.md'), 'same', 'from home');
    mkdirSync(join(codexHome), { recursive: true });
    symlinkSync(join(home, '.agents/skills'), join(codexHome, 'skills'));
    const outcome = await loadSkills(roots());
    assert.deepEqual(
      outcome.skills.map((s) => [s.path, s.scope]),
      [
        [a, 'repo'],
        [b, 'user'],
      ].sort((x, y) => (x[0] as string).localeCompare(y[0] as string)),
    );
  });

  it('disables skills named by [[skills.config]] (file or folder path; the last entry wins)', async () => {
    const pdf = skillFile(join(home, '.agents/skills/pdf/SKILL.md'), 'pdf', 'PDFs');
    const notes = skillFile(join(home, '.agents/skills/notes/SKILL.md'), 'notes', 'Notes');
    const overrides = skillOverridesFromConfig({
      config: [{ path: pdf, enabled: false }, { path: dirname(notes), enabled: false }, { path: notes, enabled: true }, { enabled: false }, 'junk'],
    });
    assert.equal(overrides.length, 3);
    const outcome = await loadSkills(roots(), overrides);
    assert.deepEqual(outcome.skills.map((s) => [s.name, s.enabled]), [
      ['notes', true],
      ['pdf', false],
    ]);
    assert.deepEqual(skillOverridesFromConfig(undefined), []);
  });
});

describe('agent: the <skills_instructions> part', () => {
  const skill = (name: string, enabled = true): SkillMetadata => ({ name, description: `${name} things`, path: `/s/${name}/SKILL.md`, scope: 'user', enabled, pluginId: null });

  it('lists enabled skills with their file and says how to use them; nothing when none is enabled', () => {
    const text = skillsInstructionsText([skill('alpha'), skill('beta', false), skill('gamma')]) as string;
    assert.match(text, /^<skills_instructions>\n## Skills\n/);
    assert.match(text, /\n<\/skills_instructions>$/);
    assert.ok(text.includes('\n- alpha: alpha things (file: /s/alpha/SKILL.md)\n- gamma: gamma things (file: /s/gamma/SKILL.md)\n### Using skills\n'));
    assert.ok(!text.includes('beta'));
    assert.equal(skillsInstructionsText([skill('off', false)]), null);
    assert.equal(skillsInstructionsText([]), null);
  });

  it('keeps the list within its budget and counts what it left out', () => {
    const many = Array.from({ length: 400 }, (_, i) => skill(`skill-${String(i).padStart(3, '0')}`));
    const text = skillsInstructionsText(many) as string;
    const listed = text.split('\n').filter((line) => line.startsWith('- skill-')).length;
    assert.ok(listed > 50 && listed < 400, `listed ${listed}`);
    assert.ok(text.includes(`- (${400 - listed} more skills not listed; the user can name them with \`$name\`)`));
  });
});
