// The context a thread's agent starts with and the per-turn skill injections, built from the
// files on disk each time they are needed (AGENTS.md and skills are small; re-reading means edits
// apply to the next thread without a restart). The opening context is, as in Codex:
//   1. developer: base instructions, `<developer_instructions>`, `<skills_instructions>`;
//   2. user: `# AGENTS.md instructions for <cwd>` (when there are any), `<environment_context>`.
// Settings that tune discovery (project_doc_max_bytes, project_doc_fallback_filenames,
// project_root_markers, [[skills.config]]) come from the effective config for the thread's cwd.
import type { AskForApproval, SandboxPolicy } from '../protocol/common';
import { currentEnvironment, environmentContextMessage, instructionsMessage, type MessageInputItem } from './environmentContext';
import { DEFAULT_PROJECT_DOC_MAX_BYTES, loadUserInstructions, userInstructionsText } from './projectDocs';
import { loadSkills, skillOverridesFromConfig, skillRoots, type SkillLoadOutcome, type SkillOverride } from './skills';
import { buildSkillInjections, skillsInstructionsText, type MentionInput, type SkillInjections } from './skillsContext';

/** The config keys that tune discovery, read off an effective config table. */
export interface AgentConfig {
  readonly projectDocMaxBytes: number;
  readonly projectDocFallbackFilenames: readonly string[];
  readonly projectRootMarkers: readonly string[] | undefined;
  readonly skillOverrides: readonly SkillOverride[];
}

export const DEFAULT_AGENT_CONFIG: AgentConfig = {
  projectDocMaxBytes: DEFAULT_PROJECT_DOC_MAX_BYTES,
  projectDocFallbackFilenames: [],
  projectRootMarkers: undefined,
  skillOverrides: [],
};

const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

export function agentConfigFromTable(table: Readonly<Record<string, unknown>>): AgentConfig {
  const maxBytes = table.project_doc_max_bytes;
  return {
    projectDocMaxBytes: typeof maxBytes === 'number' && Number.isInteger(maxBytes) && maxBytes >= 0 ? maxBytes : DEFAULT_PROJECT_DOC_MAX_BYTES,
    projectDocFallbackFilenames: isStringList(table.project_doc_fallback_filenames) ? table.project_doc_fallback_filenames : [],
    projectRootMarkers: isStringList(table.project_root_markers) ? table.project_root_markers : undefined,
    skillOverrides: skillOverridesFromConfig(table.skills),
  };
}

/** The thread settings the opening context depends on. */
export interface OpeningSettings {
  readonly cwd: string;
  readonly baseInstructions: string;
  readonly developerInstructions: string | null;
  readonly approvalPolicy: AskForApproval;
  /** The config's deprecated on-failure behind approvalPolicy 'on-request' (the model is told on-failure). */
  readonly approvalOnFailure?: boolean;
  readonly sandbox: SandboxPolicy;
}

const modelPolicy = (s: OpeningSettings): AskForApproval | 'on-failure' => (s.approvalOnFailure === true ? 'on-failure' : s.approvalPolicy);

export interface AgentContextOptions {
  readonly codexHome: string;
  /** Discovery settings for a cwd (defaults when absent). */
  readonly configFor?: (cwd: string) => AgentConfig;
  /** The user's home directory for `~/.agents/skills` (default os.homedir()). */
  readonly homeDir?: string;
  /** Admin skills directory (default /etc/codex/skills); null to skip. */
  readonly adminSkillsDir?: string | null;
  /** Fixed clock for tests. */
  readonly now?: () => Date;
}

/** Adds parts to a message without mutating it. */
function withParts(message: MessageInputItem, before: string[], after: string[]): MessageInputItem {
  const part = (text: string): MessageInputItem['content'][number] => ({ type: 'input_text', text });
  return { ...message, content: [...before.map(part), ...message.content, ...after.map(part)] };
}

export class AgentContext {
  constructor(private readonly options: AgentContextOptions) {}

  private config(cwd: string): AgentConfig {
    try {
      return this.options.configFor?.(cwd) ?? DEFAULT_AGENT_CONFIG;
    } catch {
      return DEFAULT_AGENT_CONFIG; // a config problem is reported by the config layer; discovery goes on with defaults
    }
  }

  /** Every skill visible from cwd, disabled ones included (marked `enabled: false`). */
  async skills(cwd: string): Promise<SkillLoadOutcome> {
    const config = this.config(cwd);
    const roots = skillRoots({
      cwd,
      codexHome: this.options.codexHome,
      ...(this.options.homeDir !== undefined ? { homeDir: this.options.homeDir } : {}),
      ...(this.options.adminSkillsDir !== undefined ? { adminDir: this.options.adminSkillsDir } : {}),
      ...(config.projectRootMarkers ? { rootMarkers: config.projectRootMarkers } : {}),
    });
    return loadSkills(roots, config.skillOverrides);
  }

  /** The combined AGENTS.md text for cwd (global + project docs) and the files it came from. */
  async userInstructions(cwd: string): Promise<{ text: string | null; sources: readonly string[] }> {
    const config = this.config(cwd);
    return loadUserInstructions(this.options.codexHome, {
      cwd,
      maxBytes: config.projectDocMaxBytes,
      fallbackFilenames: config.projectDocFallbackFilenames,
      ...(config.projectRootMarkers ? { rootMarkers: config.projectRootMarkers } : {}),
    });
  }

  /** The items that open a thread's history, in order. */
  async openingContext(settings: OpeningSettings): Promise<MessageInputItem[]> {
    const [skills, instructions] = await Promise.all([this.skills(settings.cwd), this.userInstructions(settings.cwd)]);
    const skillsPart = skillsInstructionsText(skills.skills);
    const developer = withParts(instructionsMessage(settings.baseInstructions, settings.developerInstructions), [], skillsPart ? [skillsPart] : []);
    const environment = environmentContextMessage(currentEnvironment(settings.cwd, modelPolicy(settings), settings.sandbox, this.options.now?.()));
    const agents = instructions.text === null ? [] : [userInstructionsText(settings.cwd, instructions.text)];
    return [developer, withParts(environment, agents, [])];
  }

  /** The messages inlining the skills a turn's input names (read fresh from disk). */
  async skillInjections(cwd: string, input: readonly MentionInput[]): Promise<SkillInjections> {
    const mentionsPossible = input.some((part) => part.type === 'skill' || (part.type === 'text' && (part as { text: string }).text.includes('$')));
    if (!mentionsPossible) return { items: [], warnings: [] };
    return buildSkillInjections(input, (await this.skills(cwd)).skills);
  }
}

/** The opening context without an AgentContext (no AGENTS.md, no skills): what tests and old callers get. */
export function basicOpeningContext(settings: OpeningSettings): MessageInputItem[] {
  return [
    instructionsMessage(settings.baseInstructions, settings.developerInstructions),
    environmentContextMessage(currentEnvironment(settings.cwd, modelPolicy(settings), settings.sandbox)),
  ];
}
