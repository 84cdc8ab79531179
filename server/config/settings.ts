// The settings a thread needs, read off an effective config table (already layered, validated and
// constrained). `enforced` names the keys a thread request may not override: those set by
// managed_config.toml and those that requirements forced to an allowed value.
import * as z from 'zod';
import { AskForApproval, SandboxMode } from '../protocol/common';
import type { TomlTable } from './tables';
import { INTERPRETED } from './validateLayer';

export const DEFAULT_MODEL = 'gpt-5.5';
export const DEFAULT_PROVIDER = 'openai';

const Settings = z.object({
  model: z.string().default(DEFAULT_MODEL),
  model_provider: z.string().default(DEFAULT_PROVIDER),
  approval_policy: z.union([AskForApproval, z.literal('on-failure')]).default('on-request'),
  sandbox_mode: SandboxMode.default('read-only'),
  model_reasoning_effort: z.string().optional(),
  model_reasoning_summary: z.enum(['auto', 'concise', 'detailed', 'none']).optional(),
  model_verbosity: z.enum(['low', 'medium', 'high']).optional(),
  base_instructions: z.string().optional(),
  developer_instructions: z.string().optional(),
  model_context_window: z.number().int().positive().optional(),
  model_providers: z.record(z.string(), z.unknown()).default({}),
  sandbox_workspace_write: z
    .object({
      writable_roots: z.array(z.string()).default([]),
      network_access: z.boolean().default(false),
      exclude_tmpdir_env_var: z.boolean().default(false),
      exclude_slash_tmp: z.boolean().default(false),
    })
    .optional(),
});

/** `approval_policy` may be the deprecated `on-failure` (not a protocol value; threadSettings.ts maps it). */
export type EffectiveSettings = z.infer<typeof Settings> & {
  /** Config keys whose value must win over thread request fields (managed or requirement-forced). */
  readonly enforced?: ReadonlySet<string>;
};

const SETTINGS_KEYS = Object.keys(Settings.shape);

/**
 * The table was validated layer by layer, so parsing it cannot fail on a type; a key that still
 * does not fit (e.g. a zero context window) falls back to its default rather than failing.
 */
export function settingsFromTable(table: TomlTable, enforced: ReadonlySet<string> = new Set()): EffectiveSettings {
  let candidate: TomlTable = Object.fromEntries(SETTINGS_KEYS.filter((key) => table[key] !== undefined).map((key) => [key, table[key]]));
  for (let attempt = 0; attempt < SETTINGS_KEYS.length; attempt++) {
    const parsed = Settings.safeParse(candidate, INTERPRETED);
    if (parsed.success) return { ...parsed.data, enforced };
    const key = parsed.error.issues[0]?.path[0];
    if (typeof key !== 'string') break;
    candidate = { ...candidate };
    delete candidate[key];
  }
  return { ...Settings.parse({}, INTERPRETED), enforced };
}
