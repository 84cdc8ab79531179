// What the model sees of skills: the `<skills_instructions>` developer part listing the enabled
// skills (name, description, SKILL.md path) with how to use them (our own wording), and, for a turn
// whose input names skills, one user message per skill carrying its SKILL.md:
// `<skill>\n<name>…</name>\n<path>…</path>\n<contents>\n</skill>` (the shape Codex sends).
// Mentions follow Codex: `$skill-name` (letters, digits, `_`, `-`; common environment variables
// such as $PATH and $HOME are not mentions), `[$skill-name](/path/to/SKILL.md)` links (matched by
// path), and structured `skill` input items (matched by path; their name is then not matched as
// plain text). A plain name selects a skill only when exactly one enabled skill has that name.
import { readFile } from 'node:fs/promises';
import type { MessageInputItem } from './environmentContext';
import type { SkillMetadata } from './skills';

export const SKILLS_INSTRUCTIONS_OPEN_TAG = '<skills_instructions>';
export const SKILLS_INSTRUCTIONS_CLOSE_TAG = '</skills_instructions>';
/** Roughly 2,000 tokens of skill lines; the rest are counted, not listed. */
const SKILL_LINES_CHAR_BUDGET = 8000;

const HOW_TO_USE = `### Using skills
- A skill applies when the user names it (\`$name\` or in plain words) or when the task clearly fits its description. Use every skill that applies, for this turn only; mention a skill again to use it in a later turn.
- Open the skill's SKILL.md before you start and follow it. Load other files it points to (references/, scripts/, assets/) only when the task needs them, and prefer running its scripts to retyping them.
- When several skills apply, pick the smallest set that covers the request and say in one line which ones you use and in what order.
- When a skill is missing, unreadable or does not fit the situation, say so briefly and carry on with the best alternative.`;

/** The `<skills_instructions>` developer part, or null when no skill is enabled. */
export function skillsInstructionsText(skills: readonly SkillMetadata[]): string | null {
  const enabled = skills.filter((skill) => skill.enabled);
  if (enabled.length === 0) return null;
  const lines = [
    '## Skills',
    'Skills are local instructions for specific tasks, each stored in a `SKILL.md` file. These skills are available in this session (name: description, and the file to open):',
  ];
  let used = 0;
  let omitted = 0;
  for (const skill of enabled) {
    const line = `- ${skill.name}: ${skill.description} (file: ${skill.path.replace(/\\/g, '/')})`;
    if (used + line.length > SKILL_LINES_CHAR_BUDGET) {
      omitted++;
      continue;
    }
    used += line.length + 1;
    lines.push(line);
  }
  if (omitted > 0) lines.push(`- (${omitted} more skill${omitted === 1 ? '' : 's'} not listed; the user can name them with \`$name\`)`);
  lines.push(HOW_TO_USE);
  return `${SKILLS_INSTRUCTIONS_OPEN_TAG}\n${lines.join('\n')}\n${SKILLS_INSTRUCTIONS_CLOSE_TAG}`;
}

const COMMON_ENV_VARS = new Set(['PATH', 'HOME', 'USER', 'SHELL', 'PWD', 'TMPDIR', 'TEMP', 'TMP', 'LANG', 'TERM', 'XDG_CONFIG_HOME']);
const NAME_CHAR = /[A-Za-z0-9_-]/;

export interface SkillMentions {
  /** `$name` mentions (not links). */
  readonly names: ReadonlySet<string>;
  /** Paths of `[$name](path)` links. */
  readonly paths: ReadonlySet<string>;
}

function readName(text: string, start: number): number {
  let end = start;
  while (end < text.length && NAME_CHAR.test(text[end] as string)) end++;
  return end;
}

/** The `$name` and `[$name](path)` mentions in one text. */
export function extractSkillMentions(text: string): SkillMentions {
  const names = new Set<string>();
  const paths = new Set<string>();
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '[' && text[i + 1] === '$') {
      const nameEnd = readName(text, i + 2);
      const name = text.slice(i + 2, nameEnd);
      let open = nameEnd + 1;
      while (open < text.length && /\s/.test(text[open] as string)) open++;
      const close = text.indexOf(')', open);
      if (name !== '' && text[nameEnd] === ']' && text[open] === '(' && close !== -1) {
        const path = text.slice(open + 1, close).trim();
        if (path !== '') {
          if (!COMMON_ENV_VARS.has(name.toUpperCase())) paths.add(path.startsWith('skill://') ? path.slice('skill://'.length) : path);
          i = close + 1;
          continue;
        }
      }
    }
    if (ch === '$') {
      const end = readName(text, i + 1);
      const name = text.slice(i + 1, end);
      if (name !== '' && !COMMON_ENV_VARS.has(name.toUpperCase())) names.add(name);
      i = Math.max(end, i + 1);
      continue;
    }
    i++;
  }
  return { names, paths };
}

/** The parts of user input that can name skills. */
export type MentionInput = { type: 'text'; text: string } | { type: 'skill'; name: string; path: string } | { type: string };

/** The skills the input names, in the order of `skills` (structured items first, then links, then names). */
export function selectMentionedSkills(input: readonly MentionInput[], skills: readonly SkillMetadata[]): SkillMetadata[] {
  const enabled = skills.filter((skill) => skill.enabled);
  const selected: SkillMetadata[] = [];
  const seen = new Set<string>();
  const take = (skill: SkillMetadata): void => {
    if (seen.has(skill.path)) return;
    seen.add(skill.path);
    selected.push(skill);
  };
  const blockedNames = new Set<string>();
  for (const part of input) {
    if (part.type !== 'skill') continue;
    const { name, path } = part as { name: string; path: string };
    blockedNames.add(name);
    const skill = enabled.find((candidate) => candidate.path === path);
    if (skill) take(skill);
  }
  const counts = new Map<string, number>();
  for (const skill of enabled) counts.set(skill.name, (counts.get(skill.name) ?? 0) + 1);
  for (const part of input) {
    if (part.type !== 'text') continue;
    const mentions = extractSkillMentions((part as { text: string }).text);
    for (const skill of enabled) if (mentions.paths.has(skill.path)) take(skill);
    for (const skill of enabled) {
      if (!mentions.names.has(skill.name) || blockedNames.has(skill.name) || counts.get(skill.name) !== 1) continue;
      take(skill);
    }
  }
  return selected;
}

/** The user message that inlines one skill's SKILL.md. */
export function skillMessage(name: string, path: string, contents: string): MessageInputItem {
  return { type: 'message', role: 'user', content: [{ type: 'input_text', text: `<skill>\n<name>${name}</name>\n<path>${path}</path>\n${contents}\n</skill>` }] };
}

export interface SkillInjections {
  readonly items: MessageInputItem[];
  /** Skills named but unreadable: `Failed to load skill <name> at <path>: <reason>`. */
  readonly warnings: string[];
}

/** Reads the SKILL.md of every skill the input names and builds the messages that inline them. */
export async function buildSkillInjections(input: readonly MentionInput[], skills: readonly SkillMetadata[]): Promise<SkillInjections> {
  const items: MessageInputItem[] = [];
  const warnings: string[] = [];
  for (const skill of selectMentionedSkills(input, skills)) {
    try {
      items.push(skillMessage(skill.name, skill.path, await readFile(skill.path, 'utf8')));
    } catch (error) {
      warnings.push(`Failed to load skill ${skill.name} at ${skill.path}: ${(error as Error).message}`);
    }
  }
  return { items, warnings };
}
