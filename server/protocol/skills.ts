// Skills RPC vocabulary: `skills/list` params and result (the Codex 0.169 schema: one entry per
// cwd with its skills and the SKILL.md files that failed to load).
import * as z from 'zod';

export type SkillScope = 'user' | 'repo' | 'system' | 'admin';

export interface SkillMetadata {
  name: string;
  description: string;
  /** `metadata.short-description` from the front matter, when present. */
  shortDescription?: string;
  /** Absolute path of the SKILL.md file. */
  path: string;
  scope: SkillScope;
  enabled: boolean;
  pluginId: string | null;
}

export interface SkillErrorInfo {
  path: string;
  message: string;
}

export interface SkillsListEntry {
  cwd: string;
  skills: SkillMetadata[];
  errors: SkillErrorInfo[];
}

export const SkillsListParams = z.object({
  /** Empty or absent: the server's working directory. */
  cwds: z.array(z.string()).optional(),
  /** Skills are always re-read from disk, so this changes nothing (accepted for compatibility). */
  forceReload: z.boolean().optional(),
});

export interface SkillsListResult {
  data: SkillsListEntry[];
}
