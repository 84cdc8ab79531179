// Skills RPC vocabulary: `skills/list` params and result (the Codex 0.169 schema: one entry per
// cwd with its skills and the SKILL.md files that failed to load).
import * as z from 'zod';
import { wireObject } from './wire';

export const SkillScope = z.enum(['user', 'repo', 'system', 'admin']);
export type SkillScope = z.output<typeof SkillScope>;

export const SkillMetadata = z.lazy(() => wireObject({
  name: z.string(),
  description: z.string(),
  /** `metadata.short-description` from the front matter, when present. */
  shortDescription: z.string().optional(),
  /** Absolute path of the SKILL.md file. */
  path: z.string(),
  scope: SkillScope,
  enabled: z.boolean(),
  pluginId: z.string().nullable(),
}));
export type SkillMetadata = z.output<typeof SkillMetadata>;

export const SkillErrorInfo = z.lazy(() => wireObject({ path: z.string(), message: z.string() }));
export type SkillErrorInfo = z.output<typeof SkillErrorInfo>;

export const SkillsListEntry = z.lazy(() => wireObject({ cwd: z.string(), skills: z.array(SkillMetadata), errors: z.array(SkillErrorInfo) }));
export type SkillsListEntry = z.output<typeof SkillsListEntry>;

export const SkillsListParams = z.object({
  /** Empty or absent: the server's working directory. */
  cwds: z.array(z.string()).optional(),
  /** Skills are always re-read from disk, so this changes nothing (accepted for compatibility). */
  forceReload: z.boolean().optional(),
});

export const SkillsListResult = z.lazy(() => wireObject({ data: z.array(SkillsListEntry) }));
export type SkillsListResult = z.output<typeof SkillsListResult>;
